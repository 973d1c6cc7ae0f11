#!/usr/bin/env bash
# Screenshots of the real window on the screens our users have, under Xvfb
# with a screen the size of the work area (the screen less the taskbar):
# 1366×728 at 100%, 1920×1040 at 150% (FYNE_SCALE, 1280×693 in Fyne's
# units) and 1366×728 at 125%. The app sizes itself to the work area
# (cmd/cldapp/screen.go); each run of the automation build
# (-tags automation; ui/automation.go) saves screenshots/fit-<size>-<scale>-*.png
# (Summary, Issues with the keyboard on More about this, Records, a chart,
# Help) in the light theme.
#
#   scripts/screenshots-fit.sh            # 20,000 rows
#   ROWS=2000 scripts/screenshots-fit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f scripts/env.sh ] && . scripts/env.sh
ROWS=${ROWS:-20000}
OUT=${OUT:-screenshots}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -tags automation -o "$tmp/cldapp" ./cmd/cldapp # automation.go: screenshots, benchmarks
"$tmp/cldapp" sample --rows "$ROWS" --error-rate 0.03 --seed 7 -o "$tmp/CLD Q2 2025.xlsx"
mkdir -p "$OUT"
rm -f "$OUT"/fit-*.png
for spec in 1366x728:1 1920x1040:1.5 1366x728:1.25; do
  size=${spec%%:*} scale=${spec##*:}
  pct=$(awk "BEGIN{print int($scale*100+0.5)}")
  dir="$tmp/shots-$size-$pct"
  mkdir -p "$dir" "$tmp/home-$pct"
  echo "Screen $size at $pct%..."
  HOME="$tmp/home-$pct" CLDAPP_LOG_DIR="$tmp/logs" FYNE_THEME=light FYNE_SCALE="$scale" \
    CLDAPP_SCREENSHOT_DIR="$dir" CLDAPP_SCREENSHOT_SET=fit \
    xvfb-run -a -s "-screen 0 ${size}x24 -dpi 96" timeout 600 "$tmp/cldapp" "$tmp/CLD Q2 2025.xlsx"
  for f in "$dir"/*.png; do
    cp "$f" "$OUT/fit-$size-$pct-$(basename "$f")"
  done
done
# Keep each file small enough to review and commit.
for f in "$OUT"/fit-*.png; do
  im=convert; [ -x /usr/bin/convert ] && im=/usr/bin/convert
  "$im" "$f" -colors 96 "PNG8:$f"
done
ls -l "$OUT"/fit-*.png
if [ -d "$tmp/logs" ] && ls "$tmp/logs"/crash-* >/dev/null 2>&1; then
  echo "The app wrote a crash log:" >&2; cat "$tmp/logs"/crash-* >&2; exit 1
fi
