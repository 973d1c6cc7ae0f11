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

// sortColumns are the orders of the "Sort by" menu: the issue columns
// that offer one, the file's order (the row) first; an issueFilter's sort
// indexes them.
var (
	sortColumns = validation.IssueColumnsWhere(func(c *validation.IssueColumn) bool { return c.SortName != "" })
	sortNames   = func() []string {
		var out []string
		for _, c := range sortColumns {
			out = append(out, c.SortName)
		}
		return out
	}()
)

// sortRow is the file's order.
const sortRow = 0

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

// sortIssueView orders a view by one of sortColumns. The engine's order
// (row, then column) is kept within equal keys.
func sortIssueView(res *validation.Result, v []int32, by int) {
	if by > sortRow && by < len(sortColumns) {
		sortColumns[by].Sort(res, v)
	}
}
