// Command icon draws the app icon (assets/icon.png): a white tick on an
// NHS-blue shield, 512×512, anti-aliased by 4×4 supersampling.
//
//	go run ./scripts/icon -o assets/icon.png
package main

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

type pt struct{ x, y float64 }

func main() {
	out := flag.String("o", "assets/icon.png", "output PNG")
	size := flag.Int("size", 512, "width and height in pixels")
	flag.Parse()
	img := draw(*size)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// shield is the outline in unit coordinates: flat top with rounded
// corners, straight sides, curving to a point.
func shield() []pt {
	var p []pt
	const l, r, top, side = 0.15, 0.85, 0.08, 0.50
	arc := func(cx, cy, rad, a0, a1 float64) {
		for i := 0; i <= 12; i++ {
			a := a0 + (a1-a0)*float64(i)/12
			p = append(p, pt{cx + rad*math.Cos(a), cy + rad*math.Sin(a)})
		}
	}
	const rc = 0.06
	arc(l+rc, top+rc, rc, math.Pi, 1.5*math.Pi)
	arc(r-rc, top+rc, rc, 1.5*math.Pi, 2*math.Pi)
	p = append(p, pt{r, side})
	bez := func(a, b, c pt) {
		for i := 1; i <= 40; i++ {
			t := float64(i) / 40
			u := 1 - t
			p = append(p, pt{u*u*a.x + 2*u*t*b.x + t*t*c.x, u*u*a.y + 2*u*t*b.y + t*t*c.y})
		}
	}
	bez(pt{r, side}, pt{r, 0.80}, pt{0.5, 0.94})
	bez(pt{0.5, 0.94}, pt{l, 0.80}, pt{l, side})
	return p
}

func inside(poly []pt, x, y float64) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.y > y) != (b.y > y) && x < (b.x-a.x)*(y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}

func segDist(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	t := ((p.x-a.x)*dx + (p.y-a.y)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	ex, ey := a.x+t*dx-p.x, a.y+t*dy-p.y
	return math.Hypot(ex, ey)
}

func draw(n int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	blue := color.NRGBA{0x00, 0x5E, 0xB8, 0xff}
	dark := color.NRGBA{0x00, 0x30, 0x87, 0xff}
	poly := shield()
	tick := []pt{{0.31, 0.50}, {0.45, 0.64}, {0.71, 0.34}}
	const ss = 4
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					u := (float64(x) + (float64(sx)+0.5)/ss) / float64(n)
					v := (float64(y) + (float64(sy)+0.5)/ss) / float64(n)
					if !inside(poly, u, v) {
						continue
					}
					c := blue
					// a darker lower half gives the shield some depth
					if v > 0.5+0.25*(u-0.5) {
						c = color.NRGBA{
							uint8(float64(blue.R)*0.6 + float64(dark.R)*0.4),
							uint8(float64(blue.G)*0.6 + float64(dark.G)*0.4),
							uint8(float64(blue.B)*0.6 + float64(dark.B)*0.4), 0xff}
					}
					p := pt{u, v}
					if math.Min(segDist(p, tick[0], tick[1]), segDist(p, tick[1], tick[2])) < 0.055 {
						c = color.NRGBA{0xff, 0xff, 0xff, 0xff}
					}
					r += float64(c.R)
					g += float64(c.G)
					b += float64(c.B)
					a++
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(x, y, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(255 * a / ss / ss)})
		}
	}
	return img
}
