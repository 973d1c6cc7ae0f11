package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/report"
	"cldvalidator/validation"
)

// Exports: the engine's Excel report (every issue, summary, field quality,
// rules) and a CSV of the issues the Issues tab shows. Personal data is
// masked unless the user ticks "Include personal data"; the choice is
// remembered. Where to save is typed (or pasted) in a box, with Fyne's
// dialog one button away, because that dialog can hang on offline network
// drives.

// saveDialog is an open save dialog (kept so tests can drive it).
type saveDialog struct {
	path     *entry
	personal *checkBox
	dlg      *dialog.CustomDialog
	save     func()
}

func (w *Window) defaultOutput(suffix string) string { return w.defaultOutputFor(w.input, suffix) }

// defaultOutputFor is where a file made from in goes unless the user says
// otherwise: beside it, named after it.
func (w *Window) defaultOutputFor(in *runInput, suffix string) string {
	if in != nil && in.path != "" {
		base := strings.TrimSuffix(filepath.Base(in.path), filepath.Ext(in.path))
		return filepath.Join(filepath.Dir(in.path), base+suffix)
	}
	return filepath.Join(documentsDir(), "Pasted CLD data"+suffix)
}

// showExportDialog asks where to save the Excel report (Ctrl+E).
func (w *Window) showExportDialog() {
	if w.res == nil {
		w.showMessage("Nothing to save yet", "Open a CLD file and let the check finish; then you can save the Excel report.")
		return
	}
	res := w.res
	w.showSaveDialog("Save Excel report", w.defaultOutput(" - CLD report.xlsx"), ".xlsx",
		"The report lists every issue with its row, column and how to fix it, plus the summary and field quality.",
		func(path string, personal bool) error {
			return report.WriteXLSX(path, res, report.Options{IncludePersonalData: personal})
		})
}

// inputPath is the checked file's path ("" for pasted data): outputs must
// never overwrite it.
func (w *Window) inputPath() string {
	if w.input == nil {
		return ""
	}
	return w.input.path
}

// showSummaryDialog saves the printable HTML summary (the one written
// beside the file where the window cannot open): the verdict, counts,
// issues by rule and the first issues, laid out to print.
func (w *Window) showSummaryDialog() {
	if w.res == nil {
		w.showMessage("Nothing to save yet", "Open a CLD file and let the check finish; then you can save a printable summary.")
		return
	}
	res := w.res
	w.showSave(saveRequest{
		title:    "Save printable summary",
		def:      w.defaultOutput(" - CLD summary.html"),
		exts:     []string{".html", ".htm"},
		what:     "A one-page summary of the check — the verdict, the counts, the issues by rule and the first issues — as a web page. Open it in your web browser to print it or save it as a PDF; it needs no internet connection.",
		personal: true,
		write: func(path string, personal bool) error {
			return report.WriteHTML(path, res, report.Options{IncludePersonalData: personal})
		},
	})
}

// showCSVDialog saves the issues currently shown in the Issues tab.
func (t *issuesTab) showCSVDialog() {
	w := t.w
	if t.res == nil {
		w.showMessage("Nothing to save yet", "Open a CLD file and let the check finish; then you can save its issues.")
		return
	}
	res, issues := t.res, t.filteredIssues()
	what := fmt.Sprintf("The CSV file will hold the %s shown in the Issues tab, with the filters you chose.", validation.Plural(len(issues), "issue", "issues"))
	w.showSaveDialog("Save issues as CSV", w.defaultOutput(" - issues.csv"), ".csv", what,
		func(path string, personal bool) error {
			return report.WriteIssuesCSV(path, res, issues, report.Options{IncludePersonalData: personal})
		})
}

func (w *Window) showSaveDialog(title, def, ext, what string, write func(path string, personal bool) error) {
	w.showSave(saveRequest{title: title, def: def, exts: []string{ext}, what: what, personal: true, write: write})
}

// saveRequest describes a file the user is asked where to save.
type saveRequest struct {
	title, def, what string
	exts             []string // accepted endings; the first is added when none of them is typed
	personal         bool     // offer the "include personal data" choice
	write            func(path string, personal bool) error
	done             func(path string, personal bool) // after saving; nil: the usual "Saved" dialog
}

