package charts

import (
	"fmt"
	"image"
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"cldvalidator/validation"
)

// All lists the charts in the order the window shows them.
var All = []struct {
	Title string
	Draw  func(*validation.Summary, int, int, bool) (image.Image, error)
}{
	{"Issues by field", IssuesByField},
	{"Events by month", EventsByMonth},
	{"People by age band", AgeBands},
	{"Services by type", ServiceTypes},
	{"Field completeness", Completeness},
}

// Size limits. Below the minimum a chart is only its background (there is
// no room for legible text); above the maximum the request is refused
// rather than allocating gigabytes.
const (
	minW, minH = 160, 100
	maxPixels  = 64 << 20
)

// dpi is the resolution charts are drawn at: one vg point is 96/72 pixels.
const dpi = 96

// px converts pixels to vg lengths (points) at the drawing resolution.
func px(p float64) vg.Length { return vg.Length(p * 72 / dpi) }

// render allocates a w×h image for the theme and calls fn to draw on it.
// A panic while drawing becomes an error: a chart must never take the
// window down.
func render(w, h int, dark bool, fn func(c draw.Canvas, th *theme)) (img image.Image, err error) {
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("charts: invalid size %d×%d", w, h)
	}
	if int64(w)*int64(h) > maxPixels {
		return nil, fmt.Errorf("charts: size %d×%d is too large", w, h)
	}
	th := newTheme(w, h, dark)
	if w < minW || h < minH {
		rgba := image.NewRGBA(image.Rect(0, 0, w, h))
		fillUniform(rgba, th.bg)
		return rgba, nil
	}
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("charts: drawing failed: %v", p)
		}
	}()
	cv := vgimg.NewWith(vgimg.UseWH(px(float64(w)), px(float64(h))), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(th.bg))
	fn(draw.New(cv), th)
	out := cv.Image()
	if b := out.Bounds(); b.Dx() != w || b.Dy() != h {
		// UseWH rounds to the nearest pixel; guard against a float
		// rounding surprise so callers always get the size they asked for.
		rgba := image.NewRGBA(image.Rect(0, 0, w, h))
		fillUniform(rgba, th.bg)
		for y := 0; y < h && y < b.Dy(); y++ {
			for x := 0; x < w && x < b.Dx(); x++ {
				rgba.Set(x, y, out.At(b.Min.X+x, b.Min.Y+y))
			}
		}
		return rgba, nil
	}
	return out, nil
}

func fillUniform(img *image.RGBA, c color.Color) {
	r, g, b, a := c.RGBA()
	pix := [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
	for i := 0; i+3 < len(img.Pix); i += 4 {
		copy(img.Pix[i:i+4], pix[:])
	}
}
