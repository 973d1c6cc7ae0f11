package ui

import (
	"slices"
	"strconv"
	"strings"

	"cldvalidator/validation"
)

// Filtering and sorting the issue list. A file can have a million issues,
// so views are []int32 indexes into Result.Issues (4 MB for a million),
// computed off the UI goroutine and swapped in with one callback.

// issueFilter is what the filter bar asks for.
type issueFilter struct {
	sev    int               // -1 any, else a validation.Severity
	rule   validation.RuleID // 0 any
	column string            // "" any; fileColumn for issues about no column
	event  string            // "" any; a normalised event type, or otherEvent
	search string            // person ID or row number
	sort   int
	desc   bool // the sort reversed (a column heading clicked twice)
}

const (
	fileColumn = "(whole file or row)"
	otherEvent = "(blank or not recognised)"
)

// Sort orders offered.
const (
	sortRow = iota
	sortSeverity
	sortRule
	sortColumn
	sortPerson
	sortEvent
	sortValue
)

var sortNames = []string{"Row (file order)", "Severity", "Rule", "Column", "Person ID", "Event type", "Value"}

// filterIssues returns the indexes of the issues that pass f, in f's order.
// stop is polled so a superseded filter can give up early.
func filterIssues(res *validation.Result, f issueFilter, knownEvents map[string]bool, stop func() bool) []int32 {
	issues := res.Issues
	search := strings.ToLower(strings.TrimSpace(f.search))
	searchRow := -1
	if n, err := strconv.Atoi(strings.ReplaceAll(search, ",", "")); err == nil && n > 0 {
		searchRow = n
	}
	lastRow := int32(-2)
	var lastEvent, lastPerson string
	out := make([]int32, 0, min(len(issues), 1<<16))
	for i, is := range issues {
		if i&0xffff == 0 && stop() {
			return nil
		}
		if f.sev >= 0 && int(is.Sev) != f.sev {
			continue
		}
		if f.rule != 0 && is.Rule != f.rule {
			continue
		}
		if f.column != "" {
			c := res.ColumnName(is)
			if c == "" {
				c = fileColumn
			}
			if c != f.column {
				continue
			}
		}
		if is.Row != lastRow && (f.event != "" || search != "") {
			lastRow = is.Row
			lastEvent = validation.NormalizeValue(res.EventType(int(is.Row)))
			lastPerson = strings.ToLower(res.PersonID(int(is.Row), false))
		}
		if f.event != "" {
			if is.Row < 0 {
				continue
			}
			if f.event == otherEvent {
				if knownEvents[lastEvent] {
					continue
				}
			} else if lastEvent != f.event {
				continue
			}
		}
		if search != "" {
			if !(searchRow > 0 && res.RowNumber(is) == searchRow) && !strings.Contains(lastPerson, search) {
				continue
			}
		}
		out = append(out, int32(i))
	}
	if stop() {
		return nil
	}
	sortIssueView(res, out, f.sort)
	if f.desc {
		slices.Reverse(out)
	}
	return out
}

// sortIssueView orders a view. The engine's order (row, then column) is
// kept within equal keys.
func sortIssueView(res *validation.Result, v []int32, by int) {
	issues := res.Issues
	switch by {
	case sortSeverity:
		slices.SortStableFunc(v, func(a, b int32) int { return int(issues[b].Sev) - int(issues[a].Sev) })
	case sortRule:
		rank := map[string]int{}
		for i, rc := range res.Summary.Rules {
			rank[rc.Rule] = i
		}
		ruleRank := make([]int, len(res.Spec.Rules.Rules))
		for id, r := range res.Spec.Rules.Rules {
			ruleRank[id] = rank[r.ID]
		}
		slices.SortStableFunc(v, func(a, b int32) int { return ruleRank[issues[a].Rule] - ruleRank[issues[b].Rule] })
	case sortColumn, sortPerson, sortEvent, sortValue:
		type keyed struct {
			key string
			idx int32
		}
		ks := make([]keyed, len(v))
		for i, idx := range v {
			is := issues[idx]
			switch by {
			case sortColumn:
				ks[i] = keyed{res.ColumnName(is), idx}
			case sortPerson:
				ks[i] = keyed{res.PersonID(int(is.Row), false), idx}
			case sortEvent:
				ks[i] = keyed{res.EventType(int(is.Row)), idx}
			case sortValue:
				ks[i] = keyed{res.Value(is, false), idx}
			}
		}
		slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
		for i := range ks {
			v[i] = ks[i].idx
		}
	}
}
