package ui

import (
	"fmt"
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
	browseB *button
	path    *entry
	goB     *button
	pasteB  *button
	release *selectBox
	content fyne.CanvasObject
}

func newOpenBar(w *Window) *openBar {
	o := &openBar{w: w}
	o.browseB = newButtonWithIcon("Open file…", theme.FolderOpenIcon(), o.browse)
	o.browseB.Importance = widget.HighImportance
	o.path = newEntry()
	o.path.SetPlaceHolder(pathHint)
	o.path.OnSubmitted = func(s string) { o.openTyped() }
	o.path.OnChanged = func(string) { o.syncCheck() }
	o.goB = newButtonWithIcon("Check", theme.MediaPlayIcon(), o.openTyped)
	o.pasteB = newButtonWithIcon("Paste from Excel", theme.ContentPasteIcon(), w.pasteFromClipboard)
	o.release = newSelect(releaseOptions, nil)
	rel := w.prefs.StringWithFallback(prefRelease, releaseOptions[0])
	o.release.SetSelected(rel)
	if o.release.Selected == "" {
		o.release.SetSelected(releaseOptions[0])
	}
	o.release.OnChanged = func(s string) {
		w.prefs.SetString(prefRelease, s)
		if w.input != nil && !w.run.running() {
			w.recheck()
		}
	}
	right := container.NewHBox(o.goB, o.pasteB, widget.NewLabel("Release:"), o.release)
	o.content = border(nil, nil, o.browseB, right, o.path)
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

// pathHint is the path box's placeholder while no data is shown or a
// file is; pastedHint while pasted data is.
const (
	pathHint   = "…or type or paste the file's path here and press Enter"
	pastedHint = "Pasted data is shown: Check checks it again, or type a file's path here"
)

// showPath puts the path of the file being checked in the box.
func (o *openBar) showPath(p string) {
	o.path.SetPlaceHolder(pathHint)
	o.path.SetText(p)
	o.syncCheck()
}

// showPasted empties the box (it named the file checked before) and says
// what Check will do now.
func (o *openBar) showPasted() {
	o.path.SetPlaceHolder(pastedHint)
	o.path.SetText("")
	o.syncCheck()
}

// pastedShown reports whether the data shown was pasted, with no path
// typed since.
func (o *openBar) pastedShown() bool {
	in := o.w.input
	return in != nil && in.path == "" && in.src == nil && strings.TrimSpace(o.path.Text) == ""
}

// syncCheck names what the Check button will check.
func (o *openBar) syncCheck() {
	if o.pastedShown() {
		o.goB.SetText("Check pasted data")
	} else {
		o.goB.SetText("Check")
	}
}

// openTyped opens the path typed in the box, or checks the pasted data
// again when it is shown and the box is empty.
func (o *openBar) openTyped() {
	if o.pastedShown() {
		o.w.recheck()
		return
	}
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

// dataExts are the kinds of file a CLD submission comes in.
var dataExts = []string{".xlsx", ".xlsm", ".csv", ".tsv", ".txt"}

// browse shows Fyne's file dialog, starting in the last folder used.
func (o *openBar) browse() { o.w.browseForFile(dataExts, o.w.openPath) }

// browseForFile shows a file dialog for files ending in one of exts,
// starting in the last folder used, and passes the chosen path to chosen:
// Windows' own Open dialog on Windows (dialogs_windows.go), Fyne's elsewhere.
func (w *Window) browseForFile(exts []string, chosen func(path string)) {
	if w.nativeOpen(exts, chosen) {
		return
	}
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
		chosen(path)
	}, w.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	if dir := w.prefs.String(prefLastDir); dir != "" && isLocalDir(dir) {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Resize(dialogSize(w.win, 900, 600))
	w.track(d, nil, nil)
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
	asked := path
	path, ok := w.existingFile(path, "the CLD file inside it (an .xlsx or .csv file)")
	if !ok {
		w.removeRecent(asked) // a Recent file that has gone
		return
	}
	w.open.showPath(path)
	w.prefs.SetString(prefLastDir, filepath.Dir(path))
	w.startRun(&runInput{name: filepath.Base(path), path: path})
}

// existingFile cleans up a typed, pasted or dropped path and makes it
// absolute. If it names no file it says so (what describes what to choose
// inside a folder) and reports false.
func (w *Window) existingFile(path, what string) (string, bool) {
	path = cleanPath(path)
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		w.showMessage("File not found", filepath.Base(path)+" could not be found at "+path+".\n\nIt may have been moved or renamed, or it is on a network drive that is not connected. Check the path, or drag the file onto this window.")
		return "", false
	case st.IsDir():
		w.showMessage("That is a folder", path+" is a folder. Choose "+what+".")
		return "", false
	}
	return path, true
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
	w.open.showPasted()
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
	if w.dropTarget != nil {
		// A dialog that asks for a file is open: the file is for it.
		w.dropTarget(files[0])
		return
	}
	w.openPath(files[0])
	if len(files) > 1 {
		w.onlyFirstOpened(files)
	}
}

// onlyFirstOpened says, in the status line and in a message that stays
// until it is read (the status line is replaced when the check ends),
// that of several files only the first was opened, and names the others.
func (w *Window) onlyFirstOpened(files []string) {
	if !w.run.running() {
		return // the first did not open either, and a message said why
	}
	first := filepath.Base(files[0])
	w.setStatus("Only " + first + " was opened: the window checks one file at a time.")
	others := filepath.Base(files[1]) + " was not opened: open it"
	switch n := len(files) - 2; {
	case n == 1:
		others = filepath.Base(files[1]) + " and 1 other file were not opened: open each"
	case n > 1:
		others = fmt.Sprintf("%s and %d other files were not opened: open each", filepath.Base(files[1]), n)
	}
	w.showMessage("One file at a time", "The window checks one file at a time, so only "+first+" is being checked. "+
		others+" when this check has finished.")
}

// recentFiles lists the last files opened, newest first.
func (w *Window) recentFiles() []string {
	return w.prefs.StringList(prefRecent)
}

// removeRecent takes path off the Recent list (it could not be opened).
func (w *Window) removeRecent(path string) {
	old := w.recentFiles()
	list := make([]string, 0, len(old))
	for _, p := range old {
		if !samePath(p, path) {
			list = append(list, p)
		}
	}
	if len(list) == len(old) {
		return
	}
	w.prefs.SetStringList(prefRecent, list)
	w.setMenu()
	w.summary.showRecent()
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
	// A copy left from an earlier session is written over, and if that
	// fails the copy is not used: it may be an older example.
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		err = os.WriteFile(path, assets.SampleCSV, 0o644)
	}
	if err != nil {
		w.showMessage("The example could not be opened", "The example file could not be written to "+dir+".")
		return
	}
	w.open.showPath(path)
	w.startRun(&runInput{name: assets.SampleName, path: path, example: true})
}

