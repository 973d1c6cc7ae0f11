package main

import (
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// The window opens inside the screen's work area (the screen less the
// taskbar): at its usual 1280×800 where that fits at the scale Fyne will
// draw at, otherwise at the size of the work area — and maximised on
// Windows, where the title bar and borders are the system's to place. On
// a 1366×768 laptop the usual size put the Issues detail's buttons below
// the screen; at 150% it opened at 1920×1200 on a 1920×1080 screen.

// defaultWindowSize is the window's size where the screen has room.
var defaultWindowSize = fyne.NewSize(1280, 800)

// windowDecoration is the title bar and borders Windows adds around the
// window, in pixels at 100% (the window is maximised there anyway; this
// keeps its first frame inside the screen).
const windowDecorationW, windowDecorationH = 16, 39

// screenArea is the primary monitor's work area in pixels and the scale
// Fyne will draw the window at there. ok is false when it cannot be told.
func screenArea(a fyne.App) (w, h int, scale float32, ok bool) {
	defer func() {
		if recover() != nil { // GLFW not initialised: keep the default size
			ok = false
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, 1, false
	}
	_, _, w, h = m.GetWorkarea()
	if w <= 0 || h <= 0 {
		return 0, 0, 1, false
	}
	return w, h, fyneScale(a, m), true
}

// fyneScale is the scale Fyne v2.7 gives a window on monitor m: the
// user's scale (FYNE_SCALE or the app setting) times the system's
// (Windows' display scaling; elsewhere the monitor's DPI over 120, at
// least 1), rounded to a tenth (internal/driver/glfw scale.go). The
// window is resized again once shown if Fyne's own figure differs.
func fyneScale(a fyne.App, m *glfw.Monitor) float32 {
	user := float32(1)
	env := os.Getenv("FYNE_SCALE")
	if v, err := strconv.ParseFloat(env, 32); err == nil && v > 0 {
		user = float32(v)
	} else if env != "auto" && a.Settings().Scale() > 0 {
		user = a.Settings().Scale()
	}
	system := float32(1)
	switch runtime.GOOS {
	case "windows":
		system, _ = m.GetContentScale()
	case "darwin":
	default:
		if d := strings.ToLower(os.Getenv("FYNE_DISABLE_DPI_DETECTION")); d != "1" && d != "true" && d != "t" {
			if mm, _ := m.GetPhysicalSize(); mm > 0 && m.GetVideoMode() != nil {
				dpi := float32(m.GetVideoMode().Width) / (float32(mm) / 25.4)
				if dpi > 1000 || dpi < 10 {
					dpi = 120
				}
				system = max(1, dpi/120)
			}
		}
	}
	return float32(math.Round(float64(system*user)*10)) / 10
}

// fitSize is the window's size for a work area of w×h pixels at scale:
// the default where it fits, otherwise the whole work area, as a
// maximised window would be (fill reports that).
func fitSize(w, h int, scale float32) (size fyne.Size, fill bool) {
	dw, dh := float32(0), float32(0)
	if runtime.GOOS == "windows" {
		dw, dh = windowDecorationW*scale, windowDecorationH*scale
	}
	avail := fyne.NewSize((float32(w)-dw)/scale, (float32(h)-dh)/scale)
	if avail.Width >= defaultWindowSize.Width && avail.Height >= defaultWindowSize.Height {
		return defaultWindowSize, false
	}
	return avail, true // the whole work area, as a maximised window
}

// placeWindow sizes the window before it is shown and, once it is,
// checks the size against the scale Fyne really uses and maximises a
// window that fills the screen on Windows.
func placeWindow(a fyne.App, win fyne.Window) {
	pw, ph, scale, ok := screenArea(a)
	if !ok {
		win.Resize(defaultWindowSize)
		win.CenterOnScreen()
		return
	}
	size, fill := fitSize(pw, ph, scale)
	win.Resize(size)
	if !fill {
		win.CenterOnScreen()
	}
	go fyne.DoAndWait(func() { // once the window exists
		if real := win.Canvas().Scale(); real > 0 && math.Abs(float64(real-scale)) > 0.01 {
			size, fill = fitSize(pw, ph, real)
			win.Resize(size)
		}
		if fill {
			maximise(win)
		}
	})
}
