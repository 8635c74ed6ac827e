#!/usr/bin/env bash
# Starts ZooKeeper (127.0.0.1:$ZK_PORT) and one Kafka 0.9.0.1 broker (127.0.0.1:$KAFKA_PORT), state in .state/kafka.
# Idempotent: a running broker that answers is left alone. Data is wiped on start unless KEEP_DATA=1.
# Returns once the broker answers a Metadata request listing itself.
source "$(dirname "$0")/common.sh"
S="$KAFKA_STATE"
if pid_alive "$S/kafka.pid" && kafka_answers "$KAFKA_PORT"; then log "Kafka already running on 127.0.0.1:$KAFKA_PORT"; exit 0; fi
[[ -f "$KAFKA_HOME/libs/kafka_2.11-0.9.0.1.jar" ]] || die "Kafka is not installed; run scripts/install-kafka.sh"
"$(dirname "$0")/stop-kafka.sh"   # half-started leftovers
port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process (not ours); stop it or set KAFKA_PORT"
port_open "$ZK_PORT" && die "port $ZK_PORT is taken by another process (not ours); stop it or set ZK_PORT"
[[ "${KEEP_DATA:-0}" == 1 ]] || rm -rf "$S"
mkdir -p "$S/zk-data" "$S/logs" "$S/app-logs"
cat > "$S/zookeeper.properties" <<CFG
dataDir=$S/zk-data
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
maxClientCnxns=0
CFG
cat > "$S/server.properties" <<CFG
broker.id=0
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
log.dirs=$S/logs
zookeeper.connect=127.0.0.1:$ZK_PORT
zookeeper.connection.timeout.ms=15000
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
auto.create.topics.enable=true
delete.topic.enable=true
# librdkafka's default session.timeout.ms is 45000; 0.9 caps it at 30000 unless raised here.
group.max.session.timeout.ms=300000
CFG
CP="$KAFKA_HOME/libs/*"
L4J=(-Dlog4j.configuration="file:$KAFKA_HOME/config/log4j.properties" -Dkafka.logs.dir="$S/app-logs")
t0=$SECONDS
nohup java -Xmx128m -Djava.awt.headless=true "${L4J[@]}" -cp "$CP" \
  org.apache.zookeeper.server.quorum.QuorumPeerMain "$S/zookeeper.properties" > "$S/zookeeper.out" 2>&1 < /dev/null &
echo $! > "$S/zookeeper.pid"
wait_until 60 "$S/zookeeper.pid" "ZooKeeper on 127.0.0.1:$ZK_PORT" "$S/zookeeper.out" port_open "$ZK_PORT"
nohup java -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -Djava.awt.headless=true \
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  "${L4J[@]}" -cp "$CP" kafka.Kafka "$S/server.properties" > "$S/kafka.out" 2>&1 < /dev/null &
echo $! > "$S/kafka.pid"
wait_until "$KAFKA_START_TIMEOUT" "$S/kafka.pid" "Kafka to answer a Metadata request on 127.0.0.1:$KAFKA_PORT" \
  "$S/kafka.out" kafka_answers "$KAFKA_PORT"
log "Kafka 0.9.0.1 up on 127.0.0.1:$KAFKA_PORT (ZooKeeper 127.0.0.1:$ZK_PORT) in $((SECONDS - t0))s"
