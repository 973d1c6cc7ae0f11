#!/usr/bin/env bash
# Reproducible speed and memory benchmark of `cldapp check` (read + validate
# + summary) on generated files, with the baseline measured in the same run:
# the same engine fed by the readers most Go code would use (excelize's
# streaming Rows() for .xlsx, encoding/csv for .csv; bench/baseline).
#
#   scripts/bench.sh                 # 10k, 100k and 1M rows
#   SIZES="10000 100000" scripts/bench.sh
#   BASELINE_XLSX_MAX=100000         # largest .xlsx the excelize baseline runs on
#                                    # (it reads ~3,000 rows/s here: 1M rows take ~5 min)
#
# Files are generated with `cldapp sample` into $OUT (default bench/out,
# git-ignored) and reused on later runs. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
SIZES=${SIZES:-"10000 100000 1000000"}
OUT=${OUT:-bench/out}
BASELINE_XLSX_MAX=${BASELINE_XLSX_MAX:-100000}
RUNS=${RUNS:-3}
mkdir -p "$OUT"

go build -trimpath -o "$OUT/cldapp" ./cmd/cldapp
go build -trimpath -o "$OUT/baseline" ./bench/baseline

# measure CMD... → prints "seconds peakMB" (median wall time of $RUNS runs, max RSS)
measure() {
  local times=() peak=0
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>&1 || true
    read -r t kb < <(tail -n1 "$OUT/time.txt")
    times+=("$t")
    (( kb > peak )) && peak=$kb
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$med $((peak / 1024))"
}

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Go: $(go env GOVERSION); runs per measurement: $RUNS (median wall time, peak RSS)"
echo
echo "| format | rows | file MB | cldapp check s | rows/s | peak MB | baseline s | baseline peak MB | speed-up |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for fmt in csv xlsx; do
  for n in $SIZES; do
    f="$OUT/cld_${n}.$fmt"
    [ -f "$f" ] || "$OUT/cldapp" sample --rows "$n" --seed 1 --error-rate 0.01 -o "$f" >/dev/null
    mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN {printf "%.0f", b/1048576}')
    read -r ours ourmb < <(measure "$OUT/cldapp" check --release r1 --json /dev/null "$f")
    rate=$(awk -v n="$n" -v t="$ours" 'BEGIN {printf "%.0f", n/t}')
    if [ "$fmt" = xlsx ] && [ "$n" -gt "$BASELINE_XLSX_MAX" ]; then
      base="—"; basemb="—"; ratio="(not run)"
    else
      read -r base basemb < <(RUNS=1 measure "$OUT/baseline" "$f")
      ratio=$(awk -v a="$base" -v b="$ours" 'BEGIN {printf "%.1f×", a/b}')
    fi
    echo "| $fmt | $n | $mb | $ours | $rate | $ourmb | $base | $basemb | $ratio |"
  done
done
