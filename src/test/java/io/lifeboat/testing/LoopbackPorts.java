package io.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free ports on loopback addresses, each held open until {@link #close()} so that no port is handed out twice. */
final class LoopbackPorts implements AutoCloseable {

    private static final int ATTEMPTS = 100;

    private final List<ServerSocket> held = new ArrayList<>();

    /** A port free on {@code host}. */
    int freeOn(String host) {
        return hold(host, 0).getLocalPort();
    }

    /** A port free on every one of {@code hosts} at once: the nodes of one cluster share their port numbers. */
    int freeOnEvery(List<String> hosts) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // The first socket stays held even when another host refuses its port, so the next try gets a new one.
            int port = freeOn(hosts.get(0));
            if (hosts.stream().skip(1).allMatch(host -> tryHold(host, port))) {
                return port;
            }
        }
        throw new IllegalStateException("No port free on every one of " + hosts + " after " + ATTEMPTS + " tries");
    }

    private boolean tryHold(String host, int port) {
        try {
            hold(host, port);
            return true;
        } catch (UncheckedIOException taken) {
            return false;
        }
    }

    private ServerSocket hold(String host, int port) {
        try {
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            held.add(socket);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind " + host + ":" + port, e);
        }
    }

    /** Lets the ports go, for the servers to take. */
    @Override
    public void close() {
        for (ServerSocket socket : held) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Only used to reserve a port number.
            }
        }
        held.clear();
    }
}
