#!/usr/bin/env bash
# Code-quality gates, run by scripts/test.sh (and on their own):
#   staticcheck      every finding fails
#   govulncheck      against the module list, with the Go vulnerability
#                    database built locally from the golang.org/x/vulndb
#                    module (vuln.go.dev is not reachable from CI); a
#                    vulnerability in a third-party module that our code
#                    calls fails; the rest (imported or required only, and
#                    the standard library's, which only a newer Go fixes)
#                    are listed
#   gocyclo          cyclomatic complexity report (functions over 15)
#   funclen          no function over 80 lines but the readers' named hot
#                    loops, which stay whole for speed (fails)
# Tools are pinned and installed into GOPATH/bin from the Go module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOVULNCHECK=golang.org/x/vuln/cmd/govulncheck@v1.9.0
GOCYCLO=github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0
VULNDB=v0.0.0-20261105234957-e22db6528018 # golang.org/x/vulndb
bin=$(go env GOPATH)/bin
# A tool is built by the Go that builds the project (scripts/env.sh): one
# built by an older Go cannot load a newer standard library.
gover=$(go env GOVERSION)
install() { # tool binary, module@version
  local name=$1 pkg=$2 stamp
  stamp="$bin/.$name.version"
  if [ ! -x "$bin/$name" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$pkg $gover" ]; then
    (cd / && go install "$pkg") && echo "$pkg $gover" >"$stamp"
  fi
}
install staticcheck "$STATICCHECK"
install govulncheck "$GOVULNCHECK"
install gocyclo "$GOCYCLO"

echo "== staticcheck"
"$bin/staticcheck" ./...
"$bin/staticcheck" -tags automation ./cmd/... ./ui/... # the screenshot and benchmark build

echo "== govulncheck"
db=${VULNDB_DIR:-$HOME/.cache/cldvalidator-vulndb-$VULNDB}
if [ ! -f "$db/index/db.json" ]; then
  src=$(cd / && go mod download -json "golang.org/x/vulndb@$VULNDB" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  rm -rf "$db.tmp"
  (cd / && go run "golang.org/x/vulndb/cmd/indexdb@$VULNDB" -vulns "$src/data/osv" -out "$db.tmp" >/dev/null)
  mv "$db.tmp" "$db"
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Exit 0: nothing found; 3: vulnerabilities found (judged below); anything
# else: govulncheck could not load the code, which must not pass as clean.
rc=0
"$bin/govulncheck" -db "file://$db" -format json ./... >"$out" || rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then
  echo "govulncheck failed (exit $rc): it could not analyse the code"
  exit 1
fi
go run ./scripts/vulnsummary <"$out"

echo "== gocyclo (functions over 15)"
"$bin/gocyclo" -over 15 -ignore '_test\.go$' . | sort -rn | head -25 || true
echo "$("$bin/gocyclo" -over 15 -ignore '_test\.go$' . | wc -l) functions over 15; average $("$bin/gocyclo" -avg -ignore '_test\.go$' . | sed -n 's/^Average: //p')"

echo "== function length (none over 80 lines but the readers' hot loops)"
hot=reader:delimited.parseAt,reader:delimited.fastLine,reader:fastCell
hot+=,reader:sheetScanner.nextRow,reader:sheetScanner.parseCell,reader:xlsxFile.loadSharedStrings
go run ./scripts/funclen -hot "$hot" .
