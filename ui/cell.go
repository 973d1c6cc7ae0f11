package ui

import (
	"image/color"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Table cells are a tintable rectangle and a canvas.Text, not a Label: a
// Label with an ellipsis re-shapes its text on every refresh (Fyne's
// truncateLimit), which takes most of the CPU while a large table scrolls
// (BENCHMARKS.md, "Notes from the code"). Here the text is fitted to the
// column once per distinct (text, width) and the result cached, so
// scrolling costs a map lookup per cell.

// newTextCell makes a table cell.
func newTextCell() fyne.CanvasObject { return newStyledCell(false) }

// tapHeader is a table heading that can be clicked (to sort by its
// column).
type tapHeader struct {
	widget.BaseWidget
	cell  *fyne.Container
	col   int
	onTap func(col int)
}

func newTapHeader(onTap func(col int)) *tapHeader {
	h := &tapHeader{cell: newHeaderCell().(*fyne.Container), onTap: onTap}
	h.ExtendBaseWidget(h)
	return h
}

func (h *tapHeader) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.cell) }
func (h *tapHeader) MinSize() fyne.Size                  { return h.cell.MinSize() }

// Tapped sorts by the heading's column.
func (h *tapHeader) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap(h.col)
	}
}

// Cursor shows the heading can be clicked.
func (h *tapHeader) Cursor() desktop.Cursor { return desktop.PointerCursor }

// newHeaderCell makes a bold table cell for headers.
func newHeaderCell() fyne.CanvasObject { return newStyledCell(true) }

func newStyledCell(bold bool) fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	txt := canvas.NewText("", theme.Color(theme.ColorNameForeground))
	txt.TextStyle.Bold = bold
	return container.New(cellLayout{}, bg, txt)
}

// cellLayout fills the background and places the text with a label's
// padding, vertically centred.
type cellLayout struct{}

func (cellLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(s)
	pad := theme.InnerPadding()
	h := lineHeight()
	objs[1].Move(fyne.NewPos(pad, (s.Height-h)/2))
	objs[1].Resize(fyne.NewSize(max(0, s.Width-2*pad), h))
}

func (cellLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(40, lineHeight()+2*theme.InnerPadding())
}

var (
	lineHeightOnce sync.Once
	lineH          float32
)

func lineHeight() float32 {
	lineHeightOnce.Do(func() {
		lineH = fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	})
	return lineH
}

// cellColor names the text colours a cell uses.
type cellColor int

const (
	fgNormal cellColor = iota
	fgError
	fgWarning
	fgSuccess
)

func (c cellColor) color() color.Color {
	th := fyne.CurrentApp().Settings().Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	switch c {
	case fgError:
		return th.Color(theme.ColorNameError, v)
	case fgWarning:
		return th.Color(theme.ColorNameWarning, v)
	case fgSuccess:
		return th.Color(theme.ColorNameSuccess, v)
	}
	return th.Color(theme.ColorNameForeground, v)
}

func importanceColor(imp widget.Importance) cellColor {
	switch imp {
	case widget.DangerImportance:
		return fgError
	case widget.WarningImportance:
		return fgWarning
	}
	return fgNormal
}

// setCell writes a cell: its text (fitted to the width, with an ellipsis
// when cut), text colour and background tint.
func setCell(o fyne.CanvasObject, text string, fg cellColor, tint color.Color) {
	c := o.(*fyne.Container)
	bg := c.Objects[0].(*canvas.Rectangle)
	txt := c.Objects[1].(*canvas.Text)
	width := c.Size().Width - 2*theme.InnerPadding()
	fitted := fitText(text, width, txt.TextStyle)
	col := fg.color()
	size := theme.TextSize()
	if txt.Text != fitted || txt.Color != col || txt.TextSize != size {
		txt.Text, txt.Color, txt.TextSize = fitted, col, size
		txt.Refresh()
	}
	if bg.FillColor != tint {
		bg.FillColor = tint
		bg.Refresh()
	}
}

type fitKey struct {
	text  string
	width int
	bold  bool
}

var (
	fitMu    sync.Mutex
	fitCache = map[fitKey]string{}
)

const fitCacheMax = 50000

// fitText cuts s to fit width, ending it with "…" when cut. Results are
// cached; a cut needs two or three measurements, not one per character.
func fitText(s string, width float32, style fyne.TextStyle) string {
	if s == "" {
		return ""
	}
	if strings.ContainsAny(s, "\r\n\t") {
		s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
	}
	if width <= 0 {
		return ""
	}
	k := fitKey{s, int(width), style.Bold}
	fitMu.Lock()
	out, ok := fitCache[k]
	fitMu.Unlock()
	if ok {
		return out
	}
	out = fit(s, float32(k.width), style)
	fitMu.Lock()
	if len(fitCache) >= fitCacheMax {
		fitCache = map[fitKey]string{}
	}
	fitCache[k] = out
	fitMu.Unlock()
	return out
}

func fit(s string, width float32, style fyne.TextStyle) string {
	size := theme.TextSize()
	measure := func(t string) float32 { return fyne.MeasureText(t, size, style).Width }
	full := measure(s)
	if full <= width {
		return s
	}
	r := []rune(s)
	// Start from the proportional guess, then step to the longest prefix
	// that fits with its ellipsis.
	n := int(float32(len(r)) * width / full)
	n = max(0, min(n, len(r)-1))
	cut := func(n int) string { return strings.TrimRight(string(r[:n]), " ") + "…" }
	if measure(cut(n)) > width {
		for n > 0 && measure(cut(n)) > width {
			n -= max(1, n/20)
		}
		return cut(max(n, 0))
	}
	for n+1 < len(r) && measure(cut(n+1)) <= width {
		n++
	}
	return cut(n)
}

// setCellBold makes a cell's text bold or not (before setCell).
func setCellBold(o fyne.CanvasObject, bold bool) {
	txt := o.(*fyne.Container).Objects[1].(*canvas.Text)
	if txt.TextStyle.Bold != bold {
		txt.TextStyle.Bold = bold
		txt.Text = "" // make setCell refit and refresh
	}
}
