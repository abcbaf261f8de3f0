package io.lifeboat.kernel;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Says why something failed in words an operator reads, from the deepest cause that means something:
 * "connection refused", "no space left on device: /data", rather than an exception's class or a library's
 * multi-line message. Always one line.
 */
public final class Failures {

    private static final int MAX_DEPTH = 12;

    private Failures() {
    }

    /** The reason, in one line. */
    public static String reason(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (isLifeboats(cause) && message(cause).isPresent()) {
                // Lifeboat's own messages already say what happened; a value quoted in them may hold a newline.
                return Printable.of(message(cause).get());
            }
            Optional<String> known = known(cause);
            if (known.isPresent()) {
                return oneLine(known.get());
            }
        }
        return oneLine(message(failure).orElse(failure.getClass().getSimpleName()));
    }

    private static Optional<String> known(Throwable cause) {
        if (cause instanceof SSLException) {
            // The handshake's own words are in its deepest cause: "unable to find valid certification path ...".
            Throwable deepest = cause;
            while (deepest.getCause() != null) {
                deepest = deepest.getCause();
            }
            return Optional.of("TLS handshake failed: " + message(deepest).orElse(deepest.getClass().getSimpleName()));
        }
        if (cause instanceof ConnectException) {
            return Optional.of("connection refused" + detail(cause));
        }
        if (cause instanceof NoRouteToHostException) {
            return Optional.of("no route to host" + detail(cause));
        }
        if (cause instanceof UnknownHostException) {
            return Optional.of("unknown host " + message(cause).orElse(""));
        }
        if (cause instanceof SocketTimeoutException) {
            return Optional.of("no answer in time (read timed out)");
        }
        if (cause instanceof SocketException && message(cause).map(m -> m.toLowerCase(Locale.ROOT).contains("reset")).orElse(false)) {
            return Optional.of("connection reset");
        }
        if (cause instanceof EOFException && message(cause).isEmpty()) {
            return Optional.of("the connection ended early");
        }
        if (cause instanceof AccessDeniedException denied) {
            return Optional.of("permission denied: " + denied.getFile());
        }
        if (cause instanceof NoSuchFileException missing) {
            return Optional.of(missing.getFile() + " does not exist");
        }
        if (cause instanceof FileAlreadyExistsException exists) {
            return Optional.of(exists.getFile() + " already exists");
        }
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return Optional.of(fs.getReason().toLowerCase(Locale.ROOT) + (fs.getFile() == null ? "" : ": " + fs.getFile()));
        }
        if (cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException)) {
            return Optional.of("interrupted");
        }
        if (cause instanceof OutOfMemoryError) {
            return Optional.of("out of memory (" + message(cause).orElse("heap") + "); give the JVM more with LIFEBOAT_JAVA_OPTS=-Xmx...");
        }
        return message(cause).filter(Failures::saysSomething).map(message -> message.toLowerCase(Locale.ROOT));
    }

    private static boolean isLifeboats(Throwable cause) {
        return cause.getClass().getName().startsWith("io.lifeboat.");
    }

    /** A message such as "No space left on device" names the cause; a bare class name or a wrapper's text does not. */
    private static boolean saysSomething(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("no space left") || lower.contains("read-only file system") || lower.contains("disk quota");
    }

    private static String detail(Throwable cause) {
        return message(cause).filter(message -> !message.equalsIgnoreCase("Connection refused"))
                .map(message -> " (" + message + ")").orElse("");
    }

    private static Optional<String> message(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? Optional.empty() : Optional.of(message);
    }

    /** The first line, with control characters shown rather than obeyed, so a failure is always one line. */
    static String oneLine(String text) {
        String first = text.lines().findFirst().orElse("");
        return Printable.of(first);
    }
}
