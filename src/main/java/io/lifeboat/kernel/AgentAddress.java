package io.lifeboat.kernel;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a node's agent answers, as the cluster file names it: {@code https://10.0.0.12:8681}. Plain
 * {@code http://} is accepted only on a loopback address, where nothing crosses a network.
 */
public record AgentAddress(URI uri) {

    public static final int DEFAULT_PORT = 8681;

    public AgentAddress {
        uri = uri.normalize();
    }

    /**
     * Parses the {@code agent} of a node; {@code where} names it in the error ("node 2").
     *
     * @throws IllegalArgumentException saying what is wrong, in words
     */
    public static AgentAddress parse(String where, String value) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": agent must be a URL such as https://10.0.0.12:8681 (got '"
                    + Printable.of(value) + "')");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException(where + ": agent must be an https:// URL such as https://10.0.0.12:8681 (got '"
                    + Printable.of(value) + "')");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/") || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(where + ": agent is the agent's scheme, host and port only (got '" + Printable.of(value) + "')");
        }
        AgentAddress address = new AgentAddress(URI.create(scheme + "://" + uri.getRawAuthority()));
        if (!address.tls() && !address.loopback()) {
            throw new IllegalArgumentException(where + ": agent " + address + " is not on a loopback address, so it must be https://");
        }
        return address;
    }

    public String host() {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        return uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    }

    public boolean tls() {
        return "https".equals(uri.getScheme());
    }

    /** Whether the address stays on this machine (127.0.0.0/8, ::1, localhost): no network to protect. */
    public boolean loopback() {
        String host = host();
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            // A name could resolve anywhere: only a literal address is known to be loopback.
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The base URL requests are sent to, with the port always written out. */
    public String base() {
        String host = uri.getHost();
        return uri.getScheme() + "://" + host + ":" + port();
    }

    @Override
    public String toString() {
        return base();
    }
}
