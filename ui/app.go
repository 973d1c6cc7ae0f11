// Package ui is the desktop window of the CLD Validator: one file per tab
// (summary.go, issues.go, records.go, charts.go, rules.go), the ways of
// getting data in (open.go), the background run (run.go) and exports
// (export.go). It shows what the validation engine finds; it never decides
// anything about the data itself.
//
// Threading: every widget is touched only on the UI goroutine. Background
// goroutines (reading and checking, filtering a million issues, drawing
// charts, writing reports) hand their results over with uiDo, which wraps
// fyne.Do, times the callback and contains panics.
package ui

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

// AppTitle is the window title before a file is loaded.
const AppTitle = "CLD Validator"

// Window is the main window's state. Its fields belong to the UI goroutine.
type Window struct {
	app   fyne.App
	win   fyne.Window
	prefs fyne.Preferences

	tabs     *container.AppTabs
	summary  *summaryTab
	issues   *issuesTab
	records  *recordsTab
	charts   *chartsTab
	rules    *rulesTab
	measures *measuresTab

	open      *openBar
	progress  *progressBar
	status    *widget.Label
	exportBtn *button

	run   *runner
	res   *validation.Result // the completed check shown, nil while none
	input *runInput          // what was checked last (for "Check again")

	pack     *validation.Pack // the spec pack applied to every check, nil for none
	packPath string
	packBtn  *button // the pack's name beside the status line

	chooser    *fileChooser      // the file-choosing dialog open now, if any
	dropTarget func(path string) // where a dropped file goes while it is open

	cmp    *compareTab    // the Compare tab, nil until a comparison is shown
	cmpRun compareRunning // the older file's check, while it runs

	modals []*modal  // the dialogs on show, the top one last (keys.go)
	help   *helpView // the Help dialog while it is open

	jobs     sync.WaitGroup // background goroutines; tests wait for them
	onResult []func()       // called after a result is shown (Measures, automation)
	obs      observer       // nil in the release program (observe.go)
}

// Create builds the window's content, menu, shortcuts and drag-and-drop,
// then opens the first file named in args (a file association, "Open
// with" or a file dropped onto the program all arrive this way).
func Create(a fyne.App, win fyne.Window, args []string) *Window {
	return create(a, win, args, automationObserver())
}

// create is Create with an observer (nil for none): the tests' recorder,
// or the automation build's.
func create(a fyne.App, win fyne.Window, args []string, obs observer) *Window {
	appMetaVersion = a.Metadata().Version
	a.Settings().SetTheme(newAppTheme())
	w := &Window{app: a, win: win, prefs: a.Preferences(), obs: obs}
	w.run = newRunner(w)
	registerWindow(w)

	w.status = widget.NewLabel("")
	w.status.Truncation = fyne.TextTruncateEllipsis
	w.open = newOpenBar(w)
	w.progress = newProgressBar(w, func() { w.run.cancelRun() })
	w.exportBtn = newButtonWithIcon("Save Excel report…", theme.DocumentSaveIcon(), w.showExportDialog)
	w.exportBtn.Importance = widget.HighImportance
	w.exportBtn.Disable()
	w.packBtn = newButtonWithIcon("", theme.SettingsIcon(), w.showPackDialog)
	w.packBtn.Importance = widget.LowImportance
	w.packBtn.Hide()

	w.tabs = w.makeTabs()
	fitTabs(w.tabs)
	w.tabs.OnSelected = func(*container.TabItem) { w.charts.visible(w.tabs.SelectedIndex() == tabCharts) }

	top := container.NewVBox(w.open.content, w.progress.content,
		border(nil, nil, nil, container.NewHBox(w.packBtn, w.exportBtn), w.status))
	win.SetContent(border(top, nil, nil, nil, w.tabs))
	win.SetTitle(AppTitle)
	w.setMenu()
	w.addShortcuts()
	win.SetOnDropped(w.dropped)
	w.restorePack()

	if files := FileArgs(args); len(files) > 0 {
		w.openPath(files[0])
		if len(files) > 1 {
			w.onlyFirstOpened(files)
		}
	}
	return w
}

// FileArgs picks the file names out of command-line arguments (anything
// that is not a flag).
func FileArgs(args []string) []string {
	var out []string
	for _, a := range args {
		if a == "" || strings.HasPrefix(a, "-") {
			continue
		}
		out = append(out, a)
	}
	return out
}

func (w *Window) setStatus(s string) { w.status.SetText(s) }

// setTitle shows the file name in the window title.
func (w *Window) setTitle(name string) {
	if name == "" {
		w.win.SetTitle(AppTitle)
		return
	}
	w.win.SetTitle(name + " — " + AppTitle)
}

// selectTab switches tabs (Ctrl+Tab, Alt+1…5, menu).
func (w *Window) selectTab(i int) {
	n := len(w.tabs.Items)
	w.tabs.SelectIndex(((i % n) + n) % n)
}

