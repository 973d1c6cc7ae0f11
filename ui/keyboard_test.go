package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"cldvalidator/palette"
)

// press does with a key what Fyne's desktop driver does (glfw window.go,
// processKeyPressed): Tab and Shift+Tab move the focus unless the focused
// control takes tabs; a key with Ctrl or Alt is a shortcut, tried on the
// main menu first, then the focused control, then the window; any other
// key goes to the focused control, or the window's key handler when
// nothing is focused.
func press(win fyne.Window, key fyne.KeyName, mods ...fyne.KeyModifier) {
	c := win.Canvas()
	var mod fyne.KeyModifier
	for _, m := range mods {
		mod |= m
	}
	if key == fyne.KeyTab && mod&^fyne.KeyModifierShift == 0 {
		if t, ok := c.Focused().(fyne.Tabbable); !ok || !t.AcceptsTab() {
			if mod == 0 {
				c.FocusNext()
			} else {
				c.FocusPrevious()
			}
			return
		}
	}
	if mod != 0 && mod != fyne.KeyModifierShift {
		sc := &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		if m := win.MainMenu(); m != nil {
			for _, menu := range m.Items {
				for _, it := range menu.Items {
					if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && !it.Disabled {
						it.Action()
						return
					}
				}
			}
		}
		if f, ok := c.Focused().(fyne.Shortcutable); ok {
			f.TypedShortcut(sc)
			return
		}
		c.(fyne.Shortcutable).TypedShortcut(sc)
		return
	}
	ev := &fyne.KeyEvent{Name: key}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// typeText types into the focused control.
func typeText(win fyne.Window, s string) {
	for _, r := range s {
		win.Canvas().Focused().TypedRune(r)
	}
}

// tabTo presses Tab until want has the keyboard, and returns the controls
// visited on the way; it fails after limit presses.
func tabTo(t *testing.T, win fyne.Window, want fyne.Focusable, limit int) []fyne.Focusable {
	t.Helper()
	var seen []fyne.Focusable
	for i := 0; i < limit; i++ {
		press(win, fyne.KeyTab)
		f := win.Canvas().Focused()
		seen = append(seen, f)
		if f == want {
			return seen
		}
	}
	t.Fatalf("Tab did not reach %T in %d presses", want, limit)
	return nil
}

func contains(list []fyne.Focusable, f fyne.Focusable) bool {
	for _, x := range list {
		if x == f {
			return true
		}
	}
	return false
}

// The main flow with the keyboard only: open a file by typing its path,
// move to the Issues tab, Tab to the table, move through issues with the
// arrows, Enter opens one in the Records tab; drop-downs change with the
// arrows without opening; Help, the save dialog and an error dialog
// answer Enter and Esc. Every control Tab reaches shows a focus ring.
func TestKeyboardOnlyMainFlow(t *testing.T) {
	path := samplePath(t)
	w, win := newTestWindow(t)

	// Tab starts at Open file…, in reading order, with a ring that can be
	// seen (it was invisible on the blue button).
	lockUI(func() {
		press(win, fyne.KeyTab)
		if win.Canvas().Focused() != w.open.browseB {
			t.Fatalf("first Tab focused %T, want Open file…", win.Canvas().Focused())
		}
		r := w.open.browseB.ring.rect
		if r == nil || !r.Visible() {
			t.Fatal("no focus ring on Open file…")
		}
		if c := palette.Contrast(r.StrokeColor, themeColor(theme.ColorNameBackground)); c < palette.GraphicAA {
			t.Errorf("focus ring contrast %.2f:1 (ring %v)", c, r.StrokeColor)
		}
		press(win, fyne.KeyTab)
		if win.Canvas().Focused() != w.open.path {
			t.Fatalf("second Tab focused %T, want the path box", win.Canvas().Focused())
		}
		if w.open.browseB.ring.rect.Visible() || !w.open.path.ring.rect.Visible() {
			t.Error("the ring did not move with the focus")
		}
		typeText(win, path)
		press(win, fyne.KeyReturn)
	})
	settle(t, w)
	lockUI(func() {
		if w.res == nil {
			t.Fatalf("typing the path and Enter did not check it: %q", seen(w).message)
		}
		press(win, fyne.KeyTab, fyne.KeyModifierShortcutDefault) // Ctrl+Tab
		if w.tabs.SelectedIndex() != tabIssues {
			t.Fatalf("Ctrl+Tab: tab %d", w.tabs.SelectedIndex())
		}
		seen := tabTo(t, win, w.issues.table, 60)
		for name, f := range map[string]fyne.Focusable{
			"Issues by rule": w.issues.ruleList, "severity": w.issues.sevSel, "rule": w.issues.ruleSel,
			"column": w.issues.colSel, "event type": w.issues.eventSel, "search": w.issues.search,
			"sort": w.issues.sortSel, "Save these as CSV": w.issues.csvBtn, "Save Excel report": w.exportBtn,
		} {
			if !contains(seen, f) {
				t.Errorf("Tab never reached %s on the way to the table", name)
			}
		}
		if !w.issues.table.ring.rect.Visible() {
			t.Error("no focus ring on the Issues table")
		}
		press(win, fyne.KeyDown)
		press(win, fyne.KeyDown)
		if w.issues.selected != 1 {
			t.Fatalf("two Downs selected issue %d, want 1", w.issues.selected)
		}
		if !strings.Contains(w.issues.detailMsg.Text, w.res.Message(w.res.Issues[1], false)) {
			t.Errorf("the detail does not show the selected issue")
		}
	})
	// Tab on from the table reaches the detail's buttons; More about this
	// opens Help at that kind of problem; Esc closes it.
	lockUI(func() {
		seen := tabTo(t, win, w.issues.moreBtn, 20)
		if !contains(seen, w.issues.copyBtn) || !contains(seen, w.issues.copyPersonalBtn) {
			for _, f := range seen {
				t.Logf("visited %T", f)
			}
			t.Error("Tab skipped the detail's buttons")
		}
		press(win, fyne.KeyReturn)
		if w.help == nil || w.help.shown != helpTopicFor(w.res.Rule(w.res.Issues[1]), w.res.ColumnName(w.res.Issues[1])) {
			t.Fatal("More about this did not open Help at the issue's topic")
		}
		press(win, fyne.KeyEscape)
		if w.help != nil || len(w.modals) != 0 {
			t.Fatal("Esc did not close Help")
		}
		// Enter on the table opens the issue in the Records tab (the
		// first issues of the sample are about the whole file).
		win.Canvas().Focus(w.issues.table)
		for w.res.Issues[w.issues.selected].Row < 0 {
			press(win, fyne.KeyDown)
		}
		is := w.res.Issues[w.issues.selected]
		press(win, fyne.KeyReturn)
		if w.tabs.SelectedIndex() != tabRecords || w.records.selRow != int(is.Row) {
			t.Fatalf("Enter: tab %d, record row %d, want Records at row %d", w.tabs.SelectedIndex(), w.records.selRow, is.Row)
		}
		if win.Canvas().Focused() != w.records.table {
			t.Error("the Records table does not have the keyboard after Enter")
		}
		press(win, fyne.KeyDown)
		if w.records.selRow != int(is.Row)+1 {
			t.Errorf("Down in Records: row %d", w.records.selRow)
		}
	})
	// Tab reaches the Records table from the top of the window, through
	// the Records tab's own controls.
	lockUI(func() {
		win.Canvas().Focus(w.open.browseB)
		seen := tabTo(t, win, w.records.table, 40)
		for name, f := range map[string]fyne.Focusable{"the row box": w.records.gotoEntry, "Next problem": w.records.nextB} {
			if !contains(seen, f) {
				t.Errorf("Tab never reached %s on the way to the Records table", name)
			}
		}
		if !w.records.table.ring.rect.Visible() {
			t.Error("no focus ring on the Records table")
		}
	})
	// Arrows on a drop-down change its choice and never open a list.
	lockUI(func() {
		press(win, fyne.Key2, fyne.KeyModifierAlt)
		win.Canvas().Focus(w.issues.sevSel)
		press(win, fyne.KeyDown)
		if w.issues.sevSel.Selected != "Errors" {
			t.Errorf("Down on the severity drop-down chose %q", w.issues.sevSel.Selected)
		}
		if win.Canvas().Overlays().Top() != nil {
			t.Error("Down opened a drop-down list")
		}
		press(win, fyne.KeyUp)
		if w.issues.sevSel.Selected != anySeverity || win.Canvas().Overlays().Top() != nil {
			t.Errorf("Up: %q, list open %v", w.issues.sevSel.Selected, win.Canvas().Overlays().Top() != nil)
		}
		press(win, fyne.KeySpace)
		if win.Canvas().Overlays().Top() == nil {
			t.Error("Space did not open the drop-down's list")
		} else {
			win.Canvas().Overlays().Top().Hide()
			win.Canvas().Overlays().Remove(win.Canvas().Overlays().Top())
		}
	})
	settle(t, w)

	// Dialogs: the save dialog (Esc cancels; Enter saves), an error
	// (Enter closes), Saved (Esc closes).
	out := filepath.Join(t.TempDir(), "report.xlsx")
	lockUI(func() {
		press(win, fyne.KeyE, fyne.KeyModifierShortcutDefault)
		if seen(w).save == nil || len(w.modals) != 1 || win.Canvas().Focused() != seen(w).save.path {
			t.Fatal("Ctrl+E did not open the save dialog with the keyboard in its path box")
		}
		press(win, fyne.KeyEscape)
		if len(w.modals) != 0 {
			t.Fatal("Esc did not close the save dialog")
		}
		seen(w).save = nil
		press(win, fyne.KeyE, fyne.KeyModifierShortcutDefault)
		seen(w).save.path.SetText("")
		typeText(win, out)
		press(win, fyne.KeyReturn)
	})
	settle(t, w)
	lockUI(func() {
		if seen(w).message != "Saved: "+out {
			t.Fatalf("Enter in the save dialog did not save: %q", seen(w).message)
		}
		if len(w.modals) != 1 {
			t.Fatalf("%d dialogs open, want Saved", len(w.modals))
		}
		press(win, fyne.KeyEscape)
		if len(w.modals) != 0 {
			t.Fatal("Esc did not close Saved")
		}
		win.Canvas().Focus(w.open.path)
		w.open.path.SetText(filepath.Join(t.TempDir(), "missing.csv"))
		press(win, fyne.KeyReturn)
		if !strings.Contains(seen(w).message, "could not be found") || len(w.modals) != 1 {
			t.Fatalf("no error dialog: %q", seen(w).message)
		}
		press(win, fyne.KeyReturn)
		if len(w.modals) != 0 {
			t.Fatal("Enter did not close the error dialog")
		}
		// F1 opens Help from anywhere; arrows walk its topics.
		win.Canvas().Focus(w.issues.search)
		press(win, fyne.KeyF1)
		if w.help == nil || win.Canvas().Focused() != w.help.list {
			t.Fatal("F1 did not open Help with the keyboard in its topics")
		}
		press(win, fyne.KeyDown)
		press(win, fyne.KeyReturn)
		if w.help.shown != helpTopics[1].id {
			t.Errorf("Down, Enter in Help shows %q", w.help.shown)
		}
		press(win, fyne.KeyEscape)
		if w.help != nil {
			t.Error("Esc did not close Help")
		}
	})
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
}
