#!/usr/bin/env bash
# The whole test suite, as CI runs it on a clean clone with no display:
# formatting and vet, the code-quality gates (scripts/gates.sh), every Go
# test (GUI tests under Xvfb), a short pass of every fuzz target, and the
# Windows build (exe, MSI, SBOM, checksums) tested under Wine
# (scripts/test-windows.sh).
# FUZZTIME=20s by default; set FUZZTIME=10m for the long run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
. scripts/env.sh
FUZZTIME=${FUZZTIME:-20s}

echo "== gofmt"
bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$bad" ]; then echo "gofmt would change: $bad"; exit 1; fi

echo "== go vet (and for Windows)"
go vet ./...
go vet -tags automation ./cmd/... ./ui/... # the screenshot and benchmark build
GOOS=windows CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc go vet ./cmd/... ./ui/...

echo "== gates (staticcheck, govulncheck, complexity, function length)"
./scripts/gates.sh

echo "== go test"
xvfb-run -a -s "-screen 0 1280x800x24" go test -count=1 -timeout 40m ./...

echo "== race detector (the engine, readers and what reads their results)"
go test -count=1 -race -timeout 20m ./validation ./reader ./compare ./convert ./measures

# fuzz_one DIR TARGET: fuzz one target for $FUZZTIME. Go 1.26's fuzzing
# coordinator can fail a run with a bare "context deadline exceeded" when
# -fuzztime ends while a worker is busy (go.dev/issue/75804, fixed in Go
# 1.27, which scripts/env.sh selects; kept for a run on Go 1.26; seen on a
# loaded VM). That failure writes no failing input, so
# when no new input appeared in the target's corpus and that is the only
# complaint, the corpus is run again as a test instead; any real finding
# (a failing input written) still fails.
fuzz_one() {
  local dir=$1 target=$2 corpus="$1/testdata/fuzz/$2" before after out
  before=$(ls "$corpus" 2>/dev/null || true)
  if out=$(go test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" "$dir" 2>&1); then
    echo "$out"
    return 0
  fi
  echo "$out"
  after=$(ls "$corpus" 2>/dev/null || true)
  if [ "$before" = "$after" ] && grep -qx '    context deadline exceeded' <<<"$out" &&
    ! grep -q 'Failing input written' <<<"$out"; then
    echo "(Go's fuzz shutdown race, go.dev/issue/75804: no failing input was written; running $target's corpus again)"
    go test -count=1 -run="^${target}\$" "$dir"
    return
  fi
  return 1
}

echo "== fuzz ($FUZZTIME per target)"
grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r f; do
  dir=$(dirname "$f")
  for target in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do
    echo "-- $dir $target"
    fuzz_one "$dir" "$target"
  done
done

echo "== Windows build, and the Windows tests under Wine"
./scripts/test-windows.sh

echo "All checks passed."
