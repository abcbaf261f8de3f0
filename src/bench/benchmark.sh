#!/usr/bin/env bash
# Lifeboat against the shell pipelines an operator would otherwise use, in one run, on the same
# deterministic data set and the same machine, with S3Mock as the store.
#
#   bash src/bench/benchmark.sh            # ~1.5 GB over 3 nodes (SIZE_MB=1536 NODES=3)
#   SIZE_MB=300 bash src/bench/benchmark.sh
#   ONLY=differential bash src/bench/benchmark.sh   # differential backups, restore, listing and purge only
#   ONLY=listing SIZE_MB=16 bash src/bench/benchmark.sh   # listing and purging 1,000 fabricated snapshots only
#   ONLY=encryption bash src/bench/benchmark.sh     # encrypted backups and restores against plain ones only
#   ONLY=restore-paths SIZE_MB=256 bash src/bench/benchmark.sh   # Cassandra restores: import, streaming, sstableloader
#
# Needs Java 17, Maven, and from Debian's packages: pigz, zstd, awscli (apt-get install pigz zstd awscli).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SIZE_MB=${SIZE_MB:-1536}
NODES=${NODES:-3}
HEAP=${HEAP:-256m}
work=${BENCH_DIR:-$repo/target/benchmark}

if [ "${ONLY:-}" = restore-paths ]; then
  # Real Cassandra 5.0.6 clusters on 127.0.3.x (the tests' harness and jars); needs about 7 GiB of memory.
  echo "== building Lifeboat, its tests' harness and the Cassandra jars"
  (cd "$repo" && mvn -q -B -DskipTests package test-compile \
      && mvn -q -B -f src/test/cassandra/pom.xml dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$repo/target/cassandra/lib" \
      && mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$repo/target/bench-classpath.txt")
  rm -rf "$work/backups" "$work/sstableloader"
  mkdir -p "$work"
  echo "== Cassandra restore paths (${SIZE_MB} MB of rows, replication factor 2, 3 nodes)"
  java -Xmx1g -Dlifeboat.home="$repo" -Dlifeboat.build.directory="$repo/target" \
      -cp "$repo/target/test-classes:$repo/target/classes:$(cat "$repo/target/bench-classpath.txt")" \
      "$repo/src/bench/RestorePaths.java" "$work" "$SIZE_MB"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
  exit 0
fi

