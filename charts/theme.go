package charts

import (
	"image"
	"image/color"
	"math"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"cldvalidator/palette"
)

// Series colours, one set per theme variant, each at least 3:1 against
// the chart's background (WCAG 2.2 AA for graphics; TestChartContrast).
// Red and amber are kept for errors and warnings (package palette), so no
// other series borrows them.
var (
	lightBlue   = color.RGBA{0x15, 0x65, 0xC0, 0xFF}
	lightTeal   = color.RGBA{0x00, 0x83, 0x8F, 0xFF}
	lightPurple = color.RGBA{0x6A, 0x1B, 0x9A, 0xFF}
	lightBrown  = color.RGBA{0x5D, 0x40, 0x37, 0xFF}
	lightExtra  = []color.Color{color.RGBA{0x45, 0x5A, 0x64, 0xFF}, color.RGBA{0x2E, 0x7D, 0x32, 0xFF}, color.RGBA{0xAD, 0x14, 0x57, 0xFF}}

	darkBlue   = color.RGBA{0x64, 0xB5, 0xF6, 0xFF}
	darkTeal   = color.RGBA{0x4D, 0xD0, 0xE1, 0xFF}
	darkPurple = color.RGBA{0xCE, 0x93, 0xD8, 0xFF}
	darkBrown  = color.RGBA{0xBC, 0xAA, 0xA4, 0xFF}
	darkExtra  = []color.Color{color.RGBA{0x90, 0xA4, 0xAE, 0xFF}, color.RGBA{0xAE, 0xD5, 0x81, 0xFF}, color.RGBA{0xF4, 0x8F, 0xB1, 0xFF}}
)

// theme holds the colours and text styles of one drawing, chosen for the
// light or dark window theme and scaled to the image size.
type theme struct {
	dark bool

	bg, fg, muted, grid, axis color.Color
	primary                   color.Color // single-series bars
	other                     color.Color // "unknown" / "blank or invalid" bars
	errorFill, warnFill       color.Color // palette.Error and palette.Warning
	lowFill                   color.Color // completeness below target: the warning colour
	events                    [4]color.Color
	extra                     []color.Color

	k float64 // size scale: 1 at 800×500

	hits *[]Hit // where bars are drawn, when asked for (charts.go)
	h    int    // the image's height in pixels, for hits

	title     text.Style
	small     text.Style // notes, legends, value labels (muted colour)
	smallBold text.Style // small, bold, foreground colour
	tick      text.Style // axis tick labels
	gap       vg.Length  // standard spacing
	margin    vg.Length
}

var (
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

func newTheme(w, h int, dark bool) *theme {
	k := math.Min(float64(w)/800, float64(h)/500)
	th := &theme{dark: dark, k: k}
	if dark {
		// Fyne's dark theme background is #171718 with #F0F0F0 text.
		th.bg = color.RGBA{0x17, 0x17, 0x18, 0xFF}
		th.fg = color.RGBA{0xF0, 0xF0, 0xF0, 0xFF}
		th.muted = color.RGBA{0xB0, 0xB0, 0xB4, 0xFF}
		th.grid = color.RGBA{0x3A, 0x3A, 0x3E, 0xFF}
		th.axis = color.RGBA{0x80, 0x80, 0x86, 0xFF}
		th.primary = darkBlue
		th.other = color.RGBA{0x8C, 0x8C, 0x92, 0xFF}
		th.events = [4]color.Color{darkBlue, darkTeal, darkPurple, darkBrown}
		th.extra = darkExtra
	} else {
		th.bg = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
		th.fg = color.RGBA{0x21, 0x21, 0x21, 0xFF}
		th.muted = color.RGBA{0x5C, 0x5C, 0x63, 0xFF}
		th.grid = color.RGBA{0xE2, 0xE2, 0xE6, 0xFF}
		th.axis = color.RGBA{0x70, 0x70, 0x78, 0xFF}
		th.primary = lightBlue
		th.other = color.RGBA{0x73, 0x73, 0x73, 0xFF}
		th.events = [4]color.Color{lightBlue, lightTeal, lightPurple, lightBrown}
		th.extra = lightExtra
	}
	th.errorFill = palette.Error(dark)
	th.warnFill = palette.Warning(dark)
	th.lowFill = th.warnFill

	size := func(base, lo, hi float64) vg.Length { return px(clamp(base*k, lo, hi)) }
	hd := newTextHandler()
	style := func(f font.Font, sz vg.Length, c color.Color) text.Style {
		return text.Style{Color: c, Font: font.From(f, sz), Handler: hd}
	}
	th.title = style(sansBold, size(17, 12.5, 28), th.fg)
	th.small = style(sans, size(11, 9, 17), th.muted)
	th.smallBold = style(sansBold, size(11, 9, 17), th.fg)
	th.tick = style(sans, size(12, 9.5, 19), th.fg)
	th.gap = px(clamp(6*k, 4, 12))
	th.margin = px(clamp(12*k, 6, 24))
	return th
}

// pixels converts a rectangle on the canvas (points, origin bottom left)
// to the image's pixels (origin top left).
func (th *theme) pixels(r vg.Rectangle) image.Rectangle {
	p := func(v vg.Length) int { return int(math.Round(float64(v) * dpi / 72)) }
	return image.Rect(p(r.Min.X), th.h-p(r.Max.Y), p(r.Max.X), th.h-p(r.Min.Y))
}

// hatchColor is the colour of the stripes drawn over a hatched fill: a
// darker shade on light backgrounds, the background on dark ones, so the
// stripes always show.
func (th *theme) hatchColor(fill color.Color) color.Color {
	if th.dark {
		return th.bg
	}
	r, g, b, _ := fill.RGBA()
	const f = 0.55
	return color.RGBA{uint8(float64(r>>8) * f), uint8(float64(g>>8) * f), uint8(float64(b>>8) * f), 0xFF}
}

// eventColor gives each event type a fixed colour, so the legend and the
// bars agree whatever the file contains.
func (th *theme) eventColor(name string, i int) (color.Color, bool) {
	switch normalise(name) {
	case "request":
		return th.events[0], false
	case "assessment":
		return th.events[1], false
	case "service":
		return th.events[2], false
	case "review":
		return th.events[3], false
	case "(blank or invalid)":
		return th.other, true
	}
	return th.extra[i%len(th.extra)], true
}

func clamp(v, lo, hi float64) float64 {
	if math.IsNaN(v) {
		return lo
	}
	return math.Max(lo, math.Min(hi, v))
}
