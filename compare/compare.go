// Package compare compares two checked CLD submissions, typically last
// quarter's and this quarter's. Consecutive quarterly files cover rolling
// 12-month periods and so share nine months of events: an event of the old
// file inside the shared months should still be in the new one. The
// comparison lists those that went missing, events whose key details
// changed, and which issues are new, resolved or still present.
package compare

import (
	"fmt"
	"sort"
	"strings"

	"cldvalidator/validation"
)

// Event is one event row as the comparison shows it.
type Event struct {
	Row       int    // spreadsheet row in its file
	Person    string // LA Person Unique Identifier, or masked NHS Number
	EventType string
	Start     string
	End       string
	Reference string
	Detail    string // route, assessment type, or service type and component
}

// FieldChange is one key field that differs between the two files.
type FieldChange struct {
	Field    string
	Old, New string
}

// Change is an event found in both files whose key details differ.
type Change struct {
	Old, New Event
	Fields   []FieldChange
}

// IssueState says whether an issue is new, resolved or still present.
type IssueState int

const (
	IssueNew IssueState = iota
	IssueResolved
	IssueStill
)

func (s IssueState) String() string {
	return [...]string{"New", "Resolved", "Still present"}[s]
}

// IssueDelta is one issue of either file with its state.
type IssueDelta struct {
	State    IssueState
	Severity validation.Severity
	Rule     string
	Column   string
	Person   string
	Event    string
	OldRow   int // 0 when not in the old file (or file-level)
	NewRow   int
	Message  string // from the newer file where present
}

// Counts summarises a comparison.
type Counts struct {
	OldEvents, NewEvents  int
	InOverlap             int // old events inside the shared months
	Matched               int
	Missing               int
	Added                 int // new events not in the old file
	Changed               int
	IssuesNew, IssuesGone int
	IssuesStill           int
	ErrorsOld, ErrorsNew  int
}

// Comparison is the result of comparing two submissions.
type Comparison struct {
	OldName, NewName string
	Overlap          string // "01/10/2024 to 31/03/2025", or "" when the periods do not overlap
	Missing          []Event
	Changed          []Change
	Issues           []IssueDelta
	Counts           Counts
	Notes            []string
}

// keyFields are the fields compared on matched events (DHSC's key fields
// plus outcome and end date).
var keyFields = []string{"Event_Type", "Event_Start_Date", "Event_End_Date", "Client_Type", "Request_Route_of_Access",
	"Assessment_Type", "Service_Type", "Service_Component", "Delivery_Mechanism", "Review_Reason", "Event_Outcome"}

// file is one side of the comparison, with rows indexed by event identity.
type file struct {
	res      *validation.Result
	mask     bool
	col      map[string]int // field key → file column (-1 missing)
	byRef    map[string][]int
	byKey    map[string][]int
	matched  []int // row → matched row in the other file, -1
	eventIDs []string
	cache    map[string][]*string
	r2       *validation.Spec
}

func newFile(res *validation.Result, mask bool) *file {
	f := &file{res: res, mask: mask, col: map[string]int{}, byRef: map[string][]int{}, byKey: map[string][]int{},
		cache: map[string][]*string{}}
	f.r2, _ = validation.LoadSpec(validation.R2)
	for _, fl := range res.Spec.Fields {
		f.col[fl.Key] = res.FieldColumn(fl)
	}
	n := res.Table.Len()
	f.matched = make([]int, n)
	f.eventIDs = make([]string, n)
	for r := 0; r < n; r++ {
		f.matched[r] = -1
		if f.eventType(r) == "" {
			// Linking-only rows (carers known by association) are not events,
			// but they are matched too, so their issues can be followed.
			f.byKey[f.linkKey(r)] = append(f.byKey[f.linkKey(r)], r)
			continue
		}
		if ref := f.refKey(r); ref != "" {
			f.byRef[ref] = append(f.byRef[ref], r)
		}
		f.byKey[f.dhscKey(r)] = append(f.byKey[f.dhscKey(r)], r)
	}
	return f
}

func (f *file) get(r int, key string) string {
	c, ok := f.col[key]
	if !ok || c < 0 {
		return ""
	}
	return strings.TrimSpace(f.res.Table.Value(r, c))
}

// norm is a field's value in a form comparable across files: dates as
// dd/mm/yyyy, list values in Release 2 spelling with case and punctuation
// folded. It is worked out once per distinct value.
func (f *file) norm(r int, key string) string {
	c, ok := f.col[key]
	if !ok || c < 0 {
		return ""
	}
	col := f.res.Table.Cols[c]
	cache := f.cache[key]
	if cache == nil {
		cache = make([]*string, col.Distinct())
		f.cache[key] = cache
	}
	id := col.ID(r)
	if p := cache[id]; p != nil {
		return *p
	}
	v := strings.TrimSpace(col.Value(id))
	switch {
	case key == "Event_Start_Date" || key == "Event_End_Date":
		if d, _, ok, real := validation.ParseDate(v); ok && real {
			v = validation.FormatDays(d)
		}
	default:
		if f.res.Spec.Release == validation.R1 && f.r2 != nil {
			v = f.r2.ToR2(key, v)
		}
		v = validation.NormalizeValue(v)
	}
	cache[id] = &v
	return v
}

