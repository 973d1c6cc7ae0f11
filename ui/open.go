package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/assets"
	"cldvalidator/validation"
)

// Getting data in, four ways: the Open file… button (Fyne's file dialog),
// a box to type or paste a path (Fyne's dialog has hung on offline mapped
// network drives, so it is never the only way), a file dropped onto the
// window, a file named on the command line, and rows pasted from Excel.

const (
	prefRecent   = "recentFiles"
	prefRelease  = "release"
	prefLastDir  = "lastFolder"
	prefPersonal = "includePersonalData"
	maxRecent    = 5
)

var releaseOptions = []string{"Auto", "Release 1", "Release 2"}

type openBar struct {
	w       *Window
	browseB *widget.Button
	path    *widget.Entry
	goB     *widget.Button
	pasteB  *widget.Button
	release *widget.Select
	content fyne.CanvasObject
}

func newOpenBar(w *Window) *openBar {
	o := &openBar{w: w}
	o.browseB = widget.NewButtonWithIcon("Open file…", theme.FolderOpenIcon(), o.browse)
	o.browseB.Importance = widget.HighImportance
	o.path = widget.NewEntry()
	o.path.SetPlaceHolder("…or type or paste the file's path here and press Enter")
	o.path.OnSubmitted = func(s string) { o.openTyped() }
	o.goB = widget.NewButtonWithIcon("Check", theme.MediaPlayIcon(), o.openTyped)
	o.pasteB = widget.NewButtonWithIcon("Paste from Excel", theme.ContentPasteIcon(), w.pasteFromClipboard)
	o.release = widget.NewSelect(releaseOptions, nil)
	rel := w.prefs.StringWithFallback(prefRelease, releaseOptions[0])
	o.release.SetSelected(rel)
	if o.release.Selected == "" {
		o.release.SetSelected(releaseOptions[0])
	}
	o.release.OnChanged = func(s string) {
		w.prefs.SetString(prefRelease, s)
		if w.input != nil && !w.run.running {
			w.recheck()
		}
	}
	right := container.NewHBox(o.goB, o.pasteB, widget.NewLabel("Release:"), o.release)
	o.content = container.NewBorder(nil, nil, o.browseB, right, o.path)
	return o
}

// selectedRelease is the release chosen in the selector ("" for auto).
func (o *openBar) selectedRelease() validation.Release {
	switch o.release.Selected {
	case "Release 1":
		return validation.R1
	case "Release 2":
		return validation.R2
	}
	return ""
}

// openTyped opens the path typed in the box.
func (o *openBar) openTyped() {
	p := cleanPath(o.path.Text)
	if p == "" {
		o.w.showMessage("No file chosen", "Type or paste the full path of your CLD file in the box, for example C:\\Data\\CLD_Q1.xlsx, then press Enter. You can also drag the file onto this window.")
		return
	}
	o.w.openPath(p)
}

// cleanPath removes what a copied path often carries: quotes from Explorer's
// "Copy as path", spaces, a file:// prefix.
func cleanPath(p string) string {
	p = strings.TrimSpace(p)
	p = strings.Trim(p, "\"'")
	if strings.HasPrefix(strings.ToLower(p), "file://") {
		if u, err := storage.ParseURI(p); err == nil {
			p = u.Path()
			if runtime.GOOS == "windows" {
				p = strings.TrimPrefix(p, "/")
			}
		}
	}
	return strings.TrimSpace(p)
}

