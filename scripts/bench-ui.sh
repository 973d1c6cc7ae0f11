#!/usr/bin/env bash
# Measures the window with a million-row file, under Xvfb with Fyne's real
# OpenGL driver (Mesa's software renderer here; a PC's GPU is faster), in
# the automation build (-tags automation; ui/automation.go):
#   - while the file is checked, a probe asks the UI goroutine every 10 ms
#     to run an empty function and times the wait: the longest wait is the
#     longest the UI was blocked (our callbacks plus Fyne's layout and
#     painting); every fyne.Do callback is also timed by name. Waits
#     while the file is being checked and the one swap to the finished
#     result (every tab filled, one large repaint) are reported apart;
#   - time from the start to the first issues on screen;
#   - scrolling: 300 steps of 3 rows from the middle of the Issues and
#     Records tables, each step waiting until Fyne has painted it (a 1×1
#     raster's generator runs in the paint); steps per second = frames/s;
#   - filtering a million issues to one rule, and cancel latency.
# Results: JSON on standard output and in bench/out/ui-<rows>.json.
#
#   scripts/bench-ui.sh                 # 1,000,000 rows, CSV
#   ROWS=200000 FORMAT=xlsx scripts/bench-ui.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f scripts/env.sh ] && . scripts/env.sh
ROWS=${ROWS:-1000000}
FORMAT=${FORMAT:-csv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p bench/out
go build -tags automation -o "$tmp/cldapp" ./cmd/cldapp # automation.go: screenshots, benchmarks
echo "Generating $ROWS rows ($FORMAT)..." >&2
"$tmp/cldapp" sample --rows "$ROWS" --error-rate 0.05 --seed 3 -o "$tmp/cld.$FORMAT" >&2
out="bench/out/ui-$ROWS.json"
HOME="$tmp/home" CLDAPP_LOG_DIR="$tmp/logs" CLDAPP_BENCH="$PWD/$out" CLDAPP_PROFILE_DIR="${PROFILE_DIR:-}" \
  xvfb-run -a -s "-screen 0 1280x800x24" timeout 1200 "$tmp/cldapp" "$tmp/cld.$FORMAT" >&2
cat "$out"
