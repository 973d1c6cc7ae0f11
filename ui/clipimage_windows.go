//go:build windows

package ui

import (
	"fmt"
	"image"
	"runtime"
	"time"
	"unsafe"
)

var (
	openClipboard    = user32.NewProc("OpenClipboard")
	closeClipboard   = user32.NewProc("CloseClipboard")
	emptyClipboard   = user32.NewProc("EmptyClipboard")
	setClipboardData = user32.NewProc("SetClipboardData")
	globalAlloc      = kernel32.NewProc("GlobalAlloc")
	globalFree       = kernel32.NewProc("GlobalFree")
	globalLock       = kernel32.NewProc("GlobalLock")
	globalUnlock     = kernel32.NewProc("GlobalUnlock")
	moveMemory       = kernel32.NewProc("RtlMoveMemory")
)

const (
	cfDIB        = 8
	gmemMoveable = 0x0002
)

// copyImage puts img on the Windows clipboard as a CF_DIB bitmap.
func copyImage(img image.Image) error {
	data := dib(img)
	runtime.LockOSThread() // the clipboard is opened and closed by one thread
	defer runtime.UnlockOSThread()
	// Another program may hold the clipboard for a moment.
	var opened uintptr
	for i := 0; i < 10 && opened == 0; i++ {
		if opened, _, _ = openClipboard.Call(0); opened == 0 {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if opened == 0 {
		return fmt.Errorf("the clipboard is in use by another program; try again")
	}
	defer closeClipboard.Call()
	emptyClipboard.Call()
	h, _, _ := globalAlloc.Call(gmemMoveable, uintptr(len(data)))
	if h == 0 {
		return fmt.Errorf("there is not enough memory to copy the picture")
	}
	p, _, _ := globalLock.Call(h)
	if p == 0 {
		globalFree.Call(h)
		return fmt.Errorf("there is not enough memory to copy the picture")
	}
	moveMemory.Call(p, uintptr(unsafe.Pointer(&data[0])), uintptr(len(data)))
	globalUnlock.Call(h)
	if r, _, _ := setClipboardData.Call(cfDIB, h); r == 0 {
		globalFree.Call(h) // the clipboard did not take it
		return fmt.Errorf("the picture could not be put on the clipboard")
	}
	runtime.KeepAlive(data)
	return nil
}
