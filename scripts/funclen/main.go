// Command funclen lists the functions of the module's packages that are
// longer than a limit, longest first, and exits 1 when any is over it.
// Tests, generated code, the packages named by -skip and the functions named
// by -hot (hot loops kept whole on purpose: splitting them costs speed) are
// left out of the verdict; the -hot ones are still listed.
//
//	go run ./scripts/funclen [-max 80] [-skip DIR,…] [-hot DIR:Type.Func,…] [DIR]
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type fn struct {
	pos   string
	name  string
	lines int
	hot   bool // allowed: a hot loop named by -hot
}

func main() {
	limit := flag.Int("max", 80, "the most lines a function may have")
	skip := flag.String("skip", "", "comma-separated package folders to leave out (e.g. reader)")
	report := flag.Bool("report", false, "list every function over the limit but exit 0")
	hotList := flag.String("hot", "", "comma-separated DIR:Func or DIR:Type.Func allowed over the limit (hot loops)")
	flag.Parse()
	root := "."
	if flag.NArg() > 0 {
		root = flag.Arg(0)
	}
	skipped := map[string]bool{}
	for _, s := range strings.Split(*skip, ",") {
		if s != "" {
			skipped[filepath.Clean(s)] = true
		}
	}
	hot := map[string]bool{}
	for _, h := range strings.Split(*hotList, ",") {
		if h != "" {
			hot[h] = true
		}
	}
	long, total, err := scan(root, skipped, hot, *limit)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	sort.Slice(long, func(i, j int) bool { return long[i].lines > long[j].lines })
	over := 0
	for _, f := range long {
		note := ""
		if f.hot {
			note = "  (hot loop, allowed)"
		} else {
			over++
		}
		fmt.Printf("%5d  %-40s %s%s\n", f.lines, f.name, f.pos, note)
	}
	fmt.Printf("%d of %d functions are over %d lines (%d of them hot loops, allowed)\n", len(long), total, *limit, len(long)-over)
	if over > 0 && !*report {
		os.Exit(1)
	}
}

// scan walks root and returns the functions longer than limit, and how
// many functions it looked at.
func scan(root string, skipped, hot map[string]bool, limit int) ([]fn, int, error) {
	var long []fn
	total := 0
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && path != root || skipped[rel] {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		if ast.IsGenerated(f) {
			return nil
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			total++
			start, end := fset.Position(fd.Pos()), fset.Position(fd.End())
			if n := end.Line - start.Line + 1; n > limit {
				name := fd.Name.Name
				if fd.Recv != nil && len(fd.Recv.List) > 0 {
					name = recvName(fd.Recv.List[0].Type) + "." + name
				}
				long = append(long, fn{fmt.Sprintf("%s:%d", rel, start.Line), name, n, hot[filepath.ToSlash(filepath.Dir(rel))+":"+name]})
			}
		}
		return nil
	})
	return long, total, err
}

func recvName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvName(t.X)
	case *ast.IndexExpr:
		return recvName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}