func (f *file) person(r int) string {
	if id := f.get(r, "LA_Person_Unique_Identifier"); id != "" {
		return "la:" + id
	}
	if nhs := f.get(r, "NHS_Number"); nhs != "" {
		return "nhs:" + strings.ReplaceAll(nhs, " ", "")
	}
	return ""
}

func (f *file) eventType(r int) string { return f.norm(r, "Event_Type") }

// refKey identifies an event by the LA's own reference (stable across
// quarters where the LA supplies it).
func (f *file) refKey(r int) string {
	ref := f.get(r, "Event_Reference")
	p := f.person(r)
	if ref == "" || p == "" {
		return ""
	}
	return p + "|" + ref
}

// dhscKey identifies an event as DHSC's deduplication does: person, type,
// start date and the type's own key field.
func (f *file) dhscKey(r int) string {
	parts := []string{f.person(r), f.eventType(r), f.norm(r, "Event_Start_Date")}
	switch f.eventType(r) {
	case "request":
		parts = append(parts, f.norm(r, "Request_Route_of_Access"))
	case "assessment":
		parts = append(parts, f.norm(r, "Assessment_Type"))
	case "service":
		parts = append(parts, f.norm(r, "Service_Type"), f.norm(r, "Service_Component"))
	}
	return strings.Join(parts, "|")
}

// linkKey identifies a row without an event: the person and whom they
// are linked to.
func (f *file) linkKey(r int) string {
	return strings.Join([]string{"link", f.person(r), f.get(r, "Adult_1_Linked_Person_ID"),
		f.get(r, "Adult_2_Linked_Person_ID"), f.get(r, "Adult_3_Linked_Person_ID")}, "|")
}

func (f *file) event(r int) Event {
	person := f.get(r, "LA_Person_Unique_Identifier")
	if person == "" {
		person = f.res.PersonID(r, f.mask)
	}
	e := Event{Row: int(f.res.Table.RowNum[r]), Person: person, EventType: f.get(r, "Event_Type"),
		Start: f.get(r, "Event_Start_Date"), End: f.get(r, "Event_End_Date"), Reference: f.get(r, "Event_Reference")}
	switch f.eventType(r) {
	case "request":
		e.Detail = f.get(r, "Request_Route_of_Access")
	case "assessment":
		e.Detail = f.get(r, "Assessment_Type")
	case "service":
		e.Detail = strings.Trim(f.get(r, "Service_Type")+" / "+f.get(r, "Service_Component"), " /")
	case "review":
		e.Detail = f.get(r, "Review_Reason")
	}
	return e
}

func (f *file) date(r int, key string) (int32, bool) {
	d, _, ok, real := validation.ParseDate(f.get(r, key))
	return d, ok && real
}

// period is the file's usual reporting period.
func (f *file) period() (int32, int32, bool) {
	counts := map[[2]int32]int{}
	for r := 0; r < f.res.Table.Len(); r++ {
		s, ok1 := f.date(r, "Reporting_Period_Start_Date")
		e, ok2 := f.date(r, "Reporting_Period_End_Date")
		if ok1 && ok2 && s <= e {
			counts[[2]int32{s, e}]++
		}
	}
	best, n := [2]int32{}, 0
	for k, c := range counts {
		if c > n || (c == n && (k[0] < best[0])) {
			best, n = k, c
		}
	}
	return best[0], best[1], n > 0
}

// inWindow reports whether an event belongs to the months [from, to]:
// completed events by their end date, services if active at any time.
func (f *file) inWindow(r int, from, to int32) bool {
	start, okS := f.date(r, "Event_Start_Date")
	end, okE := f.date(r, "Event_End_Date")
	if f.eventType(r) == "service" {
		return okS && start <= to && (!okE || end >= from)
	}
	return okE && end >= from && end <= to
}

