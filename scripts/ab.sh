#!/usr/bin/env bash
# Compares two commits' `cldapp check` on the same file in the same run:
# each is built in a temporary worktree, then the two binaries run in turn
# (A, B, A, B, …) so that both see the same moments of a machine whose
# speed varies. Prints the median wall, user and system seconds of each,
# and B's time as a ratio of A's.
#
#   scripts/ab.sh OLD_REV NEW_REV [FILE] [RUNS]
#   scripts/ab.sh HEAD~3 HEAD bench/out/cld_1000000.csv 9
#
# FILE defaults to a 1,000,000-row CSV generated with `cldapp sample`
# (seed 1, as scripts/bench.sh makes it); RUNS defaults to 7.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
[ $# -ge 2 ] || { echo "usage: scripts/ab.sh OLD_REV NEW_REV [FILE] [RUNS]" >&2; exit 2; }
A_REV=$1 B_REV=$2 FILE=${3:-bench/out/cld_1000000.csv} RUNS=${4:-7}
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/a" 2>/dev/null; git worktree remove --force "$tmp/b" 2>/dev/null; rm -rf "$tmp"' EXIT
for side in a b; do
  rev=$A_REV; [ "$side" = b ] && rev=$B_REV
  git worktree add -q --detach "$tmp/$side" "$rev"
  (cd "$tmp/$side" && go build -trimpath -o "$tmp/cldapp-$side" ./cmd/cldapp)
done
if [ ! -f "$FILE" ]; then
  mkdir -p "$(dirname "$FILE")"
  "$tmp/cldapp-b" sample --rows 1000000 --seed 1 --error-rate 0.01 -o "$FILE" >/dev/null
fi
for i in $(seq "$RUNS"); do
  for side in a b; do
    # The JSON goes to a file, not /dev/null: before 26 November 2026 the
    # command replaced a device it was asked to save to (as root, /dev/null).
    /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$tmp/cldapp-$side" check --release r1 --json "$tmp/out-$side.json" "$FILE" >/dev/null 2>&1 || true
    tail -n1 "$tmp/t" >> "$tmp/times-$side"
  done
done
median() { sort -n -k"$2" "$1" | awk -v c="$2" '{a[NR]=$c} END {print a[int((NR+1)/2)]}'; }
echo "file: $FILE, $RUNS runs each, interleaved; median seconds"
printf '%-8s %-14s %6s %6s %6s\n' side commit wall user sys
for side in a b; do
  rev=$A_REV; [ "$side" = b ] && rev=$B_REV
  printf '%-8s %-14s %6s %6s %6s\n' "$side" "$(git rev-parse --short "$rev")" \
    "$(median "$tmp/times-$side" 1)" "$(median "$tmp/times-$side" 2)" "$(median "$tmp/times-$side" 3)"
done
awk -v a="$(median "$tmp/times-a" 1)" -v b="$(median "$tmp/times-b" 1)" 'BEGIN {printf "B / A wall: %.3f\n", b/a}'
