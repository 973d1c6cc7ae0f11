package ui

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cldvalidator/charts"
	"cldvalidator/validation"
)

// File → Save printable summary… writes the HTML summary, masked unless
// asked for.
func TestSavePrintableSummary(t *testing.T) {
	w, win := newTestWindow(t, samplePath(t))
	settle(t, w)
	out := filepath.Join(t.TempDir(), "summary.html")
	lockUI(func() {
		press(win, fyne.KeyP, fyne.KeyModifierShortcutDefault) // Ctrl+P
		if seen(w).save == nil || !strings.HasSuffix(seen(w).save.path.Text, " - CLD summary.html") {
			t.Fatal("Ctrl+P did not offer to save the summary")
		}
		seen(w).save.path.SetText(out)
		seen(w).save.personal.SetChecked(false)
		seen(w).save.save()
	})
	settle(t, w)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), verdictText(w.res.Summary.Errors)) {
		t.Error("the summary has no verdict")
	}
	for nhs := range allNHSNumbers(t, w.res) {
		if strings.Contains(string(b), nhs) {
			t.Fatalf("the masked summary contains NHS Number %s", nhs)
		}
	}
}

// A chart is saved as a PNG at the export size; copying it as a picture
// says plainly where that cannot be done (not Windows).
func TestChartPictureSaveAndCopy(t *testing.T) {
	w, _ := newTestWindow(t, samplePath(t))
	settle(t, w)
	out := filepath.Join(t.TempDir(), "chart.png")
	lockUI(func() {
		w.selectTab(tabCharts)
		w.charts.list.Select(slices.IndexFunc(charts.All, func(c charts.Chart) bool { return c.Title == "Events by month" }))
		test.Tap(w.charts.saveB)
		if !strings.HasSuffix(seen(w).save.path.Text, "Events by month.png") {
			t.Errorf("default picture name %q", seen(w).save.path.Text)
		}
		seen(w).save.path.SetText(out)
		seen(w).save.save()
	})
	settle(t, w)
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil || img.Bounds().Dx() != exportW || img.Bounds().Dy() != exportH {
		t.Fatalf("saved picture %v, %v", img.Bounds(), err)
	}
	lockUI(func() { test.Tap(w.charts.copyB) })
	settle(t, w)
	lockUI(func() {
		if copyImage(img) == errNoImageClipboard {
			if !strings.Contains(seen(w).message, "Save as picture") {
				t.Errorf("copy where pictures cannot be copied: %q", seen(w).message)
			}
		} else if !strings.Contains(w.status.Text, "copied as a picture") {
			t.Errorf("status %q", w.status.Text)
		}
	})
}

// The clipboard bitmap: a BITMAPINFOHEADER and bottom-up BGR rows.
func TestDIB(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(0, 0, color.RGBA{R: 10, G: 20, B: 30, A: 255}) // top left
	img.Set(2, 1, color.RGBA{R: 200, G: 100, B: 50, A: 255})
	b := dib(img)
	le := binary.LittleEndian
	if le.Uint32(b[0:]) != 40 || le.Uint32(b[4:]) != 3 || le.Uint32(b[8:]) != 2 || le.Uint16(b[14:]) != 32 || len(b) != 40+3*2*4 {
		t.Fatalf("header % x", b[:40])
	}
	px := b[40:]
	// The top row is stored last.
	if !bytes.Equal(px[3*4:3*4+4], []byte{30, 20, 10, 255}) {
		t.Errorf("top-left pixel % x", px[3*4:3*4+4])
	}
	if !bytes.Equal(px[2*4:2*4+4], []byte{50, 100, 200, 255}) {
		t.Errorf("bottom-right pixel % x", px[2*4:2*4+4])
	}
}

