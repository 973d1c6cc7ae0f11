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
	"fyne.io/fyne/v2/widget"

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

// failureReason is why a file could not be checked, for a window that
// already names the file: a reader's message without the file name in
// front ("Row 12, column Gender: …" or just the sentence).
func failureReason(err error) string {
	var re *reader.Error
	if errors.As(err, &re) && re.Message != "" {
		where := ""
		if re.Row > 0 {
			where = fmt.Sprintf("Row %d", re.Row)
		}
		if re.Column != "" {
			if where == "" {
				where = "Column " + re.Column
			} else {
				where += ", column " + re.Column
			}
		}
		if where == "" {
			return sentence(re.Message)
		}
		return where + ": " + re.Message
	}
	return plainMessage(err)
}

// showError shows a plain-English error dialog. It must run on the UI
// goroutine.
func (w *Window) showError(title string, err error) {
	w.showMessage(title, plainMessage(err))
}

// showMessage shows a dialog with wrapped text and an OK button.
func (w *Window) showMessage(title, text string) {
	w.observe().messageShown(title + ": " + text)
	l := wrappedLabel(text)
	var d *dialog.CustomDialog
	ok := newButton("OK", func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d = w.newDialog(title, container.NewVBox(widthHint(dialogTextWidth(w, 460)), l), []*button{ok}, ok, nil)
	w.showDialog(d, ok)
}

// dialogTextWidth is the width for a dialog's wrapped text: want, or less
// on a small window, so the dialog always fits.
func dialogTextWidth(w *Window, want float32) float32 {
	if s := w.win.Canvas().Size(); s.Width > 0 {
		return max(240, min(want, s.Width-120))
	}
	return want
}

// widthHint is an invisible object that makes a vertical box at least w
// wide, so wrapped text in a dialog gets a readable line length.
func widthHint(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}
