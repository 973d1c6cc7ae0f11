package validation

import (
	"slices"
	"strconv"
	"strings"
)

// IssueColumns is the one list of the columns an issue is shown in,
// everywhere issues are listed: the window's Issues table (and what it
// shows while a check runs), Copy, its sort orders, the Excel, CSV and HTML
// reports and the comparison's views. Adding a column is adding an entry
// here; each output takes the columns marked for it, in this order.
var IssueColumns = []*IssueColumn{
	{Key: "row", Heading: "Row", Window: 66, Excel: 8, Copy: true, Number: true, Empty: "File", SortName: "Row (file order)",
		Text: func(r *Result, is Issue, _ bool) string { return rowNumber(r.RowNumber(is)) },
		Live: func(li *LiveIssue) string { return rowNumber(li.Row) },
		Less: func(*Result) func(a, b Issue) int { return nil }},
	{Key: "cell", Heading: "Cell", Excel: 8,
		Text: func(r *Result, is Issue, _ bool) string { return r.CellRef(is) }},
	{Key: "severity", Heading: "Severity", Window: 98, Excel: 10, Copy: true, Compare: true, Coloured: true, SortName: "Severity",
		Text: func(_ *Result, is Issue, _ bool) string { return is.Sev.Label() },
		Live: func(li *LiveIssue) string { return li.Severity.Label() },
		Less: func(*Result) func(a, b Issue) int { return func(a, b Issue) int { return int(b.Sev) - int(a.Sev) } }},
	{Key: "person", Heading: "Person ID", Window: 104, Excel: 20, Copy: true, Compare: true, SortName: "Person ID",
		Text: func(r *Result, is Issue, mask bool) string { return r.PersonID(int(is.Row), mask) },
		Live: func(li *LiveIssue) string { return li.PersonID }},
	{Key: "event", Heading: "Event type", Window: 112, Excel: 13, Compare: true, SortName: "Event type",
		Text: func(r *Result, is Issue, _ bool) string { return r.EventType(int(is.Row)) },
		Live: func(li *LiveIssue) string { return li.EventType }},
	{Key: "column", Heading: "Column", Window: 150, Excel: 30, Copy: true, Compare: true, SortName: "Column",
		Text: func(r *Result, is Issue, _ bool) string { return r.ColumnName(is) },
		Live: func(li *LiveIssue) string { return li.Column }},
	{Key: "value", Heading: "Value", Window: 110, Excel: 28, Copy: true, SortName: "Value",
		Text: func(r *Result, is Issue, mask bool) string { return r.Value(is, mask) },
		Live: func(li *LiveIssue) string { return li.Value }},
	{Key: "central", Heading: "What happens centrally", Excel: 24,
		Text: func(r *Result, is Issue, _ bool) string { return r.Rule(is).Central.Label() }},
	{Key: "check", Heading: "Check", Excel: 30, SortName: "Check",
		Text: func(r *Result, is Issue, _ bool) string { return r.Rule(is).Title }},
	{Key: "rule", Heading: "Rule", Excel: 26, Compare: true, Technical: true, SortName: "Rule",
		Text: func(r *Result, is Issue, _ bool) string { return r.Rule(is).ID },
		Less: ruleOrder},
	{Key: "problem", Heading: "Problem", Window: 500, Excel: 110, Copy: true, Compare: true, SortAs: "rule", Fill: true,
		Text: func(r *Result, is Issue, mask bool) string { return r.Message(is, mask) },
		Live: func(li *LiveIssue) string { return li.Message }},
	{Key: "suggestion", Heading: "Suggestion", Excel: 28,
		Text: func(r *Result, is Issue, mask bool) string { return r.Suggestion(is, mask) }},
}

// IssueColumn is one column of an issue list.
type IssueColumn struct {
	Key     string // stable name
	Heading string
	// Text writes an issue in the column, personal data masked when mask
	// is set; Live writes an issue found while the check runs (nil: empty).
	Text func(r *Result, is Issue, mask bool) string
	Live func(li *LiveIssue) string
	// Where the column is shown: the window's Issues table (its width in
	// points; 0 not shown), the reports (the Excel width in characters; 0
	// not in the reports), Copy, and the comparison's list of issues.
	Window  float32
	Excel   float64
	Copy    bool
	Compare bool
	// Number: the reports write the text as a number; Technical: a
	// reference for the technical reader, left out of the printable
	// summary; Empty: what the window shows for an empty text; Fill: the
	// window's column that takes the room left.
	Number    bool
	Technical bool
	Empty     string
	Fill      bool
	// Coloured: the window writes the text in the issue's severity colour.
	Coloured bool
	// SortName offers the column in the window's "Sort by" menu; SortAs
	// makes its heading sort by another column's order (by key). Less is
	// the column's order (nil result: file order); nil Less sorts by Text.
	SortName string
	SortAs   string
	Less     func(r *Result) func(a, b Issue) int
}

// IssueColumnsWhere returns the columns that pass keep, in the list's order.
func IssueColumnsWhere(keep func(*IssueColumn) bool) []*IssueColumn {
	var out []*IssueColumn
	for _, c := range IssueColumns {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

// IssueColumnByKey returns the column with this key, or nil.
func IssueColumnByKey(key string) *IssueColumn {
	for _, c := range IssueColumns {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// LiveText writes a live issue in the column.
func (c *IssueColumn) LiveText(li *LiveIssue) string {
	if c.Live == nil {
		return ""
	}
	return c.Live(li)
}

// Sort orders issues (given as indexes into r.Issues) by the column,
// keeping the file's order within equal keys.
func (c *IssueColumn) Sort(r *Result, v []int32) {
	if c.SortAs != "" {
		if o := IssueColumnByKey(c.SortAs); o != nil && o != c {
			o.Sort(r, v)
			return
		}
	}
	if c.Less != nil {
		less := c.Less(r)
		if less == nil {
			return // file order
		}
		slices.SortStableFunc(v, func(a, b int32) int { return less(r.Issues[a], r.Issues[b]) })
		return
	}
	type keyed struct {
		key string
		idx int32
	}
	ks := make([]keyed, len(v))
	for i, idx := range v {
		ks[i] = keyed{c.Text(r, r.Issues[idx], false), idx}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for i := range ks {
		v[i] = ks[i].idx
	}
}

// ruleOrder sorts by rule, the rules in the Summary's order (errors
// first, then by how many issues each has).
func ruleOrder(r *Result) func(a, b Issue) int {
	rank := map[string]int{}
	for i, rc := range r.Summary.Rules {
		rank[rc.Rule] = i
	}
	ruleRank := make([]int, len(r.Spec.Rules.Rules))
	for id, rule := range r.Spec.Rules.Rules {
		ruleRank[id] = rank[rule.ID]
	}
	return func(a, b Issue) int { return ruleRank[a.Rule] - ruleRank[b.Rule] }
}

func rowNumber(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}