// showSave asks where to save a file (a typed path, with Fyne's dialog one
// button away), then writes it on a background goroutine.
func (w *Window) showSave(req saveRequest) {
	sd := &saveDialog{}
	sd.path = newEntry()
	sd.path.SetText(req.def)
	browse := newButton("Browse…", func() {
		// Windows' own dialog; the path chosen lands in the box, which takes
		// the keyboard again so that Enter saves.
		if w.nativeSave(req.title, cleanPath(sd.path.Text), req.exts, func(p string) {
			sd.path.SetText(p)
			w.win.Canvas().Focus(sd.path)
		}) {
			return
		}
		fd := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil || wc == nil {
				return
			}
			p := wc.URI().Path()
			wc.Close()
			os.Remove(p) // Fyne creates the file; the report is written atomically later
			sd.path.SetText(p)
		}, w.win)
		fd.SetFileName(filepath.Base(sd.path.Text))
		if dir := filepath.Dir(sd.path.Text); isLocalDir(dir) {
			if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
				fd.SetLocation(l)
			}
		}
		fd.Resize(dialogSize(w.win, 900, 600))
		w.track(fd, nil, nil)
		fd.Show()
	})
	sd.personal = newCheck("Include personal data (NHS Numbers, names, dates of birth and death, postcodes)", nil)
	sd.personal.SetChecked(req.personal && w.includePersonal())
	sd.personal.OnChanged = func(b bool) { w.setIncludePersonal(b) }
	note := wrappedLabel("Personal data is masked unless you tick the box. Only include it if the file stays inside your organisation's secure systems.")
	whatL := wrappedLabel(req.what)
	form := container.NewVBox(widthHint(dialogTextWidth(w, 560)), whatL, boldLabel("Save to"),
		border(nil, nil, nil, browse, sd.path))
	if req.personal {
		form.Add(sd.personal)
		form.Add(note)
	}
	sd.save = func() {
		p := cleanPath(sd.path.Text)
		if p == "" {
			w.showMessage("No file name", "Type where to save the file, for example "+req.def)
			return
		}
		known := false
		for _, e := range req.exts {
			known = known || strings.EqualFold(filepath.Ext(p), e)
		}
		if !known {
			p += req.exts[0]
		}
		sd.dlg.Hide()
		w.saveFile(p, req.personal && sd.personal.Checked, req.write, req.done)
	}
	sd.path.OnSubmitted = func(string) { sd.save() }
	saveB := newButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { sd.save() })
	saveB.Importance = widget.HighImportance
	cancelB := newButtonWithIcon("Cancel", theme.CancelIcon(), func() { sd.dlg.Hide() })
	sd.dlg = w.newDialog(req.title, form, []*button{cancelB, saveB}, saveB, nil)
	w.observe().saveDialogShown(sd)
	w.showDialog(sd.dlg, sd.path)
}

// saveFile writes a file on a background goroutine, asking first before
// replacing an existing one; done (or the usual "Saved" dialog) follows.
func (w *Window) saveFile(path string, personal bool, write func(path string, personal bool) error, done func(path string, personal bool)) {
	if done == nil {
		done = w.saved
	}
	run := func() {
		prog := widget.NewProgressBarInfinite()
		busy := dialog.NewCustomWithoutButtons("Saving "+filepath.Base(path)+"…", prog, w.win)
		w.track(busy, nil, func() {}) // a save cannot be stopped half way
		busy.Show()
		w.goSafe("saving "+filepath.Base(path), func() {
			err := write(path, personal)
			w.uiDo("saved", func() {
				busy.Hide()
				if err != nil {
					w.showError(filepath.Base(path)+" was not saved", err)
					return
				}
				done(path, personal)
			})
		}, func() { w.uiDo("save failed", busy.Hide) })
	}
	if fileExists(path) {
		var d *dialog.CustomDialog
		yes := newButtonWithIcon("Replace it", theme.ConfirmIcon(), func() { d.Hide(); run() })
		yes.Importance = widget.HighImportance
		no := newButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
		w.observe().messageShown("Replace file?: " + filepath.Base(path) + " already exists.")
		d = w.newDialog("Replace file?", wrappedLabel(filepath.Base(path)+" already exists. Replace it?"), []*button{no, yes}, yes, nil)
		w.showDialog(d, yes)
		return
	}
	run()
}

// saved tells the user where the file is and offers to open it.
func (w *Window) saved(path string, personal bool) {
	masked := "Personal data is masked."
	if personal {
		masked = "It includes personal data: keep it within your organisation's secure systems."
	}
	w.showSaved(path, masked)
}

// showSaved says where a file was saved, what it holds (text), and offers
// to open it or its folder, plus any extra buttons (which close the dialog
// before they act).
func (w *Window) showSaved(path, text string, extra ...*button) {
	w.observe().messageShown("Saved: " + path)
	w.setStatus("Saved " + path)
	l := wrappedLabel("Saved to:\n" + path + "\n\n" + text)
	l.Selectable = true
	var d *dialog.CustomDialog
	openB := newButton("Open it", func() { d.Hide(); w.openInSystem(path) })
	folderB := newButton("Show the folder", func() { d.Hide(); w.openInSystem(filepath.Dir(path)) })
	var bs []*button
	for _, b := range extra {
		act := b.OnTapped
		b.OnTapped = func() { d.Hide(); act() }
		bs = append(bs, b)
	}
	bs = append(bs, openB, folderB)
	closeB := newButtonWithIcon("Close", theme.CancelIcon(), func() { d.Hide() })
	closeB.Importance = widget.HighImportance
	d = w.newDialog("Saved", container.NewVBox(widthHint(dialogTextWidth(w, 520)), l, dialogButtons(bs...)), []*button{closeB}, closeB, nil)
	w.showDialog(d, closeB)
}

// openInSystem opens a local file or folder with its usual program.
func (w *Window) openInSystem(path string) {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	if err := w.app.OpenURL(u); err != nil {
		w.showMessage("Could not open it", "Open "+path+" from File Explorer instead.")
	}
}
