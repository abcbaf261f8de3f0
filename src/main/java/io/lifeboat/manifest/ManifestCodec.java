package io.lifeboat.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/** Reads and writes manifest.json (format documented in docs/manifest.md). */
public final class ManifestCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestCodec() {
    }

    public static byte[] write(Manifest manifest) {
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest could not be written", e);
        }
    }

    public static Manifest read(byte[] json) throws IOException {
        Manifest manifest = JSON.readValue(json, Manifest.class);
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new IOException("manifest format " + manifest.formatVersion() + " is not supported (this Lifeboat reads "
                    + Manifest.FORMAT_VERSION + ")");
        }
        return manifest;
    }
}
