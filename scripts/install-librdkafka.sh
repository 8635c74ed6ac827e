#!/usr/bin/env bash
# Makes Confluent.Kafka 2.15.1 usable here (idempotent):
#  1. builds librdkafka 2.15.1 from the C source bundled in an npm package into .state/opt/librdkafka-2.15.1/lib
#     (the NuGet mirror has no librdkafka.redist, and Debian's librdkafka 2.0.2 lacks symbols 2.15.1 calls);
#  2. writes an EMPTY librdkafka.redist 2.15.1 nupkg into eng/nuget-local (committed, so a fresh clone restores), the folder feed nuget.config names,
#     so restoring Confluent.Kafka resolves its native dependency.
# Apps then load the real library via STREAMJOBS_RDKAFKA_DIR / LD_LIBRARY_PATH (see docs/infra.md).
source "$(dirname "$0")/common.sh"
t0=$SECONDS
if [[ ! -f "$RDKAFKA_HOME/lib/librdkafka.so.1" ]]; then
  apt_install build-essential pkg-config libssl-dev zlib1g-dev libzstd-dev liblz4-dev python3
  tgz="$(npm_fetch "$RDKAFKA_NPM" "$RDKAFKA_TGZ_SHA256")"
  mkdir -p "$OPT_DIR"
  tmp="$(mktemp -d "$OPT_DIR/tmp.XXXXXX")"; trap 'rm -rf "$tmp"' EXIT
  tar xzf "$tgz" -C "$tmp" --warning=no-unknown-keyword package/deps/librdkafka
  src="$tmp/package/deps/librdkafka"
  log "building librdkafka 2.15.1 (about a minute on 2 cores)"
  ( cd "$src" \
    && ./configure --prefix="$RDKAFKA_HOME" --disable-gssapi --disable-curl --disable-sasl \
         --enable-ssl --enable-zstd --enable-lz4-ext >"$tmp/configure.log" 2>&1 \
    && make -C src -j"$(nproc)" librdkafka.so.1 >"$tmp/make.log" 2>&1 ) || { tail -30 "$tmp"/*.log >&2; die "librdkafka build failed"; }
  mkdir -p "$RDKAFKA_HOME/lib"
  strip -o "$RDKAFKA_HOME/lib/librdkafka.so.1" "$src/src/librdkafka.so.1"
  ln -sf librdkafka.so.1 "$RDKAFKA_HOME/lib/librdkafka.so"
  cp "$src/LICENSE"* "$RDKAFKA_HOME/" 2>/dev/null || true
  log "librdkafka 2.15.1 built in $((SECONDS - t0))s"
else
  log "librdkafka already built"
fi

stub="$LOCAL_NUGET_FEED/librdkafka.redist.2.15.1.nupkg"
mkdir -p "$LOCAL_NUGET_FEED"
if [[ ! -f "$stub" ]]; then
  command -v python3 >/dev/null 2>&1 || apt_install python3
  python3 - "$stub" <<'PY'
import sys, zipfile
nuspec = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>librdkafka.redist</id>
    <version>2.15.1</version>
    <authors>local-stub</authors>
    <description>Empty local stand-in; the native librdkafka is built from source by scripts/install-librdkafka.sh.</description>
  </metadata>
</package>
"""
types = ('<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="nuspec" ContentType="application/octet" /></Types>')
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("librdkafka.redist.nuspec", nuspec)
    z.writestr("[Content_Types].xml", types)
PY
  log "stub librdkafka.redist 2.15.1 written to eng/nuget-local"
fi
