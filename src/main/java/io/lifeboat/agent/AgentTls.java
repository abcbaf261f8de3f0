package io.lifeboat.agent;

import io.lifeboat.kernel.AgentSettings;
import io.lifeboat.kernel.Secret;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * TLS between coordinators and agents, from {@code lifeboat.agent.tls.*}: the agent's server serves the keystore
 * through Camel's SSL support; coordinators verify it against the truststore (or the JVM's own authorities)
 * and check the certificate names the agent's address.
 */
public final class AgentTls {

    /** The registry name of the coordinator's client options for https agents. */
    static final String CLIENT_OPTIONS = "lifeboatAgentTls";

    private AgentTls() {
    }

    /** The agent server's certificate and key. */
    public static SSLContextParameters server(AgentSettings.Store keystore) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + keystore.file());
        store.setType(keystore.type());
        keystore.password().map(Secret::value).ifPresent(store::setPassword);
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store);
        keystore.password().map(Secret::value).ifPresent(keys::setKeyPassword);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keys);
        return parameters;
    }

    /** The coordinator's client: TLS, the agent's certificate checked against the truststore and its host name. */
    static WebClientOptions client(AgentSettings settings) {
        WebClientOptions options = new WebClientOptions().setSsl(true).setVerifyHost(true).setConnectTimeout(10_000);
        settings.truststore().ifPresent(truststore -> options.setTrustOptions(new KeyStoreOptions()
                .setType(truststore.type())
                .setPath(truststore.file().toString())
                .setPassword(truststore.password().map(Secret::value).orElse(null))));
        return options;
    }
}
