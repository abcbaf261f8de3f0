package io.lifeboat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port that forwards to one server and can hold a direction back at an
 * exact byte count, let it go on, or cut every connection.
 *
 * <p>It exists so that a test can stop a transfer at an exact byte count before it breaks the real
 * server: "mid-transfer" then never depends on the machine's speed.
 */
public final class GatedProxy implements AutoCloseable {

    /** Which way bytes go: client to server, or server to client. */
    public enum Direction { UPSTREAM, DOWNSTREAM }

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Gate gate = new Gate();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean cut;

    private GatedProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getByName(TestProcesses.LOOPBACK));
        daemon("gated-proxy-" + listener.getLocalPort(), this::acceptConnections).start();
    }

    /** Starts a proxy that forwards every connection to {@code host:port}. */
    public static GatedProxy to(String host, int port) throws IOException {
        return new GatedProxy(new InetSocketAddress(host, port));
    }

    /** The loopback port that clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The bytes forwarded in {@code direction} so far, over all connections. */
    public long forwarded(Direction direction) {
        return gate.forwarded(direction);
    }

    /**
     * Forwards no more in {@code direction} once {@code totalBytes} have been forwarded that way since the
     * proxy started, over all connections. A held connection stays open and the proxy stops reading its
     * source, so the sender meets real TCP back-pressure; at most one buffer read before the hold is kept
     * back, unforwarded, until {@link #release()}.
     */
    public void holdAfter(Direction direction, long totalBytes) {
        gate.holdAfter(direction, totalBytes);
    }

    /** Returns once a connection has bytes that a hold keeps back. */
    public void awaitHeld(Duration timeout) throws InterruptedException {
        gate.awaitHeld(timeout);
    }

    /** Lifts every hold: held bytes and all that follow are forwarded again. */
    public void release() {
        gate.release();
    }

    /**
     * Resets every open connection on both sides and stops listening, so that new connections are
     * refused: what a client sees when its server dies.
     */
    public void cut() {
        cut = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closed is what we want.
        }
        connections.forEach(Connection::reset);
        gate.close();
    }

    /** The same as {@link #cut()}: nothing of the proxy is left behind. */
    @Override
    public void close() {
        cut();
    }

    private void acceptConnections() {
        while (!cut) {
            try {
                connect(listener.accept());
            } catch (IOException listenerClosed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        Connection connection = new Connection(client, server);
        connections.add(connection);
        // Checked after adding: either cut() resets this connection or we see that it ran.
        if (cut) {
            connection.reset();
            return;
        }
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException unreachable) {
            // The client sees its connection reset, much as it would by a server that is gone.
            connection.reset();
            return;
        }
        int number = connectionCount.incrementAndGet();
        daemon("gated-proxy-up-" + number, () -> pump(connection, client, server, Direction.UPSTREAM)).start();
        daemon("gated-proxy-down-" + number, () -> pump(connection, server, client, Direction.DOWNSTREAM)).start();
    }

    /** Copies {@code from} to {@code to} through the gate until the end of input, an error or a cut. */
    private void pump(Connection connection, Socket from, Socket to, Direction direction) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                for (int offset = 0; offset < read; ) {
                    int admitted = gate.admit(direction, read - offset);
                    out.write(buffer, offset, admitted);
                    offset += admitted;
                }
            }
            connection.endOfInput(to);
        } catch (IOException e) {
            // One side broke, or the proxy was cut: break the other side too, as a real path would.
            connection.reset();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A client's socket and the proxy's socket to the server for it. */
    private final class Connection {

        private final Socket client;
        private final Socket server;
        private int openDirections = 2;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        /** Passes an end of input on as a half-close; closes both sockets once both directions ended. */
        synchronized void endOfInput(Socket to) throws IOException {
            to.shutdownOutput();
            if (--openDirections == 0) {
                client.close();
                server.close();
                connections.remove(this);
            }
        }

        /** Closes both sockets with SO_LINGER 0, so that each peer gets a TCP reset rather than an orderly end. */
        void reset() {
            for (Socket socket : List.of(client, server)) {
                try {
                    socket.setSoLinger(true, 0);
                } catch (SocketException alreadyClosed) {
                    // Nothing left to reset.
                }
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closed is what we want.
                }
            }
            connections.remove(this);
        }
    }

    /** Counts what passes each way and holds a direction back at a set total; one monitor guards both. */
    private static final class Gate {

        /** What passed one way, and the total after which it is held. */
        private static final class Flow {
            long forwarded;
            long limit = Long.MAX_VALUE;
        }

        private final Map<Direction, Flow> flows = new EnumMap<>(Direction.class);
        private int waiting;
        private boolean closed;

        Gate() {
            for (Direction direction : Direction.values()) {
                flows.put(direction, new Flow());
            }
        }

        /** Waits while {@code direction} is at its limit, then lets up to {@code wanted} bytes pass. */
        synchronized int admit(Direction direction, int wanted) throws IOException {
            Flow flow = flows.get(direction);
            if (flow.forwarded >= flow.limit && !closed) {
                waiting++;
                notifyAll();
                try {
                    while (flow.forwarded >= flow.limit && !closed) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while held");
                } finally {
                    waiting--;
                }
            }
            if (closed) {
                throw new SocketException("Proxy cut");
            }
            int admitted = (int) Math.min(wanted, flow.limit - flow.forwarded);
            flow.forwarded += admitted;
            return admitted;
        }

        synchronized long forwarded(Direction direction) {
            return flows.get(direction).forwarded;
        }

        synchronized void holdAfter(Direction direction, long totalBytes) {
            flows.get(direction).limit = totalBytes;
        }

        synchronized void awaitHeld(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (waiting == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No transfer held within " + timeout.toMillis() + " ms; " + describe());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized void release() {
            flows.values().forEach(flow -> flow.limit = Long.MAX_VALUE);
            notifyAll();
        }

        synchronized void close() {
            closed = true;
            notifyAll();
        }

        private String describe() {
            StringBuilder text = new StringBuilder();
            flows.forEach((direction, flow) -> text.append(direction.name().toLowerCase(Locale.ROOT)).append(": ")
                    .append(flow.forwarded).append(" bytes forwarded, ")
                    .append(flow.limit == Long.MAX_VALUE ? "no hold" : "hold after " + flow.limit).append("; "));
            return text.toString();
        }
    }
}
