package charts

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"unicode"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"cldvalidator/validation"
)

// swatch is one legend entry.
type swatch struct {
	label string
	fill  color.Color
	hatch bool
	line  bool // a dashed reference line rather than a filled box
}

// header draws the title, an optional note (muted, one line) and the
// legend at the top of c, and returns the canvas left for the chart.
func (th *theme) header(c draw.Canvas, title, note string, legend []swatch) draw.Canvas {
	return th.layoutHeader(c, title, note, legend, true)
}

// bodyOf is the canvas header would leave, without drawing anything.
func (th *theme) bodyOf(c draw.Canvas, title, note string, legend []swatch) draw.Canvas {
	return th.layoutHeader(c, title, note, legend, false)
}

func (th *theme) layoutHeader(c draw.Canvas, title, note string, legend []swatch, paint bool) draw.Canvas {
	if !paint {
		c.Canvas = nopCanvas{}
	}
	c = draw.Crop(c, th.margin, -th.margin, th.margin, -th.margin)
	width := c.Max.X - c.Min.X
	y := c.Max.Y

	ts := th.title
	ts.XAlign, ts.YAlign = draw.XLeft, draw.YTop
	c.FillText(ts, vg.Point{X: c.Min.X, Y: y}, truncate(ts, title, width))
	y -= ts.Height("Ag") + th.gap

	ls := th.small
	ls.Color = th.fg
	ns := th.small
	ns.XAlign, ns.YAlign = draw.XLeft, draw.YTop
	lineH := vg.Length(math.Max(float64(ls.Height("Ag")), float64(th.swatchSize(ls))))
	// The legend is fitted to the width (labels truncated, entries
	// wrapped onto more lines); with a note it shares the note's line
	// when both fit.
	legend = th.fitLegend(ls, legend, width)
	rows := th.legendRows(ls, legend, width)
	switch {
	case note == "" && len(legend) == 0:
	case len(rows) <= 1 && (note == "" || len(legend) == 0 || ns.Width(note)+th.legendWidth(ls, legend)+3*th.gap <= width):
		if note != "" {
			c.FillText(ns, vg.Point{X: c.Min.X, Y: y}, truncate(ns, note, width))
		}
		if len(legend) > 0 {
			x := c.Min.X
			if note != "" {
				x = c.Max.X - th.legendWidth(ls, legend)
			}
			th.drawLegend(c, ls, legend, x, y)
		}
		y -= lineH + th.gap
	default:
		for _, row := range rows {
			th.drawLegend(c, ls, row, c.Min.X, y)
			y -= lineH + th.gap/2
		}
		if note != "" {
			c.FillText(ns, vg.Point{X: c.Min.X, Y: y}, truncate(ns, note, width))
			y -= ns.Height("Ag") + th.gap
		} else {
			y -= th.gap / 2
		}
	}
	c.Max.Y = y - th.gap/2
	return c
}

// fitLegend truncates legend labels so every entry fits in width on its
// own.
func (th *theme) fitLegend(ls text.Style, legend []swatch, width vg.Length) []swatch {
	out := make([]swatch, len(legend))
	for i, s := range legend {
		room := width - th.legendWidth(ls, []swatch{{label: "", line: s.line}})
		s.label = truncate(ls, s.label, room)
		out[i] = s
	}
	return out
}

