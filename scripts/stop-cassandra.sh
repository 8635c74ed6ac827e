#!/usr/bin/env bash
# Stops Cassandra (SIGTERM drains and flushes; SIGKILL after 30 s). Idempotent.
source "$(dirname "$0")/common.sh"
stop_pidfile "$CASSANDRA_STATE/cassandra.pid" cassandra
