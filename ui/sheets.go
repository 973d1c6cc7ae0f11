package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

// Worksheets and the verdict's warnings. A workbook with several sheets
// under the template's header is read from the sheet a person would mean
// (the reader says which and why); the Summary tab then offers Worksheet…
// to check another, and shows beside the verdict any warning that may make
// it wrong (another sheet also holds rows, the file changed while it was
// read).

// newSheetButton is the Summary tab's Worksheet… button, hidden until a
// workbook with several matching sheets has been checked.
func newSheetButton(w *Window) *button {
	b := newButtonWithIcon("Worksheet…", theme.ListIcon(), w.showSheetChooser)
	b.Hide()
	return b
}

// showCaveats shows the result's warnings with the verdict and offers the
// sheet chooser when there is a choice to make.
func (t *summaryTab) showCaveats(res *validation.Result) {
	if len(res.Info.MatchingSheets()) > 1 {
		t.sheetBtn.Show()
	} else {
		t.sheetBtn.Hide()
	}
	caveats := res.Caveats()
	if len(caveats) == 0 {
		return
	}
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	t.verdict.Text = res.Verdict()
	if res.Summary.Errors == 0 {
		t.verdictBG.FillColor = withAlpha(th.Color(theme.ColorNameWarning, v), 0x50)
	}
	t.verdict.Refresh()
	t.verdictBG.Refresh()
	sub := "Warning: " + strings.Join(caveats, "\nWarning: ")
	if res.Summary.Errors > 0 || res.Summary.Warnings > 0 {
		sub += "\n" + t.verdictSub.Text // what to do about the issues found
	}
	t.verdictSub.SetText(sub)
}

// isCaveat reports a note that is one of the result's warnings, which the
// Summary shows with the verdict rather than again among the notes.
func isCaveat(res *validation.Result, msg string) bool {
	for _, c := range res.Caveats() {
		if c == msg {
			return true
		}
	}
	return false
}

// sheetChooser is the dialog that picks the worksheet to check.
type sheetChooser struct {
	radio *widget.RadioGroup
	names map[string]string // option label → sheet name
	dlg   *dialog.CustomDialog
	check func() // the confirm button (tests call it)
}

// showSheetChooser lists the workbook's sheets that have the template's
// header (with their rows), the one read first, and checks the one chosen.
func (w *Window) showSheetChooser() {
	res, in := w.res, w.input
	if res == nil || in == nil || in.path == "" {
		return
	}
	sc := &sheetChooser{names: map[string]string{}}
	var options []string
	current := ""
	for _, s := range res.Info.Sheets {
		if !s.Matches && !s.Read {
			continue
		}
		label := s.Name
		var parts []string
		if r := s.RowsText(); r != "" {
			parts = append(parts, r)
		}
		if s.Hidden {
			parts = append(parts, "hidden")
		}
		if s.Read {
			parts = append(parts, "checked now")
		}
		if len(parts) > 0 {
			label += " (" + strings.Join(parts, ", ") + ")"
		}
		options = append(options, label)
		sc.names[label] = s.Name
		if s.Read {
			current = label
		}
	}
	sc.radio = widget.NewRadioGroup(options, nil)
	sc.radio.SetSelected(current)
	intro := wrappedLabel(fmt.Sprintf("%s has more than one worksheet with the template's header. Choose the one to check:", in.name))
	sc.check = func() {
		name, ok := sc.names[sc.radio.Selected]
		if !ok {
			return
		}
		sc.dlg.Hide()
		next := *in
		next.sheet = name
		w.startRun(&next)
	}
	ok := newButtonWithIcon("Check this worksheet", theme.ConfirmIcon(), sc.check)
	ok.Importance = widget.HighImportance
	cancel := newButtonWithIcon("Cancel", theme.CancelIcon(), func() { sc.dlg.Hide() })
	sc.dlg = w.newDialog("Choose the worksheet", container.NewVBox(widthHint(520), intro, sc.radio), []*button{cancel, ok}, ok, nil)
	w.observe().sheetChooserShown(sc)
	w.showDialog(sc.dlg, nil)
}
