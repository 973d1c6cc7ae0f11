package ui

import (
	"encoding/binary"
	"errors"
	"image"
)

// Copying a chart as a picture. Fyne's clipboard holds text only, so the
// picture goes on the system clipboard directly where that is possible
// (Windows, clipimage_windows.go, as a CF_DIB bitmap that Word, Outlook,
// PowerPoint and Paint accept); elsewhere copyImage says it cannot.

// errNoImageClipboard is copyImage's answer where pictures cannot be put
// on the clipboard.
var errNoImageClipboard = errors.New("pictures cannot be copied to the clipboard on this computer")

// dib encodes img as a packed device-independent bitmap: a 40-byte
// BITMAPINFOHEADER and 32-bit BGRX rows from the bottom up (the layout of
// the CF_DIB clipboard format).
func dib(img image.Image) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := make([]byte, 40+4*w*h)
	le := binary.LittleEndian
	le.PutUint32(out[0:], 40)        // biSize
	le.PutUint32(out[4:], uint32(w)) // biWidth
	le.PutUint32(out[8:], uint32(h)) // biHeight: positive, so bottom-up
	le.PutUint16(out[12:], 1)        // biPlanes
	le.PutUint16(out[14:], 32)       // biBitCount
	le.PutUint32(out[16:], 0)        // biCompression: BI_RGB
	le.PutUint32(out[20:], uint32(4*w*h))
	px := out[40:]
	for y := 0; y < h; y++ {
		row := px[4*w*(h-1-y):]
		for x := 0; x < w; x++ {
			r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = byte(bl>>8), byte(g>>8), byte(r>>8), 0xFF
		}
	}
	return out
}
