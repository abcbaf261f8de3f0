package io.lifeboat.restore;

import io.lifeboat.cluster.Topology;
import io.lifeboat.kernel.DatacenterMapping;
import io.lifeboat.kernel.ParameterException;
import io.lifeboat.kernel.PlanFailedException;
import io.lifeboat.ring.Replication;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The replication a restored keyspace has: as backed up, and in the target (the backed-up one with the data centres
 * renamed, for a keyspace the restore creates; the target's own, for one that exists). A keyspace created with a
 * data centre the target lacks could never hold a replica there: it is refused before anything is written.
 */
final class TargetReplication {

    private TargetReplication() {
    }

    static Replication backedUp(Topology source, String keyspace) {
        Map<String, String> settings = source.replication().get(keyspace);
        if (settings == null) {
            throw new PlanFailedException("the snapshot's manifest records no replication for keyspace " + keyspace);
        }
        return Replication.parse(settings);
    }

    static Replication of(Topology source, Topology target, RestoreSelection.Keyspace keyspace, DatacenterMapping datacenters) {
        if (!keyspace.create()) {
            return Replication.parse(target.replication().get(keyspace.target()));
        }
        return backedUp(source, keyspace.name()).withDatacentersRenamed(datacenters.renames());
    }

    /**
     * Refuses a DATACENTERS entry for a data centre the snapshot does not have, and a keyspace to be created with a data
     * centre the target lacks, naming it.
     */
    static void check(Topology source, Topology target, RestoreSelection selection, DatacenterMapping datacenters) {
        Set<String> backedUpDatacenters = new TreeSet<>(source.datacenters());
        source.replication().values().forEach(settings -> backedUpDatacenters.addAll(Replication.parse(settings).datacenters()));
        for (String named : datacenters.renames().keySet()) {
            if (!backedUpDatacenters.contains(named)) {
                throw new ParameterException(DatacenterMapping.PARAMETER, "DATACENTERS maps " + named + ", a data centre the snapshot does not"
                        + " have (it has " + String.join(", ", backedUpDatacenters) + ")");
            }
        }
        List<String> targetDatacenters = target.datacenters();
        for (RestoreSelection.Keyspace keyspace : selection.keyspaces()) {
            if (!keyspace.create()) {
                continue;
            }
            for (String datacenter : of(source, target, keyspace, datacenters).datacenters()) {
                if (!targetDatacenters.contains(datacenter)) {
                    throw new PlanFailedException("keyspace " + keyspace.name() + " replicates to data centre " + datacenter + ", which the"
                            + " target lacks (it has " + String.join(", ", targetDatacenters) + "); map it with DATACENTERS="
                            + datacenter + "=<target data centre>");
                }
            }
        }
    }
}
