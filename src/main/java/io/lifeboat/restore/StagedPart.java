package io.lifeboat.restore;

import io.lifeboat.archive.NodeArchiveReader;

/** What staging one backed-up node's part wrote (files and bytes of the keyspaces taken) and read from the store. */
record StagedPart(NodeArchiveReader.Extracted extracted, long storedBytes) {
}
