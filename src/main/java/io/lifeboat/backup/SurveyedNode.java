package io.lifeboat.backup;

import io.lifeboat.cluster.Node;
import io.lifeboat.plan.NodeRequest;

import java.util.List;

/** What a node answers to its survey: the run's keyspaces it holds, and their bytes (for progress). */
record SurveyedNode(Node node, List<String> keyspaces, long dataBytes) implements NodeRequest {

    SurveyedNode {
        keyspaces = List.copyOf(keyspaces);
    }
}