for tool in pigz zstd aws tar java mvn python3; do
  command -v "$tool" >/dev/null || { echo "benchmark: '$tool' is missing; install it (Debian: apt-get install pigz zstd awscli)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "benchmark: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

echo "== building Lifeboat and fetching S3Mock"
(cd "$repo" && mvn -q -B -DskipTests package && mvn -q -B dependency:copy -Dartifact=com.adobe.testing:s3mock:4.11.0:jar:exec \
    -DoutputDirectory="$work/s3mock" -Dmdep.stripVersion=true)

rm -rf "$work/data" "$work/target-nodes" "$work/s3mock-store" "$work/tmp" "$work/seed"
mkdir -p "$work/data" "$work/tmp" "$work/seed"
echo "== generating ${SIZE_MB} MB over $NODES nodes (half random like compressed SSTables, half text-like)"
java "$repo/src/bench/GenerateData.java" "$work/data" "$SIZE_MB" "$NODES"
data_bytes=$(du -sb "$work/data" | cut -f1)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar "$work/s3mock/s3mock-exec.jar" --server.address=127.0.0.1 --server.port="$port" --server.ssl.enabled=false \
    --com.adobe.testing.s3mock.httpPort=0 --com.adobe.testing.s3mock.store.root="$work/s3mock-store" > "$work/s3mock.log" 2>&1 &
s3mock=$!
trap 'kill $s3mock 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done

export AWS_ACCESS_KEY_ID=benchmark AWS_SECRET_ACCESS_KEY=benchmark AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" S3_BUCKET_NAME=bench
aws --endpoint-url "$AWS_ENDPOINT_URL" s3 mb s3://bench >/dev/null

cluster() { # cluster FILE DIR: a cluster file whose node-i lives in DIR/node-i
  { echo "name: bench"; echo "nodes:"; for i in $(seq 0 $((NODES - 1))); do echo "  - index: $i"; echo "    dataDir: $2/node-$i"; done; } > "$1"
}
cluster "$work/source.yaml" "$work/data"

results="$work/results.tsv"
: > "$results"
store_cpu() { # CPU seconds S3Mock has used so far: the store shares the machine's cores with what is measured
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$s3mock/stat"
}
measure() { # measure NAME COMMAND...: wall seconds, peak RSS of the command (and its children), S3Mock's CPU seconds
  local name=$1; shift
  sync
  local cpu_before; cpu_before=$(store_cpu)
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.out" "$@" > "$work/last.out" 2>&1 || { echo "benchmark: $name failed:"; cat "$work/last.out"; exit 1; }
  read -r seconds rss_kb user sys < "$work/time.out"
  local store; store=$(echo "$(store_cpu) - $cpu_before" | bc -l)
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$seconds" "$rss_kb" "$(echo "$user + $sys" | bc -l)" "$store" >> "$results"
  printf '  %-38s %6.1f s %7.1f MB/s  peak RSS %4d MiB  CPU s: own %5.1f, S3Mock %5.1f\n' "$name" "$seconds" \
    "$(echo "$data_bytes / 1000000 / $seconds" | bc -l)" "$((rss_kb / 1024))" "$(echo "$user + $sys" | bc -l)" "$store"
}
fresh_target() { rm -rf "$work/target-nodes"; mkdir -p "$work/target-nodes"; cluster "$work/target.yaml" "$work/target-nodes"; }
lifeboat=(java -Xmx"$HEAP" -Djava.io.tmpdir="$work/tmp" -Dlifeboat.home="$repo" -jar "$repo/target/lifeboat.jar")
suffix() { case $1 in gzip) echo .tar.gz;; zstd) echo .tar.zst;; none) echo .tar;; esac; }
untar() { case $1 in gzip) echo "tar xzf -";; zstd) echo "tar --zstd -xf -";; none) echo "tar xf -";; esac; }

uploaded() { # uploaded SNAPSHOT: the file bytes a differential snapshot uploaded (its manifest's uploadedBytes)
  aws --endpoint-url "$AWS_ENDPOINT_URL" s3 cp "s3://bench/$1/manifest.json" - | python3 -c \
    'import json,sys; print(sum(n["uploadedBytes"] for n in json.load(sys.stdin)["nodes"]))'
}

service_backups() { # differential backups started through a running 'lifeboat serve', timed by their own run: no JVM start
  java -Xmx"$HEAP" -Djava.io.tmpdir="$work/tmp" -Dlifeboat.home="$repo" -jar "$repo/target/lifeboat.jar" serve \
      --cluster "$work/source.yaml" > "$work/serve.log" 2>&1 &
  local serve=$!
  for _ in $(seq 1 120); do grep -q serving "$work/serve.log" && break; sleep 0.5; done
  for name in svc-1 svc-2; do
    curl -s -X POST "http://127.0.0.1:8680/v1/plans/backup-s3/start" -H 'Content-Type: application/json' \
        -d "{\"SNAPSHOT_NAME\": \"$name\", \"BACKUP_MODE\": \"differential\", \"S3_BUCKET_NAME\": \"bench\", \"AWS_REGION\": \"us-east-1\", \"AWS_ACCESS_KEY_ID\": \"benchmark\", \"AWS_ENDPOINT_URL\": \"$AWS_ENDPOINT_URL\"}" > /dev/null
    SNAPSHOT=$name python3 - <<'POLL'
import json, os, re, time, urllib.request, datetime as d
t = lambda s: d.datetime.fromisoformat(re.sub(r"(\.\d{6})\d*", r"\1", s).replace("Z", "+00:00"))
while True:
    run = json.load(urllib.request.urlopen("http://127.0.0.1:8680/v1/plans/backup-s3"))
    if run["snapshot"] == os.environ["SNAPSHOT"] and run["state"] in ("COMPLETE", "FAILED", "INTERRUPTED") and run.get("endedAt"):
        break
    time.sleep(0.1)
print("  through lifeboat serve: %s %s in %.2f s (its own run, from start to manifest)"
      % (run["snapshot"], run["state"], (t(run["endedAt"]) - t(run["startedAt"])).total_seconds()))
POLL
  done
  kill "$serve" 2>/dev/null || true
  wait "$serve" 2>/dev/null || true
}

