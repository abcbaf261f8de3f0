package io.lifeboat;

import io.lifeboat.cli.Cli;

import java.nio.file.Path;

/** Starts the {@code lifeboat} command; the launcher script passes the install folder as {@code lifeboat.home}. */
public final class Lifeboat {

    private Lifeboat() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("lifeboat.home", ".")).toAbsolutePath().normalize();
        System.exit(new Cli(System.out, System.err, System.getenv(), home, System.console() != null).run(args));
    }
}
