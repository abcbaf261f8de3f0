package io.lifeboat.cassandra;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * The Cassandra jars the SSTable loader runs with: those of a node's own installation, never Lifeboat's, from its
 * Cassandra home or from the class path its JVM reports over JMX. Only jars: a conf folder on a node's class path
 * would bring the node's logback.xml, which would log onto the loader's stdout.
 */
public final class CassandraJars {

    /** The platform MBean whose {@code ClassPath} attribute is the node JVM's {@code java.class.path}. */
    public static final String RUNTIME_MBEAN = "java.lang:type=Runtime";

    private CassandraJars() {
    }

    /** {@code <home>/lib/*.jar} and {@code <home>/*.jar}: a tarball's layout, and Debian's {@code /usr/share/cassandra}. */
    public static List<Path> fromHome(Path home) throws IOException {
        List<Path> jars = new ArrayList<>(jarsIn(home.resolve("lib")));
        jars.addAll(jarsIn(home));
        return requireCassandra(jars, "no Cassandra jars in " + home + "/lib or " + home
                + ": give the node's Cassandra home, the folder that holds lib/ (such as /opt/cassandra or /usr/share/cassandra)");
    }

    /**
     * The {@code .jar} entries of a JVM class path that exist on this host; an entry {@code dir/*} stands for the
     * jars in {@code dir}, as for {@code java -cp}.
     */
    public static List<Path> fromClassPath(String classPath) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith("*")) {
                jars.addAll(jarsIn(Path.of(entry.substring(0, entry.length() - 1))));
            } else if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                jars.add(Path.of(entry));
            }
        }
        return requireCassandra(jars, "the node's class path names no Cassandra jar on this host: run Lifeboat (or the node's agent) "
                + "on the node's host, or give the node's Cassandra home");
    }

    /** The jars of the class path a node's JVM reports through JMX ({@value #RUNTIME_MBEAN}, attribute ClassPath). */
    public static List<Path> fromRuntime(MBeanServerConnection node) throws IOException {
        try {
            return fromClassPath((String) node.getAttribute(new ObjectName(RUNTIME_MBEAN), "ClassPath"));
        } catch (JMException e) {
            throw new IOException("JMX cannot read the node's class path: " + e.getMessage(), e);
        }
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return jars;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : entries) {
                if (Files.isRegularFile(jar)) {
                    jars.add(jar);
                }
            }
        }
        jars.sort(null);
        return jars;
    }

    /** Cassandra's own jar is {@code apache-cassandra-<version>.jar} in its distributions, {@code cassandra-all-<version>.jar} from Maven. */
    private static List<Path> requireCassandra(List<Path> jars, String otherwise) throws IOException {
        boolean hasCassandra = jars.stream().map(jar -> jar.getFileName().toString())
                .anyMatch(name -> name.startsWith("apache-cassandra-") || name.startsWith("cassandra-all-"));
        if (!hasCassandra) {
            throw new IOException(otherwise);
        }
        return List.copyOf(jars);
    }
}