differential() {
  echo "== differential backups (gzip where it pays, serial), against a full backup and restore of the same data"
  measure "lifeboat backup gzip serial (full)" "${lifeboat[@]}" plan start backup-s3 --cluster "$work/source.yaml" \
      -p SNAPSHOT_NAME=full-base -p COMPRESSION=gzip -p BACKUP_RESTORE_STRATEGY=serial
  measure "lifeboat differential 1st" "${lifeboat[@]}" plan start backup-s3 --cluster "$work/source.yaml" \
      -p SNAPSHOT_NAME=diff-1 -p BACKUP_MODE=differential -p COMPRESSION=gzip
  measure "lifeboat differential 2nd, unchanged" "${lifeboat[@]}" plan start backup-s3 --cluster "$work/source.yaml" \
      -p SNAPSHOT_NAME=diff-2 -p BACKUP_MODE=differential -p COMPRESSION=gzip
  # A compaction on every node: the Data and Index files of one table of eight replaced by new ones.
  local replaced=0
  for i in $(seq 0 $((NODES - 1))); do
    for table in "$work"/data/node-$i/shop/t0-*; do
      for kind in Data Index; do
        local old="$table/nb-1-big-$kind.db"
        replaced=$((replaced + $(stat -c %s "$old")))
        head -c "$(stat -c %s "$old")" /dev/urandom > "$table/nb-2-big-$kind.db"
        rm "$old"
      done
    done
  done
  measure "lifeboat differential 3rd, 1/8 replaced" "${lifeboat[@]}" plan start backup-s3 --cluster "$work/source.yaml" \
      -p SNAPSHOT_NAME=diff-3 -p BACKUP_MODE=differential -p COMPRESSION=gzip
  fresh_target
  measure "lifeboat restore gzip serial (full)" "${lifeboat[@]}" plan start restore-s3 --cluster "$work/target.yaml" \
      -p SNAPSHOT_NAME=full-base -p BACKUP_RESTORE_STRATEGY=serial
  fresh_target
  measure "lifeboat restore differential serial" "${lifeboat[@]}" plan start restore-s3 --cluster "$work/target.yaml" \
      -p SNAPSHOT_NAME=diff-3 -p BACKUP_RESTORE_STRATEGY=serial
  diff -r "$work/data" "$work/target-nodes" > /dev/null || { echo "benchmark: restored differential data differs"; exit 1; }
  measure "lifeboat snapshots verify --read-data" "${lifeboat[@]}" snapshots verify s3 -p SNAPSHOT_NAME=diff-3 --read-data
  service_backups
  echo "  uploaded file bytes: 1st $(uploaded diff-1), 2nd $(uploaded diff-2), 3rd $(uploaded diff-3) (replaced on the nodes: $replaced)"
  printf '  2nd / 1st wall time: %.1f%%\n' "$(echo "100 * $(secs 'lifeboat differential 2nd, unchanged') / $(secs 'lifeboat differential 1st')" | bc -l)"
  printf '  restore differential / full MB/s: %.2fx\n' "$(echo "$(secs 'lifeboat restore gzip serial (full)') / $(secs 'lifeboat restore differential serial')" | bc -l)"
}

