//go:build windows

package ui

import (
	"errors"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2/driver"
	"github.com/sqweek/dialog"
	"golang.org/x/sys/windows"
)

// On Windows, Open file… and the Browse… buttons show Windows' own Open and
// Save dialogs (comdlg32, through github.com/sqweek/dialog): the dialogs
// council users know, with Quick Access, OneDrive, mapped drives and typed
// names. Fyne's file dialog is used on other platforms (dialogs_other.go).
//
// The dialog runs on its own locked OS thread (with COM initialised as
// Windows' shell needs) so the window keeps drawing behind it. The library
// gives the dialog no owner window, so the main window is disabled while it
// is open, as a modal dialog's owner is, and brought forward afterwards.

var (
	procEnableWindow        = user32.NewProc("EnableWindow")
	procSetForegroundWindow = user32.NewProc("SetForegroundWindow")
)

// fnerrBufferTooSmall is CommDlgExtendedError's code for a chosen path
// longer than the library's MAX_PATH buffer.
const fnerrBufferTooSmall = 0x3003

// nativeOpen shows Windows' Open dialog for files ending in one of exts,
// starting in the folder used last. It reports whether it was shown.
func (w *Window) nativeOpen(exts []string, chosen func(path string)) bool {
	title := "Open a CLD file"
	if len(exts) == 1 && exts[0] == ".json" {
		title = "Choose a spec pack"
	}
	b := dialog.File().Title(title)
	addFilters(b, exts)
	if dir := w.prefs.String(prefLastDir); dir != "" && isLocalDir(dir) {
		b.SetStartDir(dir)
	}
	w.runNative(b.Load, func(path string) {
		w.prefs.SetString(prefLastDir, filepath.Dir(path))
		chosen(path)
	})
	return true
}

// nativeSave shows Windows' Save dialog, starting at def (a suggested file
// name in a folder). It reports whether it was shown.
func (w *Window) nativeSave(title, def string, exts []string, chosen func(path string)) bool {
	b := dialog.File().Title(title)
	addFilters(b, exts)
	if dir := filepath.Dir(def); isLocalDir(dir) {
		b.SetStartDir(dir)
	}
	if base := filepath.Base(def); len(base) < 200 { // the library's buffer holds 260 characters
		b.SetStartFile(base)
	}
	w.runNative(b.Save, func(path string) {
		known := false
		for _, e := range exts {
			known = known || strings.EqualFold(filepath.Ext(path), e)
		}
		if !known && len(exts) > 0 { // a name typed without its ending
			path += exts[0]
		}
		chosen(path)
	})
	return true
}

// addFilters offers exts first (one entry), then all files.
func addFilters(b *dialog.FileBuilder, exts []string) {
	var names, pats []string
	for _, e := range exts {
		names = append(names, strings.TrimPrefix(e, "."))
		pats = append(pats, "*"+e)
	}
	what := "CLD files"
	if len(exts) == 1 {
		what = strings.ToUpper(names[0]) + " files"
	}
	b.Filter(what+" ("+strings.Join(pats, "; ")+")", names...)
	b.Filter("All files (*.*)", "*")
}

// runNative runs show on its own thread with the window disabled, then
// passes the chosen path to chosen on the UI goroutine. Cancelling does
// nothing; a failure is explained and the typed path box remains.
func (w *Window) runNative(show func() (string, error), chosen func(path string)) {
	hwnd := w.hwnd()
	if hwnd != 0 {
		procEnableWindow.Call(hwnd, 0)
	}
	w.goSafe("showing Windows' file dialog", func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED); err == nil {
			defer windows.CoUninitialize()
		}
		path, err := show()
		w.uiDo("file dialog closed", func() {
			w.enableAfterNative(hwnd)
			switch {
			case errors.Is(err, dialog.ErrCancelled):
			case err != nil:
				msg := "Windows' file dialog could not be shown (" + err.Error() + ")."
				var code dialog.WinDlgError
				if errors.As(err, &code) && int(code) == fnerrBufferTooSmall {
					msg = "That file's path is too long for Windows' file dialog."
				}
				w.showMessage("Type the path instead", msg+"\n\nType or paste the file's full path into the box instead, or drag the file onto this window.")
			case path != "":
				chosen(path)
			}
		})
	}, func() { w.uiDo("file dialog failed", func() { w.enableAfterNative(hwnd) }) })
}

func (w *Window) enableAfterNative(hwnd uintptr) {
	if hwnd != 0 {
		procEnableWindow.Call(hwnd, 1)
		procSetForegroundWindow.Call(hwnd)
	}
}

// hwnd is the main window's Windows handle (0 if it has none yet).
func (w *Window) hwnd() uintptr {
	var h uintptr
	if nw, ok := w.win.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.WindowsWindowContext); ok {
				h = c.HWND
			}
		})
	}
	return h
}
