package io.lifeboat.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Cassandra cluster's ring as Lifeboat reads it (when a snapshot is taken, and of a restore's target): the
 * partitioner, every member of the ring with its tokens, and the replication settings of keyspaces. A member that
 * the cluster file lists carries its node index there.
 */
public record Topology(String partitioner, List<Member> members, Map<String, Map<String, String>> replication) {

    public Topology {
        members = List.copyOf(members);
        replication = Map.copyOf(replication);
    }

    /** One node of the ring: who it is, where it is, and the tokens it owns. */
    public record Member(Optional<Integer> index, String hostId, String address, String datacenter, String rack, List<String> tokens,
                         String cassandraVersion, String nativeAddress, int nativePort, int storagePort) {

        public Member {
            tokens = List.copyOf(tokens);
        }

        /** How many tokens (vnodes) the node has: its {@code num_tokens}. */
        public int numTokens() {
            return tokens.size();
        }

        /** The member as an operator knows it: its node index when the cluster file lists it, and its address. */
        public String describe() {
            return index.map(i -> "node " + i + " (" + address + ")").orElse(address + " (not in the cluster file)");
        }
    }

    /** The member that is node {@code index} of the cluster file. */
    public Optional<Member> member(int index) {
        return members.stream().filter(member -> member.index().equals(Optional.of(index))).findFirst();
    }

    /** The data centres of the ring, as its members name them. */
    public List<String> datacenters() {
        return members.stream().map(Member::datacenter).distinct().sorted().toList();
    }
}