encryption() {
  echo "== encrypted against plain (gzip, serial; each twice, alternating, so that drift hits both)"
  rm -f "$work/bench.key"
  "${lifeboat[@]}" keys generate "$work/bench.key" > /dev/null
  for round in 1 2; do
    measure "lifeboat backup gzip plain $round" "${lifeboat[@]}" plan start backup-s3 --cluster "$work/source.yaml" \
        -p SNAPSHOT_NAME="plain-$round" -p COMPRESSION=gzip -p BACKUP_RESTORE_STRATEGY=serial
    measure "lifeboat backup gzip encrypted $round" "${lifeboat[@]}" plan start backup-s3 --cluster "$work/source.yaml" \
        -p SNAPSHOT_NAME="sealed-$round" -p COMPRESSION=gzip -p BACKUP_RESTORE_STRATEGY=serial -p ENCRYPTION_KEY_FILE="$work/bench.key"
  done
  for round in 1 2; do
    fresh_target
    measure "lifeboat restore gzip plain $round" "${lifeboat[@]}" plan start restore-s3 --cluster "$work/target.yaml" \
        -p SNAPSHOT_NAME="plain-$round" -p BACKUP_RESTORE_STRATEGY=serial
    fresh_target
    measure "lifeboat restore gzip encrypted $round" "${lifeboat[@]}" plan start restore-s3 --cluster "$work/target.yaml" \
        -p SNAPSHOT_NAME="sealed-$round" -p BACKUP_RESTORE_STRATEGY=serial -p ENCRYPTION_KEY_FILE="$work/bench.key"
    diff -r "$work/data" "$work/target-nodes" > /dev/null || { echo "benchmark: restored encrypted data differs"; exit 1; }
  done
  for what in backup restore; do
    printf '  encrypted / plain %s speed: %.3fx (%s s plain, %s s encrypted, two runs each)\n' "$what" \
      "$(echo "($(secs "lifeboat $what gzip plain 1") + $(secs "lifeboat $what gzip plain 2")) / ($(secs "lifeboat $what gzip encrypted 1") + $(secs "lifeboat $what gzip encrypted 2"))" | bc -l)" \
      "$(echo "$(secs "lifeboat $what gzip plain 1") + $(secs "lifeboat $what gzip plain 2")" | bc)" \
      "$(echo "$(secs "lifeboat $what gzip encrypted 1") + $(secs "lifeboat $what gzip encrypted 2")" | bc)"
  done
}

many_snapshots() {
  echo "== listing and purging many snapshots (fabricated: $SNAPSHOTS snapshots of 6 nodes)"
  java -cp "$repo/target/lifeboat.jar" "$repo/src/bench/FabricateSnapshots.java" "$AWS_ENDPOINT_URL" bench-many "$SNAPSHOTS" 6 "$FILES_PER_NODE"
  measure "lifeboat snapshots list ($SNAPSHOTS snapshots)" env S3_BUCKET_NAME=bench-many "${lifeboat[@]}" snapshots list s3
  grep -c complete "$work/last.out" | sed 's/^/  snapshots listed: /'
  measure "lifeboat snapshots purge --keep-last 10" env S3_BUCKET_NAME=bench-many LIFEBOAT_PURGE_GRACE=0s "${lifeboat[@]}" \
      snapshots purge s3 --keep-last 10
  tail -1 "$work/last.out" | sed 's/^/  /'
  local deleted; deleted=$(tail -1 "$work/last.out" | sed -E 's/.*deleted ([0-9]+) objects.*/\1/')
  printf '  purge: %.0f objects per second\n' "$(echo "$deleted / $(secs 'lifeboat snapshots purge --keep-last 10')" | bc -l)"
}
secs() { awk -F'\t' -v n="$1" '$1 == n {print $2}' "$results"; }
SNAPSHOTS=${SNAPSHOTS:-1000}
# S3Mock slows down as its bucket fills (about 50 writes a second past 10,000 objects on 2 cores): one file per node.
FILES_PER_NODE=${FILES_PER_NODE:-1}
if [ "${ONLY:-}" = encryption ]; then
  encryption
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
  exit 0
fi
if [ "${ONLY:-}" = differential ] || [ "${ONLY:-}" = listing ]; then
  [ "$ONLY" = differential ] && differential
  many_snapshots
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
  exit 0
fi

