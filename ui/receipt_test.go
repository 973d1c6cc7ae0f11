package ui

import "testing"

func TestReceiptTab(t *testing.T) {
	w, _ := newTestWindow(t, samplePath(t))
	settle(t, w)
	lockUI(func() {
		w.openTab(tabReceipt) // Alt+7
		if got := w.tabs.Selected().Text; got != "Receipt" {
			t.Fatalf("Alt+7 opened %q", got)
		}
	})
}
