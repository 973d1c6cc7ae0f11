#!/usr/bin/env bash
# Cross-compiles dist/cldapp.exe, the windowed Windows program, with
# mingw-w64 (apt package gcc-mingw-w64-x86-64; scripts/install-deps.sh
# installs it):
#   - no console window (-H=windowsgui); the command-line commands attach
#     to the console they were started from (cmd/cldapp/console_windows.go);
#   - icon, version information and an application manifest embedded from
#     a .syso resource made here by go-winres (through the Go module proxy)
#     from FyneApp.toml and assets/icon.png, and deleted after the build;
#   - -trimpath -s -w: no local paths, no symbol table.
# A cold build (Fyne's OpenGL driver in C) takes about 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f scripts/env.sh ] && . scripts/env.sh

field() { sed -n "s/^ *$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\} *$/\1/p" FyneApp.toml | head -1; }
name=$(field Name)
version=$(field Version)
build=$(field Build)
[ -n "$name" ] && [ -n "$version" ] && [ -n "$build" ] || { echo "FyneApp.toml lacks Name, Version or Build" >&2; exit 1; }

syso=cmd/cldapp/rsrc_windows_amd64.syso
trap 'rm -f "$syso"' EXIT
echo "Making the Windows resources (icon, version $version build $build, manifest)"
env -u GOFLAGS -u GOOS -u GOARCH -u CGO_ENABLED go run github.com/tc-hib/go-winres@v0.3.3 simply \
  --arch amd64 --out cmd/cldapp/rsrc --manifest gui --icon assets/icon.png \
  --product-name "$name" --product-version "$version" --file-version "$version.$build" \
  --file-description "$name - checks Adult Social Care Client Level Data before submission" \
  --original-filename cldapp.exe --copyright "Local authority data tools"

echo "Cross-compiling dist/cldapp.exe (the first build compiles Fyne's OpenGL driver and takes minutes)"
mkdir -p dist
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -trimpath -ldflags "-H=windowsgui -s -w" -o dist/cldapp.exe ./cmd/cldapp

# Prove what was built: a GUI-subsystem PE with a version resource.
if command -v x86_64-w64-mingw32-objdump >/dev/null; then
  headers=$(x86_64-w64-mingw32-objdump -p dist/cldapp.exe)
  case "$headers" in
    *"(Windows GUI)"*) ;;
    *) echo "dist/cldapp.exe is not a windowed program" >&2; exit 1 ;;
  esac
fi
if ! LC_ALL=C grep -qaP 'F\x00i\x00l\x00e\x00V\x00e\x00r\x00s\x00i\x00o\x00n' dist/cldapp.exe; then
  echo "dist/cldapp.exe has no version information" >&2; exit 1
fi
size=$(stat -c %s dist/cldapp.exe)
echo "Built dist/cldapp.exe: $size bytes ($((size / 1024 / 1024)) MB), windowed, version $version.$build"
