#!/usr/bin/env bash
# The whole test suite, as CI runs it on a clean clone with no display:
# formatting and vet, every Go test (GUI tests under Xvfb), a short pass of
# every fuzz target, and the Windows cross-build.
# FUZZTIME=20s by default; set FUZZTIME=10m for the long run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
. scripts/env.sh
FUZZTIME=${FUZZTIME:-20s}

echo "== gofmt"
bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$bad" ]; then echo "gofmt would change: $bad"; exit 1; fi

echo "== go vet"
go vet ./...

echo "== go test"
xvfb-run -a -s "-screen 0 1280x800x24" go test -count=1 -timeout 40m ./...

echo "== fuzz ($FUZZTIME per target)"
grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r f; do
  dir=$(dirname "$f")
  for target in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do
    echo "-- $dir $target"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" "$dir"
  done
done

echo "== Windows build"
./scripts/build-windows.sh

echo "All checks passed."
