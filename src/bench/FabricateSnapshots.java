import io.lifeboat.kernel.BackupMode;
import io.lifeboat.manifest.FileList;
import io.lifeboat.manifest.FileListWriter;
import io.lifeboat.manifest.Manifest;
import io.lifeboat.manifest.ManifestCodec;
import io.lifeboat.manifest.NodeEntry;
import io.lifeboat.manifest.NodeManifest;
import io.lifeboat.kernel.Sha256;
import io.lifeboat.store.SnapshotSummary;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes SNAPSHOTS complete differential snapshots of NODES nodes into a new S3 bucket, as Lifeboat writes them (manifest,
 * summary key, file lists), each node with FILES small file objects of its own: a store to time listing and purging on,
 * made in seconds instead of a thousand backups. Usage: FabricateSnapshots ENDPOINT BUCKET SNAPSHOTS NODES FILES
 */
public class FabricateSnapshots {

    public static void main(String[] args) throws Exception {
        String bucket = args[1];
        int snapshots = Integer.parseInt(args[2]);
        int nodes = Integer.parseInt(args[3]);
        int files = Integer.parseInt(args[4]);
        S3Client s3 = S3Client.builder().endpointOverride(URI.create(args[0])).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("benchmark", "benchmark"))).build();
        s3.createBucket(b -> b.bucket(bucket));
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> writes = new ArrayList<>();
        Instant first = Instant.now().minusSeconds(86_400L * snapshots);
        for (int s = 0; s < snapshots; s++) {
            String name = String.format("nightly-%05d", s);
            Instant completed = first.plusSeconds(86_400L * s);
            writes.add(pool.submit(() -> {
                List<NodeManifest> entries = new ArrayList<>();
                for (int node = 0; node < nodes; node++) {
                    ByteArrayOutputStream list = new ByteArrayOutputStream();
                    FileListWriter<NodeEntry> writer = FileListWriter.ofEntries(list);
                    for (int f = 0; f < files; f++) {
                        byte[] data = (name + "/" + node + "/" + f).getBytes();
                        String key = ".lifeboat/files/" + name + "/run/node-" + node + "/ks/t/nb-" + f + "-big-Data.db";
                        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
                        writer.add(NodeEntry.file("ks/t/nb-" + f + "-big-Data.db", 0100644, completed.toString(), data.length,
                                Sha256.of(data), key, "none", data.length));
                    }
                    String listKey = name + "/node-" + node + ".files.jsonl.gz";
                    FileList.Stored stored = writer.finish(listKey);
                    s3.putObject(b -> b.bucket(bucket).key(listKey), RequestBody.fromBytes(list.toByteArray()));
                    entries.add(new NodeManifest(node, listKey, stored.size(), stored.sha256(), List.of("ks"),
                            new FileList.PerFileObjects(files, files * 20L, files, files * 20L)));
                }
                Manifest manifest = new Manifest(Manifest.DIFFERENTIAL_FORMAT_VERSION, name, "bench", "files", completed.minusSeconds(60),
                        completed, "serial", "gzip", List.of("ks"), null, entries, BackupMode.DIFFERENTIAL, null);
                s3.putObject(b -> b.bucket(bucket).key(name + "/manifest.json"), RequestBody.fromBytes(ManifestCodec.write(manifest)));
                s3.putObject(b -> b.bucket(bucket).key(SnapshotSummary.of(manifest, Optional.empty()).key()), RequestBody.empty());
                return null;
            }));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();
        System.out.printf("  fabricated %d snapshots of %d nodes (%d objects) in %.1f s%n", snapshots, nodes,
                (long) snapshots * (2 + nodes * (1 + files)), (System.nanoTime() - started) / 1e9);
    }
}
