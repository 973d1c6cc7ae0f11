// Package compare compares two checked CLD submissions, typically last
// quarter's and this quarter's. Consecutive quarterly files cover rolling
// 12-month periods and so share nine months of events: an event of the old
// file inside the shared months should still be in the new one. The
// comparison lists those that went missing, events whose key details
// changed, and which issues are new, resolved or still present.
package compare

import (
	"cmp"
	"fmt"
	"math"
	"slices"
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
	OldRow   int    // 0 when not in the old file (or file-level)
	NewRow   int    // 0 when not in the new file
	Message  string // from the newer file where present
	// Cells are the issue written in IssueColumns, from the newer file
	// where present.
	Cells []string
}

// IssueColumns are the issue columns the comparison's list of issues
// shows after its own (state, and the row in each file).
var IssueColumns = validation.IssueColumnsWhere(func(c *validation.IssueColumn) bool { return c.Compare })

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

// shared numbers the values of one field across both files, so that
// equal values (after normalising) have equal numbers in either file. 0 is
// the blank value.
type shared struct {
	ids  map[string]int32
	vals []string
}

func newShared() *shared { return &shared{ids: map[string]int32{"": 0}, vals: []string{""}} }

func (s *shared) id(v string) int32 {
	if id, ok := s.ids[v]; ok {
		return id
	}
	id := int32(len(s.vals))
	s.ids[v] = id
	s.vals = append(s.vals, v)
	return id
}

// fieldIDs gives each row's shared number for one field; the work is done
// once per distinct value of the column, not per row.
type fieldIDs struct {
	col *validation.Column // nil when the file has no such column
	ids []int32            // column value id → shared number
}

func (f fieldIDs) at(r int) int32 {
	if f.col == nil {
		return 0
	}
	return f.ids[f.col.ID(r)]
}

// noDate marks a value that is not a real date.
const noDate = math.MinInt32

// dayIDs gives each row's date as a day number (noDate when it is not one).
type dayIDs struct {
	col  *validation.Column
	days []int32
}

func (d dayIDs) at(r int) (int32, bool) {
	if d.col == nil {
		return 0, false
	}
	v := d.days[d.col.ID(r)]
	return v, v != noDate
}

// key identifies an event (or a linking row) across the two files in
// shared numbers: kind 1 is the LA's Event Reference, 2 DHSC's key, 3 a
// linking row.
type key [6]int32

const (
	kindRef = iota + 1
	kindDHSC
	kindLink
)