// browse shows Fyne's file dialog, starting in the last folder used.
func (o *openBar) browse() {
	w := o.w
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			w.showError("The file could not be opened", err)
			return
		}
		if rc == nil {
			return // cancelled
		}
		path := rc.URI().Path()
		rc.Close()
		w.openPath(path)
	}, w.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".xlsm", ".csv", ".tsv", ".txt"}))
	if dir := w.prefs.String(prefLastDir); dir != "" && isLocalDir(dir) {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// isLocalDir reports whether dir exists, without touching network shares
// (UNC paths), which can take a long time to answer when offline.
func isLocalDir(dir string) bool {
	if strings.HasPrefix(dir, `\\`) || strings.HasPrefix(dir, "//") {
		return false
	}
	return fileIsDir(dir)
}

// openPath checks a file. It runs on the UI goroutine; the file is read on
// a background goroutine.
func (w *Window) openPath(path string) {
	path = cleanPath(path)
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		w.showMessage("File not found", filepath.Base(path)+" could not be found at "+path+".\n\nIt may have been moved or renamed, or it is on a network drive that is not connected. Check the path, or drag the file onto this window.")
		return
	case st.IsDir():
		w.showMessage("That is a folder", path+" is a folder. Choose the CLD file inside it (an .xlsx or .csv file).")
		return
	}
	w.open.path.SetText(path)
	w.addRecent(path)
	w.prefs.SetString(prefLastDir, filepath.Dir(path))
	w.startRun(&runInput{name: filepath.Base(path), path: path})
}

// pasteFromClipboard checks tab-separated rows copied from Excel.
func (w *Window) pasteFromClipboard() {
	text := w.app.Clipboard().Content()
	if strings.TrimSpace(text) == "" {
		w.showMessage("Nothing to paste", "The clipboard is empty. In Excel, select your data including the header row, press Ctrl+C, then come back here and press Ctrl+V.")
		return
	}
	if !strings.Contains(text, "\t") || !strings.ContainsAny(strings.TrimRight(text, "\r\n"), "\r\n") {
		w.showMessage("That does not look like rows from Excel", "The clipboard holds text, but not rows and columns copied from a spreadsheet. In Excel, select the data including the header row, press Ctrl+C, then press Ctrl+V here.")
		return
	}
	w.startRun(&runInput{name: "pasted data", text: text})
}

// dropped handles files dragged onto the window.
func (w *Window) dropped(_ fyne.Position, uris []fyne.URI) {
	var files []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			files = append(files, u.Path())
		}
	}
	if len(files) == 0 {
		w.showMessage("Nothing to open", "Drop a CLD file (.xlsx or .csv) from File Explorer onto this window.")
		return
	}
	w.openPath(files[0])
	if len(files) > 1 {
		w.setStatus("Only " + filepath.Base(files[0]) + " was opened: the window checks one file at a time.")
	}
}

// recentFiles lists the last files opened, newest first.
func (w *Window) recentFiles() []string {
	return w.prefs.StringList(prefRecent)
}

// addRecent puts path first in the Recent list, keeping 5.
func (w *Window) addRecent(path string) {
	list := []string{path}
	for _, p := range w.recentFiles() {
		if samePath(p, path) {
			continue
		}
		list = append(list, p)
		if len(list) == maxRecent {
			break
		}
	}
	w.prefs.SetStringList(prefRecent, list)
	w.setMenu()
	w.summary.showRecent()
}

func samePath(a, b string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(filepath.Clean(a), filepath.Clean(b))
	}
	return filepath.Clean(a) == filepath.Clean(b)
}

// includePersonal is the remembered "include personal data" choice.
func (w *Window) includePersonal() bool { return w.prefs.Bool(prefPersonal) }

func (w *Window) setIncludePersonal(b bool) { w.prefs.SetBool(prefPersonal, b) }

// openExample checks the bundled example file (synthetic data), copied to
// the temporary folder so it can be opened like any file.
func (w *Window) openExample() {
	dir := filepath.Join(os.TempDir(), "cldapp-example")
	path := filepath.Join(dir, assets.SampleName)
	if err := os.MkdirAll(dir, 0o755); err == nil {
		err = os.WriteFile(path, assets.SampleCSV, 0o644)
	}
	if !fileExists(path) {
		w.showMessage("The example could not be opened", "The example file could not be written to "+dir+".")
		return
	}
	w.open.path.SetText(path)
	w.startRun(&runInput{name: assets.SampleName, path: path})
}
