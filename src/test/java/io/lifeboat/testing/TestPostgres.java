package io.lifeboat.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server (Debian's {@code postgresql} package, installed with apt-get when missing) on a
 * free loopback port, started on first use and stopped when the JVM ends. PostgreSQL refuses to run as root,
 * so it runs as the package's {@code postgres} user; connections are trusted, so any password is accepted.
 */
public final class TestPostgres {

    public static final String USER = "postgres";

    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres running;

    private final int port;

    private TestPostgres(int port) {
        this.port = port;
    }

    /** The server of this JVM, started if it is not yet. */
    public static synchronized TestPostgres server() throws IOException, InterruptedException {
        if (running == null) {
            running = start();
        }
        return running;
    }

    /** A new, empty database and its JDBC URL. */
    public String newDatabase() throws SQLException {
        String name = "lifeboat_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + TestProcesses.LOOPBACK + ":" + port + "/" + database;
    }

    private static TestPostgres start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path home = TestProcesses.createTempDirectory(Files.createDirectories(TestProcesses.buildDirectory().resolve("servers")), "postgres-");
        run(List.of("chown", USER, home.toString()));
        int port = TestServers.freePort(TestProcesses.LOOPBACK);
        Path data = home.resolve("data");
        run(asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-N", "-A", "trust", "-U", USER));
        run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("postgres.log").toString(), "-w",
                "-o", "-p " + port + " -c listen_addresses=" + TestProcesses.LOOPBACK + " -k " + home + " -c fsync=off", "start"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
            } catch (IOException | InterruptedException e) {
                // The JVM is ending; a server left behind dies with the machine's next clean-up.
            }
        }));
        return new TestPostgres(port);
    }

    /** The newest installed PostgreSQL's programs, installing the package first when there is none. */
    private static Path binaries() throws IOException, InterruptedException {
        if (!Files.isDirectory(INSTALLED)) {
            run(List.of("apt-get", "install", "-y", "-q", "postgresql"));
        }
        try (Stream<Path> versions = Files.list(INSTALLED)) {
            return versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparing(version -> Integer.parseInt(version.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IOException("no PostgreSQL under " + INSTALLED));
        }
    }

    private static List<String> asPostgres(String... command) {
        List<String> words = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        words.addAll(List.of(command));
        return words;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
