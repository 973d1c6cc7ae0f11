// Command vulnsummary reads govulncheck's JSON output (-format json) on
// standard input and prints one line per vulnerability: where it is
// (a module, or the standard library), whether our code calls it, and the
// version that fixes it. It exits 1 when a third-party module's
// vulnerability is called from our code; the standard library's are
// listed (a newer Go fixes them), as are those only imported or required.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
)

type message struct {
	OSV *struct {
		ID      string `json:"id"`
		Summary string `json:"summary"`
	} `json:"osv"`
	Finding *struct {
		OSV          string `json:"osv"`
		FixedVersion string `json:"fixed_version"`
		Trace        []struct {
			Module   string `json:"module"`
			Version  string `json:"version"`
			Package  string `json:"package"`
			Function string `json:"function"`
		} `json:"trace"`
	} `json:"finding"`
}

type vuln struct {
	id, module, version, fixed, summary string
	level                               int // 0 required, 1 imported, 2 called
}

func main() {
	dec := json.NewDecoder(os.Stdin)
	summaries := map[string]string{}
	found := map[string]*vuln{}
	for {
		var m message
		if err := dec.Decode(&m); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			fmt.Fprintln(os.Stderr, "vulnsummary: govulncheck's output could not be read:", err)
			os.Exit(2)
		}
		if m.OSV != nil {
			summaries[m.OSV.ID] = m.OSV.Summary
		}
		f := m.Finding
		if f == nil || len(f.Trace) == 0 {
			continue
		}
		top := f.Trace[0]
		level := 0
		switch {
		case top.Function != "":
			level = 2
		case top.Package != "":
			level = 1
		}
		key := f.OSV + " " + top.Module
		v := found[key]
		if v == nil {
			v = &vuln{id: f.OSV, module: top.Module, version: top.Version, fixed: f.FixedVersion}
			found[key] = v
		}
		v.level = max(v.level, level)
	}
	var list []*vuln
	for _, v := range found {
		v.summary = summaries[v.id]
		list = append(list, v)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].level != list[j].level {
			return list[i].level > list[j].level
		}
		return list[i].id < list[j].id
	})
	failed := 0
	levels := []string{"required only", "imported, not called", "called"}
	for _, v := range list {
		where := v.module
		if where == "stdlib" {
			where = "standard library (Go " + v.version + ")"
		} else {
			where += "@" + v.version
		}
		mark := "note"
		if v.level == 2 && v.module != "stdlib" {
			mark, failed = "FAIL", failed+1
		}
		fmt.Printf("%-4s %s %s: %s; fixed in %s — %s\n", mark, v.id, where, levels[v.level], v.fixed, v.summary)
	}
	fmt.Printf("%d vulnerabilities found; %d in third-party code our code calls\n", len(list), failed)
	if failed > 0 {
		os.Exit(1)
	}
}
