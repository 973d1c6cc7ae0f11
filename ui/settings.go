package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

// Settings → Spec pack…: a small JSON file from a lead analyst that
// corrects or extends the built-in specification (docs/spec-packs.md). The
// pack's path is remembered; the pack applies to every check from then on
// (the file shown is checked again at once), its name is shown beside the
// status line, and Remove spec pack goes back to the built-in rules. A pack
// that does not load changes nothing.

const prefPack = "specPack"

// loadPack reads a spec pack and makes sure it applies cleanly to each
// release it is for, so that a pack naming a field that does not exist is
// refused now, in plain English, rather than failing every check later.
func loadPack(path string) (*validation.Pack, error) {
	p, err := validation.LoadPack(path)
	if err != nil {
		return nil, err
	}
	for _, r := range []validation.Release{validation.R1, validation.R2} {
		if p.AppliesTo(r) {
			if _, err := validation.WithPack(r, p); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// sentence makes an error's text a sentence: capital first letter, full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// restorePack loads the remembered spec pack at start-up. If it is missing
// or no longer valid, the user is told once and the setting is cleared:
// checks carry on with the built-in rules.
func (w *Window) restorePack() {
	path := w.prefs.String(prefPack)
	if path == "" {
		return
	}
	p, err := loadPack(path)
	if err != nil {
		w.prefs.SetString(prefPack, "")
		w.showMessage("Spec pack not used", "The spec pack chosen before could not be loaded, so checks use the built-in rules.\n\n"+
			sentence(err.Error())+"\n\nTo use it again, choose it in Settings → Spec pack… once the file is back.")
		return
	}
	w.pack, w.packPath = p, path
	w.showPackName()
}

// showPackName shows the pack in use (if any) beside the status line.
func (w *Window) showPackName() {
	w.setMenu() // Remove spec pack is enabled only with a pack
	if w.pack == nil {
		w.packBtn.Hide()
		return
	}
	w.packBtn.SetText("Spec pack: " + clip(w.pack.Name, 48))
	w.packBtn.Show()
}

// packUsedNote is added to the status after a check: which pack was used,
// or why the pack set was not.
func (w *Window) packUsedNote(res *validation.Result) string {
	switch {
	case res.Spec.PackNote != "":
		return " with the spec pack" // named beside the status
	case w.pack != nil && !w.pack.AppliesTo(res.Spec.Release):
		return fmt.Sprintf(" (the spec pack is for Release %s, so it was not used)", strings.TrimPrefix(strings.ToUpper(w.pack.Release), "R"))
	}
	return ""
}

// showPackDialog is Settings → Spec pack….
func (w *Window) showPackDialog() {
	current := wrappedLabel("No spec pack is in use: checks use the built-in rules.")
	extra := container.NewVBox(current)
	var fc *fileChooser
	if w.pack != nil {
		current.SetText(fmt.Sprintf("In use now: “%s”%s\n%s", w.pack.Name, packFrom(w.pack), w.packPath))
		remove := newButtonWithIcon("Remove spec pack", theme.DeleteIcon(), func() {
			fc.dlg.Hide()
			w.removePack()
		})
		extra.Add(container.NewHBox(remove))
	}
	initial := w.packPath
	fc = w.showFileChooser(chooserSpec{
		title:   "Spec pack",
		intro:   "A spec pack is a small .json file, usually from your lead analyst, that corrects or extends the built-in rules — for example a list value that has been confirmed. It applies to every check until you remove it, and every report records that it was used.",
		confirm: "Use this spec pack",
		what:    "the spec pack (a .json file)",
		example: `C:\Data\spec-pack.json`,
		initial: initial,
		exts:    []string{".json"},
		extra:   extra,
		chosen:  w.usePack,
	})
}

func packFrom(p *validation.Pack) string {
	if p.Author == "" {
		return ""
	}
	return " from " + p.Author
}

// usePack loads the pack at path (on a background goroutine). If it is
// valid it becomes the setting and the file shown is checked again;
// otherwise the pack's own explanation is shown and nothing changes.
func (w *Window) usePack(path string) {
	busy := dialog.NewCustomWithoutButtons("Reading the spec pack…", widget.NewProgressBarInfinite(), w.win)
	w.track(busy, nil, func() {})
	busy.Show()
	w.goSafe("reading a spec pack", func() {
		p, err := loadPack(path)
		w.uiDo("spec pack read", func() {
			busy.Hide()
			if err != nil {
				now := "Nothing was changed: checks still use the built-in rules."
				if w.pack != nil {
					now = fmt.Sprintf("Nothing was changed: checks still use the spec pack “%s”.", w.pack.Name)
				}
				w.showMessage("That spec pack cannot be used", sentence(err.Error())+"\n\n"+now)
				return
			}
			w.pack, w.packPath = p, path
			w.prefs.SetString(prefPack, path)
			w.showPackName()
			w.afterPackChange(fmt.Sprintf("Spec pack “%s” is in use for every check", p.Name))
		})
	}, func() { w.uiDo("spec pack failed", busy.Hide) })
}

// removePack goes back to the built-in rules.
func (w *Window) removePack() {
	if w.pack == nil {
		w.showMessage("No spec pack in use", "Checks already use the built-in rules.")
		return
	}
	w.pack, w.packPath = nil, ""
	w.prefs.SetString(prefPack, "")
	w.showPackName()
	w.afterPackChange("Spec pack removed: checks use the built-in rules")
}

// afterPackChange checks the file shown again with the new rules.
func (w *Window) afterPackChange(what string) {
	if w.input != nil {
		w.recheck()
		w.setStatus(what + ". Checking " + w.input.name + " again…")
		return
	}
	w.setStatus(what + ".")
}
