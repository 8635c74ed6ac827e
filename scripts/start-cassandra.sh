#!/usr/bin/env bash
# Starts a single-node Apache Cassandra 2.1.0 on Java 17, state in .state/cassandra:
# CQL 127.0.0.1:$CQL_PORT (native protocol v1-v3), gossip 127.0.0.1:$CASSANDRA_STORAGE_PORT.
# Idempotent: a running node that answers is left alone. Data is wiped on start unless KEEP_DATA=1.
# Returns once the CQL port answers an OPTIONS request. CASSANDRA_JMX=1 also opens JMX on [::1] for scripts/nodetool.sh.
source "$(dirname "$0")/common.sh"
S="$CASSANDRA_STATE"
if pid_alive "$S/cassandra.pid" && cql_answers "$CQL_PORT"; then log "Cassandra already running on 127.0.0.1:$CQL_PORT"; exit 0; fi
[[ -f "$CASSANDRA_HOME/lib/apache-cassandra-2.1.0.jar" ]] || die "Cassandra is not installed; run scripts/install-cassandra.sh"
"$(dirname "$0")/stop-cassandra.sh"   # half-started leftovers
port_open "$CQL_PORT" && die "port $CQL_PORT is taken by another process (not ours); stop it or set CQL_PORT"
[[ "${KEEP_DATA:-0}" == 1 ]] || rm -rf "$S"
mkdir -p "$S/data" "$S/commitlog" "$S/saved_caches" "$S/log"
cat > "$S/cassandra.yaml" <<CFG
cluster_name: 'StreamJobs Test'
num_tokens: 1
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
data_file_directories:
    - $S/data
commitlog_directory: $S/commitlog
saved_caches_directory: $S/saved_caches
commitlog_sync: periodic
commitlog_sync_period_in_ms: 10000
seed_provider:
    - class_name: org.apache.cassandra.locator.SimpleSeedProvider
      parameters:
          - seeds: "127.0.0.1"
listen_address: 127.0.0.1
rpc_address: 127.0.0.1
start_native_transport: true
native_transport_port: $CQL_PORT
start_rpc: false
storage_port: $CASSANDRA_STORAGE_PORT
endpoint_snitch: SimpleSnitch
authenticator: AllowAllAuthenticator
authorizer: AllowAllAuthorizer
# Java 17 has no sun.misc.Cleaner for mmap'ed buffers, so read files through standard I/O and keep memtables on heap.
memtable_allocation_type: heap_buffers
disk_access_mode: standard
auto_snapshot: false
concurrent_compactors: 1
CFG
JMX_OPTS=()
if [[ "${CASSANDRA_JMX:-0}" == 1 ]]; then
  # ::1 rather than 127.0.0.1: Java 17 rejects the '[127.0.0.1]' JMX URL that 2.1 builds.
  JMX_OPTS=(-Dcom.sun.management.jmxremote.host=::1 -Djava.rmi.server.hostname=::1
    -Dcom.sun.management.jmxremote.port="${CASSANDRA_JMX_PORT:-7199}" -Dcom.sun.management.jmxremote.rmi.port="${CASSANDRA_JMX_PORT:-7199}"
    -Dcom.sun.management.jmxremote.ssl=false -Dcom.sun.management.jmxremote.authenticate=false)
fi
t0=$SECONDS
nohup java "${JAVA17_OPENS[@]}" -Xms"$CASSANDRA_HEAP" -Xmx"$CASSANDRA_HEAP" -Xss512k -XX:+UseG1GC \
  -javaagent:"$CASSANDRA_HOME/lib/jamm-0.2.6.jar" -Djava.awt.headless=true \
  -Dcassandra.config="file://$S/cassandra.yaml" -Dcassandra-foreground=yes -Dcassandra.storagedir="$S" \
  -Dlogback.configurationFile="$CASSANDRA_HOME/conf/logback.xml" -Dcassandra.logdir="$S/log" \
  "${JMX_OPTS[@]}" \
  -cp "$CASSANDRA_HOME/conf:$CASSANDRA_HOME/lib/*" org.apache.cassandra.service.CassandraDaemon \
  > "$S/cassandra.out" 2>&1 < /dev/null &
echo $! > "$S/cassandra.pid"
wait_until "$CASSANDRA_START_TIMEOUT" "$S/cassandra.pid" "Cassandra to answer CQL OPTIONS on 127.0.0.1:$CQL_PORT" \
  "$S/cassandra.out" cql_answers "$CQL_PORT"
log "Cassandra 2.1.0 up on 127.0.0.1:$CQL_PORT in $((SECONDS - t0))s"
