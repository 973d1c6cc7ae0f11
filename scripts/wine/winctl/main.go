//go:build windows

// Command winctl is a test tool for scripts/test-windows.sh: run under the
// same Wine prefix as cldapp.exe, it finds cldapp's windows and message
// boxes through the Windows API, reads them, and closes or answers them the
// way a user would, so the test needs no screen coordinates. It is built at
// test time and never shipped.
//
//	winctl find [-class C] [-timeout S] TITLE   wait for a visible top-level window whose
//	                                            title contains TITLE; print "x y w h<TAB>title"
//	winctl gone [-timeout S] TITLE              wait until no such window is left
//	winctl text [-class C] TITLE                print the texts of the window's controls
//	winctl close [-class C] TITLE               ask the window to close (WM_CLOSE)
//	winctl press [-class C] TITLE ID            press the dialog button with control ID
//	winctl settext [-class C] TITLE ID TEXT     type TEXT into the control with ID
//	winctl keys [-class C] TITLE KEYS           bring the window forward and type KEYS,
//	                                            e.g. ctrl+o (modifiers ctrl, shift, alt)
//
// Exit codes: 0 done, 1 the window was not found (or not gone) in time,
// 2 bad usage.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

var (
	user32                    = syscall.NewLazyDLL("user32.dll")
	procEnumWindows           = user32.NewProc("EnumWindows")
	procEnumChildWindows      = user32.NewProc("EnumChildWindows")
	procGetWindowTextW        = user32.NewProc("GetWindowTextW")
	procGetClassNameW         = user32.NewProc("GetClassNameW")
	procIsWindowVisible       = user32.NewProc("IsWindowVisible")
	procGetWindowRect         = user32.NewProc("GetWindowRect")
	procPostMessageW          = user32.NewProc("PostMessageW")
	procSendMessageW          = user32.NewProc("SendMessageW")
	procGetDlgCtrlID          = user32.NewProc("GetDlgCtrlID")
	procSetForegroundWindow   = user32.NewProc("SetForegroundWindow")
	procKeybdEvent            = user32.NewProc("keybd_event")
	procGetForegroundWindow   = user32.NewProc("GetForegroundWindow")
	procBringWindowToTop      = user32.NewProc("BringWindowToTop")
	procSetActiveWindow       = user32.NewProc("SetActiveWindow")
	procSetFocus              = user32.NewProc("SetFocus")
	procAttachThreadInput     = user32.NewProc("AttachThreadInput")
	procGetWindowThreadPID    = user32.NewProc("GetWindowThreadProcessId")
	kernel32                  = syscall.NewLazyDLL("kernel32.dll")
	procGetCurrentThreadId    = kernel32.NewProc("GetCurrentThreadId")
	wmClose, wmCommand        = uintptr(0x0010), uintptr(0x0111)
	wmSetText                 = uintptr(0x000C)
	keyeventfKeyUp            = uintptr(0x0002)
	vkControl, vkShift, vkAlt = uintptr(0x11), uintptr(0x10), uintptr(0x12)
)

type window struct {
	hwnd         uintptr
	title, class string
	x, y, w, h   int32
}

func text(hwnd uintptr, proc *syscall.LazyProc) string {
	buf := make([]uint16, 1024)
	n, _, _ := proc.Call(hwnd, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)))
	return syscall.UTF16ToString(buf[:n])
}

func describe(hwnd uintptr) window {
	w := window{hwnd: hwnd, title: text(hwnd, procGetWindowTextW), class: text(hwnd, procGetClassNameW)}
	var r [4]int32
	procGetWindowRect.Call(hwnd, uintptr(unsafe.Pointer(&r[0])))
	w.x, w.y, w.w, w.h = r[0], r[1], r[2]-r[0], r[3]-r[1]
	return w
}

// topLevel lists the visible top-level windows whose title contains title
// and whose class is class (any class when class is "").
func topLevel(title, class string) []window {
	var found []window
	cb := syscall.NewCallback(func(hwnd, _ uintptr) uintptr {
		if v, _, _ := procIsWindowVisible.Call(hwnd); v == 0 {
			return 1
		}
		w := describe(hwnd)
		if strings.Contains(w.title, title) && (class == "" || w.class == class) {
			found = append(found, w)
		}
		return 1
	})
	procEnumWindows.Call(cb, 0)
	return found
}

func children(hwnd uintptr) []window {
	var found []window
	cb := syscall.NewCallback(func(h, _ uintptr) uintptr {
		found = append(found, describe(h))
		return 1
	})
	procEnumChildWindows.Call(hwnd, cb, 0)
	return found
}

func ctrlID(hwnd uintptr) int {
	id, _, _ := procGetDlgCtrlID.Call(hwnd)
	return int(int32(id))
}

