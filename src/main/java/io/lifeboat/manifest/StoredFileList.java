package io.lifeboat.manifest;

import io.lifeboat.archive.ExpectedFiles;
import io.lifeboat.archive.FileEntry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A node's file list read from its object as the archive is read: a gzip of JSON lines, hashed on the way. */
public final class StoredFileList implements ExpectedFiles {

    private final JsonLinesReader<FileEntry> lines;

    private StoredFileList(JsonLinesReader<FileEntry> lines) {
        this.lines = lines;
    }

    /** Reads the list described by {@code list} from {@code object}, its bytes in the store. */
    public static StoredFileList open(FileList.Stored list, InputStream object) throws IOException {
        return new StoredFileList(new JsonLinesReader<>(list, object, FileEntry.class,
                entry -> entry.path() == null || entry.sha256() == null || entry.size() < 0 ? "it is not a file entry" : null));
    }

    @Override
    public Optional<FileEntry> next() throws IOException {
        return lines.next();
    }

    @Override
    public void checkWhole() throws IOException {
        lines.checkWhole();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
