package io.lifeboat.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-signed certificate for one agent address, made with the JDK's keytool as an operator would: the agent's
 * keystore (key and certificate, the address as its subject alternative name) and a truststore holding only the
 * certificate, for coordinators.
 */
public record TestCertificates(Path keystore, Path truststore, String password) {

    public static TestCertificates forAddress(Path folder, String address) throws IOException, InterruptedException {
        String password = "changeit-" + address.replace('.', '-');
        Path keystore = folder.resolve("agent-" + address + ".p12");
        Path certificate = folder.resolve("agent-" + address + ".crt");
        Path truststore = folder.resolve("trust-" + address + ".p12");
        keytool("-genkeypair", "-alias", "agent", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + address,
                "-ext", "SAN=ip:" + address, "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-alias", "agent", "-keystore", keystore.toString(), "-storepass", password, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "agent", "-file", certificate.toString(), "-keystore", truststore.toString(),
                "-storetype", "PKCS12", "-storepass", password);
        return new TestCertificates(keystore, truststore, password);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
