#!/usr/bin/env bash
# Cassandra 2.1 nodetool on Java 17, e.g. scripts/nodetool.sh status; needs Cassandra started with CASSANDRA_JMX=1.
source "$(dirname "$0")/common.sh"
exec java "${JAVA17_OPENS[@]}" -cp "$CASSANDRA_HOME/conf:$CASSANDRA_HOME/lib/*" \
  -Dlogback.configurationFile="$CASSANDRA_HOME/conf/logback-tools.xml" \
  org.apache.cassandra.tools.NodeTool -h ::1 -p "${CASSANDRA_JMX_PORT:-7199}" "$@"
