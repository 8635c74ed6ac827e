#!/usr/bin/env bash
# Stops the broker, then ZooKeeper (the broker needs ZooKeeper for a clean shutdown). Idempotent.
source "$(dirname "$0")/common.sh"
stop_pidfile "$KAFKA_STATE/kafka.pid" kafka
stop_pidfile "$KAFKA_STATE/zookeeper.pid" zookeeper
