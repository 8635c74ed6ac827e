#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver from Debian's packages (chromium, chromium-driver) for the browser
# tests in tests/Jobs.Ui.Tests (idempotent; apt as root, or through sudo as the other installs here).
source "$(dirname "$0")/common.sh"
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  log "Chromium already installed ($(chromium --version 2>/dev/null | head -1))"; exit 0
fi
t0=$SECONDS
apt_install chromium chromium-driver
command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
  || die "chromium or chromedriver missing after apt-get install chromium chromium-driver"
log "Chromium installed in $((SECONDS - t0))s ($(chromium --version 2>/dev/null | head -1))"
