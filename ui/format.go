package ui

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

func seconds(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// clip shortens s to at most n characters for a single-line label.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// fixedWidth gives o a fixed width (Fyne's Select is only as wide as its
// placeholder otherwise).
func fixedWidth(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// minHeight makes o at least h tall while letting it stretch in width.
func minHeight(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return container.NewStack(r, o)
}

// minWidth makes o at least w wide while letting it stretch in height.
func minWidth(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewStack(widthHint(w), o)
}

// headerWidth is the column width that shows a bold header in full: the
// text plus a label's inner padding on both sides, and a little spare.
func headerWidth(title string) float32 {
	return fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width +
		2*theme.InnerPadding() + 2*theme.Padding()
}
