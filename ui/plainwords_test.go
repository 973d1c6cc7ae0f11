package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"cldvalidator/validation"
)

// devRefs matches what only a developer can read: items of the
// specification's rules.md (A2.6), source ids (NCL-SRC, DHSC-2A-R2), rule
// ids in brackets ((list-invalid)), the project's doc file names, and the
// words of Go's libraries ("unexpected EOF").
var devRefs = regexp.MustCompile(`rules\.md|\b[A-C]\d{1,2}\.\d{1,2}\b|\b[A-Z]{2,}(-[A-Z0-9]+)+\b|\(([a-z0-9]+-)+[a-z0-9]+\)|\b[\w-]+\.md\b|\bEOF\b|json:|invalid character`)

func devRefsIn(texts []string) []string {
	var bad []string
	for _, s := range texts {
		if devRefs.MatchString(s) {
			bad = append(bad, s)
		}
	}
	return bad
}

// The Issues tab's detail of an issue of each rule is plain English; the
// rule's id and references stay in the folded "Technical details" line.
// (Before: "Technical details: Value not in the defined list
// (list-invalid); rules.md A2.1; NHSE-SALT-PDF, DHSC-DQ-R1.")
func TestIssueDetailInPlainWords(t *testing.T) {
	w, win := newTestWindow(t, samplePath(t))
	settle(t, w)
	res := w.res
	seen := map[validation.RuleID]bool{}
	for i, is := range res.Issues {
		if seen[is.Rule] {
			continue
		}
		seen[is.Rule] = true
		rule := res.Rule(is)
		lockUI(func() {
			w.selectTab(tabIssues)
			w.issues.table.selectCell(i, icProblem)
			if bad := devRefsIn(visibleProse(win)); len(bad) > 0 {
				t.Errorf("issue of rule %s shows developer references: %q", rule.ID, bad)
			}
			// Unfolded, the technical details have them.
			w.issues.tech.setOpen(true)
			if txt := strings.Join(visibleProse(win), "\n"); !strings.Contains(txt, rule.ID) || !strings.Contains(txt, rule.Ref()) {
				t.Errorf("technical details of %s lack the id or references", rule.ID)
			}
			w.issues.tech.setOpen(false)
		})
	}
	if len(seen) < 5 {
		t.Fatalf("only %d rules in the sample", len(seen))
	}
}

// Every entry of the Rules tab reads in plain English.
func TestRulesTabInPlainWords(t *testing.T) {
	w, win := newTestWindow(t)
	lockUI(func() {
		w.selectTab(tabRules)
		for i := range w.rules.entries {
			w.rules.list.Select(i)
			if bad := devRefsIn(visibleProse(win)); len(bad) > 0 {
				t.Fatalf("Rules entry %q shows developer references: %q", w.rules.entries[i].title, bad)
			}
		}
	})
}

// A spec pack cut short is explained in plain words, not the JSON
// library's ("is not valid: unexpected EOF").
func TestBrokenSpecPackInPlainWords(t *testing.T) {
	w, _ := newTestWindow(t)
	p := filepath.Join(t.TempDir(), "pack.json")
	os.WriteFile(p, []byte(`{"format":"cld-spec-pack/1","name":"x","release":"R1","rules":{"postcode-format":`), 0o644)
	lockUI(func() { w.usePack(p) })
	settle(t, w)
	lockUI(func() {
		if !strings.Contains(seen(w).message, "cannot be used") {
			t.Fatalf("message %q", seen(w).message)
		}
		if bad := devRefsIn([]string{seen(w).message}); len(bad) > 0 {
			t.Errorf("message in the JSON library's words: %q", seen(w).message)
		}
	})
}

