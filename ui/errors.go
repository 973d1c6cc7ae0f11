package ui

import (
	"errors"
	"fmt"
	"image/color"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"cldvalidator/reader"
	"cldvalidator/report"
	"cldvalidator/validation"
)

// plainMessage turns an error into what a data officer reads: one or two
// sentences that say what happened and what to do. Readers and report
// writers already speak plainly; anything else is wrapped in a sentence
// that says the file was not changed.
func plainMessage(err error) string {
	var re *reader.Error
	var se *report.SaveError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &re):
		return re.Error()
	case errors.As(err, &se):
		return se.Error()
	case errors.Is(err, validation.ErrCanceled):
		return "The check was stopped before it finished."
	case errors.Is(err, os.ErrNotExist):
		return "The file could not be found. It may have been moved or renamed, or it is on a network drive that is not connected."
	case errors.Is(err, os.ErrPermission):
		return "You do not have permission to open this file. Ask your IT team, or copy the file to your Documents folder and open the copy."
	}
	msg := strings.TrimSpace(err.Error())
	if msg == "" {
		msg = "an unexpected problem"
	}
	return fmt.Sprintf("Something went wrong: %s. Your file has not been changed.", strings.TrimSuffix(msg, "."))
}

// showError shows a plain-English error dialog. It must run on the UI
// goroutine.
func (w *Window) showError(title string, err error) {
	w.showMessage(title, plainMessage(err))
}

// showMessage shows a dialog with wrapped text and an OK button.
func (w *Window) showMessage(title, text string) {
	w.lastMessage = title + ": " + text
	l := wrappedLabel(text)
	dialog.NewCustom(title, "OK", container.NewVBox(widthHint(460), l), w.win).Show()
}

// widthHint is an invisible object that makes a vertical box at least w
// wide, so wrapped text in a dialog gets a readable line length.
func widthHint(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}
