#!/usr/bin/env bash
# What working out the SALT and ASCOF measures adds to a check, measured
# against the check alone in the same run: `cldapp check` and
# `cldapp measures` (which checks, then works the measures out) on the same
# generated file, each run $RUNS times (median wall time, peak RSS).
#
#   scripts/bench-measures.sh              # 1,000,000 rows
#   SIZES="100000 1000000" RUNS=5 scripts/bench-measures.sh
#
# Files are generated with `cldapp sample` into $OUT (default bench/out,
# git-ignored) and reused. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
SIZES=${SIZES:-"1000000"}
OUT=${OUT:-bench/out}
RUNS=${RUNS:-3}
mkdir -p "$OUT"
go build -trimpath -o "$OUT/cldapp" ./cmd/cldapp

# measure CMD... → "seconds peakMB" (median wall time of $RUNS runs, max RSS)
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
echo "| rows | cldapp check s | peak MB | cldapp measures s | peak MB | measures add s | measures / check |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  f="$OUT/cld_${n}.csv"
  [ -f "$f" ] || "$OUT/cldapp" sample --rows "$n" --seed 1 --error-rate 0.01 -o "$f" >/dev/null
  read -r check checkmb < <(measure "$OUT/cldapp" check --release r1 --json /dev/null "$f")
  read -r meas measmb < <(measure "$OUT/cldapp" measures --release r1 --json /dev/null "$f")
  add=$(awk -v a="$meas" -v b="$check" 'BEGIN {printf "%.2f", a-b}')
  ratio=$(awk -v a="$meas" -v b="$check" 'BEGIN {printf "%.2f×", a/b}')
  echo "| $n | $check | $checkmb | $meas | $measmb | $add | $ratio |"
done
