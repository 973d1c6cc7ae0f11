package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// The Receipt tab (a recipe test: docs/architecture.md, "Add a tab"):
// what was checked, with which rule set, as the Excel report's receipt
// says it.
type receiptTab struct {
	text *fyne.Container
}

func newReceiptTab(w *Window) fyne.CanvasObject {
	t := &receiptTab{text: container.NewVBox(wrappedLabel("Open a file: its receipt appears here."))}
	w.onResult = append(w.onResult, func() {
		t.text.Objects = []fyne.CanvasObject{wrappedLabel(w.res.Info.Name + " · rule set " + w.res.Spec.Version + " · SHA-256 " + w.res.InputSHA256)}
		t.text.Refresh()
	})
	return container.NewVScroll(t.text)
}
