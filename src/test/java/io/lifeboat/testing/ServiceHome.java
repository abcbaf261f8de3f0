package io.lifeboat.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A Lifeboat folder for a service under test: its own config/application.properties and the real routes/. */
public final class ServiceHome {

    private ServiceHome() {
    }

    public static Path create(Path folder, String host, int port, Map<String, String> properties) throws IOException {
        Files.createDirectories(folder.resolve("config"));
        StringBuilder text = new StringBuilder()
                .append("camel.main.name = lifeboat\n")
                .append("camel.main.stream-caching-enabled = false\n")
                .append("lifeboat.server.host = ").append(host).append('\n')
                .append("lifeboat.server.port = ").append(port).append('\n')
                .append("lifeboat.compression-level = 1\n")
                .append("lifeboat.part-size-mib = 5\n")
                .append("camel.component.quartz.properties[org.quartz.jobStore.misfireThreshold] = 1000\n")
                .append("camel.component.quartz.properties[org.quartz.threadPool.threadCount] = 4\n");
        properties.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        Files.writeString(folder.resolve("config/application.properties"), text);
        Files.createDirectories(folder.resolve("routes"));
        Files.copy(Path.of("routes/nightly.yaml"), folder.resolve("routes/nightly.yaml"));
        return folder;
    }
}
