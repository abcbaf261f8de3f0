package io.lifeboat.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.lifeboat.archive.DigestingOutputStream;
import io.lifeboat.archive.FileEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Streams a node's file list as it is archived: one JSON line per file, gzip-compressed, hashed on the
 * way, so no list of files is ever held in memory.
 */
public final class FileListWriter {

    private static final ObjectWriter LINE = new ObjectMapper().writerFor(FileEntry.class);

    private final DigestingOutputStream stored;
    private final GZIPOutputStream gzip;
    private long files;
    private long dataBytes;

    /** @param sink where the compressed list goes; closed by {@link #finish} */
    public FileListWriter(OutputStream sink) throws IOException {
        this.stored = new DigestingOutputStream(sink);
        this.gzip = new GZIPOutputStream(stored, 64 * 1024);
    }

    public void add(FileEntry file) throws IOException {
        gzip.write(LINE.writeValueAsBytes(file));
        gzip.write('\n');
        files++;
        dataBytes += file.size();
    }

    /** Ends the list; {@code object} is its key in the store. */
    public FileList.Stored finish(String object) throws IOException {
        gzip.finish();
        gzip.flush();
        return new FileList.Stored(object, stored.count(), stored.sha256());
    }

    public long files() {
        return files;
    }

    public long dataBytes() {
        return dataBytes;
    }
}
