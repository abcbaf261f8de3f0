package io.lifeboat.loader;

import java.util.Map;

/** What streaming one table did: bytes sent in all and to each host (by address), and the SSTables found. */
record TableOutcome(long bytesSent, int files, Map<String, Long> bytesPerHost) {
}
