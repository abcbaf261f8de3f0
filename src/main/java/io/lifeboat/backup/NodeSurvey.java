package io.lifeboat.backup;

import io.lifeboat.cluster.Node;
import io.lifeboat.plan.NodeRequest;

/** Asks a node, before anything is written, which of the run's keyspaces it holds and how many bytes they are. */
record NodeSurvey(Node node) implements NodeRequest {
}
