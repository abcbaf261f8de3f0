package io.lifeboat.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.lifeboat.archive.DigestingInputStream;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a stored list of gzip-compressed JSON lines one record at a time, hashed on the way, and checks it whole
 * against what the manifest says of it.
 */
final class JsonLinesReader<T> implements AutoCloseable {

    private final FileList.Stored list;
    private final ObjectReader reader;
    private final Function<T, String> problem;
    private final DigestingInputStream raw;
    private final BufferedReader lines;
    private long line;

    /** @param problem what is wrong with a parsed record, or null when it is well formed */
    JsonLinesReader(FileList.Stored list, InputStream object, Class<T> type, Function<T, String> problem) throws IOException {
        this.list = list;
        this.reader = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readerFor(type);
        this.problem = problem;
        this.raw = new DigestingInputStream(object);
        try {
            this.lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 64 * 1024), StandardCharsets.UTF_8));
        } catch (ZipException | EOFException e) {
            throw new ManifestException(list.object() + " is damaged: it is empty or not gzip");
        }
    }

    Optional<T> next() throws IOException {
        String text;
        try {
            text = lines.readLine();
        } catch (ZipException | EOFException e) {
            throw damaged("it is truncated or corrupt");
        }
        if (text == null) {
            return Optional.empty();
        }
        line++;
        try {
            T record = reader.readValue(text);
            String wrong = problem.apply(record);
            if (wrong != null) {
                throw damaged("line " + line + " is not a valid entry: " + wrong);
            }
            return Optional.of(record);
        } catch (JsonProcessingException e) {
            throw damaged("line " + line + " is not a valid entry");
        }
    }

    void checkWhole() throws IOException {
        raw.drain();
        if (raw.count() != list.size() || !raw.sha256().equals(list.sha256())) {
            throw new ManifestException(list.object() + " does not match the manifest (" + raw.count() + " bytes, SHA-256 "
                    + raw.sha256() + "; expected " + list.size() + " bytes, SHA-256 " + list.sha256() + ")");
        }
    }

    private ManifestException damaged(String why) {
        return new ManifestException(list.object() + " is damaged: " + why);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
