package io.lifeboat;

import io.lifeboat.testing.LifeboatCommand;
import io.lifeboat.testing.LifeboatCommand.Outcome;
import io.lifeboat.testing.StoreFixture;
import io.lifeboat.testing.TestServers;
import io.lifeboat.testing.TrickyCluster;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lifeboat snapshots verify} on snapshots made whole, then damaged in the store object by object. */
@ExtendWith(TestServers.class)
class SnapshotVerifyIT {

    private static final int NODES = 3;

    @TempDir
    Path scratch;

    static Stream<Arguments> storesAndModes() {
        return Stream.of(StoreFixture.values()).flatMap(store -> Stream.of("full", "differential").map(mode -> Arguments.of(store, mode)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("storesAndModes")
    void anIntactSnapshotVerifiesWithAndWithoutReadingIt(StoreFixture store, String mode) throws IOException {
        Map<String, String> parameters = backedUp(store, mode);

        for (String[] reading : List.of(new String[0], new String[] {"--read-data"}, new String[] {"--read-data-subset", "30"})) {
            Outcome verify = verify(store, parameters, reading);
            assertEquals(0, verify.exitCode(), verify.toString());
            assertEquals("", verify.err(), verify.toString());
            assertTrue(verify.out().contains("VERIFIED"), verify.toString());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("storesAndModes")
    void namesEveryDeletedTruncatedOrFlippedObject(StoreFixture store, String mode) throws IOException {
        Map<String, String> parameters = backedUp(store, mode);
        List<String> data = dataObjects(store, parameters, mode);
        String deleted = data.get(0);
        String truncated = data.get(1);
        String flipped = data.get(2);
        store.delete(parameters, deleted);
        byte[] whole = store.read(parameters, truncated);
        store.write(parameters, truncated, Arrays.copyOf(whole, whole.length / 2));
        byte[] bytes = store.read(parameters, flipped);
        bytes[bytes.length - 40] ^= 0x5a;
        store.write(parameters, flipped, bytes);

        Outcome sizes = verify(store, parameters);
        Outcome read = verify(store, parameters, "--read-data");

        assertEquals(1, sizes.exitCode(), sizes.toString());
        assertEquals(2, sizes.err().lines().count(), sizes.toString());
        assertTrue(sizes.err().contains(deleted) && sizes.err().contains(truncated), sizes.toString());
        assertTrue(sizes.out().contains("DAMAGED (2 bad"), sizes.toString());
        assertEquals(1, read.exitCode(), read.toString());
        assertEquals(3, read.err().lines().count(), read.toString());
        for (String bad : List.of(deleted, truncated, flipped)) {
            assertTrue(read.err().lines().anyMatch(line -> line.startsWith("lifeboat snapshots verify: checked: node ") && line.contains(bad)),
                    read.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreFixture.class, names = "LOCAL")
    void refusesASnapshotThatIsNotThereAndBadOptions(StoreFixture store) throws IOException {
        Map<String, String> parameters = store.planParameters(scratch, "never-made");

        Outcome missing = verify(store, parameters);
        Outcome both = verify(store, parameters, "--read-data", "--read-data-subset", "10");
        Outcome tooMuch = verify(store, parameters, "--read-data-subset", "101");

        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("snapshot never-made not found or incomplete"), missing.toString());
        assertEquals(2, both.exitCode(), both.toString());
        assertEquals(2, tooMuch.exitCode(), tooMuch.toString());
    }

    private Map<String, String> backedUp(StoreFixture store, String mode) throws IOException {
        Path source = TrickyCluster.write(scratch.resolve("source"), NODES);
        Map<String, String> parameters = store.planParameters(scratch, "checked", "BACKUP_MODE", mode);
        Outcome backup = LifeboatCommand.plan(store.backupPlan(), source, parameters);
        assertEquals(0, backup.exitCode(), backup.toString());
        parameters.remove("BACKUP_MODE");
        return parameters;
    }

    /** Three objects that hold data: archives (full), or big files of three nodes (differential). */
    private static List<String> dataObjects(StoreFixture store, Map<String, String> parameters, String mode) throws IOException {
        List<String> keys = store.keys(parameters);
        return (mode.equals("full") ? keys.stream().filter(key -> key.endsWith(".tar.gz"))
                : keys.stream().filter(key -> key.startsWith(".lifeboat/files/") && key.endsWith("/ks1/users-" + key.charAt(key.indexOf("/node-") + 6)
                + "/nb-1-big-Data.db"))).toList();
    }

    private static Outcome verify(StoreFixture store, Map<String, String> parameters, String... options) {
        List<String> words = new ArrayList<>(List.of("snapshots", "verify", store.label()));
        parameters.forEach((name, value) -> {
            words.add("-p");
            words.add(name + "=" + value);
        });
        words.addAll(List.of(options));
        return LifeboatCommand.run(Map.of(), words.toArray(String[]::new));
    }
}