// After a file that cannot be checked, nothing in the window still
// describes the file shown before (the filter bar kept its rule "Value
// not in the defined list (9)" and the person searched for), no sentence
// is shown twice (the status line and the Summary both said "x.xlsx
// could not be checked."), and the file is not left in Recent files.
func TestFailedOpenLeavesNothingStale(t *testing.T) {
	good := samplePath(t)
	w, win := newTestWindow(t, good)
	settle(t, w)
	res := w.res
	rc := res.Summary.Rules[0]
	var pid string
	for _, is := range res.Issues {
		if is.Row >= 0 {
			pid = res.PersonID(int(is.Row), false)
			break
		}
	}
	var ruleLabel string
	lockUI(func() {
		w.selectTab(tabIssues)
		w.issues.filterByRule(rc.Rule)
		ruleLabel = w.issues.ruleSel.Selected
	})
	settle(t, w)
	lockUI(func() {
		w.issues.search.SetText(pid)
	})
	settle(t, w)
	lockUI(func() {
		if len(w.issues.view) > 0 {
			w.issues.table.selectCell(0, icProblem)
		}
		w.records.goTo(0, 0)
	})

	bad := filepath.Join(t.TempDir(), "broken.xlsx")
	os.WriteFile(bad, []byte("PK\x03\x04 not really a workbook"), 0o644)
	lockUI(func() { w.openPath(bad) })
	settle(t, w)
	stale := []string{filepath.Base(good), ruleLabel, pid, validation.Commas(res.Summary.Rows) + " rows"}
	for tab := tabSummary; tab <= tabRules; tab++ {
		lockUI(func() {
			w.selectTab(tab)
			texts := visibleTexts(win)
			for _, s := range stale {
				for _, txt := range texts {
					if strings.Contains(txt, s) {
						t.Errorf("tab %d still shows %q from the previous file: %q", tab, s, txt)
					}
				}
			}
			if rep := repeatedLines(visibleProse(win)); len(rep) > 0 {
				t.Errorf("tab %d shows a line twice: %q", tab, rep)
			}
		})
	}
	lockUI(func() {
		for _, p := range w.recentFiles() {
			if samePath(p, bad) {
				t.Errorf("the file that failed is in Recent files: %v", w.recentFiles())
			}
		}
		if len(w.recentFiles()) == 0 || !samePath(w.recentFiles()[0], good) {
			t.Errorf("recent files %v, want the good file first", w.recentFiles())
		}
	})

	// A Recent file that has since broken leaves the list when it fails.
	copyOf := copyFile(t, good, t.TempDir(), "CLD later broken.csv")
	lockUI(func() { w.openPath(copyOf) })
	settle(t, w)
	os.WriteFile(copyOf, []byte{0xff, 0xfe, 0, 0, 1, 2, 3}, 0o644)
	lockUI(func() { w.openPath(copyOf) })
	settle(t, w)
	os.Remove(copyOf)
	lockUI(func() { w.openPath(copyOf) }) // and one that has gone
	lockUI(func() {
		for _, p := range w.recentFiles() {
			if samePath(p, copyOf) {
				t.Errorf("a Recent file that no longer opens is still listed: %v", w.recentFiles())
			}
		}
	})
}

// No sentence appears twice on any tab of a checked file, with an issue
// selected (before, every note on the Summary ended with the same "what
// happens centrally" sentence, cut off with "…").
func TestNoLineShownTwice(t *testing.T) {
	w, win := newTestWindow(t, samplePath(t))
	settle(t, w)
	for tab := tabSummary; tab <= tabRules; tab++ {
		lockUI(func() {
			w.selectTab(tab)
			switch tab {
			case tabIssues:
				w.issues.table.selectCell(2, icProblem)
			case tabRecords:
				w.records.goTo(3, 2)
			case tabRules:
				w.rules.list.Select(2)
			}
			texts := visibleProse(win)
			if rep := repeatedLines(texts); len(rep) > 0 {
				t.Errorf("tab %d shows a line twice: %q", tab, rep)
			}
			for _, s := range texts {
				if strings.HasSuffix(s, "…") && len(strings.Fields(s)) > 6 {
					t.Errorf("tab %d cuts a note short: %q", tab, s)
				}
			}
		})
	}
}

// After Paste from Excel, Check checks the pasted data again and says so;
// before, the path box still named the file opened earlier and Check
// silently went back to it.
func TestPasteThenCheckChecksThePastedData(t *testing.T) {
	path := samplePath(t)
	recs := sampleRows(t, path)
	var b strings.Builder
	for _, r := range recs[:121] {
		b.WriteString(strings.Join(r, "\t") + "\r\n")
	}
	w, win := newTestWindow(t, path)
	settle(t, w)
	lockUI(func() {
		w.app.Clipboard().SetContent(b.String())
		w.pasteFromClipboard()
	})
	settle(t, w)
	lockUI(func() {
		if w.res == nil || w.res.Table.Len() != 120 {
			t.Fatalf("the paste was not checked")
		}
		for _, s := range visibleTexts(win) {
			if strings.Contains(s, path) {
				t.Errorf("the window still shows the earlier file's path: %q", s)
			}
		}
		test.Tap(w.open.goB)
	})
	settle(t, w)
	lockUI(func() {
		if w.input == nil || w.input.path != "" || w.res == nil || w.res.Table.Len() != 120 {
			t.Errorf("Check did not check the pasted data again (input %+v)", w.input)
		}
		if !strings.Contains(win.Title(), "pasted data") {
			t.Errorf("title %q", win.Title())
		}
	})
}