// Clicking a bar of Issues by field shows that field's errors (or
// warnings) in the Issues tab.
func TestClickingABarFiltersIssues(t *testing.T) {
	w, win := newTestWindow(t, samplePath(t))
	settle(t, w)
	lockUI(func() {
		w.selectTab(tabCharts)
		w.charts.list.Select(0)
	})
	waitFor(t, func() bool { return len(w.charts.view.hits) > 0 }, "the chart and its bars")
	var hit charts.Hit
	var pos fyne.Position
	lockUI(func() {
		for _, h := range w.charts.view.hits {
			if h.Severity == "error" && h.Rect.Dx() > 4 {
				hit = h
				break
			}
		}
		if hit.Field == "" {
			t.Fatal("no error bar on the chart")
		}
		s := w.charts.view.hitScale
		mid := hit.Rect.Min.Add(hit.Rect.Max).Div(2)
		abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(w.charts.view)
		pos = abs.Add(fyne.NewPos(float32(mid.X)/s, float32(mid.Y)/s))
		test.TapCanvas(win.Canvas(), pos) // as a click on the window
	})
	settle(t, w)
	lockUI(func() {
		if w.tabs.SelectedIndex() != tabIssues {
			t.Fatalf("the click did not open the Issues tab (tab %d)", w.tabs.SelectedIndex())
		}
		want := 0
		for _, is := range w.res.Issues {
			if is.Sev == validation.Error && w.res.ColumnName(is) == hit.Field {
				want++
			}
		}
		if len(w.issues.view) != want || want == 0 {
			t.Errorf("%s errors: %d shown, want %d", hit.Field, len(w.issues.view), want)
		}
		if w.issues.colSel.Selected != hit.Field || w.issues.sevSel.Selected != "Errors" {
			t.Errorf("filters %q / %q", w.issues.colSel.Selected, w.issues.sevSel.Selected)
		}
	})
}

// Clicking the Severity heading sorts the issues errors first; clicking
// it again reverses the order; the heading shows an arrow.
func TestClickingAHeadingSorts(t *testing.T) {
	w, win := newTestWindow(t, samplePath(t))
	settle(t, w)
	click := func(col int) {
		var target *tapHeader
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *tapHeader:
				if x.col == col && x.Visible() {
					target = x
				}
			case *fyne.Container:
				for _, c := range x.Objects {
					walk(c)
				}
			case fyne.Widget:
				for _, c := range test.WidgetRenderer(x).Objects() {
					walk(c)
				}
			}
		}
		lockUI(func() {
			walk(w.issues.table)
			if target == nil {
				t.Fatalf("no heading for column %d", col)
			}
			abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(target)
			test.TapCanvas(win.Canvas(), abs.Add(fyne.NewPos(target.Size().Width/2, target.Size().Height/2)))
		})
		settle(t, w)
	}
	lockUI(func() { w.selectTab(tabIssues) })
	sevs := func() []validation.Severity {
		var out []validation.Severity
		lockUI(func() {
			for _, i := range w.issues.view {
				out = append(out, w.res.Issues[i].Sev)
			}
		})
		return out
	}
	click(icSeverity)
	s := sevs()
	if len(s) < 2 || s[0] != validation.Error || s[len(s)-1] == validation.Error {
		t.Fatalf("after one click: first %v, last %v", s[0], s[len(s)-1])
	}
	for i := 1; i < len(s); i++ {
		if s[i] > s[i-1] {
			t.Fatalf("not sorted by severity at %d", i)
		}
	}
	lockUI(func() {
		if w.issues.sortSel.Selected != "Severity" {
			t.Errorf("the sort box says %q", w.issues.sortSel.Selected)
		}
	})
	click(icSeverity)
	s = sevs()
	if s[0] == validation.Error || s[len(s)-1] != validation.Error {
		t.Errorf("after two clicks: first %v, last %v", s[0], s[len(s)-1])
	}
	// The heading carries the arrow.
	lockUI(func() {
		var arrow bool
		for _, txt := range visibleTexts(win) {
			arrow = arrow || txt == "Severity ↓"
		}
		if !arrow {
			var hs []string
			for _, x := range visibleTexts(win) {
				if strings.HasPrefix(x, "Sev") || strings.HasPrefix(x, "Row") {
					hs = append(hs, x)
				}
			}
			t.Errorf("the Severity heading shows no arrow: %q", hs)
		}
	})
}
