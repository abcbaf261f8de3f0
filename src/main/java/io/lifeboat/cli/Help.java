package io.lifeboat.cli;

import io.lifeboat.kernel.Plan;
import io.lifeboat.plan.PlanRequest;

/** The --help texts. */
public final class Help {

    public static final String MAIN = """
            Lifeboat: backup and restore for multi-node data services.

            Usage:
              lifeboat demo                         back up and restore a sample cluster under ./lifeboat-demo
              lifeboat plan start <plan> [--cluster FILE] -p NAME=VALUE ...
              lifeboat plan list                    the plans and the parameters each takes
              lifeboat snapshots list [s3|azure|local] -p NAME=VALUE ...
              lifeboat snapshots verify [s3|azure|local] -p SNAPSHOT_NAME=... [--read-data | --read-data-subset PERCENT]
              lifeboat snapshots purge [s3|azure|local] -p ... [--keep-last N] [--keep-daily N] [--keep-weekly N]
                                    [--keep-monthly N] [--keep-within DURATION] [--dry-run]
              lifeboat snapshots tokens [s3|azure|local] -p SNAPSHOT_NAME=...
                                                    cassandra.yaml token lines for a new cluster that restores by import
              lifeboat keys generate FILE           write a new key file for encrypted backups (ENCRYPTION_KEY_FILE)
              lifeboat keys rotate [s3|azure|local] -p ENCRYPTION_KEY_FILE=OLD --new-key-file NEW -p ...
              lifeboat cat <s3|azure|local> -p ... KEY
                                                    one object to stdout, decrypted: cat ... SNAP/node-0.tar.gz | tar xz
              lifeboat serve [--cluster FILE]       run as a service: schedules, REST API, JMX, health, metrics
              lifeboat agent [--cluster FILE] --node INDEX
                                                    serve one node on its own host for the coordinators

            Every parameter can also come from the environment; -p wins.
            Exit codes: 0 done, 1 the plan failed, 2 a missing or malformed parameter.
            Run 'lifeboat <command> --help' for details.
            """;

    public static final String PLAN = """
            Usage:
              lifeboat plan start <plan> [--cluster FILE] -p NAME=VALUE ...
              lifeboat plan list

            Plans: %s.
            Run 'lifeboat plan start <plan> --help' for a plan's parameters.
            """.formatted(Plan.ids());

    public static final String PLAN_START = """
            Usage: lifeboat plan start <plan> [--cluster FILE] -p NAME=VALUE ...

              --cluster FILE   the cluster file (default: config/cluster.yaml of the Lifeboat folder)
              -p NAME=VALUE    a parameter; the environment variable NAME is used when -p does not give it

            Plans: %s.
            """.formatted(Plan.ids());

    public static final String SNAPSHOTS = """
            Usage:
              lifeboat snapshots list [s3|azure|local] -p NAME=VALUE ...
              lifeboat snapshots verify [s3|azure|local] -p SNAPSHOT_NAME=... [--read-data | --read-data-subset PERCENT]
              lifeboat snapshots purge [s3|azure|local] -p NAME=VALUE ... [--keep-last N] [--keep-daily N]
                  [--keep-weekly N] [--keep-monthly N] [--keep-within DURATION] [--dry-run]
              lifeboat snapshots tokens [s3|azure|local] -p SNAPSHOT_NAME=...

            list: the snapshots of a store: complete ones with their time, nodes and size; folders without
            a manifest (a backup that failed or is still running) are marked INCOMPLETE.
            verify: every object the snapshot's manifest names is in the store at its recorded size; with
            --read-data every object is downloaded and hashed again (--read-data-subset: that share of the
            data objects, chosen at random). Exit 0 only when all verify; each bad object is named on stderr.
            purge: keeps the last N snapshots, the newest of each of the last N days, weeks and months (UTC),
            and those younger than DURATION (30d, 12h), per cluster; drops the others (manifests first), then
            every object no kept snapshot refers to. Nothing younger than lifeboat.purge-grace (6h) goes, so a
            backup in progress is never robbed; incomplete snapshots older than that go too. --dry-run prints
            what would go and changes nothing. A purge that keeps nothing needs --keep-last 0 said alone.
            tokens: for each node of a Cassandra snapshot, its num_tokens and initial_token lines: put them in the
            cassandra.yaml of the new node of the same index before its first start, and the restore imports.
            Parameters: those of the store, as for the plans (S3_BUCKET_NAME, AWS_*; CONTAINER_NAME, AZURE_*,
            CLIENT_*; BACKUP_DIR). The store may be left out when the parameters say which it is.
            Encrypted snapshots: ENCRYPTION_KEY_FILE (or lifeboat.encryption.key-file) is needed to verify them, and
            to purge a store that keeps encrypted differential snapshots; listing shows the key id each needs.
            """;

    public static final String KEYS = """
            Usage:
              lifeboat keys generate FILE
              lifeboat keys rotate [s3|azure|local] -p ENCRYPTION_KEY_FILE=OLD --new-key-file NEW -p NAME=VALUE ...

            generate: writes a new key (a Tink AES-256-GCM keyset) into FILE, readable by its owner alone, and
            prints its id, never the key. Backups given -p ENCRYPTION_KEY_FILE=FILE (or lifeboat.encryption.key-file)
            are encrypted: each snapshot gets a data key of its own, kept in the store wrapped by this key.
            Without the key file, they cannot be restored: keep a copy apart from the backups.
            rotate: every snapshot of the store under OLD's key is moved to NEW's: only each snapshot's small
            encryption.json is rewritten, never the data. Afterwards OLD no longer opens them. Run it again to
            finish a rotation cut short. Exit 1 when a snapshot is under neither key (named on stderr).
            See docs/encryption.md.
            """;