// addShortcuts registers the canvas shortcuts. The menu's shortcuts are
// registered here too, so they work where a menu is not shown (and in
// tests); the menu takes precedence when both exist.
func (w *Window) addShortcuts() {
	c := w.win.Canvas()
	c.AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) { w.pasteFromClipboard() })
	c.AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { w.copySelection() })
	ctrl := fyne.KeyModifierShortcutDefault
	add := func(key fyne.KeyName, mod fyne.KeyModifier, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) { f() })
	}
	add(fyne.KeyC, ctrl|fyne.KeyModifierShift, w.copyWithPersonal)
	add(fyne.KeyO, ctrl, w.open.browse)
	add(fyne.KeyE, ctrl, w.showExportDialog)
	add(fyne.KeyP, ctrl, w.showSummaryDialog)
	add(fyne.KeyR, ctrl, w.recheck)
	add(fyne.KeyF, ctrl, w.focusSearch)
	add(fyne.KeyG, ctrl, w.records.focusGoto)
	add(fyne.KeyTab, ctrl, func() { w.selectTab(w.tabs.SelectedIndex() + 1) })
	add(fyne.KeyTab, ctrl|fyne.KeyModifierShift, func() { w.selectTab(w.tabs.SelectedIndex() - 1) })
	for i := range tabSpecs() {
		add(tabKeys[i], fyne.KeyModifierAlt, func() { w.openTab(i) })
	}
	// Keys nothing focused takes: Esc closes the dialog on top or cancels
	// a running check or comparison; Enter presses a dialog's default
	// button (keys.go).
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			w.escape()
		case fyne.KeyReturn, fyne.KeyEnter:
			w.enter()
		case fyne.KeyF1:
			w.showHelp()
		}
	})
}

// focusSearch opens the Issues tab and puts the cursor in its search box.
func (w *Window) focusSearch() {
	w.selectTab(tabIssues)
	w.win.Canvas().Focus(w.issues.search)
}

// copySelection copies the selected issue or cell with personal data
// masked (Ctrl+C), whatever was chosen for reports.
func (w *Window) copySelection() { w.copySelected(false) }

// copyWithPersonal copies the selected issue or cell as it is in the file
// (Ctrl+Shift+C): for pasting an NHS Number into the case-management
// system. It is only ever done by asking for it.
func (w *Window) copyWithPersonal() { w.copySelected(true) }

func (w *Window) copySelected(personal bool) {
	var text string
	switch w.tabs.SelectedIndex() {
	case tabIssues:
		text = w.issues.copyText(!personal)
	case tabRecords:
		text = w.records.copyText(!personal)
	}
	if text == "" {
		w.setStatus("Select an issue (Issues tab) or a cell (Records tab) first, then copy it.")
		return
	}
	w.app.Clipboard().SetContent(text)
	w.setStatus(copiedNote(personal))
}

func copiedNote(personal bool) string {
	if personal {
		return "Copied with personal data: paste it only into your council's secure systems."
	}
	return "Copied to the clipboard with personal data masked (Copy with personal data, Ctrl+Shift+C, includes it)."
}

var userQuit struct {
	sync.Mutex
	yes bool
}

// UserQuit reports whether the window was closed by the user (rather than
// failing to open).
func UserQuit() bool {
	userQuit.Lock()
	defer userQuit.Unlock()
	return userQuit.yes
}

func markUserQuit() {
	userQuit.Lock()
	userQuit.yes = true
	userQuit.Unlock()
}

func (w *Window) quit() {
	markUserQuit()
	w.cancelCompare()
	w.run.cancelRun()
	w.app.Quit()
}

// InterceptClose records that the user closed the window.
func (w *Window) InterceptClose() {
	w.win.SetCloseIntercept(func() {
		markUserQuit()
		w.cancelCompare()
		w.run.cancelRun()
		w.win.Close()
	})
}

func (w *Window) showCrashFolder() {
	w.showMessage("Problem reports", "If the CLD Validator ever meets an internal problem, it writes a short report to:\n\n"+
		CrashLogDir()+"\n\nThe reports never contain the data from your files: only the kind of problem and where in the program it happened. You can send them to whoever supports the tool.")
}

func (w *Window) showAbout() {
	m := w.app.Metadata()
	name := m.Name
	if name == "" {
		name = AppTitle
	}
	w.showMessage("About", name+" "+appVersion()+"\n\nChecks Adult Social Care Client Level Data (Release 1 and Release 2) before it is submitted to NHS England.\n\nEverything happens on this computer: nothing is sent anywhere.")
}

// fileExists reports whether path names an existing regular file.
func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// documentsDir is where files go when there is no better place.
func documentsDir() string {
	if d := KnownDocuments(); d != "" && fileIsDir(d) {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return os.TempDir()
	}
	if d := filepath.Join(home, "Documents"); fileIsDir(d) {
		return d
	}
	return home
}

func fileIsDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
