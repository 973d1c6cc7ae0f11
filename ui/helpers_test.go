package ui

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"cldvalidator/reader"
	"cldvalidator/sample"
	"cldvalidator/validation"
)

// newTestWindow makes the real window on Fyne's test driver (headless,
// software rendered), with crash logs kept in a temporary folder.
func newTestWindow(t testing.TB, args ...string) (*Window, fyne.Window) {
	t.Helper()
	SetCrashLogDir(t.TempDir())
	a := test.NewTempApp(t)
	win := a.NewWindow(AppTitle)
	win.Resize(fyne.NewSize(1280, 800))
	var w *Window
	lockUI(func() { w = create(a, win, args, &recorder{}) })
	t.Cleanup(func() {
		lockUI(func() { w.cancelCompare(); w.run.cancelRun() })
		waitAll(w)
	})
	return w, win
}

// recorder is the tests' observer (observe.go): it keeps the last dialog
// of each kind, for a test to read or drive.
type recorder struct {
	noObserver
	message    string // the last message's "title: text"
	save       *saveDialog
	chooser    *fileChooser
	sheets     *sheetChooser
	conversion *convertView
}

func (r *recorder) messageShown(s string)              { r.message = s }
func (r *recorder) saveDialogShown(d *saveDialog)      { r.save = d }
func (r *recorder) fileChooserShown(fc *fileChooser)   { r.chooser = fc }
func (r *recorder) sheetChooserShown(sc *sheetChooser) { r.sheets = sc }
func (r *recorder) conversionShown(v *convertView)     { r.conversion = v }

// seen is what a test window has shown (newTestWindow's recorder).
func seen(w *Window) *recorder { return w.obs.(*recorder) }

// lockUI runs f as the UI goroutine would: no background callback runs
// at the same time.
func lockUI(f func()) {
	uiMu.Lock()
	defer uiMu.Unlock()
	f()
}

// waitAll waits until no check is running and no background job is left,
// including checks that a background job started (a spec pack loaded, a
// comparison made). The runner's fields are read under the UI lock.
func waitAll(w *Window) {
	for {
		var d chan struct{}
		lockUI(func() { d = w.run.done })
		if d != nil {
			<-d
		}
		w.waitIdle()
		var again bool
		lockUI(func() { again = w.run.done != d })
		if !again {
			return
		}
	}
}

// waitIdle waits for every background job to finish.
func (w *Window) waitIdle() { w.jobs.Wait() }

// cellTextOf is the text a table cell (cell.go) shows.
func cellTextOf(o fyne.CanvasObject) string {
	return o.(*fyne.Container).Objects[1].(*canvas.Text).Text
}

// cellTint is a table cell's background colour.
func cellTint(o fyne.CanvasObject) color.Color {
	return o.(*fyne.Container).Objects[0].(*canvas.Rectangle).FillColor
}

// settle waits for the current check and every background job to end.
func settle(t testing.TB, w *Window) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		waitAll(w)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the window did not finish its work")
	}
}

// samplePath is the bundled sample, or one generated like it.
func samplePath(t testing.TB) string {
	t.Helper()
	p := filepath.Join("..", "assets", "sample_cld_r1.csv")
	if _, err := os.Stat(p); err == nil {
		abs, _ := filepath.Abs(p)
		return abs
	}
	p = filepath.Join(t.TempDir(), "sample_cld_r1.csv")
	if _, err := sample.WriteFile(p, sample.Options{Rows: 500, Seed: 2, ErrorRate: 0.04}); err != nil {
		t.Fatal(err)
	}
	return p
}

// engineResult is the engine's own result for a file, for comparison.
func engineResult(t testing.TB, path string) *validation.Result {
	t.Helper()
	res, err := validation.ValidateFile(t.Context(), path, validation.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// copyFile copies a file into dir under a new name.
func copyFile(t testing.TB, src, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// sampleRows reads the header and rows of a CSV sample.
func sampleRows(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// endlessSource is a reader.Source that repeats one row for ever, slowly:
// a check of it only ends when it is cancelled.
type endlessSource struct {
	header []string
	row    []string
	delay  time.Duration
	rows   atomic.Int64
	closed atomic.Bool
}

func (s *endlessSource) Header() []string { return s.header }
func (s *endlessSource) HeaderRow() int   { return 1 }
func (s *endlessSource) Next(b *reader.Batch) error {
	b.Reset()
	if s.closed.Load() {
		return io.EOF
	}
	n := int(s.rows.Load())
	for i := 0; i < 2000; i++ {
		b.AppendRow(n+i+2, s.row)
	}
	s.rows.Add(2000)
	time.Sleep(s.delay)
	return nil
}
func (s *endlessSource) Progress() (int64, int64) { return s.rows.Load(), 0 }
func (s *endlessSource) Info() reader.Info {
	return reader.Info{Name: "endless", Format: "csv"}
}
func (s *endlessSource) Close() error { s.closed.Store(true); return nil }

// writeRows writes a CSV file of a header and rows.
func writeRows(t testing.TB, path string, recs [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func colIndex(t testing.TB, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q", name)
	return -1
}

func hasEnabledItem(items []*fyne.MenuItem, label string) bool {
	for _, it := range items {
		if it.Label == label {
			return !it.Disabled
		}
	}
	return false
}

func fileSHA(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