    public static final String CAT = """
            Usage: lifeboat cat <s3|azure|local> -p NAME=VALUE ... KEY

            Writes the object KEY of the store to stdout as it was before it was stored: decrypted (and
            authenticated) when its snapshot is encrypted, with ENCRYPTION_KEY_FILE. For example:
              lifeboat cat s3 -p ENCRYPTION_KEY_FILE=backup.key nightly-1/node-0.tar.gz | tar xz
            A file object of an encrypted differential snapshot whose own snapshot has been purged opens
            through a snapshot that refers to it: add -p SNAPSHOT_NAME=THAT_SNAPSHOT.
            """;

    public static final String DEMO = """
            Usage: lifeboat demo

            Creates a sample 3-node cluster under ./lifeboat-demo (replacing an earlier demo there), backs it up
            with backup-local, restores it into a fresh 3-node cluster, compares both trees and reports.
            """;

    public static final String SERVE = """
            Usage: lifeboat serve [--cluster FILE]

            Runs until stopped (SIGTERM or Ctrl-C): the schedules of config/application.properties (routes/*.yaml),
            the REST API under /v1, health at /observe/health and Prometheus metrics at /observe/metrics on
            lifeboat.server.host:lifeboat.server.port (default 127.0.0.1:8680), and the io.lifeboat:type=Lifeboat MBean.
            Bound to any other address, every request needs 'Authorization: Bearer <LIFEBOAT_SERVER_TOKEN>'.
            On stop, a running plan may finish within lifeboat.shutdown-grace-seconds; past that it is interrupted.
            Secrets for plans (AWS_SECRET_ACCESS_KEY, AZURE_STORAGE_KEY, CLIENT_SECRET...) come from the environment.
            See docs/operations.md.
            """;

    public static final String AGENT = """
            Usage: lifeboat agent [--cluster FILE] --node INDEX

            Serves one node of the cluster on the node's own host, until stopped (SIGTERM or Ctrl-C): coordinators
            (lifeboat plan start, lifeboat serve) send it the node's part of every plan, and the node's data goes
            between this host and the store, never through a coordinator. It listens on the address of the node's
            'agent' URL in the cluster file (https://HOST:8681; http:// only on a loopback address).
            Every request needs 'Authorization: Bearer <LIFEBOAT_AGENT_TOKEN>' when the token is set, and the
            token is required on any address but loopback. https needs lifeboat.agent.tls.keystore (its password
            from LIFEBOAT_AGENT_TLS_KEYSTORE_PASSWORD). A run whose coordinator falls silent for lifeboat.agent.lease
            (2m) is stopped and cleaned up. See docs/deployment.md.
            """;

    private static final String PLAN_PARAMETERS = """
              SNAPSHOT_NAME            required; the snapshot's folder in the store (letters, digits, . _ -)
              KEYSPACES                optional; space-separated keyspaces, or keyspace.table for one table of a
                                       Cassandra cluster (default: all)
              BACKUP_RESTORE_STRATEGY  optional; serial or parallel (default: lifeboat.default-strategy)
              ENCRYPTION_KEY_FILE      optional; a key file (lifeboat keys generate): backups are encrypted with it,
                                       encrypted snapshots restore with it (default: lifeboat.encryption.key-file)
              COMPRESSION              backups; gzip, zstd or none (default: lifeboat.compression); restores follow the manifest
              COMPRESSION_LEVEL        backups; gzip 1-9 (default 6), zstd 1-19 (default 1)
              RENAME                   restores; space-separated from=to: shop=shop_restored renames a keyspace,
                                       shop.users=shop.users_old a table (Cassandra); refused if the new name exists
              DATACENTERS              restores into Cassandra; backed-up=target data centre names (dc-east=dc-west),
                                       for the replication of the keyspaces created
              CASSANDRA_USERNAME, CASSANDRA_PASSWORD, CASSANDRA_JMX_USERNAME, CASSANDRA_JMX_PASSWORD
                                       optional; credentials of a 'type: cassandra' cluster
            """;

    private static final String S3_PARAMETERS = """
              S3_BUCKET_NAME           required; the bucket (it must exist)
              AWS_REGION               required; e.g. us-east-1
              AWS_ACCESS_KEY_ID        the access key (with AWS_SECRET_ACCESS_KEY; neither: default AWS credentials)
              AWS_SECRET_ACCESS_KEY    the secret key
              AWS_ENDPOINT_URL         optional; an S3-compatible server, addressed path-style
            """;

    private static final String AZURE_PARAMETERS = """
              AZURE_STORAGE_ACCOUNT    required; the storage account
              CONTAINER_NAME           required; the blob container (it must exist)
              AZURE_STORAGE_KEY        the account key; when given, it is used
              CLIENT_ID, TENANT_ID, CLIENT_SECRET
                                       without AZURE_STORAGE_KEY: the service principal that signs in
              AZURE_BLOB_ENDPOINT      optional; e.g. http://127.0.0.1:10000/devstoreaccount1 for Azurite
            """;

    private static final String LOCAL_PARAMETERS = """
              BACKUP_DIR               required; the directory that holds snapshots (created if missing)
            """;

    private Help() {
    }

    public static String planStart(String planId) {
        return Plan.byId(planId).map(Help::planParameters).orElse(PLAN_START);
    }

    private static String planParameters(Plan plan) {
        String store = switch (plan.store()) {
            case S3 -> S3_PARAMETERS;
            case AZURE -> AZURE_PARAMETERS;
            case LOCAL -> LOCAL_PARAMETERS;
        };
        return "Usage: lifeboat plan start " + plan + " [--cluster FILE] -p NAME=VALUE ...\n\nParameters ("
                + String.join(", ", PlanRequest.parameterNames(plan)) + "):\n" + PLAN_PARAMETERS + store;
    }
}
