package charts

import (
	"image/color"
	"math"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Okabe-Ito colour-blind-safe palette.
var (
	okOrange     = color.RGBA{0xE6, 0x9F, 0x00, 0xFF}
	okSkyBlue    = color.RGBA{0x56, 0xB4, 0xE9, 0xFF}
	okGreen      = color.RGBA{0x00, 0x9E, 0x73, 0xFF}
	okYellow     = color.RGBA{0xF0, 0xE4, 0x42, 0xFF}
	okBlue       = color.RGBA{0x00, 0x72, 0xB2, 0xFF}
	okVermillion = color.RGBA{0xD5, 0x5E, 0x00, 0xFF}
	okPurple     = color.RGBA{0xCC, 0x79, 0xA7, 0xFF}
)

// theme holds the colours and text styles of one drawing, chosen for the
// light or dark window theme and scaled to the image size.
type theme struct {
	dark bool

	bg, fg, muted, grid, axis color.Color
	primary                   color.Color // single-series bars
	other                     color.Color // "unknown" / "blank or invalid" bars
	errorFill, warnFill       color.Color
	lowFill                   color.Color // completeness below target

	k float64 // size scale: 1 at 800×500

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
		th.primary = okSkyBlue
		th.other = color.RGBA{0x8C, 0x8C, 0x92, 0xFF}
	} else {
		th.bg = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
		th.fg = color.RGBA{0x21, 0x21, 0x21, 0xFF}
		th.muted = color.RGBA{0x5C, 0x5C, 0x63, 0xFF}
		th.grid = color.RGBA{0xE2, 0xE2, 0xE6, 0xFF}
		th.axis = color.RGBA{0x70, 0x70, 0x78, 0xFF}
		th.primary = okBlue
		th.other = color.RGBA{0x9A, 0x9A, 0xA0, 0xFF}
	}
	th.errorFill = okVermillion
	th.warnFill = okOrange
	th.lowFill = okVermillion

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
		return okSkyBlue, false
	case "assessment":
		return okOrange, false
	case "service":
		return okBlue, false
	case "review":
		return okGreen, false
	case "(blank or invalid)":
		return th.other, true
	}
	extra := []color.Color{okPurple, okYellow, okVermillion}
	return extra[i%len(extra)], true
}

func clamp(v, lo, hi float64) float64 {
	if math.IsNaN(v) {
		return lo
	}
	return math.Max(lo, math.Min(hi, v))
}
