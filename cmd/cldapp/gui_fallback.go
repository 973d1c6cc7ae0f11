package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"cldvalidator/report"
	"cldvalidator/ui"
	"cldvalidator/validation"
)

// runWithoutWindow does the job without a window: each file given (on the
// command line, or dropped onto cldapp.exe) is checked with the same
// engine, the Excel report and an HTML summary are written next to it (or
// to Documents when that folder cannot be written), the summary opens in
// the web browser, and a plain message says what happened. Personal data
// is masked in both outputs. Exit codes are the command line's: 0 no
// errors, 1 errors found, 2 nothing could be checked.
func runWithoutWindow(files []string, reason string) int {
	// The reason comes from the graphics driver: no personal data.
	ui.AppendCrashLog("The window could not be shown (" + reason + "); checking without a window.")
	const head = "This computer cannot show the CLD Validator window: its graphics do not support OpenGL 2.1. " +
		"This is common on remote and virtual desktops (Citrix, Remote Desktop, VDI) without 3D graphics."
	if len(files) == 0 {
		showPlainMessage(head + "\n\nYou can still check a file: drag your CLD file (.xlsx or .csv) onto cldapp.exe, " +
			"or onto a shortcut to it. The check runs without the window, the Excel report is saved next to your file " +
			"and a summary opens in your web browser.\n\nTo use the window, ask your IT team to enable 3D graphics (OpenGL 2.1) for your desktop.")
		return exitUsage
	}
	code := exitOK
	var lines []string
	opened := false
	for _, f := range files {
		name := filepath.Base(f)
		res, err := validation.ValidateFile(context.Background(), f, validation.Options{
			OnInternalProblem: func(msg string) { ui.AppendCrashLog(msg) }, // no data in it
		})
		if err != nil {
			lines = append(lines, name+": could not be checked. "+plainError(err))
			code = exitUsage
			continue
		}
		xlsx, html, err := fallbackOutputs(f)
		if err == nil {
			err = report.WriteXLSX(xlsx, res, report.Options{})
		}
		if err == nil {
			err = report.WriteHTML(html, res, report.Options{})
		}
		if err != nil {
			lines = append(lines, name+": checked, but the report could not be saved. "+plainError(err))
			code = exitUsage
			continue
		}
		s := res.Summary
		verdict := "no errors — ready to submit"
		if s.Errors > 0 {
			verdict = fmt.Sprintf("%d error(s) must be fixed before submission", s.Errors)
			if code == exitOK {
				code = exitErrors
			}
		}
		lines = append(lines, fmt.Sprintf("%s: %s (%d warning(s)).\nExcel report: %s\nSummary: %s", name, verdict, s.Warnings, xlsx, html))
		if !opened && openInBrowser(html) {
			opened = true
		}
	}
	msg := head + "\n\nYour file was checked anyway:\n\n" + strings.Join(lines, "\n\n")
	if opened {
		msg += "\n\nThe summary has opened in your web browser."
	}
	msg += "\n\nPersonal data is masked in the report and the summary."
	showPlainMessage(msg)
	return code
}

// fallbackOutputs names the report and summary for file: next to it, or
// in Documents when its folder cannot be written.
func fallbackOutputs(file string) (xlsx, html string, err error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", "", err
	}
	dir := filepath.Dir(abs)
	if !writable(dir) {
		dir = documentsFolder()
	}
	base := strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs))
	return filepath.Join(dir, base+" - CLD report.xlsx"), filepath.Join(dir, base+" - CLD summary.html"), nil
}

func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".cldapp-write-test-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

func documentsFolder() string {
	if d := ui.KnownDocuments(); d != "" && writable(d) {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return os.TempDir()
	}
	if d := filepath.Join(home, "Documents"); writable(d) {
		return d
	}
	if writable(home) {
		return home
	}
	return os.TempDir()
}

// openInBrowser opens a local HTML file with the default browser.
func openInBrowser(path string) bool {
	if os.Getenv("CLDAPP_NO_BROWSER") == "1" {
		return false
	}
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return false
	}
	go cmd.Wait()
	return true
}

// showPlainMessage shows a message box where the platform has one
// (Windows), and prints to standard error everywhere.
func showPlainMessage(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	showNativeMessage("CLD Validator", msg)
}
