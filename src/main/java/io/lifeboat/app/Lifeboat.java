package io.lifeboat.app;

import io.lifeboat.cli.Logging;

import java.nio.file.Path;

/** Starts the {@code lifeboat} command; the launcher script passes the install folder as {@code lifeboat.home}. */
public final class Lifeboat {

    private Lifeboat() {
    }

    public static void main(String[] args) {
        Logging.configure(args.length == 0 ? "" : args[0], System.getenv());
        Path home = Path.of(System.getProperty("lifeboat.home", ".")).toAbsolutePath().normalize();
        System.exit(new Cli(System.out, System.err, System.getenv(), home, System.console() != null).run(args));
    }
}
