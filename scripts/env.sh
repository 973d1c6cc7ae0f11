# Sourced by the scripts: puts Go on PATH.
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"
export CGO_ENABLED=1
