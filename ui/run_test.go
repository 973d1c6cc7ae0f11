package ui

import "testing"

// The check the window runs hashes the file for the report's receipt.
func TestCheckFingerprintsTheFile(t *testing.T) {
	in := copyFile(t, samplePath(t), t.TempDir(), "fp.csv")
	w, _ := newTestWindow(t, in)
	settle(t, w)
	lockUI(func() {
		if w.res.InputSHA256 != fileSHA(t, in) {
			t.Errorf("result SHA-256 %q, want the file's", w.res.InputSHA256)
		}
	})
}
