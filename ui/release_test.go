package ui

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// The window as it ships has no test or measurement code in it: package
// ui, built without tags for each desktop system, imports neither os/exec
// (screenshots through ImageMagick) nor runtime/pprof (CPU profiles), and
// none of its files reads an environment variable, so nothing it does is
// switched on from outside. Those live in automation.go, built with
// -tags automation; that build must show both imports, or this test
// could not see them.
func TestReleaseBuildHasNoAutomation(t *testing.T) {
	banned := []string{"os/exec", "runtime/pprof"}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		ctx := build.Default
		ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = goos, "amd64", true
		pkg, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatalf("%s: %v", goos, err)
		}
		for _, imp := range banned {
			if slices.Contains(pkg.Imports, imp) {
				t.Errorf("%s: the release build of package ui imports %s", goos, imp)
			}
		}
		for _, f := range append(pkg.GoFiles, pkg.CgoFiles...) {
			for _, call := range envReads(t, f) {
				t.Errorf("%s: %s reads the environment (%s): release behaviour must not depend on it", goos, f, call)
			}
		}

		ctx.BuildTags = []string{"automation"}
		auto, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatalf("%s, -tags automation: %v", goos, err)
		}
		for _, imp := range banned {
			if !slices.Contains(auto.Imports, imp) {
				t.Errorf("%s: the automation build does not import %s: is this test still looking in the right place?", goos, imp)
			}
		}
	}
	if len(envReads(t, "automation.go")) == 0 {
		t.Error("no environment read found in automation.go: envReads has stopped seeing them")
	}
}

// envReads lists the calls in a Go file that read the environment, as
// "os.Getenv at line 12".
func envReads(t *testing.T, file string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Clean(file), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	readers := map[string][]string{
		"os":      {"Getenv", "LookupEnv", "Environ", "ExpandEnv"},
		"syscall": {"Getenv", "Environ"},
	}
	names := map[string]string{} // the name a file uses for the package → its path
	for _, is := range f.Imports {
		path, _ := strconv.Unquote(is.Path.Value)
		name := filepath.Base(path)
		if is.Name != nil {
			name = is.Name.Name
		}
		names[name] = path
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && slices.Contains(readers[names[x.Name]], sel.Sel.Name) {
			out = append(out, names[x.Name]+"."+sel.Sel.Name+" at line "+strconv.Itoa(fset.Position(sel.Pos()).Line))
		}
		return true
	})
	return out
}
