package io.lifeboat.cluster;

import java.util.List;

/** Where streamed SSTables go: the target cluster's CQL contact points ({@code host:port}) and its storage port. */
public record StreamTarget(List<String> hosts, int storagePort) {

    public StreamTarget {
        hosts = List.copyOf(hosts);
    }
}
