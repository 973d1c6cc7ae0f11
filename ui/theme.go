package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"cldvalidator/palette"
	"cldvalidator/validation"
)

// appTheme is Fyne's default theme with the colours that were too faint
// for WCAG 2.2 AA replaced (TestThemeContrast computes every ratio):
// Fyne's light warning orange is 2.2:1 on white and its error red 3.7:1,
// its placeholder grey 3.2:1 on a text box, a text box's border 1.3:1, and
// its focus colour is a 16%-opaque blue that cannot be seen on the blue
// Open file… button. Severity colours come from package palette, which the
// charts use too, so an error is the same red everywhere.
type appTheme struct{ fyne.Theme }

func newAppTheme() fyne.Theme { return &appTheme{theme.DefaultTheme()} }

// colorNameFocusRing is the ring drawn around the focused control
// (focus.go): near-black on light, white on dark, like Windows' own.
const colorNameFocusRing fyne.ThemeColorName = "cldFocusRing"

var (
	themePrimary     = color.NRGBA{R: 0x15, G: 0x65, B: 0xC0, A: 0xFF} // 5.7:1 under white text
	themeDarkPrimary = color.NRGBA{R: 0x19, G: 0x76, B: 0xD2, A: 0xFF} // 4.6:1 under white, 3.5:1 on dark grey
	themeLightText   = color.NRGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xFF} // Fyne's #565656 fell below 4.5:1 on tinted cells
	themeOnDark      = color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xFF} // the dark background
	themeLightLink   = themePrimary
	themeDarkLink    = color.NRGBA{R: 0x64, G: 0xB5, B: 0xF6, A: 0xFF}
	themeLightRing   = color.NRGBA{R: 0x11, G: 0x11, B: 0x11, A: 0xFF}
	themeDarkRing    = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
	themeLightHolder = color.NRGBA{R: 0x66, G: 0x66, B: 0x66, A: 0xFF}
	themeLightBorder = color.NRGBA{R: 0x8A, G: 0x8A, B: 0x8A, A: 0xFF}
	themeDarkBorder  = color.NRGBA{R: 0x7A, G: 0x7A, B: 0x7E, A: 0xFF}
	// Disabled controls need no contrast under WCAG, but a user still
	// has to read what a greyed-out button would do.
	themeLightDisabled = color.NRGBA{R: 0x8A, G: 0x8A, B: 0x8A, A: 0xFF}
	themeDarkDisabled  = color.NRGBA{R: 0x80, G: 0x80, B: 0x84, A: 0xFF}
)

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	dark := v != theme.VariantLight // as Fyne's own theme decides
	pick := func(light, dk color.Color) color.Color {
		if dark {
			return dk
		}
		return light
	}
	switch n {
	case theme.ColorNameError:
		return palette.Error(dark)
	case theme.ColorNameWarning:
		return palette.Warning(dark)
	case theme.ColorNameSuccess:
		return palette.Success(dark)
	case theme.ColorNamePrimary:
		return pick(themePrimary, themeDarkPrimary)
	case theme.ColorNameForeground:
		if !dark {
			return themeLightText
		}
	case theme.ColorNameForegroundOnPrimary:
		return color.White
	case theme.ColorNameForegroundOnError, theme.ColorNameForegroundOnWarning, theme.ColorNameForegroundOnSuccess:
		return pick(color.White, themeOnDark)
	case theme.ColorNameHyperlink:
		return pick(themeLightLink, themeDarkLink)
	case theme.ColorNamePlaceHolder:
		if !dark {
			return themeLightHolder
		}
	case theme.ColorNameInputBorder:
		return pick(themeLightBorder, themeDarkBorder)
	case theme.ColorNameDisabled:
		return pick(themeLightDisabled, themeDarkDisabled)
	case theme.ColorNameFocus:
		// Fyne blends this over a focused button, select or check: a
		// blue wash on light, a darker shade on dark (a lighter one
		// would take white text on a blue button below 4.5:1). The ring
		// (focus.go) is what makes the focus plain to see.
		return pick(color.NRGBA{R: 0x15, G: 0x65, B: 0xC0, A: 0x40}, color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0x50})
	case theme.ColorNameHover:
		if dark { // a lighter blue button would lose its white text's contrast
			return color.NRGBA{R: 0x00, G: 0x00, B: 0x00, A: 0x2A}
		}
	case colorNameFocusRing:
		return pick(themeLightRing, themeDarkRing)
	}
	return t.Theme.Color(n, v)
}

// themeColor is a colour of the app's theme in the variant in use.
func themeColor(n fyne.ThemeColorName) color.Color {
	s := fyne.CurrentApp().Settings()
	return s.Theme().Color(n, s.ThemeVariant())
}

// Severity tints: the backgrounds of cells and banners about an issue.
// Their opacity is chosen so the text on them keeps 4.5:1.
const (
	tintAlpha   = 0x48 // cells with an error or warning
	noteAlpha   = 0x30 // cells with only a note
	bannerAlpha = 0x40 // the Summary's verdict
)

// severityTint is the background of a cell with an issue of sev.
func severityTint(sev validation.Severity) color.Color {
	switch sev {
	case validation.Error:
		return withAlpha(themeColor(theme.ColorNameError), tintAlpha)
	case validation.Warning:
		return withAlpha(themeColor(theme.ColorNameWarning), tintAlpha)
	}
	return withAlpha(themeColor(theme.ColorNamePrimary), noteAlpha)
}
