package io.lifeboat.testing;

import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.net.MalformedURLException;

/**
 * One Cassandra node's JMX, reached as nodetool reaches it, through plain {@code javax.management}: the connection
 * opens on first use and again when the node has restarted since.
 */
final class NodeJmx implements AutoCloseable {

    private final JMXServiceURL url;
    private JMXConnector connector;

    NodeJmx(String host, int port) {
        try {
            this.url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Bad JMX address " + host + ":" + port, e);
        }
    }

    /** One attribute of an MBean. */
    Object attribute(String objectName, String attribute) throws IOException, JMException {
        ObjectName name = new ObjectName(objectName);
        return call(server -> server.getAttribute(name, attribute));
    }

    /** Several attributes in one round trip, in the order asked. */
    AttributeList attributes(String objectName, String... attributes) throws IOException, JMException {
        ObjectName name = new ObjectName(objectName);
        return call(server -> server.getAttributes(name, attributes));
    }

    /** An MBean operation, by name and parameter types. */
    Object invoke(String objectName, String operation, Object[] args, String[] signature) throws IOException, JMException {
        ObjectName name = new ObjectName(objectName);
        return call(server -> server.invoke(name, operation, args, signature));
    }

    /** Tries once more on a new connection: the one held may belong to a node's previous process. */
    private synchronized <T> T call(JmxCall<T> call) throws IOException, JMException {
        try {
            return call.on(server());
        } catch (IOException stale) {
            close();
            return call.on(server());
        }
    }

    private MBeanServerConnection server() throws IOException {
        if (connector == null) {
            connector = JMXConnectorFactory.connect(url);
        }
        return connector.getMBeanServerConnection();
    }

    @Override
    public synchronized void close() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException alreadyBroken) {
                // The node is gone; nothing to release on its side.
            }
            connector = null;
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }

    /** One request over the connection. */
    private interface JmxCall<T> {
        T on(MBeanServerConnection server) throws IOException, JMException;
    }
}
