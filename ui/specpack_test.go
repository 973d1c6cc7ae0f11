package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cldvalidator/validation"
)

// telecareFile is the sample with one service's component set to Telecare,
// which Release 1's list does not have.
func telecareFile(t testing.TB) string {
	recs := sampleRows(t, samplePath(t))
	c := colIndex(t, recs[0], "Service Component")
	for _, r := range recs[1:] {
		if r[c] != "" {
			r[c] = "Telecare"
			break
		}
	}
	p := filepath.Join(t.TempDir(), "telecare.csv")
	writeRows(t, p, recs)
	return p
}

// telecareIssues counts the issues raised about the value Telecare.
func telecareIssues(w *Window) int {
	n := 0
	for _, is := range w.res.Issues {
		if w.res.ColumnName(is) == "Service Component" && w.res.Value(is, false) == "Telecare" {
			n++
		}
	}
	return n
}

func examplePack(t testing.TB) string {
	p, err := filepath.Abs(filepath.Join("..", "docs", "examples", "service-component-pack.json"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Settings → Spec pack…: a valid pack is remembered, named beside the
// status and applied at once (Telecare becomes valid); an invalid one is
// refused with its own explanation and changes nothing; Remove goes back.
func TestSpecPackSetting(t *testing.T) {
	in := telecareFile(t)
	w, _ := newTestWindow(t, in)
	settle(t, w)
	var base int
	lockUI(func() { base = telecareIssues(w) })
	if base == 0 {
		t.Fatal("Telecare should be flagged by the built-in rules")
	}
	pack := examplePack(t)
	lockUI(func() {
		w.showPackDialog()
		seen(w).chooser.path.SetText(pack)
		seen(w).chooser.choose()
	})
	settle(t, w)
	lockUI(func() {
		if w.pack == nil || w.prefs.String(prefPack) != pack {
			t.Fatalf("pack not set: %q", seen(w).message)
		}
		if w.packBtn.Hidden || !strings.Contains(w.packBtn.Text, "Example: Telecare") {
			t.Errorf("pack name not shown: %q (hidden %v)", w.packBtn.Text, w.packBtn.Hidden)
		}
		if w.res == nil || w.res.Spec.PackNote == "" {
			t.Fatal("the file was not checked again with the pack")
		}
		if n := telecareIssues(w); n != 0 {
			t.Errorf("with the pack, Telecare still has %d issues", n)
		}
		if !strings.Contains(w.status.Text, "with the spec pack") {
			t.Errorf("status %q", w.status.Text)
		}
	})

	// Invalid packs: broken JSON, and a field that does not exist.
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.json")
	os.WriteFile(broken, []byte(`{"format": "cld-spec-pack/1", "name": `), 0o644)
	unknown := filepath.Join(dir, "unknown-field.json")
	os.WriteFile(unknown, []byte(`{"format": "cld-spec-pack/1", "name": "x", "release": "R1", "fields": {"No_Such_Field": {"add_values": [{"value": "y"}]}}}`), 0o644)
	for _, bad := range []string{broken, unknown} {
		_, perr := loadPack(bad)
		if perr == nil {
			t.Fatalf("%s loaded", bad)
		}
		var res *validation.Result
		lockUI(func() {
			res = w.res
			w.usePack(bad)
		})
		settle(t, w)
		lockUI(func() {
			if !strings.HasPrefix(seen(w).message, "That spec pack cannot be used: "+sentence(perr.Error())) {
				t.Errorf("message %q does not give the pack's error %q", seen(w).message, perr)
			}
			if !strings.Contains(seen(w).message, "Example: Telecare") {
				t.Errorf("message %q does not say the pack in use stays", seen(w).message)
			}
			if w.prefs.String(prefPack) != pack || w.pack == nil || w.pack.Name != "Example: Telecare as a Service Component" {
				t.Error("an invalid pack changed the setting")
			}
			if w.res != res {
				t.Error("an invalid pack started a check")
			}
		})
	}

	lockUI(func() { w.removePack() })
	settle(t, w)
	lockUI(func() {
		if w.pack != nil || w.prefs.String(prefPack) != "" || !w.packBtn.Hidden {
			t.Error("the pack was not removed")
		}
		if n := telecareIssues(w); n != base {
			t.Errorf("without the pack Telecare has %d issues, want %d", n, base)
		}
	})
}

// At start-up the remembered pack is used; a missing one is reported once
// and forgotten, and the window carries on without it.
func TestSpecPackAtStartUp(t *testing.T) {
	start := func(packPath string) (*Window, fyne.App) {
		SetCrashLogDir(t.TempDir())
		a := test.NewTempApp(t)
		a.Preferences().SetString(prefPack, packPath)
		win := a.NewWindow(AppTitle)
		var w *Window
		lockUI(func() { w = create(a, win, nil, &recorder{}) })
		t.Cleanup(func() { waitAll(w) })
		return w, a
	}
	w, _ := start(examplePack(t))
	lockUI(func() {
		if w.pack == nil || w.packBtn.Hidden {
			t.Error("the remembered pack was not loaded")
		}
	})
	gone := filepath.Join(t.TempDir(), "moved.json")
	w, a := start(gone)
	lockUI(func() {
		if w.pack != nil {
			t.Error("a missing pack is in use")
		}
		if !strings.HasPrefix(seen(w).message, "Spec pack not used") || !strings.Contains(seen(w).message, "moved.json") {
			t.Errorf("message %q", seen(w).message)
		}
		if a.Preferences().String(prefPack) != "" {
			t.Error("the missing pack is still remembered, so it would be reported at every start")
		}
	})
}
