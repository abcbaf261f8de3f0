package io.lifeboat.cassandra;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SSTable loader's JVM command line: this JVM's {@code java}, a small heap, the module flags Cassandra 5.0's
 * tools need on Java 17, and the loader jar ahead of the node's Cassandra jars (its logback.xml must win).
 */
final class LoaderCommand {

    static final String MAIN_CLASS = "io.lifeboat.loader.StreamSSTables";

    /** Streaming reads SSTables in chunks; sstableloader's own scripts run it in 256 MiB to 1 GiB. */
    private static final String HEAP = "-Xmx512m";

    /** Where the main build puts the loader, relative to the folder of Lifeboat's classes or jar ({@code target/}). */
    private static final Path LOADER_JAR = Path.of("loader", "lifeboat-cassandra-loader.jar");

    /** Cassandra 5.0's {@code conf/jvm17-clients.options}, the flags of its command-line tools. */
    private static final List<String> JVM17_CLIENT_FLAGS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.math=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED");

    private LoaderCommand() {
    }

    static List<String> of(Path loaderJar, List<Path> cassandraJars) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(HEAP);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(JVM17_CLIENT_FLAGS);
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-cp");
        command.add(Stream.concat(Stream.of(loaderJar), cassandraJars.stream()).map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)));
        command.add(MAIN_CLASS);
        return command;
    }

    /** {@code target/loader/lifeboat-cassandra-loader.jar} beside {@code target/classes/} or {@code target/lifeboat.jar}. */
    static Path locateLoaderJar() throws IOException {
        Path code;
        try {
            code = Path.of(LoaderCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot tell where Lifeboat's classes are, to find the SSTable loader beside them", e);
        }
        Path jar = code.toAbsolutePath().getParent().resolve(LOADER_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no SSTable loader at " + jar + ": build Lifeboat with mvn package");
        }
        return jar;
    }
}
