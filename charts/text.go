package charts

import (
	"image"
	"image/draw"
	"math"
	"strings"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// textHandler measures and draws plain text, replacing gonum's text.Plain
// for two reasons:
//
//   - Kerning. The raster backend applies the font's kerning pairs about
//     three times too strongly, and more than text measurement assumes,
//     so at small sizes "To" reads as "Tb", "11" as "1" and "LA Code" as
//     "LACode". Text here is set without kerning and measured the same way.
//   - Speed. The backend draws each glyph through a general affine image
//     transform; drawing glyph masks straight into the image is several
//     times faster, and the window redraws charts on every resize.
//
// A handler belongs to one drawing (its glyph faces are not safe for
// concurrent use).
type textHandler struct {
	text.Plain
	faces map[font.Font]xfont.Face
}

func newTextHandler() *textHandler {
	// font.DefaultCache holds the Liberation fonts: package plot (imported,
	// so initialised first) adds them.
	return &textHandler{Plain: text.Plain{Fonts: font.DefaultCache}, faces: map[font.Font]xfont.Face{}}
}

// face returns the rasterising face of a font at the drawing resolution,
// or nil if the font cannot be used.
func (h *textHandler) face(fnt font.Font) xfont.Face {
	if f, ok := h.faces[fnt]; ok {
		return f
	}
	var f xfont.Face
	if ff := h.Fonts.Lookup(fnt, fnt.Size); ff.Face != nil && fnt.Size > 0 {
		if of, err := opentype.NewFace(ff.Face, &opentype.FaceOptions{Size: fnt.Size.Points(), DPI: dpi, Hinting: xfont.HintingNone}); err == nil {
			f = of
		}
	}
	h.faces[fnt] = f
	return f
}

// advances returns the unkerned advance of each rune of s, in points.
func (h *textHandler) advances(fnt font.Font, s string) []vg.Length {
	f := h.face(fnt)
	out := make([]vg.Length, 0, len(s))
	for _, r := range s {
		var a fixed.Int26_6
		if f != nil {
			a, _ = f.GlyphAdvance(r)
		}
		out = append(out, vg.Length(float64(a)/64*72/dpi))
	}
	return out
}

func (h *textHandler) width(fnt font.Font, s string) vg.Length {
	var w vg.Length
	for _, a := range h.advances(fnt, s) {
		w += a
	}
	return w
}

// Box implements text.Handler.
func (h *textHandler) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	ext := h.Extents(fnt)
	return h.width(fnt, txt), ext.Ascent, ext.Descent
}

// Draw implements text.Handler, placing text as text.Plain does.
func (h *textHandler) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 || sty.Font.Size <= 0 {
		return
	}
	ext := h.Extents(sty.Font)
	lines := h.Lines(txt)
	ht := sty.Height(txt)

	img, direct := rasterOf(c)
	direct = direct && sty.Rotation == 0 && h.face(sty.Font) != nil
	if !direct {
		c.SetColor(sty.Color)
		if sty.Rotation != 0 {
			c.Push()
			c.Rotate(sty.Rotation)
		}
		sin64, cos64 := math.Sincos(sty.Rotation)
		cos, sin := vg.Length(cos64), vg.Length(sin64)
		pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	}
	pt.Y += ht*vg.Length(sty.YAlign) - ext.Ascent
	fnt := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	for i, line := range lines {
		adv := h.advances(sty.Font, line)
		var w vg.Length
		for _, a := range adv {
			w += a
		}
		at := pt.Add(vg.Point{X: vg.Length(sty.XAlign) * w, Y: vg.Length(len(lines)-i) * sty.Font.Size})
		if direct {
			h.drawDirect(img, sty, at, line)
			continue
		}
		j := 0
		for _, r := range line {
			if r != ' ' {
				c.FillString(fnt, at, string(r))
			}
			at.X += adv[j]
			j++
		}
	}
	if !direct && sty.Rotation != 0 {
		c.Pop()
	}
}

// rasterOf returns the image a vgimg canvas (perhaps wrapped in plot's
// cropped canvases) draws into.
func rasterOf(c vg.Canvas) (draw.Image, bool) {
	for range 64 {
		switch vc := c.(type) {
		case *vgimg.Canvas:
			img := vc.Image()
			return img, img != nil
		case vgdraw.Canvas:
			c = vc.Canvas
		case *vgdraw.Canvas:
			c = vc.Canvas
		default:
			return nil, false
		}
	}
	return nil, false
}

// drawDirect draws one line with its baseline starting at pt (vg
// coordinates: points, y up) straight into img.
func (h *textHandler) drawDirect(img draw.Image, sty text.Style, pt vg.Point, line string) {
	f := h.face(sty.Font)
	b := img.Bounds()
	x := math.Round(pt.X.Dots(dpi))
	y := math.Round(float64(b.Dy()) - pt.Y.Dots(dpi))
	dot := fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
	src := image.NewUniform(sty.Color)
	for _, r := range line {
		dr, mask, maskp, advance, ok := f.Glyph(dot, r)
		if ok && !dr.Empty() {
			draw.DrawMask(img, dr.Add(b.Min), src, image.Point{}, mask, maskp, draw.Over)
		}
		dot.X += advance
	}
}
