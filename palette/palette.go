// Package palette holds the colours that mean something — one colour for
// errors, one for warnings, one for success — in the light and the dark
// theme, shared by the window's theme and the charts so a severity looks
// the same everywhere, and the WCAG 2.2 arithmetic (relative luminance,
// contrast ratio, alpha compositing) the tests use to prove every colour
// is readable against what it is drawn on.
package palette

import (
	"image/color"
	"math"
)

// WCAG 2.2 AA minimum contrast ratios.
const (
	TextAA    = 4.5 // normal text
	LargeAA   = 3.0 // large text (18 pt, or 14 pt bold)
	GraphicAA = 3.0 // icons, bars, focus rings and other graphics
)

// Severity colours. Light ones are dark enough for text on white and on
// Fyne's light grey input and button backgrounds; dark ones are light
// enough for text on the dark theme's backgrounds.
var (
	errorLight   = color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF} // red
	errorDark    = color.NRGBA{R: 0xFF, G: 0x6B, B: 0x6B, A: 0xFF}
	warningLight = color.NRGBA{R: 0x98, G: 0x5A, B: 0x00, A: 0xFF} // amber
	warningDark  = color.NRGBA{R: 0xFF, G: 0xA0, B: 0x00, A: 0xFF}
	successLight = color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF} // green
	successDark  = color.NRGBA{R: 0x66, G: 0xBB, B: 0x6A, A: 0xFF}
)

// Error is the colour of errors (text, marks, bars).
func Error(dark bool) color.NRGBA {
	if dark {
		return errorDark
	}
	return errorLight
}

// Warning is the colour of warnings.
func Warning(dark bool) color.NRGBA {
	if dark {
		return warningDark
	}
	return warningLight
}

// Success is the colour of "no errors".
func Success(dark bool) color.NRGBA {
	if dark {
		return successDark
	}
	return successLight
}

// Luminance is the WCAG relative luminance of an opaque colour (0 black,
// 1 white).
func Luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// Contrast is the WCAG contrast ratio of two opaque colours, from 1 to 21.
func Contrast(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Over is fg (which may be translucent) painted over bg, as the screen
// shows it. bg's own alpha is ignored: it is what is underneath.
func Over(fg, bg color.Color) color.NRGBA {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xFF}
}
