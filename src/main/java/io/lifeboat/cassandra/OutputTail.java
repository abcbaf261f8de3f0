package io.lifeboat.cassandra;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/** The last lines a process wrote, a bounded number of them, for saying why it failed when it did not say so itself. */
final class OutputTail {

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    OutputTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The last line that is not blank nor part of a stack trace ({@code at ...}, {@code ... 3 more}, {@code Caused by: ...}). */
    synchronized Optional<String> lastMeaningful() {
        for (Iterator<String> line = lines.descendingIterator(); line.hasNext(); ) {
            String text = line.next().strip();
            if (!text.isEmpty() && !text.startsWith("at ") && !text.matches("\\.\\.\\. \\d+ more") && !text.startsWith("Caused by:")) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
