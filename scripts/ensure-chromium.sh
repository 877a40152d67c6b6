#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium for the browser tests
# (test/support/browser.ts drives it with playwright-core). Idempotent: does nothing when
# it is already there. Installs only the Debian package through apt-get (needs root);
# it never downloads a browser any other way.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

fail() {
  echo "ensure-chromium: $*" >&2
  exit 1
}

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: Chromium already present at $CHROMIUM"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || fail "$CHROMIUM is missing and installing it needs root; run: sudo apt-get install -y chromium"
command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM is missing and apt-get is not available; install Debian's chromium package by hand"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! apt-get update >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  fail "apt-get update failed; cannot install chromium"
fi
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  fail "apt-get install -y chromium failed"
fi
[ -x "$CHROMIUM" ] || fail "the chromium package installed but $CHROMIUM is still missing"

echo "ensure-chromium: Chromium installed at $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null | grep -i chromium | head -n 1 || echo 'version unknown'))"
