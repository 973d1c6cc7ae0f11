package palette

import (
	"image/color"
	"math"
	"testing"
)

// The arithmetic against WCAG's own worked values.
func TestContrastMatchesWCAG(t *testing.T) {
	black, white := color.Black, color.White
	if got := Contrast(black, white); math.Abs(got-21) > 1e-9 {
		t.Errorf("black on white %.3f, want 21", got)
	}
	if got := Contrast(white, white); got != 1 {
		t.Errorf("white on white %.3f", got)
	}
	// #767676 is the lightest grey with 4.5:1 on white (4.54).
	if got := Contrast(color.NRGBA{0x76, 0x76, 0x76, 0xFF}, white); got < 4.5 || got > 4.6 {
		t.Errorf("#767676 on white %.3f, want 4.54", got)
	}
	// Fyne's default light warning (#FF9800) is 2.2:1 on white.
	if got := Contrast(color.NRGBA{0xFF, 0x98, 0x00, 0xFF}, white); math.Abs(got-2.16) > 0.02 {
		t.Errorf("#FF9800 on white %.3f, want 2.16", got)
	}
	if got := Over(color.NRGBA{0, 0, 0, 0x80}, white); got.R != 0x7F && got.R != 0x80 {
		t.Errorf("half black over white %v", got)
	}
}

// Each severity colour is readable as text on white and on the dark
// theme's background, and the three are told apart.
func TestSeverityColoursReadable(t *testing.T) {
	bgs := map[bool]color.Color{false: color.White, true: color.NRGBA{0x17, 0x17, 0x18, 0xFF}}
	for _, dark := range []bool{false, true} {
		for name, c := range map[string]color.Color{"error": Error(dark), "warning": Warning(dark), "success": Success(dark)} {
			if r := Contrast(c, bgs[dark]); r < TextAA {
				t.Errorf("dark=%v %s %.2f:1", dark, name, r)
			}
		}
		if Error(dark) == Warning(dark) || Warning(dark) == Success(dark) {
			t.Errorf("dark=%v: severities share a colour", dark)
		}
	}
}
