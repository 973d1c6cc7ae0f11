#!/usr/bin/env bash
# Windows runtime tests: builds the Windows release files (scripts/build-windows.sh)
# and runs them under Wine, in a throwaway Wine prefix on a private Xvfb screen:
#
#   - cldapp.exe check --json on the bundled sample and on a generated workbook
#     finds exactly what the Linux build of the same commit finds, with the same
#     exit codes (0 no errors, 1 errors, 2 unreadable file or bad usage);
#   - paths with spaces and non-English letters, a relative path, a second drive
#     letter, and paths longer than 260 characters (plain and \\?\) work;
#   - the windowed program opens its window on a file (a screenshot is saved to
#     screenshots/wine-window.png and checked to be a drawn window) and exits
#     cleanly when the window is closed;
#   - with OpenGL capped at 1.1 (as on a VDI desktop) the no-window fallback writes
#     "<file> - CLD report.xlsx" and "<file> - CLD summary.html" beside the file,
#     or in Documents when that folder is read-only, and its message box is read
#     and dismissed (screenshots/wine-fallback-message.png);
#   - settings and recent files go under %APPDATA% and nothing is written anywhere
#     else (the prefix's drive C: is compared before and after);
#   - Windows' own Open dialog (comdlg32), reached with Ctrl+O, opens the file typed
#     into it and starts next time in the folder used last; Windows' Save dialog,
#     from Save Excel report… → Browse… (by keyboard), saves the report where chosen;
#   - the MSI installs per user without admin rights (msiexec /i /qn), its
#     Start-menu shortcut and program are in place, the installed cldapp.exe
#     checks a file, and msiexec /x removes everything it installed;
#   - the SHA-256 checksums match and the SBOM lists the Go modules;
#   - with a throwaway self-signed certificate the exe and MSI are signed and
#     pass osslsigncode verify; without one the build says plainly it did not sign.
#
# Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Go's runtime needs: a
# test-only DLL forwarding it to RtlGenRandom is built with mingw-w64 from
# scripts/wine/bcryptprimitives.c into the throwaway prefix. It never ships.
#
# Run alone: ./scripts/test-windows.sh (about 3 minutes once the Windows build is warm).
# Prints "N passed, N failed" and exits non-zero when any test failed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

if [ -z "${CLDAPP_WINE_INNER:-}" ]; then
  ./scripts/install-deps.sh
  # Root may write into read-only folders; a council user may not. Drop that
  # power so that the read-only folder test means what it says.
  drop=()
  if [ "$(id -u)" = 0 ]; then drop=(setpriv --bounding-set -dac_override,-dac_read_search,-fowner); fi
  exec "${drop[@]}" env CLDAPP_WINE_INNER=1 xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" "$0" "$@"
fi

