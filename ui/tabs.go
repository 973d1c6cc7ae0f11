package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// The window's tabs, in one place: each is listed once, in the order
// shown, with its title, its icon, how it is made when the window is, and
// how Alt+its number opens it (the View menu and the shortcuts are built
// from this list). A new tab is a file of its own with a constructor, an
// entry here and its position below.

// Tab positions: the order of tabSpecs.
const (
	tabSummary = iota
	tabIssues
	tabRecords
	tabCharts
	tabRules
	tabMeasures
	tabCompare // shown once a comparison has been made
)

// tabSpec is one tab.
type tabSpec struct {
	pos   int
	title string
	icon  func() fyne.Resource
	// make builds the tab's content; nil for a tab added later (the
	// comparison, once one has been made).
	make func(w *Window) fyne.CanvasObject
	// open is what Alt+number does; nil selects the tab.
	open func(w *Window)
}

// tabSpecs lists the tabs (a function: the constructors refer back to the
// window's menus, which are built from this list).
func tabSpecs() []tabSpec {
	return []tabSpec{
		{tabSummary, "Summary", theme.HomeIcon, func(w *Window) fyne.CanvasObject { w.summary = newSummaryTab(w); return w.summary.content }, nil},
		{tabIssues, "Issues", theme.ErrorIcon, func(w *Window) fyne.CanvasObject { w.issues = newIssuesTab(w); return w.issues.content }, nil},
		{tabRecords, "Records", theme.ListIcon, func(w *Window) fyne.CanvasObject { w.records = newRecordsTab(w); return w.records.content }, nil},
		{tabCharts, "Charts", theme.GridIcon, func(w *Window) fyne.CanvasObject { w.charts = newChartsTab(w); return w.charts.content }, nil},
		{tabRules, "Rules", theme.InfoIcon, func(w *Window) fyne.CanvasObject { w.rules = newRulesTab(w); return w.rules.content }, nil},
		{tabMeasures, "Measures", theme.ViewRestoreIcon, func(w *Window) fyne.CanvasObject { return newMeasuresTab(w) }, nil},
		{tabCompare, "Comparison", theme.ViewRefreshIcon, nil, (*Window).showCompareTab},
	}
}

// tabKeys are the Alt+number keys, by position.
var tabKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}

// makeTabs builds the tabs that exist from the start.
func (w *Window) makeTabs() *container.AppTabs {
	var items []*container.TabItem
	for i, s := range tabSpecs() {
		if s.pos != i {
			panic("ui: tabSpecs is not in the order of the tab positions")
		}
		if s.make != nil {
			items = append(items, container.NewTabItemWithIcon(s.title, s.icon(), s.make(w)))
		}
	}
	return container.NewAppTabs(items...)
}

// openTab is what Alt+number does for the tab at pos.
func (w *Window) openTab(pos int) {
	if s := tabSpecs()[pos]; s.open != nil {
		s.open(w)
		return
	}
	w.selectTab(pos)
}

// tabMenuItems are the View menu's items that go to a tab.
func (w *Window) tabMenuItems() []*fyne.MenuItem {
	var out []*fyne.MenuItem
	for i, s := range tabSpecs() {
		it := fyne.NewMenuItem(s.title, func() { w.openTab(i) })
		if i < len(tabKeys) {
			it.Shortcut = altKey(tabKeys[i])
		}
		out = append(out, it)
	}
	return out
}