// legendRows splits the legend into lines that fit in width.
func (th *theme) legendRows(ls text.Style, legend []swatch, width vg.Length) [][]swatch {
	var rows [][]swatch
	var row []swatch
	for _, s := range legend {
		if len(row) > 0 && th.legendWidth(ls, append(row[:len(row):len(row)], s)) > width {
			rows = append(rows, row)
			row = nil
		}
		row = append(row, s)
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

func (th *theme) swatchSize(ls text.Style) vg.Length {
	return ls.Font.Size * 1.05
}

func (th *theme) legendWidth(ls text.Style, legend []swatch) vg.Length {
	var w vg.Length
	sw := th.swatchSize(ls)
	for i, s := range legend {
		if i > 0 {
			w += 2.5 * th.gap
		}
		if s.line {
			w += 2 * sw
		} else {
			w += sw
		}
		w += th.gap/1.5 + ls.Width(s.label)
	}
	return w
}

// drawLegend draws the entries left to right from (x, top).
func (th *theme) drawLegend(c draw.Canvas, ls text.Style, legend []swatch, x, top vg.Length) {
	sw := th.swatchSize(ls)
	ls.XAlign, ls.YAlign = draw.XLeft, draw.YCenter
	textH := ls.Height("Ag")
	mid := top - vg.Length(math.Max(float64(textH), float64(sw)))/2
	for i, s := range legend {
		if i > 0 {
			x += 2.5 * th.gap
		}
		if s.line {
			c.StrokeLine2(draw.LineStyle{Color: s.fill, Width: px(1.5), Dashes: []vg.Length{px(4), px(3)}}, x, mid, x+2*sw, mid)
			x += 2 * sw
		} else {
			r := vg.Rectangle{Min: vg.Point{X: x, Y: mid - sw/2}, Max: vg.Point{X: x + sw, Y: mid + sw/2}}
			th.fillRect(c, r, s.fill, s.hatch)
			x += sw
		}
		x += th.gap / 1.5
		c.FillText(ls, vg.Point{X: x, Y: mid}, s.label)
		x += ls.Width(s.label)
	}
}

// snap rounds a length to whole pixels so bar edges are crisp.
func snap(v vg.Length) vg.Length {
	p := px(1)
	return vg.Length(math.Round(float64(v/p))) * p
}

// fillRect fills r, striping it when hatch is set so the fill can be told
// apart without colour.
func (th *theme) fillRect(c draw.Canvas, r vg.Rectangle, fill color.Color, hatch bool) {
	if r.Max.X <= r.Min.X || r.Max.Y <= r.Min.Y {
		return
	}
	r = vg.Rectangle{Min: vg.Point{X: snap(r.Min.X), Y: snap(r.Min.Y)}, Max: vg.Point{X: snap(r.Max.X), Y: snap(r.Max.Y)}}
	if r.Max.X <= r.Min.X {
		r.Max.X = r.Min.X + px(1)
	}
	if r.Max.Y <= r.Min.Y {
		r.Max.Y = r.Min.Y + px(1)
	}
	c.SetColor(fill)
	c.Fill(r.Path())
	if !hatch {
		return
	}
	step := px(clamp(7*th.k, 5, 12))
	ls := draw.LineStyle{Color: th.hatchColor(fill), Width: px(clamp(1.6*th.k, 1.3, 3))}
	x0, y0, x1, y1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	// Lines x - y = k: k on a fixed grid so neighbouring bars line up.
	start := vg.Length(math.Floor(float64((x0-y1)/step))) * step
	var lines [][]vg.Point
	for k := start; k <= x1-y0; k += step {
		lo := max(y0, x0-k)
		hi := min(y1, x1-k)
		if hi <= lo {
			continue
		}
		lines = append(lines, []vg.Point{{X: lo + k, Y: lo}, {X: hi + k, Y: hi}})
	}
	c.StrokeLines(ls, lines...)
}

// noData draws a centred note in place of a chart with nothing to show.
func (th *theme) noData(c draw.Canvas, msg, detail string) {
	c = draw.Crop(c, th.margin, -th.margin, th.margin, -th.margin)
	r := c.Rectangle
	c.StrokeLines(draw.LineStyle{Color: th.grid, Width: px(1), Dashes: []vg.Length{px(5), px(4)}},
		[]vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min})
	mid := c.Center()
	bs := th.title
	bs.Color = th.muted
	bs.XAlign, bs.YAlign = draw.XCenter, draw.YCenter
	width := r.Max.X - r.Min.X - 2*th.gap
	if detail == "" {
		c.FillText(bs, mid, truncate(bs, msg, width))
		return
	}
	ds := th.small
	ds.XAlign, ds.YAlign = draw.XCenter, draw.YTop
	bs.YAlign = draw.YBottom
	c.FillText(bs, vg.Point{X: mid.X, Y: mid.Y + th.gap/2}, truncate(bs, msg, width))
	c.FillText(ds, vg.Point{X: mid.X, Y: mid.Y - th.gap/2}, truncate(ds, detail, width))
}

// emptyChart draws a title and a "No data" note.
func emptyChart(c draw.Canvas, th *theme, title, detail string) {
	body := th.header(c, title, "", nil)
	th.noData(body, "No data", detail)
}

// truncate shortens s with "…" so it fits in width.
func truncate(sty text.Style, s string, width vg.Length) string {
	if width <= 0 {
		return ""
	}
	if sty.Width(s) <= width {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs) // the longest prefix that fits is in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if sty.Width(strings.TrimRightFunc(string(rs[:mid]), trimmable)+"…") <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		if sty.Width("…") <= width {
			return "…"
		}
		return ""
	}
	return strings.TrimRightFunc(string(rs[:lo]), trimmable) + "…"
}