echo "== Lifeboat (heap capped at $HEAP)"
for codec in gzip zstd none; do
  for strategy in serial parallel; do
    measure "lifeboat backup $codec $strategy" "${lifeboat[@]}" plan start backup-s3 --cluster "$work/source.yaml" \
        -p SNAPSHOT_NAME="lb-$codec-$strategy" -p COMPRESSION="$codec" -p BACKUP_RESTORE_STRATEGY="$strategy"
  done
  for strategy in serial parallel; do
    fresh_target
    measure "lifeboat restore $codec $strategy" "${lifeboat[@]}" plan start restore-s3 --cluster "$work/target.yaml" \
        -p SNAPSHOT_NAME="lb-$codec-serial" -p BACKUP_RESTORE_STRATEGY="$strategy"
  done
  diff -r "$work/data" "$work/target-nodes" > /dev/null || { echo "benchmark: restored $codec data differs"; exit 1; }
done
staged=$(find "$work/tmp" -type f | wc -l)

echo "== Lifeboat through agents (one per node, on 127.0.0.31, .32, ...: the same cores, as if each were a host)"
agents_cluster() { # agents_cluster FILE DIR: like cluster, each node with its agent
  { echo "name: bench"; echo "nodes:"; for i in $(seq 0 $((NODES - 1))); do
      echo "  - index: $i"; echo "    dataDir: $2/node-$i"; echo "    agent: http://127.0.0.$((31 + i)):$((agent_port))"; done; } > "$1"
}
agent_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.31", 0)); print(s.getsockname()[1])')
agents_cluster "$work/source-agents.yaml" "$work/data"
fresh_target
agents_cluster "$work/target-agents.yaml" "$work/target-nodes"
export LIFEBOAT_AGENT_TOKEN=benchmark-token
agent_pids=()
start_agents() { # start_agents FILE: one agent per node of the cluster file, returns once all serve
  agent_pids=()
  for i in $(seq 0 $((NODES - 1))); do
    java -Xmx"$HEAP" -Djava.io.tmpdir="$work/tmp" -Dlifeboat.home="$repo" -jar "$repo/target/lifeboat.jar" agent \
        --cluster "$1" --node "$i" > "$work/agent-$i.log" 2>&1 &
    agent_pids+=($!)
  done
  for i in $(seq 0 $((NODES - 1))); do
    for _ in $(seq 1 120); do grep -q serving "$work/agent-$i.log" && break; sleep 0.5; done
  done
}
stop_agents() { kill "${agent_pids[@]}"; wait "${agent_pids[@]}" 2>/dev/null || true; agent_pids=(); }
start_agents "$work/source-agents.yaml"
trap 'kill $s3mock "${agent_pids[@]}" 2>/dev/null || true' EXIT
for strategy in serial parallel; do
  measure "lifeboat backup gzip $strategy agents" "${lifeboat[@]}" plan start backup-s3 --cluster "$work/source-agents.yaml" \
      -p SNAPSHOT_NAME="lb-agents-$strategy" -p COMPRESSION=gzip -p BACKUP_RESTORE_STRATEGY="$strategy"
done
stop_agents
start_agents "$work/target-agents.yaml"
measure "lifeboat restore gzip serial agents" "${lifeboat[@]}" plan start restore-s3 --cluster "$work/target-agents.yaml" \
    -p SNAPSHOT_NAME=lb-agents-serial -p BACKUP_RESTORE_STRATEGY=serial
diff -r -x '.lifeboat*' "$work/data" "$work/target-nodes" > /dev/null || { echo "benchmark: data restored through agents differs"; exit 1; }
stop_agents

