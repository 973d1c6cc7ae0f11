package charts

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// series is one stacked layer of a bar chart.
type series struct {
	name   string
	key    string    // what a click on this part means ("error", "warning"), for hits
	values []float64 // one per category
	fill   color.Color
	hatch  bool
	// fills, when set, colours each category's bar separately.
	fills   []color.Color
	hatches []bool
}

// bars draws stacked bars, one per category at positions 0, 1, …, n-1 on
// the category axis, with an optional value label at the end of each.
type bars struct {
	th         *theme
	horizontal bool
	n          int
	series     []series
	width      float64 // bar thickness in category units
	labels     []string
	labelStyle []text.Style // per category; nil entries use the theme's small style
	keys       []string     // per category: the field a click on its bar is about (hits)
}

// pos is category i's coordinate: horizontal bars list the first
// category at the top.
func (b *bars) pos(i int) float64 {
	if b.horizontal {
		return float64(b.n - 1 - i)
	}
	return float64(i)
}

func (b *bars) total(i int) float64 {
	t := 0.0
	for _, s := range b.series {
		if i < len(s.values) && s.values[i] > 0 {
			t += s.values[i]
		}
	}
	return t
}

func (b *bars) maxTotal() float64 {
	m := 0.0
	for i := 0; i < b.n; i++ {
		m = max(m, b.total(i))
	}
	return m
}

func (b *bars) style(i int) text.Style {
	if i < len(b.labelStyle) && b.labelStyle[i].Handler != nil {
		return b.labelStyle[i]
	}
	s := b.th.small
	s.Color = b.th.fg
	return s
}

// Plot implements plot.Plotter.
func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	minLen := px(2) // a non-zero count always shows
	sep := draw.LineStyle{Color: b.th.bg, Width: px(1)}
	_, measuring := c.Canvas.(nopCanvas)
	hit := func(i int, r vg.Rectangle, sev string) {
		if b.th.hits == nil || measuring || i >= len(b.keys) || b.keys[i] == "" {
			return
		}
		*b.th.hits = append(*b.th.hits, Hit{Rect: b.th.pixels(r), Field: b.keys[i], Severity: sev})
	}
	for i := 0; i < b.n; i++ {
		pos := b.pos(i)
		var lo, hi vg.Length // bar extent across the category axis
		var cur vg.Length    // running end of the stack along the value axis
		if b.horizontal {
			lo, hi = trY(pos-b.width/2), trY(pos+b.width/2)
			cur = trX(0)
		} else {
			lo, hi = trX(pos-b.width/2), trX(pos+b.width/2)
			cur = trY(0)
		}
		// The whole row is a hit, from the category labels on the left to
		// the plot's right edge.
		if b.horizontal {
			hit(i, vg.Rectangle{Min: vg.Point{X: 0, Y: lo}, Max: vg.Point{X: c.Max.X, Y: hi}}, "")
		} else {
			hit(i, vg.Rectangle{Min: vg.Point{X: lo, Y: c.Min.Y}, Max: vg.Point{X: hi, Y: c.Max.Y}}, "")
		}
		first := true
		for _, s := range b.series {
			if i >= len(s.values) || !(s.values[i] > 0) {
				continue
			}
			fill, hatch := s.fill, s.hatch
			if i < len(s.fills) && s.fills[i] != nil {
				fill = s.fills[i]
			}
			if i < len(s.hatches) {
				hatch = s.hatches[i]
			}
			var end vg.Length
			var r vg.Rectangle
			if b.horizontal {
				end = trX(s.values[i]) - trX(0) + cur
				end = max(end, cur+minLen)
				r = vg.Rectangle{Min: vg.Point{X: cur, Y: lo}, Max: vg.Point{X: end, Y: hi}}
			} else {
				end = trY(s.values[i]) - trY(0) + cur
				end = max(end, cur+minLen)
				r = vg.Rectangle{Min: vg.Point{X: lo, Y: cur}, Max: vg.Point{X: hi, Y: end}}
			}
			b.th.fillRect(c, r, fill, hatch)
			if s.key != "" {
				hit(i, r, s.key)
			}
			if !first { // a hairline between stacked layers
				if b.horizontal {
					c.StrokeLine2(sep, cur, lo, cur, hi)
				} else {
					c.StrokeLine2(sep, lo, cur, hi, cur)
				}
			}
			first = false
			cur = end
		}
		if i < len(b.labels) && b.labels[i] != "" {
			sty := b.style(i)
			if b.horizontal {
				sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
				c.FillText(sty, vg.Point{X: cur + b.th.gap/1.5, Y: (lo + hi) / 2}, b.labels[i])
			} else {
				sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
				c.FillText(sty, vg.Point{X: (lo + hi) / 2, Y: cur + b.th.gap/2}, b.labels[i])
			}
		}
	}
}

