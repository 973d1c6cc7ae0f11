package main

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"
)

// The program as it ships reads only these environment variables: Go's
// own memory limit, Fyne's scale and DPI settings (which it must honour
// as Fyne would), and CLDAPP_NO_BROWSER, which scripts/test-windows.sh
// sets because it runs the release cldapp.exe's no-OpenGL fallback under
// Wine, where opening the HTML summary would go through Wine to the test
// machine's browser. Every other hook (CLDAPP_LOG_DIR, CLDAPP_FORCE_NO_GL,
// package ui's screenshots and benchmarks) is in the automation build.
var releaseEnv = []string{"GOMEMLIMIT", "FYNE_SCALE", "FYNE_DISABLE_DPI_DETECTION", "CLDAPP_NO_BROWSER"}

func TestReleaseBuildReadsOnlyKnownEnvironment(t *testing.T) {
	for _, goos := range []string{"linux", "windows", "darwin"} {
		ctx := build.Default
		ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = goos, "amd64", true
		pkg, err := ctx.ImportDir(".", 0)
		if err != nil {
			t.Fatalf("%s: %v", goos, err)
		}
		for _, f := range append(pkg.GoFiles, pkg.CgoFiles...) {
			for _, v := range envNames(t, f) {
				if !slices.Contains(releaseEnv, v) {
					t.Errorf("%s: %s reads %s in the release build: put test hooks in automation.go", goos, f, v)
				}
			}
		}
	}
	// The automation build's own reads are seen, so the test can fail.
	if got := envNames(t, "automation.go"); !slices.Contains(got, "CLDAPP_FORCE_NO_GL") {
		t.Errorf("automation.go reads %v: envNames no longer sees them", got)
	}
}

// envNames lists the variables a Go file reads with os.Getenv or
// os.LookupEnv ("?" where the name is not a constant string), and "*" for
// every use of os.Environ.
func envNames(t *testing.T, file string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "os" {
			return true
		}
		switch sel.Sel.Name {
		case "Getenv", "LookupEnv":
			name := "?"
			if lit, ok := call.Args[0].(*ast.BasicLit); ok {
				name, _ = strconv.Unquote(lit.Value)
			}
			out = append(out, name)
		case "Environ", "ExpandEnv":
			out = append(out, "*")
		}
		return true
	})
	return out
}