// Compare compares an older and a newer checked file. Personal data in the
// output is masked when mask is true.
func Compare(older, newer *validation.Result, mask bool) *Comparison {
	o, n := newFile(older, mask), newFile(newer, mask)
	c := &Comparison{OldName: older.Info.Name, NewName: newer.Info.Name}
	if older.Spec.Release != newer.Spec.Release {
		c.Notes = append(c.Notes, fmt.Sprintf("The old file was checked against Release %s and the new one against Release %s; list values were compared in Release 2 spelling.",
			strings.TrimPrefix(string(older.Spec.Release), "R"), strings.TrimPrefix(string(newer.Spec.Release), "R")))
	}
	match(o, n)

	oStart, oEnd, ok1 := o.period()
	nStart, nEnd, ok2 := n.period()
	from, to := max(oStart, nStart), min(oEnd, nEnd)
	if ok1 && ok2 && from <= to {
		c.Overlap = validation.FormatDays(from) + " to " + validation.FormatDays(to)
		for r := 0; r < older.Table.Len(); r++ {
			if o.eventType(r) == "" || !o.inWindow(r, from, to) {
				continue
			}
			c.Counts.InOverlap++
			if o.matched[r] < 0 {
				c.Missing = append(c.Missing, o.event(r))
			}
		}
	} else {
		c.Notes = append(c.Notes, "The two files' reporting periods do not overlap, so no events are expected in both; only issues are compared.")
	}
	for r := 0; r < older.Table.Len(); r++ {
		if o.eventType(r) != "" {
			c.Counts.OldEvents++
		}
		if m := o.matched[r]; m >= 0 && o.eventType(r) != "" {
			c.Counts.Matched++
			if ch := changes(o, r, n, m); len(ch) > 0 {
				c.Changed = append(c.Changed, Change{Old: o.event(r), New: n.event(m), Fields: ch})
			}
		}
	}
	for r := 0; r < newer.Table.Len(); r++ {
		if n.eventType(r) == "" {
			continue
		}
		c.Counts.NewEvents++
		if n.matched[r] < 0 { // (linking rows are counted neither way)
			c.Counts.Added++
		}
	}
	c.Counts.Missing = len(c.Missing)
	c.Counts.Changed = len(c.Changed)
	c.Issues = issueDeltas(o, n, mask)
	for _, d := range c.Issues {
		switch d.State {
		case IssueNew:
			c.Counts.IssuesNew++
		case IssueResolved:
			c.Counts.IssuesGone++
		default:
			c.Counts.IssuesStill++
		}
	}
	c.Counts.ErrorsOld, c.Counts.ErrorsNew = older.Summary.Errors, newer.Summary.Errors
	return c
}

// match pairs events: first by the LA's Event Reference, then by DHSC's key.
func match(o, n *file) {
	pair := func(a, b int) {
		o.matched[a], n.matched[b] = b, a
	}
	for key, rows := range o.byRef {
		nrows := n.byRef[key]
		for i := 0; i < len(rows) && i < len(nrows); i++ {
			pair(rows[i], nrows[i])
		}
	}
	for key, rows := range o.byKey {
		var free []int
		for _, r := range n.byKey[key] {
			if n.matched[r] < 0 {
				free = append(free, r)
			}
		}
		for _, r := range rows {
			if o.matched[r] >= 0 || len(free) == 0 {
				continue
			}
			pair(r, free[0])
			free = free[1:]
		}
	}
	id := 0
	for r := range o.matched {
		id++
		o.eventIDs[r] = fmt.Sprint("e", id)
		if m := o.matched[r]; m >= 0 {
			n.eventIDs[m] = o.eventIDs[r]
		}
	}
	for r := range n.matched {
		if n.eventIDs[r] == "" {
			id++
			n.eventIDs[r] = fmt.Sprint("e", id)
		}
	}
}

func changes(o *file, r int, n *file, m int) []FieldChange {
	var out []FieldChange
	for _, k := range keyFields {
		if o.norm(r, k) != n.norm(m, k) {
			name := k
			if f := n.res.Spec.Field(k); f != nil {
				name = f.Name
			}
			out = append(out, FieldChange{Field: name, Old: o.get(r, k), New: n.get(m, k)})
		}
	}
	return out
}

// issueKey identifies an issue across files: the same rule on the same
// column of the same (matched) event, or of the file.
func issueKey(f *file, is validation.Issue) string {
	rule := f.res.Rule(is).ID
	col := f.res.ColumnName(is)
	if is.Row < 0 {
		return "file|" + rule + "|" + col
	}
	return f.eventIDs[is.Row] + "|" + rule + "|" + col
}

func issueDeltas(o, n *file, mask bool) []IssueDelta {
	oldKeys := map[string]validation.Issue{}
	for _, is := range o.res.Issues {
		if is.Sev != validation.Info {
			oldKeys[issueKey(o, is)] = is
		}
	}
	seen := map[string]bool{}
	var out []IssueDelta
	for _, is := range n.res.Issues {
		if is.Sev == validation.Info {
			continue
		}
		k := issueKey(n, is)
		if seen[k] {
			continue
		}
		seen[k] = true
		d := delta(n, is, mask)
		d.NewRow = n.res.RowNumber(is)
		if oi, ok := oldKeys[k]; ok {
			d.State = IssueStill
			d.OldRow = o.res.RowNumber(oi)
		} else {
			d.State = IssueNew
		}
		out = append(out, d)
	}
	for k, is := range oldKeys {
		if seen[k] {
			continue
		}
		d := delta(o, is, mask)
		d.State = IssueResolved
		d.OldRow = o.res.RowNumber(is)
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.State != b.State {
			return a.State < b.State
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		ra, rb := max(a.NewRow, a.OldRow), max(b.NewRow, b.OldRow)
		if ra != rb {
			return ra < rb
		}
		return a.Rule < b.Rule
	})
	return out
}

func delta(f *file, is validation.Issue, mask bool) IssueDelta {
	d := IssueDelta{Severity: is.Sev, Rule: f.res.Rule(is).ID, Column: f.res.ColumnName(is), Message: f.res.Message(is, mask)}
	if is.Row >= 0 {
		d.Person = f.res.PersonID(int(is.Row), mask)
		d.Event = f.res.EventType(int(is.Row))
	}
	return d
}