func cmpKey(a, b key) int {
	for i := range a {
		if c := cmp.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

// entry is one row under one key; a file's entries are sorted by key, then row.
type entry struct {
	k key
	r int32
}

// file is one side of the comparison.
type file struct {
	res      *validation.Result
	mask     bool
	col      map[string]int // field key → file column (-1 missing)
	keyed    []fieldIDs     // keyFields in order
	etype    fieldIDs       // Event Type
	start    dayIDs         // Event Start Date
	end      dayIDs         // Event End Date
	refs     []entry        // rows with an Event Reference and a person
	keys     []entry        // every row by DHSC's key, or linking rows by their links
	matched  []int32        // row → matched row in the other file, -1
	eventIDs []int32        // row → event number shared with the other file
	etypeSh  *shared        // the shared numbering of Event Type
	r2       *validation.Spec
}

// numbering is the shared numbering of both files' values, per field, and
// of people (LA Person Unique Identifier, else NHS Number).
type numbering struct {
	fields map[string]*shared
	person *shared
}

func (nb *numbering) of(key string) *shared {
	s := nb.fields[key]
	if s == nil {
		s = newShared()
		nb.fields[key] = s
	}
	return s
}

func newFile(res *validation.Result, mask bool, nb *numbering) *file {
	f := &file{res: res, mask: mask, col: map[string]int{}}
	f.r2, _ = validation.LoadSpec(validation.R2)
	for _, fl := range res.Spec.Fields {
		f.col[fl.Key] = res.FieldColumn(fl)
	}
	for _, k := range keyFields {
		f.keyed = append(f.keyed, f.fieldIDs(k, nb.of(k), f.normalise(k)))
	}
	f.etype = f.keyedField("Event_Type")
	f.etypeSh = nb.of("Event_Type")
	f.start, f.end = f.dayIDs("Event_Start_Date"), f.dayIDs("Event_End_Date")
	trim := strings.TrimSpace
	ref := f.fieldIDs("Event_Reference", nb.of("Event_Reference"), trim)
	la := f.fieldIDs("LA_Person_Unique_Identifier", nb.person, func(v string) string {
		if v = trim(v); v != "" {
			return "la:" + v
		}
		return ""
	})
	nhs := f.fieldIDs("NHS_Number", nb.person, func(v string) string {
		if v = trim(v); v != "" {
			return "nhs:" + strings.ReplaceAll(v, " ", "")
		}
		return ""
	})
	var links [3]fieldIDs
	for i := range links {
		k := fmt.Sprintf("Adult_%d_Linked_Person_ID", i+1)
		links[i] = f.fieldIDs(k, nb.of(k), trim)
	}
	route, atype := f.keyedField("Request_Route_of_Access"), f.keyedField("Assessment_Type")
	stype, comp := f.keyedField("Service_Type"), f.keyedField("Service_Component")
	startNorm := f.keyedField("Event_Start_Date")

	n := res.Table.Len()
	f.matched = make([]int32, n)
	f.eventIDs = make([]int32, n)
	f.keys = make([]entry, 0, n)
	f.refs = make([]entry, 0, n)
	for r := 0; r < n; r++ {
		f.matched[r] = -1
		p := la.at(r)
		if p == 0 {
			p = nhs.at(r)
		}
		et := f.etype.at(r)
		if et == 0 {
			// Linking-only rows (carers known by association) are not events,
			// but they are matched too, so their issues can be followed.
			f.keys = append(f.keys, entry{key{kindLink, p, links[0].at(r), links[1].at(r), links[2].at(r)}, int32(r)})
			continue
		}
		if rf := ref.at(r); rf != 0 && p != 0 {
			f.refs = append(f.refs, entry{key{kindRef, p, rf}, int32(r)})
		}
		k := key{kindDHSC, p, et, startNorm.at(r)}
		switch f.etypeName(r) {
		case "request":
			k[4] = route.at(r)
		case "assessment":
			k[4] = atype.at(r)
		case "service":
			k[4], k[5] = stype.at(r), comp.at(r)
		}
		f.keys = append(f.keys, entry{k, int32(r)})
	}
	byKey := func(a, b entry) int {
		if c := cmpKey(a.k, b.k); c != 0 {
			return c
		}
		return cmp.Compare(a.r, b.r)
	}
	slices.SortFunc(f.refs, byKey)
	slices.SortFunc(f.keys, byKey)
	return f
}

// normalise is how a key field's values are compared across files: dates
// as dd/mm/yyyy, list values in Release 2 spelling with case and
// punctuation folded.
func (f *file) normalise(key string) func(string) string {
	return func(v string) string {
		v = strings.TrimSpace(v)
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
		return v
	}
}

// fieldIDs numbers a field's values in the shared numbering.
func (f *file) fieldIDs(key string, sh *shared, norm func(string) string) fieldIDs {
	c, ok := f.col[key]
	if !ok || c < 0 {
		return fieldIDs{}
	}
	col := f.res.Table.Cols[c]
	ids := make([]int32, col.Distinct())
	if len(sh.vals) == 1 && len(ids) > 1024 { // first use: size the map once
		sh.ids = make(map[string]int32, len(ids))
		sh.ids[""] = 0
	}
	canon := col.Canonical()
	for id := range ids {
		if canon != nil && canon[id] != uint32(id) {
			ids[id] = ids[canon[id]] // the same value, seen before
			continue
		}
		ids[id] = sh.id(norm(col.Value(uint32(id))))
	}
	return fieldIDs{col, ids}
}

func (f *file) keyedField(key string) fieldIDs { return f.keyed[slices.Index(keyFields, key)] }

func (f *file) dayIDs(key string) dayIDs {
	c, ok := f.col[key]
	if !ok || c < 0 {
		return dayIDs{}
	}
	col := f.res.Table.Cols[c]
	days := make([]int32, col.Distinct())
	for id := range days {
		days[id] = noDate
		if d, _, ok, real := validation.ParseDate(strings.TrimSpace(col.Value(uint32(id)))); ok && real {
			days[id] = d
		}
	}
	return dayIDs{col, days}
}

// etypeName is the row's Event Type normalised ("request", "service", …;
// "" for a linking row).
func (f *file) etypeName(r int) string {
	if f.etype.col == nil {
		return ""
	}
	return f.etypeSh.vals[f.etype.at(r)]
}

func (f *file) get(r int, key string) string {
	c, ok := f.col[key]
	if !ok || c < 0 {
		return ""
	}
	return strings.TrimSpace(f.res.CellText(r, c, f.mask))
}

func (f *file) event(r int) Event {
	person := f.get(r, "LA_Person_Unique_Identifier")
	if person == "" {
		person = f.res.PersonID(r, f.mask)
	}
	e := Event{Row: int(f.res.Table.RowNum[r]), Person: person, EventType: f.get(r, "Event_Type"),
		Start: f.get(r, "Event_Start_Date"), End: f.get(r, "Event_End_Date"), Reference: f.get(r, "Event_Reference")}
	switch f.etypeName(r) {
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

// period is the file's usual reporting period.
func (f *file) period() (int32, int32, bool) {
	ps, pe := f.dayIDs("Reporting_Period_Start_Date"), f.dayIDs("Reporting_Period_End_Date")
	counts := map[[2]int32]int{}
	for r := 0; r < f.res.Table.Len(); r++ {
		s, ok1 := ps.at(r)
		e, ok2 := pe.at(r)
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
	start, okS := f.start.at(r)
	end, okE := f.end.at(r)
	if f.etypeName(r) == "service" {
		return okS && start <= to && (!okE || end >= from)
	}
	return okE && end >= from && end <= to
}

// Compare compares an older and a newer checked file. Personal data in the
// output is masked when mask is true.
func Compare(older, newer *validation.Result, mask bool) *Comparison {
	nb := &numbering{fields: map[string]*shared{}, person: newShared()}
	o, n := newFile(older, mask, nb), newFile(newer, mask, nb)
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
			if o.etype.at(r) == 0 || !o.inWindow(r, from, to) {
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
		if o.etype.at(r) == 0 {
			continue
		}
		c.Counts.OldEvents++
		if m := int(o.matched[r]); m >= 0 {
			c.Counts.Matched++
			if ch := changes(o, r, n, m); len(ch) > 0 {
				c.Changed = append(c.Changed, Change{Old: o.event(r), New: n.event(m), Fields: ch})
			}
		}
	}
	for r := 0; r < newer.Table.Len(); r++ {
		if n.etype.at(r) == 0 {
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

// match pairs events: first by the LA's Event Reference, then by DHSC's key
// (or a linking row's links). Within a key, rows pair in file order.
func match(o, n *file) {
	pair := func(a, b int32) {
		o.matched[a], n.matched[b] = b, a
	}
	groups(o.refs, n.refs, func(og, ng []entry) {
		for i := 0; i < len(og) && i < len(ng); i++ {
			pair(og[i].r, ng[i].r)
		}
	})
	groups(o.keys, n.keys, func(og, ng []entry) {
		j := 0
		for _, e := range og {
			if o.matched[e.r] >= 0 {
				continue
			}
			for j < len(ng) && n.matched[ng[j].r] >= 0 {
				j++
			}
			if j == len(ng) {
				return
			}
			pair(e.r, ng[j].r)
			j++
		}
	})
	// Event numbers: an old row's number, shared with its match; new
	// rows without a match numbered after all the old ones.
	for r := range o.matched {
		o.eventIDs[r] = int32(r + 1)
		if m := o.matched[r]; m >= 0 {
			n.eventIDs[m] = int32(r + 1)
		}
	}
	for r := range n.matched {
		if n.matched[r] < 0 {
			n.eventIDs[r] = int32(len(o.matched) + r + 1)
		}
	}
}

// groups walks two key-sorted entry lists and calls f for each key present
// in both, with that key's entries from each.
func groups(a, b []entry, f func(ag, bg []entry)) {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := cmpKey(a[i].k, b[j].k); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			i2, j2 := i+1, j+1
			for i2 < len(a) && a[i2].k == a[i].k {
				i2++
			}
			for j2 < len(b) && b[j2].k == b[j].k {
				j2++
			}
			f(a[i:i2], b[j:j2])
			i, j = i2, j2
		}
	}
}

func changes(o *file, r int, n *file, m int) []FieldChange {
	var out []FieldChange
	for i, k := range keyFields {
		if o.keyed[i].at(r) != n.keyed[i].at(m) {
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
type issueID struct {
	event     int32 // 0 for the file
	rule, col string
}

func issueKey(f *file, is validation.Issue) issueID {
	k := issueID{rule: f.res.Rule(is).ID, col: f.res.ColumnName(is)}
	if is.Row >= 0 {
		k.event = f.eventIDs[is.Row]
	}
	return k
}

func issueDeltas(o, n *file, mask bool) []IssueDelta {
	oldKeys := map[issueID]validation.Issue{}
	for _, is := range o.res.Issues {
		if is.Sev != validation.Info {
			oldKeys[issueKey(o, is)] = is
		}
	}
	seen := map[issueID]bool{}
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
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Column < b.Column
	})
	return out
}

func delta(f *file, is validation.Issue, mask bool) IssueDelta {
	d := IssueDelta{Severity: is.Sev, Rule: f.res.Rule(is).ID, Column: f.res.ColumnName(is), Message: f.res.Message(is, mask)}
	d.Cells = make([]string, len(IssueColumns))
	for i, c := range IssueColumns {
		d.Cells[i] = c.Text(f.res, is, mask)
	}
	return d
}
