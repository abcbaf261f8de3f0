package io.lifeboat;

import io.lifeboat.cluster.TreeFingerprint;
import io.lifeboat.kernel.Deadlines;
import io.lifeboat.kernel.PlanParameters;
import io.lifeboat.kernel.RetentionPolicy;
import io.lifeboat.kernel.StoreKind;
import io.lifeboat.kernel.StoreLocation;
import io.lifeboat.store.Purge;
import io.lifeboat.store.SnapshotStore;
import io.lifeboat.store.Stores;
import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Purges of stores holding five differential snapshots (a new SSTable between each) whose completion times are
 * set back to days and weeks before a fixed "now" (the purge's clock, a Wednesday some days ahead, so that every
 * object written by the test is older than the grace period).
 */
@ExtendWith(TestServers.class)
class SnapshotPurgeIT {

    private static final int NODES = 2;
    private static final List<String> SNAPSHOTS = List.of("s1", "s2", "s3", "s4", "s5");
    private static final Pattern COMPLETED_AT = Pattern.compile("\"completedAt\"\\s*:\\s*\"[^\"]+\"");
    private static final Pattern SUMMARY_TIME = Pattern.compile("completed=[^;]+");
    private static final Pattern OBJECT = Pattern.compile("\"object\":\"([^\"]+)\"");

    /** A Wednesday noon (UTC) at least two days ahead, on the 11th of its month or later. */
    private static final Instant NOW = nextWednesday();

    @TempDir
    Path scratch;

