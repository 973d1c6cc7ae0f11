#!/usr/bin/env bash
# Installs everything needed to build, run and test cldapp on a fresh Debian
# (bookworm) machine, as root: the C toolchain and X11/OpenGL headers Fyne
# needs, Xvfb for headless GUI runs, mingw-w64, msitools' wixl and
# osslsigncode for the Windows build and its installer, Wine (64-bit, without
# its optional extras) for the Windows tests, and Go itself (from the Go
# module proxy) when the machine has no Go 1.26.
# Safe to run again: it only installs what is missing.
set -euo pipefail

GO_VERSION=1.26.8
pkgs=(ca-certificates curl unzip git gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev
      libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev xvfb xauth imagemagick gcc-mingw-w64-x86-64 strace time
      msitools wixl osslsigncode openssl jq)
# Wine's recommended extras (fonts, sound, GStreamer…) are not needed for the
# tests and would double the download.
norec=(wine64)
missing=() missing_norec=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
for p in "${norec[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing_norec+=("$p")
done
if [ ${#missing[@]} -gt 0 ] || [ ${#missing_norec[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]} ${missing_norec[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq "${missing[@]}" >/dev/null
  [ ${#missing_norec[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${missing_norec[@]}" >/dev/null
fi

need_go=1
for g in go /usr/local/go/bin/go; do
  if command -v "$g" >/dev/null 2>&1; then
    v=$("$g" env GOVERSION 2>/dev/null | sed 's/^go//')
    if [ -n "$v" ] && [ "$(printf '%s\n' "1.26" "$v" | sort -V | head -1)" = "1.26" ]; then need_go=0; fi
  fi
done
if [ $need_go = 1 ]; then
  echo "Installing Go $GO_VERSION from the Go module proxy"
  tmp=$(mktemp -d)
  curl -fsSL -o "$tmp/go.zip" "https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go${GO_VERSION}.linux-amd64.zip"
  unzip -q "$tmp/go.zip" -d "$tmp"
  rm -rf /usr/local/go
  mv "$tmp/golang.org/toolchain@v0.0.1-go${GO_VERSION}.linux-amd64" /usr/local/go
  chmod +x /usr/local/go/bin/* /usr/local/go/pkg/tool/*/* 2>/dev/null || true
  rm -rf "$tmp"
fi