// fileChooser is a dialog that asks for one file the way the main window
// does: a path typed or pasted into a box, Browse… (Fyne's dialog), or the
// file dragged onto the window while the dialog is open.
type fileChooser struct {
	path   *entry
	dlg    *dialog.CustomDialog
	choose func() // the confirm button (tests call it)
}

// chooserSpec describes a fileChooser.
type chooserSpec struct {
	title, intro, confirm string
	what                  string   // what to choose, for messages: "the older CLD file (an .xlsx or .csv file)"
	example               string   // a path shown as a placeholder
	initial               string   // the path to start with
	exts                  []string // what Browse… offers
	extra                 fyne.CanvasObject
	chosen                func(path string) // an existing file was chosen
}

// showFileChooser shows a fileChooser. The dialog stays open until an
// existing file is chosen or the user cancels.
func (w *Window) showFileChooser(spec chooserSpec) *fileChooser {
	fc := &fileChooser{path: newEntry()}
	fc.path.SetPlaceHolder("Type or paste the file's path, for example " + spec.example)
	fc.path.SetText(spec.initial)
	intro := wrappedLabel(spec.intro)
	browse := newButtonWithIcon("Browse…", theme.FolderOpenIcon(), func() {
		w.browseForFile(spec.exts, func(p string) {
			fc.path.SetText(p)
			fc.choose()
		})
	})
	drop := widget.NewLabel("…or drag the file from File Explorer onto this window.")
	content := container.NewVBox(widthHint(dialogTextWidth(w, 620)), intro, boldLabel("File"),
		border(nil, nil, nil, browse, fc.path), drop)
	if spec.extra != nil {
		content.Add(spec.extra)
	}
	fc.choose = func() {
		p := cleanPath(fc.path.Text)
		if p == "" {
			w.showMessage("No file chosen", "Type or paste the full path of "+spec.what+" in the box, click Browse…, or drag the file onto this window.")
			return
		}
		p, ok := w.existingFile(p, spec.what)
		if !ok {
			return
		}
		fc.dlg.Hide()
		spec.chosen(p)
	}
	fc.path.OnSubmitted = func(string) { fc.choose() }
	ok := newButtonWithIcon(spec.confirm, theme.ConfirmIcon(), func() { fc.choose() })
	ok.Importance = widget.HighImportance
	cancel := newButtonWithIcon("Cancel", theme.CancelIcon(), func() { fc.dlg.Hide() })
	fc.dlg = w.newDialog(spec.title, content, []*button{cancel, ok}, ok, nil)
	fc.dlg.SetOnClosed(func() {
		if w.chooser == fc {
			w.chooser, w.dropTarget = nil, nil
		}
	})
	w.chooser = fc
	w.dropTarget = func(p string) {
		fc.path.SetText(p)
		fc.choose()
	}
	w.showDialog(fc.dlg, fc.path)
	w.observe().fileChooserShown(fc)
	return fc
}
