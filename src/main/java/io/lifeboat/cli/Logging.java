package io.lifeboat.cli;

import io.lifeboat.kernel.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Where log lines go. A command reports for itself, one line on stderr when it fails, so libraries stay
 * quiet there unless asked (LIFEBOAT_LOG_LEVEL=debug shows everything, full traces included); the service
 * and the agent log what Lifeboat does, and libraries' warnings. Set before the first logger exists, since slf4j-simple reads its settings once.
 */
public final class Logging {

    private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String LIFEBOAT_LEVEL = "org.slf4j.simpleLogger.log.io.lifeboat";
    private static final String PROPERTIES_LEVEL = "org.slf4j.simpleLogger.log.org.apache.camel.component.properties";

    private Logging() {
    }

    public static void configure(String command, Map<String, String> environment) {
        // Camel's properties parser logs every value it resolves at DEBUG, tokens and passwords included.
        System.setProperty(PROPERTIES_LEVEL, "info");
        if (System.getProperty(DEFAULT_LEVEL) == null) {
            String asked = environment.get("LIFEBOAT_LOG_LEVEL");
            if (asked != null && !asked.isBlank()) {
                System.setProperty(DEFAULT_LEVEL, asked.trim());
            } else if ("serve".equals(command) || "agent".equals(command)) {
                // A long-lived process says what it does: runs opened, completed, failed, cleaned up.
                System.setProperty(LIFEBOAT_LEVEL, "info");
            } else {
                System.setProperty(DEFAULT_LEVEL, "off");
                System.setProperty(LIFEBOAT_LEVEL, "warn");
            }
        }
        Logger log = LoggerFactory.getLogger(Logging.class);
        // A thread that dies is a bug: one line says so, the trace goes to the log at DEBUG, never raw to stderr.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            log.warn("thread {} ended: {}", thread.getName(), Failures.reason(failure));
            log.debug("thread {} ended", thread.getName(), failure);
        });
    }
}
