package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
)

// screenSizes are the window's client areas (in Fyne's units) on the
// screens our users have, less the title bar and Fyne's menu bar (drawn
// inside the window on Windows, not by the test driver): a maximised
// window above the taskbar on 1366×768 at 100% and 125%, and on
// 1920×1080 at 150% (1920×1040 work area).
var screenSizes = []struct {
	name string
	size fyne.Size
}{
	{"1366x728 at 100%", fyne.NewSize(1366, 728-31-30)},
	{"1920x1040 at 150%", fyne.NewSize(1920/1.5, (1040-45)/1.5-30)},
	{"1366x728 at 125%", fyne.NewSize(1366/1.25, (728-38)/1.25-30)},
}

// inView reports whether o is shown entirely inside the window.
func inView(win fyne.Window, o fyne.CanvasObject) error {
	if !o.Visible() {
		return fmt.Errorf("hidden")
	}
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	s, c := o.Size(), win.Canvas().Size()
	if p.X < 0 || p.Y < 0 || p.X+s.Width > c.Width+0.5 || p.Y+s.Height > c.Height+0.5 || s.Width < 1 {
		return fmt.Errorf("at %v size %v in a %v window", p, s, c)
	}
	return nil
}

// At each screen size the window's content fits (it sets no minimum
// larger than the screen), and the controls users need on each tab are
// on screen without scrolling: the Issues detail's buttons, Save Excel
// report, the Warnings card, Compare, Convert and Clear filters (all off
// screen before at one size or another).
func TestWindowFitsSmallScreens(t *testing.T) {
	for _, sc := range screenSizes {
		t.Run(sc.name, func(t *testing.T) {
			w, win := newTestWindow(t, samplePath(t))
			settle(t, w)
			// Twice: text and buttons that wrap know their width after the
			// first layout (the real driver lays out again by itself).
			lockUI(func() {
				win.Resize(sc.size.AddWidthHeight(1, 1))
				win.Resize(sc.size)
			})
			check := func(tab int, what string, o fyne.CanvasObject) {
				t.Helper()
				if err := inView(win, o); err != nil {
					t.Errorf("tab %d: %s is not on screen: %v", tab, what, err)
				}
			}
			lockUI(func() {
				for tab := tabSummary; tab <= tabRules; tab++ {
					w.selectTab(tab)
					if m := win.Content().MinSize(); m.Width > sc.size.Width || m.Height > sc.size.Height {
						t.Errorf("tab %d: the window needs %v, more than %v", tab, m, sc.size)
					}
				}
				w.selectTab(tabSummary)
				check(tabSummary, "Save Excel report…", w.exportBtn)
				check(tabSummary, "the Warnings card", w.summary.stats[3])
				check(tabSummary, "Compare with previous file…", w.summary.compareBtn)
				check(tabSummary, "Convert to Release 2…", w.summary.convertBtn)
				check(tabSummary, "Printable summary…", w.summary.printBtn)
				w.selectTab(tabIssues)
				w.issues.table.selectCell(5, icProblem)
				for name, o := range map[string]fyne.CanvasObject{
					"Show in Records": w.issues.showRecordBtn, "All events of this person": w.issues.personBtn,
					"Copy": w.issues.copyBtn, "Copy with personal data": w.issues.copyPersonalBtn,
					"More about this": w.issues.moreBtn, "the search box": w.issues.search,
					"Save these as CSV…": w.issues.csvBtn, "the event type filter": w.issues.eventSel,
				} {
					check(tabIssues, name, o)
				}
				// The filters wrap above the table, never under it.
				tablePos := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.issues.table)
				for name, o := range map[string]fyne.CanvasObject{"Save these as CSV…": w.issues.csvBtn, "Clear filters": w.issues.clearBtn} {
					p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
					if p.Y+o.Size().Height > tablePos.Y+0.5 {
						t.Errorf("%s (bottom %.0f) is under the table (top %.0f)", name, p.Y+o.Size().Height, tablePos.Y)
					}
				}
				w.selectTab(tabRecords)
				w.records.goTo(10, 3)
				for name, o := range map[string]fyne.CanvasObject{
					"Next problem": w.records.nextB, "All events of this person": w.records.personB,
					"Copy with personal data": w.records.copyPersonalB,
				} {
					check(tabRecords, name, o)
				}
				w.selectTab(tabCharts)
				check(tabCharts, "Copy picture", w.charts.copyB)
				check(tabCharts, "the chart", w.charts.view)
			})
		})
	}
}
