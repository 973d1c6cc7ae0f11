package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// visibleTexts is every piece of text the window shows now, in drawing
// order: labels, buttons, text boxes, drop-downs, table cells, the title,
// and any dialog on top. Hidden objects and tabs not selected are skipped.
func visibleTexts(win fyne.Window) []string { return collectTexts(win, true) }

// visibleProse is visibleTexts without the contents of tables and lists
// (whose cells repeat by nature: "Error" on every error row).
func visibleProse(win fyne.Window) []string { return collectTexts(win, false) }

func collectTexts(win fyne.Window, collections bool) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		if _, ok := o.(interface{ UnselectAll() }); ok && !collections {
			return // a table or list
		}
		switch x := o.(type) {
		case *canvas.Text:
			if strings.TrimSpace(x.Text) != "" {
				out = append(out, x.Text)
			}
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	out = append(out, win.Title())
	walk(win.Content())
	for _, o := range win.Canvas().Overlays().List() {
		walk(o)
	}
	return out
}

// repeatedLines lists the sentences (four words or more) shown more than
// once, ignoring case and a final full stop.
func repeatedLines(texts []string) []string {
	count := map[string]int{}
	var order []string
	for _, t := range texts {
		for _, l := range strings.Split(t, "\n") {
			k := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(l), "."))
			if len(strings.Fields(k)) < 4 {
				continue
			}
			if count[k] == 0 {
				order = append(order, k)
			}
			count[k]++
		}
	}
	var out []string
	for _, k := range order {
		if count[k] > 1 {
			out = append(out, k)
		}
	}
	return out
}
