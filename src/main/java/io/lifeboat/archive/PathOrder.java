package io.lifeboat.archive;

import java.util.Comparator;

/**
 * The order of a differential snapshot's entries: paths compared segment by segment, which is the order of a
 * depth-first walk that visits each directory's entries sorted by name. Two sorted lists merge in one pass.
 */
public final class PathOrder {

    public static final Comparator<String> PATHS = PathOrder::compare;

    private PathOrder() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int endA = segmentEnd(a, i);
            int endB = segmentEnd(b, j);
            int bySegment = a.substring(i, endA).compareTo(b.substring(j, endB));
            if (bySegment != 0) {
                return bySegment;
            }
            i = endA + 1;
            j = endB + 1;
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int segmentEnd(String path, int from) {
        int slash = path.indexOf('/', from);
        return slash < 0 ? path.length() : slash;
    }
}
