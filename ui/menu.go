package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"cldvalidator/validation"
)

// setMenu builds the window's menus. It is called again when what they
// offer changes (a file checked, a spec pack set, recent files).
func (w *Window) setMenu() {
	w.win.SetMainMenu(fyne.NewMainMenu(w.fileMenu(), w.editMenu(), w.viewMenu(), w.settingsMenu(), w.helpMenu()))
}

var ctrl = fyne.KeyModifierShortcutDefault

// menuItem is a menu item with a keyboard shortcut (none when key is "").
func menuItem(label string, key fyne.KeyName, mod fyne.KeyModifier, f func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, f)
	if key != "" {
		it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	}
	return it
}

// altKey is the Alt+key shortcut of a tab.
func altKey(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierAlt}
}

func (w *Window) fileMenu() *fyne.Menu {
	compareItem := menuItem("Compare with previous file…", "", 0, w.showCompareDialog)
	compareItem.Disabled = w.res == nil
	convertItem := menuItem("Convert to Release 2…", "", 0, w.showConvertDialog)
	convertItem.Disabled = w.res == nil || w.res.Spec.Release != validation.R1
	quit := menuItem("Quit", fyne.KeyQ, ctrl, w.quit)
	quit.IsQuit = true
	return fyne.NewMenu("File",
		menuItem("Open file…", fyne.KeyO, ctrl, w.open.browse),
		// Ctrl+V is not a menu shortcut: menu shortcuts win over a focused
		// text box, and Ctrl+V must still paste into the path box.
		menuItem("Paste from Excel (Ctrl+V)", "", 0, w.pasteFromClipboard),
		menuItem("Check again", fyne.KeyR, ctrl, w.recheck),
		w.recentMenuItem(),
		fyne.NewMenuItemSeparator(),
		compareItem,
		convertItem,
		fyne.NewMenuItemSeparator(),
		menuItem("Save Excel report…", fyne.KeyE, ctrl, w.showExportDialog),
		menuItem("Save printable summary…", fyne.KeyP, ctrl, w.showSummaryDialog),
		menuItem("Save filtered issues as CSV…", "", 0, w.issues.showCSVDialog),
		fyne.NewMenuItemSeparator(),
		quit,
	)
}

// recentMenuItem lists the files opened lately.
func (w *Window) recentMenuItem() *fyne.MenuItem {
	recent := fyne.NewMenu("Recent")
	for _, p := range w.recentFiles() {
		recent.Items = append(recent.Items, fyne.NewMenuItem(p, func() { w.openPath(p) }))
	}
	if len(recent.Items) == 0 {
		it := fyne.NewMenuItem("(no files yet)", nil)
		it.Disabled = true
		recent.Items = append(recent.Items, it)
	}
	item := fyne.NewMenuItem("Recent files", nil)
	item.ChildMenu = recent
	return item
}

func (w *Window) editMenu() *fyne.Menu {
	// Ctrl+C is not a menu shortcut, for the same reason as Ctrl+V.
	return fyne.NewMenu("Edit",
		menuItem("Copy, personal data masked (Ctrl+C)", "", 0, w.copySelection),
		menuItem("Copy with personal data", fyne.KeyC, ctrl|fyne.KeyModifierShift, w.copyWithPersonal),
	)
}

func (w *Window) viewMenu() *fyne.Menu {
	view := fyne.NewMenu("View",
		menuItem("Next tab", fyne.KeyTab, ctrl, func() { w.selectTab(w.tabs.SelectedIndex() + 1) }),
		menuItem("Previous tab", fyne.KeyTab, ctrl|fyne.KeyModifierShift, func() { w.selectTab(w.tabs.SelectedIndex() - 1) }),
		fyne.NewMenuItemSeparator(),
	)
	view.Items = append(view.Items, w.tabMenuItems()...)
	view.Items = append(view.Items,
		fyne.NewMenuItemSeparator(),
		menuItem("Find a person or row", fyne.KeyF, ctrl, w.focusSearch),
		menuItem("Go to row…", fyne.KeyG, ctrl, w.records.focusGoto),
	)
	return view
}

func (w *Window) settingsMenu() *fyne.Menu {
	removePack := menuItem("Remove spec pack", "", 0, w.removePack)
	removePack.Disabled = w.pack == nil
	return fyne.NewMenu("Settings",
		menuItem("Spec pack…", "", 0, w.showPackDialog),
		removePack,
	)
}

func (w *Window) helpMenu() *fyne.Menu {
	return fyne.NewMenu("Help",
		fyne.NewMenuItem("How to use the CLD Validator (F1)", w.showHelp),
		fyne.NewMenuItem("Errors, warnings and notes", func() { w.showHelpTopic(helpSeverity) }),
		fyne.NewMenuItem("What is masked", func() { w.showHelpTopic(helpPersonal) }),
		fyne.NewMenuItem("Where the official guidance is", func() { w.showHelpTopic(helpGuidance) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Where problem reports are kept", w.showCrashFolder),
		fyne.NewMenuItem("About", w.showAbout),
	)
}
