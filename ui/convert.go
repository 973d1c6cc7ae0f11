package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/convert"
	"cldvalidator/validation"
)

// Convert to Release 2…: for a file checked as Release 1, a dialog lists
// how each list value would be written in Release 2 (values with no Release
// 2 equivalent first, as they need re-coding at source), then Save
// converted copy… writes a new .csv or .xlsx; the file itself is never
// changed. The copy can be checked straight away.

var convertColumns = []tableCol{{"Field", 190}, {"Release 1 value", 260}, {"Release 2 value", 260}, {"Rows", 70}, {"Note", 260}}

// convertView is the preview dialog on show (tests drive it).
type convertView struct {
	res     *validation.Result
	in      *runInput
	rows    []validation.ValueMap // the values that change or need attention
	same    int                   // distinct values written the same in both releases
	table   *bigTable
	summary *widget.Label
	saveBtn *button
	dlg     *dialog.CustomDialog
}

// showConvertDialog works out the preview on a background goroutine, then
// shows it.
func (w *Window) showConvertDialog() {
	res, in := w.res, w.input
	switch {
	case res == nil:
		w.showMessage("Nothing to convert yet", "Open a Release 1 CLD file and let the check finish; then you can convert it to Release 2.")
		return
	case res.Spec.Release != validation.R1:
		w.showMessage("Already Release 2", in.name+" was checked as Release 2, so there is nothing to convert. If it is really a Release 1 file, choose Release 1 in the Release box above and it is checked again.")
		return
	}
	busy := dialog.NewCustomWithoutButtons("Working out the Release 2 values…", widget.NewProgressBarInfinite(), w.win)
	w.track(busy, nil, func() {})
	busy.Show()
	w.goSafe("previewing the conversion", func() {
		m, err := validation.NewR2Mapper()
		var prev []validation.ValueMap
		if err == nil {
			prev = m.PreviewR2(res)
		}
		w.uiDo("conversion preview", func() {
			busy.Hide()
			if err != nil {
				w.showError("The conversion could not be prepared", err)
				return
			}
			if w.res != res {
				return // another file was opened meanwhile
			}
			w.showConvertPreview(res, in, prev)
		})
	}, func() { w.uiDo("conversion preview failed", busy.Hide) })
}

// showConvertPreview shows the preview dialog.
func (w *Window) showConvertPreview(res *validation.Result, in *runInput, prev []validation.ValueMap) {
	v := &convertView{res: res, in: in}
	for _, vm := range prev {
		switch vm.Outcome {
		case validation.MapUnchanged, validation.MapAlreadyR2:
			v.same++
		default:
			v.rows = append(v.rows, vm)
		}
	}
	v.table = newBigTable(func() int { return len(v.rows) }, len(convertColumns), newTextCell, func(id widget.TableCellID, o fyne.CanvasObject) {
		defer w.recoverCell()
		text, fg, tint := v.cell(id.Row, id.Col)
		setCell(o, text, fg, tint)
	})
	v.table.setColumns(convertColumns, true)
	v.table.fillCol = len(convertColumns) - 1
	v.table.keepX = true

	intro := wrappedLabel("How " + in.name + " would be written in Release 2. Nothing is changed in your file: Save converted copy… writes a new file.")
	v.summary = wrappedLabel(v.summaryText())
	v.saveBtn = newButtonWithIcon("Save converted copy…", theme.DocumentSaveIcon(), func() { w.showConvertSave(v) })
	v.saveBtn.Importance = widget.HighImportance
	closeB := newButtonWithIcon("Close", theme.CancelIcon(), func() { v.dlg.Hide() })
	top := container.NewVBox(intro, v.summary)
	v.dlg = w.newDialog("Convert "+in.name+" to Release 2", border(top, nil, nil, nil, v.table), []*button{closeB, v.saveBtn}, nil, nil)
	v.dlg.Resize(dialogSize(w.win, 1180, 700))
	v.dlg.Show()
	w.observe().conversionShown(v)
}

// dialogSize is a large dialog's size: the wanted size, or a little less
// than the window.
func dialogSize(win fyne.Window, wd, ht float32) fyne.Size {
	s := win.Canvas().Size()
	if s.Width > 0 {
		wd = min(wd, s.Width-40)
	}
	if s.Height > 0 {
		ht = min(ht, s.Height-40)
	}
	return fyne.NewSize(wd, ht)
}

// summaryText counts what the preview shows, in plain English.
func (v *convertView) summaryText() string {
	var changed, changedRows, none, noneRows, other, otherRows, unknown, unknownRows int
	fields := map[string]bool{}
	for _, vm := range v.rows {
		switch vm.Outcome {
		case validation.MapChanged:
			changed++
			changedRows += vm.Rows
			fields[vm.Field] = true
		case validation.MapNoEquivalent:
			none++
			noneRows += vm.Rows
		case validation.MapNotListed:
			other++
			otherRows += vm.Rows
		case validation.MapR2Unknown:
			unknown++
			unknownRows += vm.Rows
		}
	}
	var s []string
	if changed > 0 {
		s = append(s, fmt.Sprintf("%s in %s will be written in Release 2 wording (%s).",
			validation.Plural(changed, "value", "values"), validation.Plural(len(fields), "field", "fields"), validation.Plural(changedRows, "cell", "cells")))
	} else {
		s = append(s, "No value needs new wording for Release 2.")
	}
	if none > 0 {
		s = append(s, fmt.Sprintf("%s (%s) %s no Release 2 equivalent: %s copied as %s, so re-code them in your case-management system. They are listed first, in red.",
			validation.Plural(none, "value", "values"), validation.Plural(noneRows, "row", "rows"), hasHave(none), itThey(none, "it is", "they are"), itThey(none, "it is", "they are")))
	}
	if unknown > 0 {
		s = append(s, fmt.Sprintf("%s (%s) %s valid in Release 1, but %s Release 2 spelling is not published: %s copied unchanged; check %s against the Release 2 specification.",
			validation.Plural(unknown, "value", "values"), validation.Plural(unknownRows, "row", "rows"), isAre(unknown), itThey(unknown, "its", "their"), itThey(unknown, "it is", "they are"), itThey(unknown, "it", "them")))
	}
	if other > 0 {
		s = append(s, fmt.Sprintf("%s (%s) %s not in either release's list and %s copied unchanged.",
			validation.Plural(other, "value", "values"), validation.Plural(otherRows, "row", "rows"), isAre(other), itThey(other, "is", "are")))
	}
	if v.same > 0 {
		s = append(s, fmt.Sprintf("%s the same in both releases.", validation.Plural(v.same, "other value is", "other values are")))
	}
	return strings.Join(s, " ")
}

