package io.lifeboat.plan;

import io.lifeboat.cluster.Node;

/** The body a per-node route takes: one node's part of a plan. Its result is the route's body when it ends. */
public interface NodeRequest {

    Node node();
}
