package io.lifeboat.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.lifeboat.archive.DigestingInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The files a node archive must hold, one at a time and in archive order, so a restore checks each entry
 * against the next one listed and never holds the whole list.
 */
public abstract class ExpectedFiles implements AutoCloseable {

    /** The next file the archive must hold, or empty at the end of the list. */
    public abstract Optional<FileEntry> next() throws IOException;

    /** After the last entry: the list itself was whole and as the manifest describes it. */
    public abstract void checkWhole() throws IOException;

    @Override
    public void close() throws IOException {
    }

    /** A format 1 list, from the manifest. */
    public static ExpectedFiles inline(List<FileEntry> files) {
        Iterator<FileEntry> iterator = files.iterator();
        return new ExpectedFiles() {
            @Override
            public Optional<FileEntry> next() {
                return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
            }

            @Override
            public void checkWhole() {
            }
        };
    }

    /** A format 2 list, read from its object as the archive is read. */
    public static ExpectedFiles stored(FileList.Stored list, InputStream object) throws IOException {
        return new StoredList(list, object);
    }

    private static final class StoredList extends ExpectedFiles {

        private static final ObjectReader LINE = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readerFor(FileEntry.class);

        private final FileList.Stored list;
        private final DigestingInputStream raw;
        private final BufferedReader lines;
        private long line;

        StoredList(FileList.Stored list, InputStream object) throws IOException {
            this.list = list;
            this.raw = new DigestingInputStream(object);
            try {
                this.lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 64 * 1024), StandardCharsets.UTF_8));
            } catch (ZipException | java.io.EOFException e) {
                throw damaged("it is empty or not gzip");
            }
        }

        @Override
        public Optional<FileEntry> next() throws IOException {
            String text;
            try {
                text = lines.readLine();
            } catch (ZipException | java.io.EOFException e) {
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
}