func wait(title, class string, timeout time.Duration, present bool) (window, bool) {
	end := time.Now().Add(timeout)
	for {
		ws := topLevel(title, class)
		if present && len(ws) > 0 {
			return ws[0], true
		}
		if !present && len(ws) == 0 {
			return window{}, true
		}
		if time.Now().After(end) {
			return window{}, false
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func one(title, class string) window {
	w, ok := wait(title, class, 10*time.Second, true)
	if !ok {
		fmt.Fprintf(os.Stderr, "winctl: no window titled %q (class %q)\n", title, class)
		os.Exit(1)
	}
	return w
}

// child finds w's control with the given id.
func child(w window, id int) window {
	for _, c := range children(w.hwnd) {
		if ctrlID(c.hwnd) == id {
			return c
		}
	}
	fmt.Fprintf(os.Stderr, "winctl: %q has no control %d\n", w.title, id)
	os.Exit(1)
	return window{}
}

// foreground makes w the window that receives keyboard input.
func foreground(w window) {
	fg, _, _ := procGetForegroundWindow.Call()
	self, _, _ := procGetCurrentThreadId.Call()
	other, _, _ := procGetWindowThreadPID.Call(fg, 0)
	if fg != 0 && other != self {
		procAttachThreadInput.Call(self, other, 1)
		defer procAttachThreadInput.Call(self, other, 0)
	}
	procBringWindowToTop.Call(w.hwnd)
	procSetForegroundWindow.Call(w.hwnd)
	procSetActiveWindow.Call(w.hwnd)
	procSetFocus.Call(w.hwnd)
}

// typeKeys types a chord such as "ctrl+o", "alt+f4" or "enter".
func typeKeys(chord string) error {
	var mods []uintptr
	var key uintptr
	for _, part := range strings.Split(strings.ToLower(chord), "+") {
		switch {
		case part == "ctrl":
			mods = append(mods, vkControl)
		case part == "shift":
			mods = append(mods, vkShift)
		case part == "alt":
			mods = append(mods, vkAlt)
		case part == "enter":
			key = 0x0D
		case part == "escape":
			key = 0x1B
		case part == "tab":
			key = 0x09
		case part == "space":
			key = 0x20
		case len(part) == 2 && part[0] == 'f' && part[1] >= '1' && part[1] <= '9':
			key = 0x70 + uintptr(part[1]-'1')
		case len(part) == 1 && (part[0] >= 'a' && part[0] <= 'z' || part[0] >= '0' && part[0] <= '9'):
			key = uintptr(strings.ToUpper(part)[0])
		default:
			return fmt.Errorf("unknown key %q", part)
		}
	}
	if key == 0 {
		return fmt.Errorf("no key in %q", chord)
	}
	for _, m := range mods {
		procKeybdEvent.Call(m, 0, 0, 0)
		time.Sleep(30 * time.Millisecond)
	}
	procKeybdEvent.Call(key, 0, 0, 0)
	time.Sleep(30 * time.Millisecond)
	procKeybdEvent.Call(key, 0, keyeventfKeyUp, 0)
	for i := len(mods) - 1; i >= 0; i-- {
		time.Sleep(30 * time.Millisecond)
		procKeybdEvent.Call(mods[i], 0, keyeventfKeyUp, 0)
	}
	return nil
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: winctl find|gone|text|close|press|settext|keys [-class C] [-timeout S] TITLE [ARGS]")
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	cmd := os.Args[1]
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	class := fs.String("class", "", "window class")
	timeout := fs.Duration("timeout", 60*time.Second, "how long to wait")
	fs.Parse(os.Args[2:])
	args := fs.Args()
	if len(args) < 1 {
		usage()
	}
	title := args[0]
	switch cmd {
	case "find":
		w, ok := wait(title, *class, *timeout, true)
		if !ok {
			fmt.Fprintf(os.Stderr, "winctl: no window titled %q appeared within %s\n", title, *timeout)
			os.Exit(1)
		}
		fmt.Printf("%d %d %d %d\t%s\n", w.x, w.y, w.w, w.h, w.title)
	case "gone":
		if _, ok := wait(title, *class, *timeout, false); !ok {
			fmt.Fprintf(os.Stderr, "winctl: the window titled %q was still open after %s\n", title, *timeout)
			os.Exit(1)
		}
	case "text":
		w := one(title, *class)
		for _, c := range children(w.hwnd) {
			if t := text(c.hwnd, procGetWindowTextW); t != "" {
				fmt.Printf("%d\t%s\t%s\n", ctrlID(c.hwnd), c.class, t)
			}
		}
	case "close":
		procPostMessageW.Call(one(title, *class).hwnd, wmClose, 0, 0)
	case "press":
		if len(args) != 2 {
			usage()
		}
		id, err := strconv.Atoi(args[1])
		if err != nil {
			usage()
		}
		procPostMessageW.Call(one(title, *class).hwnd, wmCommand, uintptr(id), 0)
	case "settext":
		if len(args) != 3 {
			usage()
		}
		id, err := strconv.Atoi(args[1])
		if err != nil {
			usage()
		}
		c := child(one(title, *class), id)
		s, err := syscall.UTF16PtrFromString(args[2])
		if err != nil {
			usage()
		}
		procSendMessageW.Call(c.hwnd, wmSetText, 0, uintptr(unsafe.Pointer(s)))
	case "keys":
		if len(args) != 2 {
			usage()
		}
		foreground(one(title, *class))
		time.Sleep(200 * time.Millisecond)
		if err := typeKeys(args[1]); err != nil {
			fmt.Fprintln(os.Stderr, "winctl:", err)
			os.Exit(2)
		}
	default:
		usage()
	}
}