started=$(date +%s)
root=$PWD
tmp=$(mktemp -d /tmp/cldapp-wine.XXXXXX)
WINE=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver64)
IM=convert; [ -x /usr/bin/convert ] && IM=/usr/bin/convert # ImageMagick
cleanup() {
  "$WINESERVER" -k >/dev/null 2>&1 || true
  chmod -R u+w "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

section() { echo "== $* (at $(($(date +%s) - started)) s)"; }
pass=0 fail=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
quiet() { "$@" >/dev/null 2>&1; }
check() { # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
  local what=$1; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

section "Windows build (unsigned, into dist/)"
env -u SIGN_PKCS12 -u SIGN_PASSWORD_FILE ./scripts/build-windows.sh >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
tail -n 5 "$tmp/build.log"
exe=$root/dist/cldapp.exe
msi=$(ls "$root"/dist/cldapp-*.msi)
go build -o "$tmp/cldapp" ./cmd/cldapp
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -trimpath -o "$tmp/winctl.exe" ./scripts/wine/winctl
lin=$tmp/cldapp

section "A throwaway Wine prefix"
# Go keeps its caches where they are; Wine gets a home of its own.
export GOPATH=$(go env GOPATH) GOCACHE=$(go env GOCACHE) GOMODCACHE=$(go env GOMODCACHE)
export HOME=$tmp/home WINEPREFIX=$tmp/prefix WINEARCH=win64 WINEDEBUG=-all LANG=C.UTF-8 LC_ALL=C.UTF-8
# No Mono or Gecko download prompts, and no Linux menu entries for shortcuts.
export WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe="
# The fallback would open its summary in a browser; Wine has none to open.
export CLDAPP_NO_BROWSER=1
mkdir -p "$HOME"
timeout 300 "$WINE" wineboot -i >"$tmp/wineboot.log" 2>&1 || { cat "$tmp/wineboot.log"; exit 1; }
"$WINESERVER" -w
C=$WINEPREFIX/drive_c
user=$(ls "$C/users" | grep -vx Public | head -1)
profile=$C/users/$user
# Wine links the profile's Documents, Desktop… to the Linux home folder; on
# Windows they are folders of the profile.
for d in "$profile"/*; do
  if [ -L "$d" ]; then rm "$d" && mkdir "$d"; fi
done
appdata=$profile/AppData/Roaming
win() { # a path under drive C: or D:, as Windows writes it
  local p=$1 d=C
  case $p in "$tmp/ddrive/"*) p=${p#"$tmp/ddrive/"} d=D ;; *) p=${p#"$C"/} ;; esac
  printf '%s:\\%s' "$d" "${p//\//\\}"
}
# Every Windows program runs under a time limit, so that a hang fails the
# test instead of holding CI until its own limit.
wexe() { timeout 300 "$WINE" "$exe" "$@"; }
winctl() { timeout 200 "$WINE" "$tmp/winctl.exe" "$@"; }

if wexe rules >"$tmp/noprng.out" 2>&1; then
  echo "(This Wine has ProcessPrng: the test DLL is not needed, but is installed all the same.)"
elif grep -q bcryptprimitives "$tmp/noprng.out"; then
  echo "(As expected, Go programs stop under this Wine without ProcessPrng: installing the test DLL.)"
fi
x86_64-w64-mingw32-gcc -O2 -Wall -shared -s -o "$C/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
check "cldapp.exe starts under Wine with the test DLL" quiet wexe rules

T=$C/cldtest
mkdir -p "$T"
snapshot() { # every file (with size and time) and folder under drive C: and the Linux home
  (cd "$C" && find . -type d -printf 'C/%p\n' -o -printf 'C/%p\t%s\t%T@\n') | sort
  (cd "$HOME" && find . -type d -printf 'HOME/%p\n' -o -printf 'HOME/%p\t%s\t%T@\n') | sort
}
snapshot >"$tmp/before.txt"

# same_json NAME LINUX.json WINDOWS.json: the same issues (rows, columns,
# rules, severities, values, messages) and summary; the file name and the
# time taken may differ.
same='del(.file, .summary.duration_ms)'
same_json() {
  local name=$1 a=$2 b=$3 n
  if ! jq -e . "$b" >/dev/null 2>&1; then bad "$name: Windows wrote no valid JSON"; return; fi
  n=$(jq '.issues | length' "$a")
  if [ "$n" -lt 1 ]; then bad "$name: the Linux build found no issues, so nothing was compared"; return; fi
  if cmp -s <(jq -S "$same" "$a") <(jq -S "$same" "$b"); then
    ok "$name: Windows finds the same $n issues as Linux"
  else
    bad "$name: Windows and Linux differ"
    diff <(jq -S "$same" "$a") <(jq -S "$same" "$b") | head -20 || true
  fi
}
# same_code NAME EXPECTED LINUX WINDOWS STDERR-FILE
same_code() {
  local name=$1 want=$2 l=$3 w=$4 errf=$5
  if [ "$l" = "$want" ] && [ "$w" = "$want" ]; then
    if [ "$want" = 2 ] && [ "$(grep -c . "$errf")" != 1 ]; then
      bad "$name: exit code 2 but not one plain line on standard error:"; cat "$errf"
    else
      ok "$name: exit code $want on Windows and Linux"
    fi
  else
    bad "$name: exit code Linux $l, Windows $w, expected $want"; cat "$errf"
  fi
}

section "The command line: same issues and exit codes as the Linux build"
cp assets/sample_cld_r1.csv "$T/"
l=0; "$lin" check --json "$tmp/lin-sample.json" assets/sample_cld_r1.csv >/dev/null 2>&1 || l=$?
w=0; wexe check --json - 'C:\cldtest\sample_cld_r1.csv' >"$tmp/win-sample.json" 2>"$tmp/err" || w=$?
same_code "bundled sample" 1 "$l" "$w" "$tmp/err"
same_json "bundled sample (JSON on standard output)" "$tmp/lin-sample.json" "$tmp/win-sample.json"

"$lin" sample --rows 20000 --seed 12 --error-rate 0.02 -o "$T/generated.xlsx" >/dev/null
l=0; "$lin" check --json "$tmp/lin-gen.json" "$T/generated.xlsx" >/dev/null 2>&1 || l=$?
w=0; wexe check --json 'C:\cldtest\win-gen.json' 'C:\cldtest\generated.xlsx' >/dev/null 2>"$tmp/err" || w=$?
same_code "generated 20,000-row workbook" 1 "$l" "$w" "$tmp/err"
same_json "generated 20,000-row workbook" "$tmp/lin-gen.json" "$T/win-gen.json"
w=0; wexe sample --rows 20000 --seed 12 --error-rate 0.02 -o 'C:\cldtest\generated-on-windows.xlsx' >/dev/null 2>&1 || w=$?
"$lin" check --json "$tmp/lin-gen-win.json" "$T/generated-on-windows.xlsx" >/dev/null 2>&1 || true
if [ "$w" = 0 ] && [ -f "$tmp/lin-gen-win.json" ]; then
  same_json "cldapp.exe sample makes the same data as Linux" "$tmp/lin-gen.json" "$tmp/lin-gen-win.json"
else
  bad "cldapp.exe sample: exit code $w"
fi

"$lin" sample --rows 300 --seed 3 --error-rate 0 -o "$T/clean.csv" >/dev/null
l=0; "$lin" check "$T/clean.csv" >/dev/null 2>&1 || l=$?
w=0; wexe check 'C:\cldtest\clean.csv' >/dev/null 2>"$tmp/err" || w=$?
same_code "a file with no errors" 0 "$l" "$w" "$tmp/err"
l=0; "$lin" check "$T/no such file.xlsx" >/dev/null 2>&1 || l=$?
w=0; wexe check 'C:\cldtest\no such file.xlsx' >/dev/null 2>"$tmp/err" || w=$?
same_code "a missing file" 2 "$l" "$w" "$tmp/err"
# (A file that is not a zip at all is read as text, as a CSV saved under
# the wrong name would be; this one is a workbook cut short.)
head -c 3000 "$T/generated.xlsx" >"$T/damaged.xlsx"
l=0; "$lin" check "$T/damaged.xlsx" >/dev/null 2>&1 || l=$?
w=0; wexe check 'C:\cldtest\damaged.xlsx' >/dev/null 2>"$tmp/err" || w=$?
same_code "an unreadable (damaged) workbook" 2 "$l" "$w" "$tmp/err"
l=0; "$lin" check --release r9 "$T/clean.csv" >/dev/null 2>&1 || l=$?
w=0; wexe check --release r9 'C:\cldtest\clean.csv' >/dev/null 2>"$tmp/err" || w=$?
same_code "bad usage (--release r9)" 2 "$l" "$w" "$tmp/err"

section "Paths"
ud="$T/Données du conseil/Équipe Łódź"
uname="CLD Q1 2025 – Ünïcode.csv"
mkdir -p "$ud"
cp assets/sample_cld_r1.csv "$ud/$uname"
w=0; wexe check --json "$(win "$ud")\\résultat.json" --report "$(win "$ud")\\rapport été.xlsx" "$(win "$ud/$uname")" >/dev/null 2>"$tmp/err" || w=$?
if [ "$w" = 1 ]; then
  same_json "spaces and non-English letters in folder and file names" "$tmp/lin-sample.json" "$ud/résultat.json"
  check "the JSON names the file as Windows spelt it" test "$(jq -r .file "$ud/résultat.json")" = "$uname"
  check "the Excel report is written under its non-English name" sh -c 'head -c 2 "$1" | grep -q PK' _ "$ud/rapport été.xlsx"
else
  bad "spaces and non-English letters: exit code $w"; cat "$tmp/err"
fi
w=0; (cd "$ud" && timeout 300 "$WINE" "$exe" check --json "rel.json" "$uname" >/dev/null 2>"$tmp/err") || w=$?
if [ "$w" = 1 ]; then same_json "a relative path" "$tmp/lin-sample.json" "$ud/rel.json"; else bad "a relative path: exit code $w"; fi

mkdir -p "$tmp/ddrive/Team share"
ln -s "$tmp/ddrive" "$WINEPREFIX/dosdevices/d:"
cp assets/sample_cld_r1.csv "$tmp/ddrive/Team share/CLD.csv"
w=0; wexe check --json 'D:\Team share\CLD.json' 'D:\Team share\CLD.csv' >/dev/null 2>"$tmp/err" || w=$?
if [ "$w" = 1 ]; then same_json "another drive letter (D:, like a mapped drive)" "$tmp/lin-sample.json" "$tmp/ddrive/Team share/CLD.json"; else bad "D: drive: exit code $w"; cat "$tmp/err"; fi

long=$T/long
for i in 1 2 3 4 5; do long="$long/Folder $i of a deeply nested council share for adult social care data"; done
mkdir -p "$long"
cp assets/sample_cld_r1.csv "$long/sample_cld_r1.csv"
lw=$(win "$long/sample_cld_r1.csv")
echo "(long path: ${#lw} characters)"
w=0; wexe check --json "$(win "$long")\\plain.json" --report "$(win "$long")\\report.xlsx" "$lw" >/dev/null 2>"$tmp/err" || w=$?
if [ "$w" = 1 ]; then same_json "a path of ${#lw} characters (over 260)" "$tmp/lin-sample.json" "$long/plain.json"; else bad "long path: exit code $w"; cat "$tmp/err"; fi
check "a report written into the long path" test -s "$long/report.xlsx"
w=0; wexe check --json "\\\\?\\$(win "$long")\\prefixed.json" "\\\\?\\$lw" >/dev/null 2>"$tmp/err" || w=$?
if [ "$w" = 1 ]; then same_json "a \\\\?\\ long path" "$tmp/lin-sample.json" "$long/prefixed.json"; else bad "\\\\?\\ path: exit code $w"; cat "$tmp/err"; fi

section "The window"
mkdir -p screenshots
# window_shot NAME X Y W H: crop the screen to the window, save it to
# screenshots/NAME.png and check it is a drawn window, not a blank area.
window_shot() {
  local name=$1 x=$2 y=$3 ww=$4 hh=$5 out colours top total
  out=screenshots/$name.png
  [ "$x" -lt 0 ] && ww=$((ww + x)) && x=0
  [ "$y" -lt 0 ] && hh=$((hh + y)) && y=0
  import -window root "$tmp/screen.png"
  "$IM" "$tmp/screen.png" -crop "${ww}x${hh}+${x}+${y}" +repage "$out"
  colours=$("$IM" "$out" -format %k info:)
  top=$("$IM" "$out" -format %c histogram:info:- | awk -F: '$1 + 0 > m { m = $1 + 0 } END { print m + 0 }')
  total=$((ww * hh))
  if [ "$colours" -ge "$6" ] && [ $((top * 100 / total)) -lt 95 ]; then
    ok "$name.png: a drawn window (${ww}x${hh}, $colours colours, the commonest $((top * 100 / total))% of it)"
  else
    bad "$name.png looks blank ($colours colours, the commonest $((top * 100 / total))% of it)"
  fi
}
wfile=$(win "$ud/$uname")
(c=0; wexe "$wfile" >"$tmp/window.log" 2>&1 || c=$?; echo $c >"$tmp/window.rc") &
if geom=$(winctl find -timeout 120s "$uname — CLD Validator"); then
  ok "the window opened on the file given: ${geom#*$'\t'}"
  sleep 4 # the check of 500 rows takes milliseconds; let the tabs draw
  read -r x y ww hh _ <<<"$geom"
  window_shot wine-window "$x" "$y" "$ww" "$hh" 200
  winctl close "— CLD Validator"
  if winctl gone -timeout 30s "— CLD Validator"; then ok "the window closed when asked"; else bad "the window did not close"; fi
else
  bad "no window opened"; cat "$tmp/window.log"
fi
for _ in $(seq 60); do [ -f "$tmp/window.rc" ] && break; sleep 1; done
check "the program exited cleanly (code $(cat "$tmp/window.rc" 2>/dev/null || echo none)) after the window closed" test "$(cat "$tmp/window.rc" 2>/dev/null)" = 0
prefs=$appdata/fyne/uk.nhs.cld.validator/preferences.json
check "recent files are remembered in %APPDATA%\\fyne\\uk.nhs.cld.validator\\preferences.json" \
  quiet jq -e --arg p "$wfile" '.recentFiles | index($p)' "$prefs"
check "no problem report was written while the window ran" sh -c '! ls "$1"/crash-*.log 2>/dev/null' _ "$appdata/cldapp"

section "Windows' Open and Save dialogs"
mkdir -p "$T/Open dialog"
cp assets/sample_cld_r1.csv "$T/Open dialog/first.csv"
cp assets/sample_cld_r1.csv "$T/Open dialog/second.csv"
rm -f "$tmp/dialog.rc"
(c=0; wexe >"$tmp/dialog.log" 2>&1 || c=$?; echo $c >"$tmp/dialog.rc") &
# in_dialog TITLE TYPED: wait for Windows' file dialog TITLE, type TYPED as
# the file name and press its Open/Save button.
in_dialog() {
  winctl find -class '#32770' -timeout 30s "$1" >/dev/null &&
    winctl settext -class '#32770' "$1" 1148 "$2" && # cmb13, the file name box
    winctl press -class '#32770' "$1" 1               # IDOK
}
keys() { for k in "$@"; do winctl keys "CLD Validator" "$k" || return; sleep 0.3; done; }
if winctl find -timeout 120s "CLD Validator" >/dev/null && sleep 2 && keys ctrl+o &&
  in_dialog "Open a CLD file" "$(win "$T/Open dialog/first.csv")" &&
  winctl find -timeout 30s "first.csv — CLD Validator" >/dev/null; then
  ok "Ctrl+O shows Windows' Open dialog, and the file chosen in it is checked"
  sleep 2
  # Only the name this time: found only if the dialog starts in the folder used last.
  if keys ctrl+o && in_dialog "Open a CLD file" "second.csv" &&
    winctl find -timeout 30s "second.csv — CLD Validator" >/dev/null; then
    ok "the Open dialog starts in the folder used last"
  else
    bad "the Open dialog did not start in the folder used last"
  fi
  sleep 2
  # Save Excel report… (Ctrl+E) opens with the path box focused; Tab to
  # Browse…, Space: Windows' Save dialog; a name typed without .xlsx; the
  # chosen path lands in the box, which has the keyboard again: Enter saves.
  if keys ctrl+e tab space && in_dialog "Save Excel report" "Chosen report" && sleep 1 &&
    keys enter && sleep 3 && head -c 2 "$T/Open dialog/Chosen report.xlsx" 2>/dev/null | grep -q PK; then
    ok "Browse… in Save Excel report shows Windows' Save dialog, and the report is saved where it says (.xlsx added)"
  else
    bad "the report was not saved through Windows' Save dialog"; ls "$T/Open dialog"
  fi
  winctl keys "CLD Validator" escape || true
  winctl close "— CLD Validator" || true
else
  bad "Windows' Open dialog did not appear after Ctrl+O, or the file chosen was not opened"; cat "$tmp/dialog.log"
  winctl close "CLD Validator" || true
fi
for _ in $(seq 60); do [ -f "$tmp/dialog.rc" ] && break; sleep 1; done
check "the program exited cleanly after the dialog tests" test "$(cat "$tmp/dialog.rc" 2>/dev/null)" = 0

section "Without OpenGL 2.1 (MESA_GL_VERSION_OVERRIDE=1.1): the fallback"
# fallback DIR NAME OUTDIR: run cldapp.exe on DIR/NAME with OpenGL capped,
# read and dismiss its message, and expect the report and summary in OUTDIR.
fallback() {
  local dir=$1 name=$2 outdir=$3 base rc msg
  base=${name%.*}
  rm -f "$tmp/fallback.rc"
  (c=0; MESA_GL_VERSION_OVERRIDE=1.1 wexe "$(win "$dir/$name")" >"$tmp/fallback.log" 2>&1 || c=$?; echo $c >"$tmp/fallback.rc") &
  if winctl find -class '#32770' -timeout 120s "CLD Validator" >/dev/null; then
    msg=$(winctl text -class '#32770' "CLD Validator")
    if [ "$4" = shot ]; then
      geom=$(winctl find -class '#32770' "CLD Validator")
      read -r x y ww hh _ <<<"$geom"
      window_shot wine-fallback-message "$x" "$y" "$ww" "$hh" 16
    fi
    winctl press -class '#32770' "CLD Validator" 1 # OK
    if winctl gone -class '#32770' -timeout 20s "CLD Validator"; then ok "the fallback's message box was dismissed"; else bad "the message box stayed"; fi
  else
    bad "the fallback showed no message box"; cat "$tmp/fallback.log"; msg=
  fi
  for _ in $(seq 60); do [ -f "$tmp/fallback.rc" ] && break; sleep 1; done
  rc=$(cat "$tmp/fallback.rc" 2>/dev/null || echo none)
  check "the fallback exits with the command line's code for this file (1, errors found; it gave $rc)" test "$rc" = 1
  local xlsx="$outdir/$base - CLD report.xlsx" html="$outdir/$base - CLD summary.html"
  check "the fallback wrote \"$(win "$xlsx")\"" sh -c 'head -c 2 "$1" | grep -q PK' _ "$xlsx"
  check "the fallback wrote \"$(win "$html")\"" grep -qi '<html' "$html"
  check "its message names both files" sh -c 'printf %s "$1" | grep -qF "$2" && printf %s "$1" | grep -qF "$3"' _ "$msg" "$(win "$xlsx")" "$(win "$html")"
}
mkdir -p "$T/fallback" "$T/read-only"
cp assets/sample_cld_r1.csv "$T/fallback/CLD Q1.csv"
fallback "$T/fallback" "CLD Q1.csv" "$T/fallback" shot
cp assets/sample_cld_r1.csv "$T/read-only/CLD Q2.csv"
chmod 555 "$T/read-only"
if touch "$T/read-only/probe" 2>/dev/null; then
  bad "the read-only folder can be written (the test cannot drop root's override)"; rm -f "$T/read-only/probe"
else
  fallback "$T/read-only" "CLD Q2.csv" "$profile/Documents" noshot
  check "nothing was written into the read-only folder" test "$(ls "$T/read-only")" = "CLD Q2.csv"
  # Documents redirected by the council's IT (folder redirection to a home
  # drive, or OneDrive): the reports go where Windows says Documents is.
  mkdir -p "$tmp/ddrive/Redirected Documents"
  "$WINE" reg add 'HKCU\Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders' \
    /v Personal /t REG_EXPAND_SZ /d 'D:\Redirected Documents' /f >/dev/null 2>&1
  chmod 755 "$T/read-only"
  cp assets/sample_cld_r1.csv "$T/read-only/CLD Q3.csv"
  chmod 555 "$T/read-only"
  fallback "$T/read-only" "CLD Q3.csv" "$tmp/ddrive/Redirected Documents" noshot
fi
logs=$(ls "$appdata"/cldapp/crash-*.log 2>/dev/null || true)
if [ -n "$logs" ] && ! grep -qE '[0-9]{10}|CLD Q[123]' $logs; then
  ok "the fallback's log is in %APPDATA%\\cldapp and holds no file names or NHS numbers"
else
  bad "the fallback's log is missing or holds data: $logs"
fi

section "Nothing written outside %APPDATA% and the folders the tests chose"
snapshot >"$tmp/after.txt"
changed=$(comm -13 "$tmp/before.txt" "$tmp/after.txt" | cut -f1 |
  grep -v -e '^C/\./cldtest' \
    -e "^C/\./users/$user/AppData/Roaming/fyne/uk\.nhs\.cld\.validator\(/preferences\.json\)\?\$" \
    -e "^C/\./users/$user/AppData/Roaming/fyne\$" \
    -e "^C/\./users/$user/AppData/Roaming/cldapp\(/crash-[0-9-]*\.log\)\?\$" \
    -e "^C/\./users/$user/AppData/Roaming\$" \
    -e "^C/\./users/$user/Documents\(/CLD Q2 - CLD \(report\.xlsx\|summary\.html\)\)\?\$" || true)
if [ -z "$changed" ]; then
  ok "only %APPDATA% (settings, recent files, the fallback's log), Documents (the read-only case) and the test folders changed"
else
  bad "files written elsewhere:"; echo "$changed" | head -20 || true
fi

section "The MSI"
props=$(msiinfo export "$msi" Property | tr -d '\r')
wordcount=$(msiinfo suminfo "$msi" | sed -n 's/^Source: \([0-9]*\).*/\1/p')
check "the MSI asks for no elevation (summary word count $wordcount has bit 8) and has no ALLUSERS" \
  sh -c '[ $(( $1 & 8 )) = 8 ] && ! printf "%s\n" "$2" | grep -q "^ALLUSERS"' _ "$wordcount" "$props"
version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml).$(sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
check "the MSI's version is FyneApp.toml's ($version) and its publisher is set" \
  sh -c 'printf "%s\n" "$1" | grep -qx "ProductVersion	$2" && printf "%s\n" "$1" | grep -q "^Manufacturer	."' _ "$props" "$version"
mkdir -p "$T/install"
cp "$msi" "$T/install/"
msiw=$(win "$T/install/$(basename "$msi")")
snapshot >"$tmp/before-msi.txt"
w=0; timeout 300 "$WINE" msiexec /i "$msiw" /qn >"$tmp/msi.log" 2>&1 || w=$?
installed="$profile/AppData/Local/Programs/CLD Validator/cldapp.exe"
shortcut="$appdata/Microsoft/Windows/Start Menu/Programs/CLD Validator.lnk"
check "msiexec /i /qn succeeds (exit code $w)" test "$w" = 0
check "cldapp.exe is installed in the user's own %LOCALAPPDATA%\\Programs\\CLD Validator" cmp -s "$installed" "$exe"
check "the Start-menu shortcut is in the user's own Start menu and points at it" \
  sh -c 'strings -el "$1" | grep -q "Programs\\\\CLD Validator\\\\"' _ "$shortcut"
outside=$(comm -13 "$tmp/before-msi.txt" <(snapshot) | cut -f1 | grep -e '^C/\./Program' -e '^C/\./users/Public' || true)
check "nothing was installed for all users (Program Files, Public)" test -z "$outside"
arp=$("$WINE" reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null
  "$WINE" reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null || true)
check "Apps & features lists it with its publisher and version" \
  sh -c 'printf "%s" "$1" | tr -d "\r" | grep -A30 "DisplayName    REG_SZ    CLD Validator" | grep -q "DisplayVersion    REG_SZ    $2"' _ "$arp" "$version"
w=0; timeout 300 "$WINE" "$installed" check --json - 'C:\cldtest\sample_cld_r1.csv' >"$tmp/installed.json" 2>/dev/null || w=$?
if [ "$w" = 1 ]; then same_json "the installed cldapp.exe check" "$tmp/lin-sample.json" "$tmp/installed.json"; else bad "the installed cldapp.exe: exit code $w"; fi
w=0; timeout 300 "$WINE" msiexec /x "$msiw" /qn >>"$tmp/msi.log" 2>&1 || w=$?
check "msiexec /x /qn succeeds (exit code $w)" test "$w" = 0
check "uninstalling removed the program and its folder" test ! -e "$(dirname "$installed")"
check "uninstalling removed the Start-menu shortcut" test ! -e "$shortcut"
check "uninstalling removed its registry key" sh -c '! "$1" reg query "HKCU\\Software\\CLD Validator" >/dev/null 2>&1' _ "$WINE"
left=$(comm -13 "$tmp/before-msi.txt" <(snapshot) | cut -f1 | grep -v -e '^C/\./windows' -e "^C/\./users/$user/AppData/Roaming/Microsoft/Installer\$" -e "^C/\./users/$user/AppData/Local\(/Programs\)\?\$" -e "^C/\./users/$user/AppData/Roaming/Microsoft\(/Windows/Start Menu/Programs\)\?\$" -e "^C/\./users/$user/Temp\$" || true)
check "uninstalling left no files behind" test -z "$left"
[ -z "$left" ] || echo "$left" | head || true

section "Checksums, SBOM and signing"
check "SHA256SUMS matches the release files" sh -c 'cd dist && sha256sum --quiet -c SHA256SUMS'
check "the SBOM is CycloneDX and lists Fyne and excelize" \
  quiet jq -e '.bomFormat == "CycloneDX" and ([.components[].name] | index("fyne.io/fyne/v2") and index("github.com/xuri/excelize/v2"))' dist/cldapp.cdx.json
check "the unsigned build said plainly that it is not signed" grep -q '^NOT SIGNED' "$tmp/build.log"
check "the unsigned exe has no signature (osslsigncode verify fails)" sh -c '! osslsigncode verify -in "$1" >/dev/null 2>&1' _ "$exe"
mkdir -p "$tmp/sign"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout "$tmp/sign/key.pem" -out "$tmp/sign/cert.pem" \
  -subj "/CN=CLD Validator throwaway test certificate" -addext "extendedKeyUsage=codeSigning" 2>/dev/null
head -c 24 /dev/urandom | base64 >"$tmp/sign/pass"
openssl pkcs12 -export -inkey "$tmp/sign/key.pem" -in "$tmp/sign/cert.pem" -out "$tmp/sign/cert.pfx" -passout "file:$tmp/sign/pass"
if DIST=$tmp/signed SIGN_PKCS12=$tmp/sign/cert.pfx SIGN_PASSWORD_FILE=$tmp/sign/pass ./scripts/build-windows.sh >"$tmp/sign.log" 2>&1; then
  check "with a certificate the build says it signed" grep -q '^Signed cldapp.exe' "$tmp/sign.log"
  check "the signed exe passes osslsigncode verify" quiet osslsigncode verify -CAfile "$tmp/sign/cert.pem" -in "$tmp/signed/cldapp.exe"
  check "the signed MSI passes osslsigncode verify" quiet osslsigncode verify -CAfile "$tmp/sign/cert.pem" -in "$tmp/signed/$(basename "$msi")"
  check "the checksums are of the signed files" sh -c 'cd "$1" && sha256sum --quiet -c SHA256SUMS' _ "$tmp/signed"
  check "the signed exe still runs" quiet timeout 300 "$WINE" "$tmp/signed/cldapp.exe" rules
else
  bad "the signed build failed:"; tail -20 "$tmp/sign.log"
fi

echo "(Windows tests took $(($(date +%s) - started)) s)"
echo "windows: $pass passed, $fail failed"
[ "$fail" = 0 ]
