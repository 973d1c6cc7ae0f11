//go:build windows

package main

import (
	"os"
	"syscall"
)

// cldapp.exe is built as a windowed program (-H=windowsgui), so Windows
// gives it no console. For the command-line commands (cldapp check …),
// attach to the console of the cmd.exe or PowerShell that started it, so
// their output appears there. Output already redirected to a file or pipe
// is left alone.
func init() {
	if len(os.Args) < 2 || !isCommand(os.Args[1]) {
		return
	}
	kernel32 := syscall.NewLazyDLL("kernel32.dll")
	attach := kernel32.NewProc("AttachConsole")
	if attach.Find() != nil {
		return
	}
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started from Explorer: no console to attach to
	}
	if !validHandle(os.Stdout) {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stdout = f
		}
	}
	if !validHandle(os.Stderr) {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stderr = f
		}
	}
}

// validHandle reports whether f refers to something (a file or pipe the
// user redirected to).
func validHandle(f *os.File) bool {
	if f == nil {
		return false
	}
	h := syscall.Handle(f.Fd())
	if h == 0 || h == syscall.InvalidHandle {
		return false
	}
	_, err := syscall.GetFileType(h)
	return err == nil
}
