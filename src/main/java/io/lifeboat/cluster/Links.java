package io.lifeboat.cluster;

import java.nio.file.Path;

/** The one rule for symbolic links in a node: what a backup keeps as a link is exactly what a restore accepts. */
public final class Links {

    private Links() {
    }

    /**
     * Whether a link at {@code entryName} (relative to the node) pointing to {@code target} stays inside the
     * node: relative, and resolving below the node's top.
     */
    public static boolean staysInside(String entryName, String target) {
        Path node = Path.of("/node");
        Path link = node.resolve(entryName).normalize();
        return !target.isEmpty() && !target.startsWith("/") && link.startsWith(node)
                && link.getParent().resolve(target).normalize().startsWith(node);
    }
}
