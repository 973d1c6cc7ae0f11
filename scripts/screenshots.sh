#!/usr/bin/env bash
# Runs the real app under Xvfb on a generated 200,000-row workbook and saves
# a PNG of each tab (and of the check while it runs) to screenshots/, so a
# reviewer can see what a user sees. The app, built with -tags automation
# (ui/automation.go), captures them itself when CLDAPP_SCREENSHOT_DIR is set
# (ImageMagick's import of the X screen), then quits. The dark run then makes "this quarter's" file from the generated
# one (a copy missing every 40th row, some services ended, some Genders
# misspelt), checks it, compares it with the generated file through
# Compare with previous file… (7-*, 8-*.png) and opens the Release 2
# conversion preview (9-*.png), then sets the example spec pack and checks
# again (10-*.png). A second, shorter run in the light theme
# adds light-*.png.
#
#   scripts/screenshots.sh            # 200,000 rows
#   ROWS=20000 scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f scripts/env.sh ] && . scripts/env.sh
ROWS=${ROWS:-200000}
OUT=${OUT:-screenshots}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -tags automation -o "$tmp/cldapp" ./cmd/cldapp # automation.go: screenshots, benchmarks
echo "Generating $ROWS rows..."
"$tmp/cldapp" sample --rows "$ROWS" --error-rate 0.03 --seed 7 -o "$tmp/CLD_${ROWS}_rows.xlsx"
mkdir -p "$OUT" "$tmp/home-dark" "$tmp/home-light" "$tmp/light"
find "$OUT" -maxdepth 1 -name "*.png" ! -name "fit-*" -delete # fit-*.png: scripts/screenshots-fit.sh

run() { # theme dir compare
  HOME="$tmp/home-$1" CLDAPP_LOG_DIR="$tmp/logs" FYNE_THEME="$1" CLDAPP_SCREENSHOT_DIR="$2" CLDAPP_SCREENSHOT_COMPARE="$3" \
    CLDAPP_SCREENSHOT_PACK="$PWD/docs/examples/service-component-pack.json" \
    xvfb-run -a -s "-screen 0 1280x800x24" timeout 900 "$tmp/cldapp" "$tmp/CLD_${ROWS}_rows.xlsx"
}
echo "Dark theme run (with the comparison and conversion)..."
run dark "$OUT" 1
echo "Light theme run..."
run light "$tmp/light" ""
for f in 1-summary 3-issues-filtered 4-records-person; do
  [ -f "$tmp/light/$f.png" ] && cp "$tmp/light/$f.png" "$OUT/light-$f.png"
done
# Keep each file small enough to review and commit (≤ 300 KB).
for f in "$OUT"/*.png; do
  if [ "$(stat -c %s "$f")" -gt 300000 ]; then
    im=convert; [ -x /usr/bin/convert ] && im=/usr/bin/convert
    "$im" "$f" -colors 128 "PNG8:$f"
  fi
done
ls -l "$OUT"
if [ -d "$tmp/logs" ] && ls "$tmp/logs"/crash-* >/dev/null 2>&1; then
  echo "The app wrote a crash log:" >&2; cat "$tmp/logs"/crash-* >&2; exit 1
fi