echo "== shell pipelines, node after node"
backup_stream() { # codec compressor...: tar | compressor | aws s3 cp - per node
  local codec=$1; shift
  for i in $(seq 0 $((NODES - 1))); do
    tar -C "$work/data/node-$i" -cf - . | "$@" | aws --endpoint-url "$AWS_ENDPOINT_URL" s3 cp - "s3://bench/shell-$codec/node-$i$(suffix "$codec")"
  done
}
backup_seed() { # codec tar-flags: tar to a local file, then upload it (how the old plans did it)
  local codec=$1 flags=$2
  for i in $(seq 0 $((NODES - 1))); do
    tar -C "$work/data/node-$i" $flags "$work/seed/node-$i$(suffix "$codec")" . \
      && aws --endpoint-url "$AWS_ENDPOINT_URL" s3 cp "$work/seed/node-$i$(suffix "$codec")" "s3://bench/seed-$codec/node-$i$(suffix "$codec")" >/dev/null \
      && rm "$work/seed/node-$i$(suffix "$codec")"
  done
}
restore_stream() {
  local codec=$1
  for i in $(seq 0 $((NODES - 1))); do
    mkdir -p "$work/target-nodes/node-$i"
    aws --endpoint-url "$AWS_ENDPOINT_URL" s3 cp "s3://bench/shell-$codec/node-$i$(suffix "$codec")" - | (cd "$work/target-nodes/node-$i" && $(untar "$codec"))
  done
}
export -f backup_stream backup_seed restore_stream suffix untar
export work NODES
measure "tar | pigz -6 | aws s3 cp -" bash -c 'backup_stream gzip pigz -6'
measure "tar | zstd -T0 -1 | aws s3 cp -" bash -c 'backup_stream zstd zstd -q -T0 -1'
measure "tar | aws s3 cp -" bash -c 'backup_stream none cat'
measure "seed: tar czf file; aws s3 cp" bash -c 'backup_seed gzip -czf'
measure "seed: tar --zstd -cf file; aws s3 cp" bash -c 'backup_seed zstd "--zstd -cf"'
measure "seed: tar cf file; aws s3 cp" bash -c 'backup_seed none -cf'
for codec in gzip zstd none; do
  fresh_target
  measure "aws s3 cp - | $(untar $codec | cut -d' ' -f1-2) ($codec)" bash -c "restore_stream $codec"
done

differential
encryption
many_snapshots

echo
echo "== ratios (Lifeboat MB/s over the baseline's MB/s on the same data; above 1 is faster)"
ratio() { printf '  %-44s %5.2fx   (%s s vs %s s)\n' "$1 / $2" "$(echo "$(secs "$2") / $(secs "$1")" | bc -l)" "$(secs "$1")" "$(secs "$2")"; }
ratio "lifeboat backup gzip serial" "tar | pigz -6 | aws s3 cp -"
ratio "lifeboat backup gzip parallel" "tar | pigz -6 | aws s3 cp -"
ratio "lifeboat backup zstd serial" "tar | zstd -T0 -1 | aws s3 cp -"
ratio "lifeboat backup zstd parallel" "tar | zstd -T0 -1 | aws s3 cp -"
ratio "lifeboat backup none serial" "tar | aws s3 cp -"
ratio "lifeboat backup gzip serial" "seed: tar czf file; aws s3 cp"
ratio "lifeboat backup zstd serial" "seed: tar --zstd -cf file; aws s3 cp"
ratio "lifeboat backup none serial" "seed: tar cf file; aws s3 cp"
ratio "lifeboat restore gzip serial" "aws s3 cp - | tar xzf (gzip)"
ratio "lifeboat restore zstd serial" "aws s3 cp - | tar --zstd (zstd)"
ratio "lifeboat restore none serial" "aws s3 cp - | tar xf (none)"
ratio "lifeboat backup none parallel" "lifeboat backup none serial"
ratio "lifeboat backup gzip serial agents" "lifeboat backup gzip serial"
ratio "lifeboat backup gzip parallel agents" "lifeboat backup gzip parallel"
ratio "lifeboat restore gzip serial agents" "lifeboat restore gzip serial"
ratio "lifeboat backup gzip serial agents" "tar | pigz -6 | aws s3 cp -"
echo
echo "== stored sizes (all nodes)"
for prefix in lb-gzip-serial lb-agents-serial shell-gzip lb-zstd-serial shell-zstd lb-none-serial shell-none; do
  printf '  %-16s %s\n' "$prefix" "$(aws --endpoint-url "$AWS_ENDPOINT_URL" s3 ls --recursive --summarize "s3://bench/$prefix/" | awk '/Total Size/ {printf "%.1f MB", $3/1e6}')"
done
echo
echo "data: $data_bytes bytes over $NODES nodes; Lifeboat heap capped at $HEAP; files Lifeboat left in its temp dir: $staged"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "results: $results"
