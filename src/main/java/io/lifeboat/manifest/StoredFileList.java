package io.lifeboat.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.lifeboat.archive.DigestingInputStream;
import io.lifeboat.archive.ExpectedFiles;
import io.lifeboat.archive.FileEntry;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** A node's file list read from its object as the archive is read: a gzip of JSON lines, hashed on the way. */
public final class StoredFileList implements ExpectedFiles {

    private static final ObjectReader LINE = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .readerFor(FileEntry.class);

    private final FileList.Stored list;
    private final DigestingInputStream raw;
    private final BufferedReader lines;
    private long line;

    private StoredFileList(FileList.Stored list, DigestingInputStream raw, BufferedReader lines) {
        this.list = list;
        this.raw = raw;
        this.lines = lines;
    }

    /** Reads the list described by {@code list} from {@code object}, its bytes in the store. */
    public static StoredFileList open(FileList.Stored list, InputStream object) throws IOException {
        DigestingInputStream raw = new DigestingInputStream(object);
        try {
            return new StoredFileList(list, raw, new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 64 * 1024),
                    StandardCharsets.UTF_8)));
        } catch (ZipException | EOFException e) {
            throw new ManifestException(list.object() + " is damaged: it is empty or not gzip");
        }
    }

    @Override
    public Optional<FileEntry> next() throws IOException {
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
            FileEntry entry = LINE.readValue(text);
            if (entry.path() == null || entry.sha256() == null || entry.size() < 0) {
                throw damaged("line " + line + " is not a file entry");
            }
            return Optional.of(entry);
        } catch (JsonProcessingException e) {
            throw damaged("line " + line + " is not a file entry");
        }
    }

    @Override
    public void checkWhole() throws IOException {
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
