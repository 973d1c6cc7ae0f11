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
	path     *widget.Entry
	personal *widget.Check
	dlg      *dialog.ConfirmDialog
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
	sd.path = widget.NewEntry()
	sd.path.SetText(req.def)
	browse := widget.NewButton("Browse…", func() {
		if w.nativeSave(req.title, cleanPath(sd.path.Text), req.exts, sd.path.SetText) { // Windows' own dialog
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
		fd.Resize(fyne.NewSize(900, 600))
		fd.Show()
	})
	sd.personal = widget.NewCheck("Include personal data (NHS Numbers, names, dates of birth, postcodes)", nil)
	sd.personal.SetChecked(req.personal && w.includePersonal())
	sd.personal.OnChanged = func(b bool) { w.setIncludePersonal(b) }
	note := wrappedLabel("Personal data is masked unless you tick the box. Only include it if the file stays inside your organisation's secure systems.")
	whatL := wrappedLabel(req.what)
	form := container.NewVBox(widthHint(560), whatL, boldLabel("Save to"),
		container.NewBorder(nil, nil, nil, browse, sd.path))
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
	sd.dlg = dialog.NewCustomConfirm(req.title, "Save", "Cancel", form, func(ok bool) {
		if ok {
			sd.save()
		}
	}, w.win)
	w.lastSave = sd
	sd.dlg.Show()
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
		dialog.ShowConfirm("Replace file?", filepath.Base(path)+" already exists. Replace it?", func(ok bool) {
			if ok {
				run()
			}
		}, w.win)
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
func (w *Window) showSaved(path, text string, extra ...*widget.Button) {
	w.lastMessage = "Saved: " + path
	w.setStatus("Saved " + path)
	l := wrappedLabel("Saved to:\n" + path + "\n\n" + text)
	var d dialog.Dialog
	openB := widget.NewButton("Open it", func() { d.Hide(); w.openInSystem(path) })
	folderB := widget.NewButton("Show the folder", func() { d.Hide(); w.openInSystem(filepath.Dir(path)) })
	buttons := container.NewHBox()
	for _, b := range extra {
		act := b.OnTapped
		b.OnTapped = func() { d.Hide(); act() }
		buttons.Add(b)
	}
	buttons.Add(openB)
	buttons.Add(folderB)
	d = dialog.NewCustom("Saved", "Close", container.NewVBox(widthHint(520), l, buttons), w.win)
	d.Show()
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
