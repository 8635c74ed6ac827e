#!/usr/bin/env bash
# Kafka 0.9's topic tool (0.9 brokers have no CreateTopics API), e.g.
#   scripts/kafka-topics.sh --create --topic spans --partitions 3 --replication-factor 1
source "$(dirname "$0")/common.sh"
exec java -cp "$KAFKA_HOME/libs/*" -Dlog4j.configuration="file:$KAFKA_HOME/config/tools-log4j.properties" \
  kafka.admin.TopicCommand --zookeeper "127.0.0.1:$ZK_PORT" "$@"
