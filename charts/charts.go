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

// All lists the charts in the order the window shows them. Hits, where
// set, draws the chart and says where its bars are, so a click on one can
// show that field's issues.
var All = []Chart{
	{"Issues by field", IssuesByField, IssuesByFieldHits},
	{"What happens centrally", Central, nil},
	{"Events by month", EventsByMonth, nil},
	{"People by age band", AgeBands, nil},
	{"Services by type", ServiceTypes, nil},
	{"Field completeness", Completeness, CompletenessHits},
}

// Chart is one chart the window offers: its title, how it is drawn, and
// (for a chart whose bars can be clicked) how it is drawn with where its
// bars are.
type Chart struct {
	Title string
	Draw  func(*validation.Summary, int, int, bool) (image.Image, error)
	Hits  func(*validation.Summary, int, int, bool) (image.Image, []Hit, error)
}

// Hit is where a bar was drawn, in the image's pixels (origin top left).
// A bar's whole row (Severity "") is a hit too, label included, so a
// short bar is easy to click.
type Hit struct {
	Rect     image.Rectangle
	Field    string // the field (column) the bar is about
	Severity string // "error" or "warning" for one part of a stacked bar, "" for the row
}

// At is the hit at pixel p: a bar's part before its row, nil for none.
func At(hits []Hit, p image.Point) *Hit {
	var row *Hit
	for i := range hits {
		h := &hits[i]
		if !p.In(h.Rect) {
			continue
		}
		if h.Severity != "" {
			return h
		}
		if row == nil {
			row = h
		}
	}
	return row
}

// IssuesByFieldHits is IssuesByField with where each bar is.
func IssuesByFieldHits(s *validation.Summary, w, h int, dark bool) (image.Image, []Hit, error) {
	var hits []Hit
	img, err := issuesByField(s, w, h, dark, &hits)
	return img, hits, err
}

// CompletenessHits is Completeness with where each bar is.
func CompletenessHits(s *validation.Summary, w, h int, dark bool) (image.Image, []Hit, error) {
	var hits []Hit
	img, err := completeness2(s, w, h, dark, &hits)
	return img, hits, err
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
	return renderHits(w, h, dark, nil, fn)
}

// renderHits is render, recording where bars are drawn into hits (nil:
// not recorded).
func renderHits(w, h int, dark bool, hits *[]Hit, fn func(c draw.Canvas, th *theme)) (img image.Image, err error) {
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("charts: invalid size %d×%d", w, h)
	}
	if int64(w)*int64(h) > maxPixels {
		return nil, fmt.Errorf("charts: size %d×%d is too large", w, h)
	}
	th := newTheme(w, h, dark)
	th.hits, th.h = hits, h
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
