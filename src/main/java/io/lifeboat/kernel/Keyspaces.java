package io.lifeboat.kernel;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** The keyspaces of several nodes together: each once, sorted, as plans check, save and record them. */
public final class Keyspaces {

    private Keyspaces() {
    }

    public static List<String> union(Stream<? extends Collection<String>> perNode) {
        return perNode.flatMap(Collection::stream).distinct().sorted().toList();
    }
}
