package io.lifeboat.cassandra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding a node's Cassandra jars: in its home's two layouts, or from its JVM's class path. */
class CassandraJarsTest {

    @TempDir
    Path root;

    @Test
    void takesATarballsLibFolder() throws IOException {
        Path home = root.resolve("apache-cassandra-5.0.6");
        Path cassandra = touch(home.resolve("lib/apache-cassandra-5.0.6.jar"));
        Path guava = touch(home.resolve("lib/guava-32.0.1-jre.jar"));
        touch(home.resolve("lib/sigar-bin/libsigar-amd64-linux.so"));
        touch(home.resolve("conf/logback.xml"));

        assertEquals(List.of(cassandra, guava), CassandraJars.fromHome(home));
    }

    @Test
    void takesDebiansJarBesideItsLibFolder() throws IOException {
        Path home = root.resolve("usr/share/cassandra");
        Path netty = touch(home.resolve("lib/netty-all-4.1.119.Final.jar"));
        Path cassandra = touch(home.resolve("apache-cassandra-5.0.6.jar"));

        assertEquals(List.of(netty, cassandra), CassandraJars.fromHome(home));
    }

    @Test
    void aHomeWithoutCassandrasJarSaysWhatToGive() throws IOException {
        Path home = root.resolve("not-cassandra");
        touch(home.resolve("lib/guava-32.0.1-jre.jar"));

        IOException failure = assertThrows(IOException.class, () -> CassandraJars.fromHome(home));

        assertTrue(failure.getMessage().startsWith("no Cassandra jars in " + home + "/lib or " + home + ": give the node's Cassandra home"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"));
    }

    @Test
    void keepsTheClassPathsJarsThatExistHereAndNoFolders() throws IOException {
        Path conf = Files.createDirectories(root.resolve("etc/cassandra"));
        Path cassandra = touch(root.resolve("maven/cassandra-all-5.0.6.jar"));
        Path jamm = touch(root.resolve("maven/jamm-0.4.0.jar"));
        String classPath = String.join(File.pathSeparator, conf.toString(), cassandra.toString(),
                root.resolve("elsewhere/gone.jar").toString(), jamm.toString(), "");

        assertEquals(List.of(cassandra, jamm), CassandraJars.fromClassPath(classPath));
    }

    @Test
    void aWildcardEntryStandsForTheFoldersJars() throws IOException {
        Path lib = root.resolve("lib");
        Path cassandra = touch(lib.resolve("cassandra-all-5.0.6.jar"));
        Path snappy = touch(lib.resolve("snappy-java-1.1.10.4.jar"));
        touch(lib.resolve("README.txt"));
        Path extra = touch(root.resolve("hooks/agent.jar"));

        assertEquals(List.of(extra, cassandra, snappy),
                CassandraJars.fromClassPath(extra + File.pathSeparator + lib.resolve("*")));
    }

    @Test
    void aClassPathWithoutCassandraOnThisHostIsRefusedInOneLine() {
        String remote = "/opt/cassandra/conf" + File.pathSeparator + "/opt/cassandra/lib/apache-cassandra-5.0.6.jar";

        IOException failure = assertThrows(IOException.class, () -> CassandraJars.fromClassPath(remote));

        assertEquals("the node's class path names no Cassandra jar on this host: run Lifeboat (or the node's agent) on the "
                + "node's host, or give the node's Cassandra home", failure.getMessage());
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {1});
    }
}
