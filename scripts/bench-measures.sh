#!/usr/bin/env bash
# What working out the SALT and ASCOF measures adds to a check, measured
# against the check alone in the same run: `cldapp check` and
# `cldapp measures` (which checks, then works the measures out) on the same
# generated file, run in turn $RUNS times (so both see the machine's load
# alike). Both print their plain-text result (to /dev/null), so the
# difference is the measures alone: --json would make check write every
# issue, which measures does not.
#
#   scripts/bench-measures.sh              # 1,000,000 rows, 5 pairs of runs
#   SIZES="100000 1000000" RUNS=7 scripts/bench-measures.sh
#
# Reports the median wall time of each, the peak memory, the median of the
# pairs' differences (what the measures add) and of their ratios, and the
# same for CPU time (user + system), which the other work on a shared
# machine disturbs less than wall time. Files
# are generated with `cldapp sample` into $OUT (default bench/out,
# git-ignored) and reused. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
SIZES=${SIZES:-"1000000"}
OUT=${OUT:-bench/out}
RUNS=${RUNS:-5}
mkdir -p "$OUT"
go build -trimpath -o "$OUT/cldapp" ./cmd/cldapp

# run CMD... → "wallSeconds peakKB cpuSeconds"
run() {
  /usr/bin/time -f "%e %M %U %S" -o "$OUT/time.txt" "$@" >/dev/null 2>&1 || true
  tail -n1 "$OUT/time.txt" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Go: $(go env GOVERSION); $RUNS pairs of runs (check, then measures); medians"
echo
echo "| rows | cldapp check s | peak MB | cldapp measures s | peak MB | measures add s | measures / check | check CPU s | measures CPU s | CPU added s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  f="$OUT/cld_${n}.csv"
  [ -f "$f" ] || "$OUT/cldapp" sample --rows "$n" --seed 1 --error-rate 0.01 -o "$f" >/dev/null
  checks=() meass=() adds=() ratios=() ccpus=() mcpus=() cadds=() cpeak=0 mpeak=0
  for _ in $(seq "$RUNS"); do
    read -r c ckb ccpu < <(run "$OUT/cldapp" check --release r1 "$f")
    read -r m mkb mcpu < <(run "$OUT/cldapp" measures --release r1 "$f")
    checks+=("$c") meass+=("$m") ccpus+=("$ccpu") mcpus+=("$mcpu")
    cadds+=("$(awk -v a="$mcpu" -v b="$ccpu" 'BEGIN {printf "%.2f", a-b}')")
    adds+=("$(awk -v a="$m" -v b="$c" 'BEGIN {printf "%.2f", a-b}')")
    ratios+=("$(awk -v a="$m" -v b="$c" 'BEGIN {printf "%.3f", a/b}')")
    (( ckb > cpeak )) && cpeak=$ckb
    (( mkb > mpeak )) && mpeak=$mkb
  done
  echo "| $n | $(printf '%s\n' "${checks[@]}" | median) | $((cpeak / 1024)) | $(printf '%s\n' "${meass[@]}" | median) | $((mpeak / 1024)) | $(printf '%s\n' "${adds[@]}" | median) | $(printf '%s\n' "${ratios[@]}" | median)× | $(printf '%s\n' "${ccpus[@]}" | median) | $(printf '%s\n' "${mcpus[@]}" | median) | $(printf '%s\n' "${cadds[@]}" | median) |"
done
echo
echo "Load after: $(cut -d' ' -f1-3 /proc/loadavg)"
