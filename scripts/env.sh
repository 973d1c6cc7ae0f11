# Sourced by the scripts: puts Go on PATH and pins the Go release that
# builds, tests and ships the tool.
#
# GOTOOLCHAIN=go1.27.3: the go command fetches that release from the Go
# module proxy the first time (76 MB, about 10 seconds) and uses it from
# then on, whatever Go the machine has (install-deps.sh installs Go 1.26.8
# where there is none). Go 1.26.8 compiles the code too (go.mod says
# go 1.26.8), but govulncheck finds twelve standard-library
# vulnerabilities reachable from our code in it (html/template, which
# writes the HTML summary, net/http, crypto/tls, crypto/x509,
# net/textproto) that 1.26.9, 1.26.10 and 1.27 fix; 1.27.3 is the newest
# release this project can fetch.
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"
export CGO_ENABLED=1
export GOTOOLCHAIN=go1.27.3
