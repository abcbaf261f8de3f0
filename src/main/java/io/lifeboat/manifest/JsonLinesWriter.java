package io.lifeboat.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.lifeboat.archive.DigestingOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** Streams records as gzip-compressed JSON lines, hashed on the way, so no list is ever held in memory. */
final class JsonLinesWriter<T> {

    private final ObjectWriter line;
    private final DigestingOutputStream stored;
    private final GZIPOutputStream gzip;

    /** @param sink where the compressed lines go; left open by {@link #finish} */
    JsonLinesWriter(Class<T> type, OutputStream sink) throws IOException {
        this.line = new ObjectMapper().writerFor(type);
        this.stored = new DigestingOutputStream(sink);
        this.gzip = new GZIPOutputStream(stored, 64 * 1024);
    }

    void add(T record) throws IOException {
        gzip.write(line.writeValueAsBytes(record));
        gzip.write('\n');
    }

    /** Ends the lines; {@code object} is their key in the store. */
    FileList.Stored finish(String object) throws IOException {
        gzip.finish();
        gzip.flush();
        return new FileList.Stored(object, stored.count(), stored.sha256());
    }
}