// GlyphBoxes implements plot.GlyphBoxer so the plot leaves room for the
// value labels.
func (b *bars) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var boxes []plot.GlyphBox
	for i := 0; i < b.n && i < len(b.labels); i++ {
		if b.labels[i] == "" {
			continue
		}
		sty := b.style(i)
		w, h := sty.Width(b.labels[i]), sty.Height(b.labels[i])
		t := b.total(i)
		if b.horizontal {
			off := b.th.gap/1.5 + px(2)
			boxes = append(boxes, plot.GlyphBox{X: p.X.Norm(t), Y: p.Y.Norm(b.pos(i)),
				Rectangle: vg.Rectangle{Min: vg.Point{X: off, Y: -h / 2}, Max: vg.Point{X: off + w, Y: h / 2}}})
		} else {
			off := b.th.gap/2 + px(2)
			boxes = append(boxes, plot.GlyphBox{X: p.X.Norm(b.pos(i)), Y: p.Y.Norm(t),
				Rectangle: vg.Rectangle{Min: vg.Point{X: -w / 2, Y: off}, Max: vg.Point{X: w / 2, Y: off + h}}})
		}
	}
	return boxes
}

// refLine draws a dashed line across the plot at a value of the value axis.
type refLine struct {
	th         *theme
	horizontal bool // bars are horizontal: the line is vertical
	value      float64
	color      color.Color
}

func (r refLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ls := draw.LineStyle{Color: r.color, Width: px(1.5), Dashes: []vg.Length{px(4), px(3)}}
	if r.horizontal {
		x := trX(r.value)
		c.StrokeLine2(ls, x, c.Min.Y, x, c.Max.Y)
	} else {
		y := trY(r.value)
		c.StrokeLine2(ls, c.Min.X, y, c.Max.X, y)
	}
}

// categoryPlot sets up a plot of bars: the category axis labelled with
// names (already fitted), the value axis from 0 to top with grid lines.
func (th *theme) categoryPlot(b *bars, names []string, valueLabel string, ticker plot.Ticker, top float64) *plot.Plot {
	p := th.newPlot()
	ticks := make([]plot.Tick, len(names))
	for i, n := range names {
		ticks[i] = plot.Tick{Value: b.pos(i), Label: n}
	}
	cat, val := &p.X, &p.Y
	if b.horizontal {
		cat, val = &p.Y, &p.X
	}
	cat.Tick.Marker = plot.ConstantTicks(ticks)
	cat.Min, cat.Max = -0.5, float64(max(b.n, 1))-0.5
	val.Tick.Marker = ticker
	val.Min, val.Max = 0, top
	val.LineStyle.Width = 0
	val.Label.Text = valueLabel
	if b.horizontal {
		// Tick labels sit a little away from the baseline.
		p.Y.Padding = 0
		p.X.Padding = th.gap / 2
	} else {
		p.X.Padding = 0
		p.Y.Padding = th.gap / 2
	}
	grid := &gridLines{th: th, horizontal: b.horizontal}
	p.Add(grid, b)
	return p
}

// gridLines draws light lines at the value axis's ticks.
type gridLines struct {
	th         *theme
	horizontal bool
}

func (g *gridLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	ls := draw.LineStyle{Color: g.th.grid, Width: px(1)}
	if g.horizontal {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if x := trX(t.Value); t.Value > p.X.Min && c.ContainsX(x) {
				c.StrokeLine2(ls, x, c.Min.Y, x, c.Max.Y)
			}
		}
		return
	}
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if y := trY(t.Value); t.Value > p.Y.Min && c.ContainsY(y) {
			c.StrokeLine2(ls, c.Min.X, y, c.Max.X, y)
		}
	}
}
