#!/usr/bin/env bash
# Builds the Windows release files into dist/ (or $DIST):
#   cldapp.exe            the windowed program, cross-compiled with mingw-w64:
#                         no console window (-H=windowsgui; the command-line
#                         commands attach to the console they were started
#                         from, cmd/cldapp/console_windows.go); icon, version
#                         information and an application manifest embedded
#                         from a .syso made here by go-winres (through the Go
#                         module proxy) from FyneApp.toml and assets/icon.png;
#                         -trimpath -s -w: no local paths, no symbol table.
#   cldapp-VERSION.msi    a per-user Windows Installer package (no admin
#                         rights; Start-menu shortcut; clean uninstall), built
#                         with msitools' wixl from scripts/windows/cldapp.wxs.
#   cldapp.cdx.json       a CycloneDX SBOM of the Go modules inside cldapp.exe
#                         (cyclonedx-gomod, through the Go module proxy).
#   SHA256SUMS            SHA-256 checksums of the three (sha256sum -c SHA256SUMS).
#
# Signing: with SIGN_PKCS12=cert.pfx (and SIGN_PASSWORD_FILE=file holding
# its password, if it has one) the exe and the MSI are signed with
# osslsigncode (SHA-256). SIGN_TIMESTAMP_URL adds a timestamp from that
# server (this needs the network, so it is off unless set). Without a
# certificate the files are built unsigned and the script says so: Windows
# SmartScreen then warns users who download them.
#
# scripts/install-deps.sh installs mingw-w64, msitools (wixl), osslsigncode
# and ImageMagick. A cold build (Fyne's OpenGL driver in C) takes about 5
# minutes; later ones under a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f scripts/env.sh ] && . scripts/env.sh
DIST=${DIST:-dist}
PUBLISHER=${PUBLISHER:-Local authority data tools}

field() { sed -n "s/^ *$1 *= *\"\{0,1\}\([^\"]*\)\"\{0,1\} *$/\1/p" FyneApp.toml | head -1; }
name=$(field Name)
version=$(field Version)
build=$(field Build)
[ -n "$name" ] && [ -n "$version" ] && [ -n "$build" ] || { echo "FyneApp.toml lacks Name, Version or Build" >&2; exit 1; }
if [ -n "${SIGN_PKCS12:-}" ] && [ ! -r "$SIGN_PKCS12" ]; then
  echo "SIGN_PKCS12 names $SIGN_PKCS12, which cannot be read" >&2; exit 1
fi

syso=cmd/cldapp/rsrc_windows_amd64.syso
stage=$(mktemp -d)
trap 'rm -f "$syso"; rm -rf "$stage"' EXIT
echo "Making the Windows resources (icon, version $version build $build, manifest)"
env -u GOFLAGS -u GOOS -u GOARCH -u CGO_ENABLED go run github.com/tc-hib/go-winres@v0.3.3 simply \
  --arch amd64 --out cmd/cldapp/rsrc --manifest gui --icon assets/icon.png \
  --product-name "$name" --product-version "$version" --file-version "$version.$build" \
  --file-description "$name - checks Adult Social Care Client Level Data before submission" \
  --original-filename cldapp.exe --copyright "$PUBLISHER"

echo "Cross-compiling $DIST/cldapp.exe (the first build compiles Fyne's OpenGL driver and takes minutes)"
mkdir -p "$DIST"
rm -f "$DIST"/cldapp.exe "$DIST"/cldapp-*.msi "$DIST"/cldapp.cdx.json "$DIST"/SHA256SUMS
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -trimpath -ldflags "-H=windowsgui -s -w" -o "$DIST/cldapp.exe" ./cmd/cldapp

# Prove what was built: a GUI-subsystem PE with a version resource.
if command -v x86_64-w64-mingw32-objdump >/dev/null; then
  headers=$(x86_64-w64-mingw32-objdump -p "$DIST/cldapp.exe")
  case "$headers" in
    *"(Windows GUI)"*) ;;
    *) echo "$DIST/cldapp.exe is not a windowed program" >&2; exit 1 ;;
  esac
fi
if ! LC_ALL=C grep -qaP 'F\x00i\x00l\x00e\x00V\x00e\x00r\x00s\x00i\x00o\x00n' "$DIST/cldapp.exe"; then
  echo "$DIST/cldapp.exe has no version information" >&2; exit 1
fi

# sign FILE: Authenticode-signs FILE in place when a certificate is given.
signed=no
sign() {
  [ -n "${SIGN_PKCS12:-}" ] || return 0
  local args=(sign -pkcs12 "$SIGN_PKCS12" -h sha256 -n "$name" -in "$1" -out "$stage/signed")
  [ -n "${SIGN_PASSWORD_FILE:-}" ] && args+=(-readpass "$SIGN_PASSWORD_FILE")
  [ -n "${SIGN_TIMESTAMP_URL:-}" ] && args+=(-ts "$SIGN_TIMESTAMP_URL")
  osslsigncode "${args[@]}" >"$stage/sign.log" 2>&1 || { cat "$stage/sign.log" >&2; echo "Signing $1 failed" >&2; exit 1; }
  mv "$stage/signed" "$1"
  signed=yes
}
sign "$DIST/cldapp.exe"

msi="$DIST/cldapp-$version.msi"
echo "Building $msi with wixl (per-user, version $version.$build, publisher \"$PUBLISHER\")"
cp "$DIST/cldapp.exe" scripts/windows/cldapp.wxs "$stage/"
im=convert; [ -x /usr/bin/convert ] && im=/usr/bin/convert # ImageMagick
"$im" assets/icon.png -define icon:auto-resize=256,64,48,32,16 "$stage/cldapp.ico"
(cd "$stage" && wixl -a x64 -D Version="$version.$build" -D Publisher="$PUBLISHER" -o cldapp.msi cldapp.wxs)
mv "$stage/cldapp.msi" "$msi"
sign "$msi"

echo "Writing the SBOM of the Go modules in cldapp.exe ($DIST/cldapp.cdx.json)"
env -u GOFLAGS -u GOOS -u GOARCH -u CGO_ENABLED go run github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@v1.10.0 \
  bin -json -licenses -std -version "v$version" -output "$DIST/cldapp.cdx.json" "$DIST/cldapp.exe" 2>"$stage/sbom.log" ||
  { cat "$stage/sbom.log" >&2; exit 1; }
grep -q '"bomFormat": *"CycloneDX"' "$DIST/cldapp.cdx.json" || { echo "The SBOM is not CycloneDX" >&2; exit 1; }

(cd "$DIST" && sha256sum cldapp.exe "$(basename "$msi")" cldapp.cdx.json >SHA256SUMS)

size=$(stat -c %s "$DIST/cldapp.exe")
msize=$(stat -c %s "$msi")
echo "Built $DIST/cldapp.exe: $size bytes ($((size / 1024 / 1024)) MB), windowed, version $version.$build"
echo "Built $msi: $msize bytes ($((msize / 1024 / 1024)) MB)"
echo "Checksums in $DIST/SHA256SUMS; SBOM in $DIST/cldapp.cdx.json"
if [ "$signed" = yes ]; then
  echo "Signed cldapp.exe and $(basename "$msi") with the certificate in $SIGN_PKCS12"
else
  echo "NOT SIGNED: no certificate was supplied (SIGN_PKCS12), so cldapp.exe and $(basename "$msi") are unsigned;"
  echo "Windows SmartScreen will warn anyone who downloads them. Sign release builds with a code-signing certificate."
fi