func itThey(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// cell is one cell of the preview: values with no equivalent in red on a
// red tint, values of neither list in amber, inferred mappings noted.
func (v *convertView) cell(row, col int) (string, cellColor, color.Color) {
	if row >= len(v.rows) {
		return "", fgNormal, color.Transparent
	}
	vm := v.rows[row]
	fg, tint := fgNormal, color.Color(color.Transparent)
	switch vm.Outcome {
	case validation.MapNoEquivalent:
		fg, tint = fgError, tint2(theme.ColorNameError)
	case validation.MapNotListed, validation.MapR2Unknown:
		fg = fgWarning
	}
	switch col {
	case 0:
		return vm.Field, fgNormal, tint
	case 1:
		return vm.From, fg, tint
	case 2:
		switch vm.Outcome {
		case validation.MapNoEquivalent:
			return "(no Release 2 equivalent)", fg, tint
		case validation.MapR2Unknown:
			return "(Release 2 spelling not published)", fg, tint
		}
		return vm.To, fgNormal, tint
	case 3:
		return validation.Commas(vm.Rows), fgNormal, tint
	case 4:
		return convertNote(vm), fg, tint
	}
	return "", fgNormal, tint
}

// tint2 is a faint wash of a theme colour, for a row's background.
func tint2(name fyne.ThemeColorName) color.Color {
	th := fyne.CurrentApp().Settings().Theme()
	return withAlpha(th.Color(name, fyne.CurrentApp().Settings().ThemeVariant()), 0x1C)
}

// convertNote explains a line of the preview.
func convertNote(vm validation.ValueMap) string {
	switch vm.Outcome {
	case validation.MapNoEquivalent:
		return "Re-code at source: copied unchanged"
	case validation.MapNotListed:
		return "Not a listed value: copied unchanged"
	case validation.MapR2Unknown:
		return "Valid Release 1 value; Release 2 spelling not published: copied unchanged, check it"
	case validation.MapChanged:
		if !vm.Verified {
			conf := vm.Confidence
			if conf == "" {
				conf = "unknown"
			}
			return "Mapping inferred (" + conf + " confidence): check it"
		}
		return "Published mapping"
	}
	return ""
}

// showConvertSave asks where to write the converted copy.
func (w *Window) showConvertSave(v *convertView) {
	res, in := v.res, v.in
	var sum *convert.Summary
	w.showSave(saveRequest{
		title: "Save converted copy",
		def:   w.defaultOutputFor(in, " - Release 2.csv"),
		exts:  []string{".csv", ".xlsx"},
		what: "The copy is the whole of " + in.name + ", with its personal data, written in Release 2 values. " +
			"Save it as .csv (to upload) or .xlsx. Your original file is not changed.",
		write: func(path string, _ bool) error {
			s, err := convert.ToR2(path, res)
			sum = s
			return err
		},
		done: func(path string, _ bool) {
			check := newButtonWithIcon("Check the copy now", theme.MediaPlayIcon(), func() {
				v.dlg.Hide()
				w.openPath(path)
			})
			check.Importance = widget.HighImportance
			w.showSaved(path, convertSummary(sum, in.name), check)
		},
	})
}

// convertSummary says what was written, in plain English.
func convertSummary(s *convert.Summary, name string) string {
	if s == nil {
		return ""
	}
	text := fmt.Sprintf("%s written. %s changed to Release 2 wording", validation.Plural(s.Rows, "row", "rows"), validation.Plural(s.ValuesChanged, "value", "values"))
	if len(s.FieldsAffected) > 0 {
		text += " in " + validation.Plural(len(s.FieldsAffected), "field", "fields") + ": " + strings.Join(s.FieldsAffected, ", ")
	}
	text += "."
	if s.NoEquivalent > 0 {
		text += fmt.Sprintf(" %s Release 1 %s with no Release 2 equivalent: %s copied unchanged, so re-code %s in your case-management system.",
			validation.Plural(s.NoEquivalent, "cell holds a", "cells hold"), itThey(s.NoEquivalent, "value", "values"), itThey(s.NoEquivalent, "it was", "they were"), itThey(s.NoEquivalent, "it", "them"))
	}
	if s.R2Unknown > 0 {
		text += fmt.Sprintf(" %s a valid Release 1 value whose Release 2 spelling is not published, copied unchanged: check %s against the Release 2 specification.",
			validation.Plural(s.R2Unknown, "cell holds", "cells hold"), itThey(s.R2Unknown, "it", "them"))
	}
	if s.NotListed > 0 {
		text += fmt.Sprintf(" %s a value of neither release's list, copied unchanged.", validation.Plural(s.NotListed, "cell holds", "cells hold"))
	}
	text += "\n\nThe copy holds the same personal data as " + name + ": keep it within your organisation's secure systems. Check the copy before you submit it."
	return text
}
