#!/usr/bin/env bash
# The whole test run, as CI runs it: spec lint, the OWASP ruleset, Biome (format and lint), generated-code drift,
# the breaking-change gate, type-check, then every vitest suite (unit, HTTP against the real
# app, client against mock, server and validation proxy, fuzz, conformance, browser, README), the
# HTTP suites through the Express mount, the platform, tracks, auth and commerce HTTP suites with
# the client and README suites on Node 24, then the contract coverage report.
# Every step runs even if an earlier one fails, so one run shows every problem; the last line
# is the plain "N passed, N failed" summary.
set -u
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

passed=0
failed=0
step() {
  local name=$1; shift
  echo "── $name"
  if "$@"; then passed=$((passed + 1)); echo "   ok: $name"; else failed=$((failed + 1)); echo "   FAILED: $name"; fi
}

# Redocly prints a Node 20 end-of-life banner on stderr for every command; it is noise here.
lint_spec() { npx redocly lint --format=stylish 2> >(grep -v '[║╔╚]' | grep -v '^\s*$' >&2); }
step "spec lint (0 errors, 0 warnings)" lint_spec
step "OWASP API Security ruleset (0 errors; exceptions in .spectral.yaml)" npx spectral lint generated/openapi.json --fail-severity error --display-only-failures --quiet
step "lint and format (npm run lint)" npx biome check --error-on-warnings .
step "generated/ matches openapi/" npx tsx scripts/generate.ts --check
step "breaking-change gate (npm run check:breaking)" npx tsx scripts/check-breaking.ts
step "type-check" npx tsc --noEmit
step "Chromium for the docs test" bash scripts/ensure-chromium.sh

mkdir -p .test-results
rm -f .test-results/vitest.json
# Every test server records (operationId, status) here; the coverage step merges them.
export CONTRACT_COVERAGE_DIR=.test-results/contract-coverage
rm -rf "$CONTRACT_COVERAGE_DIR"
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json
vitest_status=$?
vp=0; vf=0
if [ -f .test-results/vitest.json ]; then
  read -r vp vf < <(node -e 'const r = require("./.test-results/vitest.json"); console.log(r.numPassedTests, r.numFailedTests)')
fi
# A suite that failed to load counts no failed test but fails the run: count it.
if [ "$vitest_status" -ne 0 ] && [ "$vf" -eq 0 ]; then vf=1; fi
passed=$((passed + vp)); failed=$((failed + vf))

# The same HTTP suites again with the API mounted as Express middleware in a host app
# (test/support/server.ts, TEST_MOUNT=express): it must answer exactly as the standalone server.
step "HTTP suites through the Express middleware (TEST_MOUNT=express)" env TEST_MOUNT=express npx vitest run \
  test/http/albums test/http/lyrics test/http/auth test/http/playlists/playlists.test.ts test/http/tracks \
  test/http/credits/credits.test.ts test/http/artists/artists.test.ts

# Node 20 is past its end of life and newcomers run 22 or 24: the suites where Node's own
# behaviour shows (request bodies and their encodings, uploads and downloads, sessions and
# crypto, fetch delivering signed webhooks, PDFs), the client and the README's examples run
# again on Node 24 (a binary cached by scripts/ensure-node.sh, first on PATH so that vitest, its
# workers, the servers the tests start and the README's `node`/`npm` all use it;
# test/support/global-setup.ts stops the run if vitest finds itself on another Node). The
# domains' other HTTP suites would repeat the same paths; they stay on Node 20 so the run keeps
# within its time budget.
on_node_24() {
  local node
  node=$(bash scripts/ensure-node.sh) || return 1
  echo "   $node: $("$node" --version)"
  env PATH="$(dirname "$node"):$PATH" TEST_NODE_MAJOR=24 npx vitest run \
    test/http/platform test/http/tracks test/http/auth test/http/purchases test/http/webhooks test/http/licenses \
    test/client test/readme
}
step "HTTP (platform, tracks, auth, commerce), client and README suites on Node 24" on_node_24

step "contract coverage (minimum in scripts/contract-coverage.ts)" npx tsx scripts/contract-coverage.ts "$CONTRACT_COVERAGE_DIR"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
