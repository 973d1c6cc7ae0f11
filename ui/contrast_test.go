package ui

import (
	"fmt"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"cldvalidator/palette"
	"cldvalidator/validation"
)

// Every colour the window draws text or graphics in, against everything
// it is drawn on, in both theme variants, computed from the theme the
// window uses: WCAG 2.2 AA (4.5:1 for text, 3:1 for graphics such as a
// text box's border, the focus ring, icons and bars). Disabled controls
// are exempt under WCAG and are not listed.
func TestThemeContrast(t *testing.T) {
	test.NewTempApp(t)
	th := newAppTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[v]
		c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
		bg := c(theme.ColorNameBackground)
		surfaces := map[string]color.Color{
			"background":       bg,
			"input background": palette.Over(c(theme.ColorNameInputBackground), bg),
			"button":           palette.Over(c(theme.ColorNameButton), bg),
			"table header":     palette.Over(c(theme.ColorNameHeaderBackground), bg),
			"menu":             palette.Over(c(theme.ColorNameMenuBackground), bg),
			"dialog":           palette.Over(c(theme.ColorNameOverlayBackground), bg),
		}
		type pair struct {
			what   string
			fg, on color.Color
			min    float64
		}
		var pairs []pair
		for sname, s := range surfaces {
			for fname, n := range map[string]fyne.ThemeColorName{
				"text": theme.ColorNameForeground, "error text": theme.ColorNameError,
				"warning text": theme.ColorNameWarning, "success text": theme.ColorNameSuccess,
			} {
				pairs = append(pairs, pair{fname + " on " + sname, c(n), s, palette.TextAA})
			}
			pairs = append(pairs, pair{"focus ring around a control on " + sname, c(colorNameFocusRing), s, palette.GraphicAA})
		}
		in := surfaces["input background"]
		btn := surfaces["button"]
		primary := c(theme.ColorNamePrimary)
		pairs = append(pairs,
			pair{"placeholder in a text box", c(theme.ColorNamePlaceHolder), in, palette.TextAA},
			pair{"link text", c(theme.ColorNameHyperlink), bg, palette.TextAA},
			pair{"link text in a dialog", c(theme.ColorNameHyperlink), surfaces["dialog"], palette.TextAA},
			pair{"text box border", c(theme.ColorNameInputBorder), bg, palette.GraphicAA},
			pair{"focused text box border", primary, bg, palette.GraphicAA},
			pair{"progress bar", primary, in, palette.GraphicAA},
			pair{"text on a blue button", c(theme.ColorNameForegroundOnPrimary), primary, palette.TextAA},
			pair{"text on a focused blue button", c(theme.ColorNameForegroundOnPrimary), palette.Over(c(theme.ColorNameFocus), primary), palette.TextAA},
			pair{"text on a hovered blue button", c(theme.ColorNameForegroundOnPrimary), palette.Over(c(theme.ColorNameHover), primary), palette.TextAA},
			pair{"text on a red button", c(theme.ColorNameForegroundOnError), c(theme.ColorNameError), palette.TextAA},
			pair{"text on an amber button", c(theme.ColorNameForegroundOnWarning), c(theme.ColorNameWarning), palette.TextAA},
			pair{"text on a green button", c(theme.ColorNameForegroundOnSuccess), c(theme.ColorNameSuccess), palette.TextAA},
			pair{"text on a focused button", c(theme.ColorNameForeground), palette.Over(c(theme.ColorNameFocus), btn), palette.TextAA},
			pair{"text on a hovered button", c(theme.ColorNameForeground), palette.Over(c(theme.ColorNameHover), btn), palette.TextAA},
			pair{"text in a focused drop-down", c(theme.ColorNameForeground), palette.Over(c(theme.ColorNameFocus), bg), palette.TextAA},
			pair{"text in a selected row", c(theme.ColorNameForeground), palette.Over(c(theme.ColorNameSelection), bg), palette.TextAA},
			pair{"scroll bar", c(theme.ColorNameScrollBar), palette.Over(c(theme.ColorNameScrollBarBackground), bg), palette.GraphicAA},
		)
		// Tinted backgrounds: Records cells with an issue (also when
		// selected), the Summary's verdict banner, the conversion
		// preview's rows without a Release 2 value.
		withVariant(t, v, func() {
			for _, sev := range []validation.Severity{validation.Error, validation.Warning, validation.Info} {
				cell := palette.Over(severityTint(sev), bg)
				pairs = append(pairs,
					pair{"text in a cell with a " + sev.String(), c(theme.ColorNameForeground), cell, palette.TextAA},
					pair{"text in a selected cell with a " + sev.String(), c(theme.ColorNameForeground), palette.Over(c(theme.ColorNameSelection), cell), palette.TextAA},
				)
			}
			for _, n := range []fyne.ThemeColorName{theme.ColorNameError, theme.ColorNameSuccess} {
				banner := palette.Over(withAlpha(c(n), bannerAlpha), bg)
				pairs = append(pairs, pair{"text on the " + string(n) + " verdict banner", c(theme.ColorNameForeground), banner, palette.TextAA})
			}
			row := palette.Over(tint2(theme.ColorNameError), bg)
			pairs = append(pairs, pair{"error text on a conversion row with no Release 2 value", c(theme.ColorNameError), row, palette.TextAA})
		})
		for _, p := range pairs {
			r := palette.Contrast(p.fg, p.on)
			if r < p.min {
				t.Errorf("%s theme: %s is %.2f:1, below %.1f:1", name, p.what, r, p.min)
			} else if testing.Verbose() {
				fmt.Printf("%-5s %-60s %5.2f:1\n", name, p.what, r)
			}
		}
	}
}

// withVariant runs f with the app's theme set to the app theme and the
// variant v (the functions that build tints read the current settings).
func withVariant(t *testing.T, v fyne.ThemeVariant, f func()) {
	t.Helper()
	s := fyne.CurrentApp().Settings()
	old := s.Theme()
	s.SetTheme(&fixedVariant{newAppTheme(), v})
	defer s.SetTheme(old)
	f()
}

// fixedVariant forces a variant whatever the settings say.
type fixedVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (f *fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.v)
}

// Fyne's own theme fails: the test above would catch a return to it.
func TestFyneDefaultColoursFail(t *testing.T) {
	test.NewTempApp(t)
	def := theme.DefaultTheme()
	white := def.Color(theme.ColorNameBackground, theme.VariantLight)
	for n, want := range map[fyne.ThemeColorName]float64{theme.ColorNameWarning: 2.2, theme.ColorNameError: 3.7} {
		r := palette.Contrast(def.Color(n, theme.VariantLight), white)
		t.Logf("Fyne's light %s on white: %.2f:1 (ours %.2f:1)", n, r, palette.Contrast(newAppTheme().Color(n, theme.VariantLight), white))
		if r >= palette.TextAA || r < want-0.1 || r > want+0.1 {
			t.Errorf("Fyne's light %s is %.2f:1; expected about %.1f", n, r, want)
		}
	}
}
