package validation

import (
	"slices"
	"testing"
)

// The issue columns: unique keys and sort names, text for every issue,
// and the plain name of the check beside the technical rule id.
func TestIssueColumns(t *testing.T) {
	res := check(t, baseService().with("Gender", "Femail"))
	keys, sorts := map[string]bool{}, map[string]bool{}
	for _, c := range IssueColumns {
		if c.Key == "" || c.Heading == "" || c.Text == nil || keys[c.Key] {
			t.Errorf("column %+v: a key, a heading and a text, and a key used once", c)
		}
		keys[c.Key] = true
		if c.SortName != "" {
			if sorts[c.SortName] {
				t.Errorf("sort name %q used twice", c.SortName)
			}
			sorts[c.SortName] = true
		}
		if c.SortAs != "" && IssueColumnByKey(c.SortAs) == nil {
			t.Errorf("column %s sorts as %q, which is not a column", c.Key, c.SortAs)
		}
		for _, is := range res.Issues {
			_ = c.Text(res, is, true)
		}
	}
	i := slices.IndexFunc(res.Issues, func(is Issue) bool { return res.Rule(is).ID == "list-invalid" })
	if i < 0 {
		t.Fatal("no list-invalid issue")
	}
	is := res.Issues[i]
	if got := IssueColumnByKey("check").Text(res, is, true); got != "Value not in the defined list" {
		t.Errorf("Check = %q", got)
	}
	if got := IssueColumnByKey("rule").Text(res, is, true); got != "list-invalid" {
		t.Errorf("Rule = %q", got)
	}
	// Sorting by a column keeps the file's order within equal keys.
	v := make([]int32, len(res.Issues))
	for i := range v {
		v[i] = int32(len(v) - 1 - i)
	}
	IssueColumnByKey("row").Sort(res, v) // file order: left as it is
	if v[0] != int32(len(v)-1) {
		t.Errorf("sorting by row changed the order: %v", v)
	}
	IssueColumnByKey("severity").Sort(res, v)
	if res.Issues[v[0]].Sev != Error {
		t.Errorf("sorting by severity does not put errors first: %v", v)
	}
}
