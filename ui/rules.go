package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

// The Rules tab is the rule catalogue in plain English: every rule with
// its severity, what it checks, why it matters and where it comes from,
// then every field of the template and when it must be filled in. Users
// trust a check more when they can read exactly what it is. A virtual list
// on the left (quick to lay out at any window size), the full text of the
// selected entry on the right.

type rulesTab struct {
	w       *Window
	spec    *validation.Spec
	release *selectBox
	search  *entry
	entries []ruleEntry
	list    *listBox
	title   *widget.Label
	body    *widget.Label
	tech    *detailsBox // the rule's id and references, folded away
	content fyne.CanvasObject
}

// ruleEntry is one line of the list: a rule, a field, or a heading.
type ruleEntry struct {
	kind    string // "error", "warning", "info", "field", "heading"
	title   string
	summary string
	body    string
	tech    string // technical details, shown when unfolded
}

func newRulesTab(w *Window) *rulesTab {
	t := &rulesTab{w: w}
	t.release = newSelect([]string{"Release 1", "Release 2"}, func(s string) {
		rel := validation.R1
		if s == "Release 2" {
			rel = validation.R2
		}
		if t.spec != nil && t.spec.Release == rel {
			return
		}
		if spec, err := validation.LoadSpec(rel); err == nil {
			t.spec = spec
			t.build()
		}
	})
	t.search = newEntry()
	t.search.SetPlaceHolder("Find a rule or field")
	t.search.OnChanged = func(string) { t.build() }
	t.list = newList(func() int { return len(t.entries) }, newRuleEntryItem, t.updateEntry)
	t.list.OnSelected = t.selectEntry
	t.title = boldLabel("Select a rule or field to read it in full.")
	t.title.Wrapping = fyne.TextWrapWord
	t.body = wrappedLabel("")
	top := border(nil, nil, container.NewHBox(widget.NewLabel("Rules for"), fixedWidth(t.release, 140)), nil, t.search)
	t.tech = newDetailsBox("Technical details")
	split := container.NewHSplit(t.list, container.NewVScroll(container.NewVBox(t.title, t.body, t.tech.content)))
	split.Offset = 0.55
	t.content = border(top, nil, nil, nil, split)
	t.release.SetSelected("Release 1")
	return t
}

func newRuleEntryItem() fyne.CanvasObject {
	kind := widget.NewLabel("Warning")
	title := widget.NewLabel("")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	sum := widget.NewLabel("")
	sum.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, fixedWidth(kind, 84), nil, container.NewVBox(title, sum))
}

func (t *rulesTab) updateEntry(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.entries) {
		return
	}
	e := t.entries[id]
	b := o.(*fyne.Container)
	kind := b.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	texts := b.Objects[0].(*fyne.Container)
	switch e.kind {
	case "field":
		kind.Importance = widget.MediumImportance
		kind.SetText("Field")
	case "heading":
		kind.Importance = widget.MediumImportance
		kind.SetText("")
	default:
		setSeverityLabel(kind, e.kind)
	}
	texts.Objects[0].(*widget.Label).SetText(e.title)
	texts.Objects[1].(*widget.Label).SetText(e.summary)
}

func (t *rulesTab) selectEntry(id widget.ListItemID) {
	if id >= len(t.entries) {
		return
	}
	e := t.entries[id]
	t.title.SetText(e.title)
	t.body.SetText(e.body)
	t.tech.SetText(e.tech)
}

// setSpec shows the rules a result was checked with (a spec pack may have
// changed them).
func (t *rulesTab) setSpec(s *validation.Spec) {
	t.spec = s
	name := "Release 1"
	if s.Release == validation.R2 {
		name = "Release 2"
	}
	if t.release.Selected != name {
		t.release.Selected = name
		t.release.Refresh()
	}
	t.build()
}

func (t *rulesTab) build() {
	if t.spec == nil {
		return
	}
	q := strings.ToLower(strings.TrimSpace(t.search.Text))
	match := func(ss ...string) bool {
		if q == "" {
			return true
		}
		for _, s := range ss {
			if strings.Contains(strings.ToLower(s), q) {
				return true
			}
		}
		return false
	}
	var es []ruleEntry
	es = append(es, ruleEntry{kind: "heading", title: "Rules — " + t.spec.Title,
		summary: "Errors stop a submission; warnings are things to check; notes are for information.",
		tech:    "Rule set " + t.spec.Version,
		body: t.spec.Title + ".\n\nErrors must be fixed before the file is submitted: NHS England or DHSC will reject the value or count it as Failed. " +
			"Warnings are things to check: some rows will be left out of the national figures or changed centrally, others are sense checks with no known central effect. Notes tell you how the file was read.\n\n" +
			"Each rule says what happens to the row centrally, and where the rule comes from, so you can check it against NHS England's and DHSC's guidance."})
	for _, r := range t.spec.Rules.All() {
		if !match(r.ID, r.Title, r.Explain, r.Ref(), r.Central.Label(), r.CentralSays) {
			continue
		}
		sev, _ := severityText(r.Severity)
		central := "What happens centrally: " + r.Central.Label() + "."
		if r.CentralSays != "" {
			central += " " + r.CentralSays
		}
		es = append(es, ruleEntry{kind: r.Severity.String(), title: r.Title, summary: r.Explain,
			body: sev + ". " + r.Explain + "\n\n" + central + "\n\n" + r.EvidenceLabel() + ".",
			tech: technicalDetails(r)})
	}
	es = append(es, ruleEntry{kind: "heading", title: "Fields and when they must be filled in",
		summary: "Every column of the template, in order.",
		body:    "Every column of the " + t.spec.Title + " template, in template order, with when it must be filled in."})
	for _, f := range t.spec.Fields {
		desc := validation.DescribeMandatory(f)
		if !match(f.Name, f.Key, desc, f.Hint) {
			continue
		}
		body := desc
		if f.Format != "" {
			body += "\n\nFormat: " + f.Format
		}
		if len(f.Values) > 0 {
			vals := make([]string, 0, len(f.Values))
			for _, v := range f.Values {
				vals = append(vals, v.Value)
			}
			body += "\n\nAllowed values:\n•  " + strings.Join(vals, "\n•  ")
		}
		if f.Hint != "" {
			body += "\n\n" + f.Hint
		}
		if f.Personal {
			body += "\n\nPersonal data: masked in reports unless you choose to include it."
		}
		es = append(es, ruleEntry{kind: "field", title: f.Name, summary: desc, body: body})
	}
	t.entries = es
	t.list.UnselectAll()
	t.list.Refresh()
	t.title.SetText("Select a rule or field to read it in full.")
	t.body.SetText("")
	t.tech.SetText("")
	if len(es) > 0 && q == "" {
		t.list.Select(0)
	}
}

func scopeText(scope string) string {
	switch scope {
	case "file":
		return "the whole file"
	case "row":
		return "each row"
	case "field":
		return "each value"
	case "record":
		return "rows compared with each other"
	}
	return scope
}
