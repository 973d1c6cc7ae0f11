package main

import (
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"cldvalidator/assets"
	"cldvalidator/ui"
	"cldvalidator/ui/locale"
)

// The locale was adjusted while Fyne initialised (see package locale).
func init() { locale.Restore() }

// The app's identity; FyneApp.toml holds the same values for the
// packaging tools (TestAppMetadataMatchesFyneAppToml keeps them equal).
const (
	appID      = "uk.nhs.cld.validator"
	appName    = "CLD Validator"
	appVersion = "0.1.0"
	appBuild   = 1
)

// runGUI opens the window, with any file named in args already being
// checked. Where this computer cannot show the window (no OpenGL 2.1:
// common on Citrix, RDP and VDI desktops), it checks the files anyway and
// writes the Excel report and an HTML summary (see gui_fallback.go).
func runGUI(args []string) int {
	if len(args) > 0 && args[0] == glProbeArg {
		return runGLProbe()
	}
	files := ui.FileArgs(args)
	if ok, reason := windowAvailable(); !ok {
		return runWithoutWindow(files, reason)
	}
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	app.SetMetadata(fyne.AppMetadata{ID: appID, Name: appName, Version: appVersion, Build: appBuild, Icon: icon, Release: true,
		// Every widget update from a goroutine goes through fyne.Do.
		Migrations: map[string]bool{"fyneDo": true}})
	a := app.NewWithID(appID)
	a.SetIcon(icon)
	w := a.NewWindow(ui.AppTitle)
	w.SetMaster()
	placeWindow(a, w)
	u := ui.Create(a, w, args)
	u.InterceptClose()
	automated := u.StartAutomation()

	started := time.Now()
	if crashed := showAndRun(w); crashed != "" {
		reportFatal(crashed)
		return 3
	}
	// ShowAndRun returns at once, without the user closing anything, when
	// the window could not be created after all (Fyne logs "window
	// creation error" and quits). Fall back rather than vanish.
	if !automated && !ui.UserQuit() && time.Since(started) < 10*time.Second {
		return runWithoutWindow(files, "the window could not be created")
	}
	return 0
}

// showAndRun runs the window's event loop. A panic on the UI goroutine
// that escaped every handler ends here: it is logged and reported rather
// than making the window vanish silently.
func showAndRun(w fyne.Window) (crashed string) {
	defer func() {
		if p := recover(); p != nil {
			path := ui.LogPanic("running the window", p)
			crashed = "The CLD Validator met an internal problem and had to close. Your file has not been changed."
			if path != "" {
				crashed += "\n\nA short problem report (with none of your data in it) was saved to:\n" + path
			}
		}
	}()
	w.ShowAndRun()
	return ""
}

// reportFatal tells the user about a crash after the window has gone.
func reportFatal(msg string) {
	if !showNativeMessage("CLD Validator", msg) {
		fmt.Fprintln(os.Stderr, msg)
	}
}