    private Path source;
    private final Map<String, SortedMap<Integer, SortedMap<String, String>>> trees = new HashMap<>();

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("keep-last", "2", List.of("s4", "s5")),
                // s5 and s4 share a day, s3 is three days earlier.
                Arguments.of("keep-daily", "2", List.of("s3", "s5")),
                // s3 (three days before a Wednesday) is in the week before.
                Arguments.of("keep-weekly", "2", List.of("s3", "s5")),
                // s2 is in the same month as s5; s1, forty days earlier, is not.
                Arguments.of("keep-monthly", "2", List.of("s1", "s5")),
                Arguments.of("keep-within", "5d", List.of("s3", "s4", "s5")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rules")
    void eachRuleKeepsTheRightSnapshotsWhichStillRestore(String rule, String value, List<String> kept) throws Exception {
        Map<String, String> store = fiveSnapshots(StoreFixture.LOCAL);

        Purge.Result result = purge(StoreFixture.LOCAL, store, Map.of(rule, value), Duration.ofHours(6), false);

        assertEquals(kept, complete(StoreFixture.LOCAL, store));
        assertEquals(SNAPSHOTS.size() - kept.size(), result.dropped());
        assertOnlyReferencedObjectsLeft(StoreFixture.LOCAL, store, kept);
        for (String snapshot : kept) {
            assertRestores(StoreFixture.LOCAL, store, snapshot);
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = {"S3", "AZURE"})
    void purgesInBatchesOnEveryStore(StoreFixture fixture) throws Exception {
        Map<String, String> store = fiveSnapshots(fixture);

        purge(fixture, store, Map.of("keep-last", "2"), Duration.ofHours(6), false);

        assertEquals(List.of("s4", "s5"), complete(fixture, store));
        assertOnlyReferencedObjectsLeft(fixture, store, List.of("s4", "s5"));
        assertRestores(fixture, store, "s4");
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = "S3")
    void aDryRunChangesNothingAndWhatIsYoungerThanTheGraceStays(StoreFixture fixture) throws Exception {
        Map<String, String> store = fiveSnapshots(fixture);
        fixture.write(store, ".lifeboat/files/gone/20260101T000000.000Z/node-0/ks1/orphan.db", "no manifest names me".getBytes());
        fixture.write(store, "crashed/node-0.files.jsonl.gz", "a backup that died".getBytes());
        List<String> before = fixture.keys(store);

        Purge.Result dry = purge(fixture, store, Map.of("keep-last", "1"), Duration.ofHours(6), true);
        assertEquals(before, fixture.keys(store));
        assertEquals(List.of("crashed"), dry.incompleteDropped());
        // A grace that reaches past every object written today: the manifests go, nothing else.
        purge(fixture, store, Map.of("keep-last", "1"), Duration.between(Instant.now(), NOW).plusDays(1), false);
        List<String> withinGrace = fixture.keys(store);
        assertEquals(List.of("s5"), complete(fixture, store));
        assertTrue(withinGrace.contains(".lifeboat/files/gone/20260101T000000.000Z/node-0/ks1/orphan.db"), withinGrace.toString());
        assertTrue(withinGrace.contains("crashed/node-0.files.jsonl.gz"), withinGrace.toString());
        purge(fixture, store, Map.of("keep-last", "1"), Duration.ofHours(6), false);
        assertEquals(before.size() - dry.objectsDeleted(), fixture.keys(store).size(), "the dry run counted what the purges deleted");
        assertOnlyReferencedObjectsLeft(fixture, store, List.of("s5"));
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = "LOCAL")
    void refusesAPurgeThatKeepsNothingUnlessToldTo(StoreFixture fixture) throws Exception {
        // From the command line, with the real clock: the snapshots are from the days before.
        Map<String, String> store = fiveSnapshots(fixture, Instant.now().minus(Duration.ofDays(1)));
        List<String> before = fixture.keys(store);

        Outcome noRule = purgeCommand(fixture, store);
        Outcome keepsNone = purgeCommand(fixture, store, "--keep-within", "1s");
        assertEquals(2, noRule.exitCode(), noRule.toString());
        assertTrue(noRule.err().contains("say what to keep"), noRule.toString());
        assertEquals(2, keepsNone.exitCode(), keepsNone.toString());
        assertTrue(keepsNone.err().contains("would keep none of the 5 snapshots"), keepsNone.toString());
        assertEquals(before, fixture.keys(store));

        Outcome all = purgeCommand(fixture, store, "--keep-last", "0");
        assertEquals(0, all.exitCode(), all.toString());
        assertEquals(List.of(), complete(fixture, store));
    }

    /** Five differential backups of a cluster that gains an SSTable before each; their times set back before {@link #NOW}. */
    private Map<String, String> fiveSnapshots(StoreFixture fixture) throws IOException {
        return fiveSnapshots(fixture, NOW);
    }

    private Map<String, String> fiveSnapshots(StoreFixture fixture, Instant now) throws IOException {
        source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Map<String, String> store = fixture.newStore(scratch);
        Random random = new Random(11);
        for (String snapshot : SNAPSHOTS) {
            byte[] sstable = new byte[50_000];
            random.nextBytes(sstable);
            Files.write(source.getParent().resolve("nodes/node-" + (snapshot.hashCode() % NODES) + "/ks1/" + snapshot + "-Data.db"), sstable);
            Map<String, String> parameters = new HashMap<>(store);
            parameters.put("SNAPSHOT_NAME", snapshot);
            parameters.put("BACKUP_MODE", "differential");
            Outcome backup = LifeboatCommand.plan(fixture.backupPlan(), source, parameters);
            assertEquals(0, backup.exitCode(), backup.toString());
            trees.put(snapshot, trees(source));
        }
        Map<String, Duration> age = Map.of("s1", Duration.ofDays(40), "s2", Duration.ofDays(10), "s3", Duration.ofDays(3),
                "s4", Duration.ofHours(2), "s5", Duration.ofHours(1));
        for (String snapshot : SNAPSHOTS) {
            Instant completed = now.minus(age.get(snapshot));
            String manifestKey = snapshot + "/manifest.json";
            String json = new String(fixture.read(store, manifestKey), StandardCharsets.UTF_8);
            fixture.write(store, manifestKey, COMPLETED_AT.matcher(json).replaceAll(Matcher.quoteReplacement("\"completedAt\" : \"" + completed + "\""))
                    .getBytes(StandardCharsets.UTF_8));
            // The summary is the key of an empty object: it moves to the key of the new time.
            String summary = fixture.keys(store).stream().filter(key -> key.startsWith(".lifeboat/snapshots/" + snapshot + "/")).findFirst()
                    .orElseThrow();
            fixture.write(store, SUMMARY_TIME.matcher(summary).replaceFirst(Matcher.quoteReplacement("completed="
                    + URLEncoder.encode(completed.toString(), StandardCharsets.UTF_8))), new byte[0]);
            fixture.delete(store, summary);
        }
        return store;
    }

    private static Purge.Result purge(StoreFixture fixture, Map<String, String> store, Map<String, String> rules, Duration grace, boolean dry)
            throws Exception {
        StoreLocation location = StoreLocation.from(StoreKind.parse(fixture.label()), new PlanParameters(store, Map.of()));
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            try (SnapshotStore opened = Stores.open(location, new Deadlines(Duration.ofSeconds(30)), camel)) {
                return new Purge(opened, grace, Clock.fixed(NOW, ZoneOffset.UTC), line -> { }).run(RetentionPolicy.parse(rules, "--"), dry);
            }
        }
    }

    private static Outcome purgeCommand(StoreFixture fixture, Map<String, String> store, String... options) {
        List<String> words = new ArrayList<>(List.of("snapshots", "purge", fixture.label()));
        store.forEach((name, value) -> {
            words.add("-p");
            words.add(name + "=" + value);
        });
        words.addAll(List.of(options));
        return LifeboatCommand.run(Map.of("LIFEBOAT_PURGE_GRACE", "0s"), words.toArray(String[]::new));
    }

    /** The snapshots with a manifest, sorted. */
    private static List<String> complete(StoreFixture fixture, Map<String, String> store) throws IOException {
        return fixture.keys(store).stream().filter(key -> key.endsWith("/manifest.json")).map(key -> key.substring(0, key.indexOf('/')))
                .sorted().toList();
    }

    /** Every data object left is named by a kept snapshot's file list, and every one named is there. */
    private static void assertOnlyReferencedObjectsLeft(StoreFixture fixture, Map<String, String> store, List<String> kept) throws IOException {
        Set<String> left = new HashSet<>(fixture.keys(store).stream().filter(key -> key.startsWith(".lifeboat/files/")).toList());
        assertEquals(referencedBy(fixture, store, kept), left);
        List<String> snapshotObjects = fixture.keys(store).stream().filter(key -> !key.startsWith(".lifeboat/"))
                .map(key -> key.substring(0, key.indexOf('/'))).distinct().sorted().toList();
        assertEquals(kept, snapshotObjects, "nothing is left of the dropped snapshots' folders");
    }

    private static Set<String> referencedBy(StoreFixture fixture, Map<String, String> store, List<String> snapshots) throws IOException {
        Set<String> referenced = new HashSet<>();
        for (String snapshot : snapshots) {
            for (int node = 0; node < NODES; node++) {
                byte[] list = fixture.read(store, snapshot + "/node-" + node + ".files.jsonl.gz");
                String lines = new String(new GZIPInputStream(new ByteArrayInputStream(list)).readAllBytes(), StandardCharsets.UTF_8);
                Matcher object = OBJECT.matcher(lines);
                while (object.find()) {
                    referenced.add(object.group(1));
                }
            }
        }
        return referenced;
    }

    private void assertRestores(StoreFixture fixture, Map<String, String> store, String snapshot) throws IOException {
        Path target = TrickyCluster.empty(scratch.resolve("target-" + snapshot), NODES);
        Map<String, String> parameters = new HashMap<>(store);
        parameters.put("SNAPSHOT_NAME", snapshot);
        Outcome restore = LifeboatCommand.plan(fixture.restorePlan(), target, parameters);
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(trees.get(snapshot), trees(target), snapshot);
    }

    private static SortedMap<Integer, SortedMap<String, String>> trees(Path clusterFile) throws IOException {
        SortedMap<Integer, SortedMap<String, String>> trees = new TreeMap<>();
        for (int node = 0; node < NODES; node++) {
            trees.put(node, TreeFingerprint.of(clusterFile.getParent().resolve("nodes/node-" + node)));
        }
        return trees;
    }

    private static Instant nextWednesday() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        while (day.getDayOfWeek() != DayOfWeek.WEDNESDAY || day.getDayOfMonth() < 11) {
            day = day.plusDays(1);
        }
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }
}
