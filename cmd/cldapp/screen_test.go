package main

import (
	"runtime"
	"testing"
)

// The window fits the work area at the scales Fyne draws at: the usual
// 1280×800 where there is room, the work area (in Fyne's units) where
// there is not (1366×728 at 100%, 1920×1040 at 150%, 1366×728 at 125%).
func TestFitSize(t *testing.T) {
	deco := func(scale float32) (float32, float32) {
		if runtime.GOOS == "windows" {
			return windowDecorationW * scale, windowDecorationH * scale
		}
		return 0, 0
	}
	for _, c := range []struct {
		w, h  int
		scale float32
		fill  bool
	}{
		{1366, 728, 1, true}, {1920, 1040, 1.5, true}, {1366, 728, 1.25, true},
		{2560, 1400, 1, false}, {1920, 1040, 1, false},
	} {
		size, fill := fitSize(c.w, c.h, c.scale)
		dw, dh := deco(c.scale)
		if fill != c.fill {
			t.Errorf("%dx%d at %.2f: fill %v", c.w, c.h, c.scale, fill)
		}
		if size.Width*c.scale > float32(c.w)-dw+0.5 || size.Height*c.scale > float32(c.h)-dh+0.5 {
			t.Errorf("%dx%d at %.2f: %v does not fit", c.w, c.h, c.scale, size)
		}
		if !fill && size != defaultWindowSize {
			t.Errorf("%dx%d at %.2f: %v, want the default", c.w, c.h, c.scale, size)
		}
	}
}