func trimmable(r rune) bool {
	return unicode.IsSpace(r) || r == ':' || r == '-' || r == ',' || r == '/' || r == '('
}

// wrap breaks s over at most two lines so each fits in width, splitting at
// the space nearest the middle; lines that still do not fit are truncated.
// It returns s unchanged when it already fits.
func wrap(sty text.Style, s string, width vg.Length) string {
	if sty.Width(s) <= width {
		return s
	}
	best, bestW := -1, vg.Length(math.Inf(1))
	for i, r := range s {
		if r != ' ' {
			continue
		}
		w := max(sty.Width(s[:i]), sty.Width(s[i+1:]))
		if w < bestW {
			best, bestW = i, w
		}
	}
	if best < 0 {
		return truncate(sty, s, width)
	}
	return truncate(sty, s[:best], width) + "\n" + truncate(sty, s[best+1:], width)
}

// clean makes a label from data safe to draw on one line: whitespace
// (including newlines) collapsed, control characters dropped.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "(blank)"
	}
	return s
}

func normalise(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// countTicks labels a count axis at round whole numbers.
type countTicks struct{ n int }

// niceMax returns the top of a count axis showing max with about n ticks,
// and the step between ticks.
func niceMax(max float64, n int) (top, step float64) {
	if !(max > 0) || math.IsInf(max, 0) {
		return 1, 1
	}
	if n < 2 {
		n = 2
	}
	raw := max / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if s := m * mag; s >= raw {
			step = s
			break
		}
	}
	if step < 1 {
		step = 1
	}
	if step != math.Floor(step) { // 2.5 with mag 1
		step = math.Ceil(step)
	}
	top = math.Ceil(max/step) * step
	return top, step
}

func (t countTicks) Ticks(lo, hi float64) []plot.Tick {
	_, step := niceMax(hi, t.n)
	var ticks []plot.Tick
	for v := 0.0; v <= hi+step/1e6 && len(ticks) < 50; v += step {
		if v < lo-step/1e6 {
			continue
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: validation.Commas(int(math.Round(v)))})
	}
	return ticks
}

// percentTicks labels a 0–100 axis.
type percentTicks struct{ step float64 }

func (t percentTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for v := 0.0; v <= 100.0001; v += t.step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.Itoa(int(v)) + "%"})
	}
	return ticks
}

// newPlot returns a plot styled for the theme, with no title or legend
// (the header draws those).
func (th *theme) newPlot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.LineStyle = draw.LineStyle{Color: th.axis, Width: px(1)}
		a.Tick.LineStyle = draw.LineStyle{Color: th.axis, Width: px(1)}
		a.Tick.Length = 0
		a.Tick.Label = th.tick
		a.Label.TextStyle = th.small
		a.Label.TextStyle.Color = th.muted
		a.Label.Padding = th.gap
		a.Padding = 0
	}
	// Invisible tick marks keep the X tick labels off the axis line.
	p.X.Tick.Length = th.gap / 2
	p.X.Tick.LineStyle.Color = color.Transparent
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.X.Label.TextStyle.XAlign, p.X.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
	p.Y.Label.TextStyle.XAlign, p.Y.Label.TextStyle.YAlign = draw.XCenter, draw.YBottom
	return p
}

// tickCount is how many ticks a count axis of the given length gets.
func (th *theme) tickCount(length vg.Length) int {
	n := int(float64(length) / float64(px(90)))
	return max(2, min(n, 8))
}

// nopCanvas measures without drawing.
type nopCanvas struct{}

func (nopCanvas) SetLineWidth(vg.Length)                 {}
func (nopCanvas) SetLineDash([]vg.Length, vg.Length)     {}
func (nopCanvas) SetColor(color.Color)                   {}
func (nopCanvas) Rotate(float64)                         {}
func (nopCanvas) Translate(vg.Point)                     {}
func (nopCanvas) Scale(float64, float64)                 {}
func (nopCanvas) Push()                                  {}
func (nopCanvas) Pop()                                   {}
func (nopCanvas) Stroke(vg.Path)                         {}
func (nopCanvas) Fill(vg.Path)                           {}
func (nopCanvas) FillString(font.Face, vg.Point, string) {}
func (nopCanvas) DrawImage(vg.Rectangle, image.Image)    {}
