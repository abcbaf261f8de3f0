package io.lifeboat.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lifeboat.archive.FileEntry;
import io.lifeboat.cluster.Topology;
import io.lifeboat.kernel.BackupMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ManifestCodecTest {

    private static final String KEY = "nightly/manifest.json";
    private static final String SHA = "a".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Manifest manifest(FileList files) {
        return new Manifest(Manifest.FORMAT_VERSION, "nightly", "prod", "files", Instant.parse("2026-11-27T02:00:00Z"),
                Instant.parse("2026-11-27T02:10:00Z"), "serial", "gzip", List.of("ks1"), null,
                List.of(new NodeManifest(0, "nightly/node-0.tar.gz", 123, SHA, List.of("ks1"), files)));
    }

    @Test
    void roundTripsAManifestWhoseFilesAreListedBesideIt() throws IOException {
        Manifest written = manifest(new FileList.Stored("nightly/node-0.files.jsonl.gz", 45, "b".repeat(64)));

        assertEquals(written, ManifestCodec.read(KEY, ManifestCodec.write(written)));
    }

    @Test
    void roundTripsTheRingOfACassandraSnapshot() throws IOException {
        Topology ring = new Topology("org.apache.cassandra.dht.Murmur3Partitioner", List.of(
                new Topology.Member(Optional.of(0), "host-0", "127.0.0.2", "dc-east", "rack1", List.of("-5", "7"), "5.0.6", "127.0.0.2", 9042, 7000),
                new Topology.Member(Optional.empty(), "host-9", "127.0.0.9", "dc-east", "rack2", List.of("3"), "5.0.6", "127.0.0.9", 9042, 7000)),
                Map.of("ks1", Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc-east", "2")));
        Manifest plain = manifest(new FileList.Stored("nightly/node-0.files.jsonl.gz", 45, "b".repeat(64)));
        Manifest written = new Manifest(Manifest.RING_FORMAT_VERSION, "nightly", "prod", "cassandra", plain.startedAt(), plain.completedAt(),
                "serial", "gzip", List.of("ks1"), new SchemaEntry("nightly/schema.cql", 10, SHA), plain.nodes(), BackupMode.FULL, null, ring,
                Map.of("ks1", List.of("t1", "t2")));

        Manifest read = ManifestCodec.read(KEY, ManifestCodec.write(written));

        assertEquals(written, read);
        assertEquals(2, read.topology().orElseThrow().members().get(0).numTokens());
    }

    @Test
    void refusesAFormatFourManifestWithoutItsRing() {
        ManifestException refused = assertThrows(ManifestException.class, () -> ManifestCodec.read(KEY, ("{\"formatVersion\": 4, \"snapshot\": \"n\","
                + " \"cluster\": \"c\", \"startedAt\": \"2026-11-27T02:00:00Z\", \"completedAt\": \"2026-11-27T02:00:00Z\", \"strategy\": \"serial\","
                + " \"compression\": \"gzip\", \"keyspaces\": [], \"schema\": null, \"nodes\": [{\"index\": 0, \"object\": \"n/node-0.tar\","
                + " \"size\": 1, \"sha256\": \"" + SHA + "\", \"keyspaces\": [], \"files\": [{\"path\": \"n/f\", \"size\": 1,"
                + " \"sha256\": \"" + SHA + "\"}]}]}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(KEY + " is not a valid manifest: ring is missing (format 4 records the ring of a Cassandra snapshot)", refused.getMessage());
    }

    @Test
    void readsFormatOneWithItsFilesInline() throws IOException {
        // As format 1 was written, before clusterType existed.
        String old = """
                {"formatVersion": 1, "snapshot": "nightly", "cluster": "prod", "startedAt": "2026-11-27T02:00:00Z",
                 "completedAt": "2026-11-27T02:10:00Z", "strategy": "serial", "compression": "gzip", "keyspaces": ["ks1"], "schema": null,
                 "nodes": [{"index": 0, "object": "nightly/node-0.tar.gz", "size": 123, "sha256": "%s", "keyspaces": ["ks1"],
                            "files": [{"path": "ks1/t/a.db", "size": 3, "sha256": "%s"}, {"path": "ks1/t/b.db", "size": 0, "sha256": "%s"}]}]}
                """.formatted(SHA, SHA, SHA);

        Manifest read = ManifestCodec.read(KEY, old.getBytes(StandardCharsets.UTF_8));

        assertEquals(1, read.formatVersion());
        assertEquals("files", read.clusterType());
        assertEquals(new FileList.Inline(List.of(new FileEntry("ks1/t/a.db", 3, SHA), new FileEntry("ks1/t/b.db", 0, SHA))),
                read.node(0).orElseThrow().files());
    }

    /** The manifest classes of format 1, as a Lifeboat that reads only format 1 binds them: unknown fields fail. */
    record V1FileEntry(String path, long size, String sha256) {
    }

    record V1NodeManifest(int index, String object, long size, String sha256, List<String> keyspaces, List<V1FileEntry> files) {
    }

    record V1SchemaEntry(String object, long size, String sha256) {
    }

    record V1Manifest(int formatVersion, String snapshot, String cluster, String clusterType, Instant startedAt, Instant completedAt,
                      String strategy, String compression, List<String> keyspaces, V1SchemaEntry schema, List<V1NodeManifest> nodes) {
    }

    @Test
    void aFormatOneReaderParsesFormatTwoAndSoRefusesItByItsVersion() throws IOException {
        byte[] json = ManifestCodec.write(manifest(new FileList.Stored("nightly/node-0.files.jsonl.gz", 45, "b".repeat(64))));

        V1Manifest asFormatOneSeesIt = new ObjectMapper().registerModule(new JavaTimeModule()).readValue(json, V1Manifest.class);

        assertEquals(2, asFormatOneSeesIt.formatVersion());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON          | {"formatVersion": 2, "snap                 | nightly/manifest.json is not a valid manifest: it is not JSON (it may be truncated)
            not an object     | [1, 2]                                     | nightly/manifest.json is not a valid manifest: it is not a JSON object
            no version        | {"snapshot": "x"}                          | nightly/manifest.json is not a valid manifest: formatVersion is missing
            a newer format    | {"formatVersion": 5}                       | nightly/manifest.json has format 5, which this Lifeboat does not read (it reads 1 to 4); use a newer Lifeboat
            """)
    void namesWhatIsWrongWithAManifestThatIsNotOne(String label, String json, String message) {
        ManifestException refused = assertThrows(ManifestException.class, () -> ManifestCodec.read(KEY, json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(message, refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nodes null               | nodes          |                                 | nodes is missing
            nodes not a list         | nodes          | "all of them"                   | nodes is not a list
            no node                  | nodes          | []                              | it lists no node
            node without object      | nodes/0/object |                                 | nodes[0].object is missing
            size as text             | nodes/0/size   | "123"                           | nodes[0].size is not a size in bytes
            negative size            | nodes/0/size   | -1                              | nodes[0].size is not a size in bytes
            hash not hex             | nodes/0/sha256 | "xyz"                           | nodes[0].sha256 is not a SHA-256 in hex
            two file lists           | nodes/0/files  | [{"path":"a","size":1,"sha256":"SHA"},{"path":"b","size":1,"sha256":"SHA"}] | nodes[0].files must name the node's one file list object (it has 2 entries)
            unknown codec            | compression    | "lz4"                           | compression 'lz4' is not gzip, zstd or none
            bad time                 | completedAt    | "yesterday"                     | completedAt is not an ISO-8601 time
            """)
    void namesTheFieldThatIsMissingOrMalformed(String label, String field, String value, String why) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(ManifestCodec.write(manifest(new FileList.Stored("nightly/node-0.files.jsonl.gz", 45, SHA))));
        String[] path = field.split("/");
        ObjectNode parent = root;
        for (int i = 0; i < path.length - 1; i++) {
            parent = (ObjectNode) (path[i].matches("\\d+") ? parent.get(Integer.parseInt(path[i])) : parent.get(path[i]) instanceof ObjectNode o
                    ? o : parent.get(path[i]).get(Integer.parseInt(path[++i])));
        }
        String last = path[path.length - 1];
        if (value == null) {
            parent.putNull(last);
        } else {
            parent.set(last, JSON.readTree(value.replace("SHA", SHA)));
        }

        ManifestException refused = assertThrows(ManifestException.class, () -> ManifestCodec.read(KEY, JSON.writeValueAsBytes(root)));

        assertEquals(KEY + " is not a valid manifest: " + why, refused.getMessage());
    }
}
