package io.lifeboat.agent;

/** What an agent says of itself: the cluster and node it serves, so a coordinator knows it reached the right one. */
record AgentInfo(String cluster, int node) {
}
