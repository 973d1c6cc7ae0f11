package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window's controls are Fyne's, extended for the keyboard:
//
//   - A ring shows which control has the keyboard. Fyne only blends a
//     faint colour into a focused control, which cannot be seen on a blue
//     button (WCAG 2.4.7). The ring is drawn just outside the control in
//     the theme's focus ring colour (3:1 or more on every background:
//     TestThemeContrast).
//   - Enter does what a click does on a button, and picks the focused
//     line of a list (Fyne only takes Space).
//   - Up and Down change a drop-down's choice, as in Windows, instead of
//     opening its list (Fyne opens it, so an arrow meant for the table
//     below opened an unrelated drop-down); Space or Enter opens it.
//   - Esc closes the dialog on top, or cancels a running check, and F1
//     opens Help, whatever has the keyboard (Fyne gives these keys to the
//     focused control, which ignores them).
//
// Each is a drop-in for the Fyne widget it embeds.

// ring is the focus ring of one control.
type ring struct {
	focused bool
	rect    *canvas.Rectangle
}

// ringWidth and ringGap: a 2-unit line 2 units outside the control, in
// the padding Fyne leaves between controls.
const ringWidth, ringGap = 2, 2

func (r *ring) set(focused bool) {
	r.focused = focused
	r.update()
}

func (r *ring) update() {
	if r.rect == nil {
		return
	}
	r.rect.StrokeColor = focusRingColor()
	r.rect.Hidden = !r.focused
	r.rect.Refresh()
}

// focusRingColor is the app theme's ring colour (the text colour under
// any other theme, as in tests of a lone widget).
func focusRingColor() color.Color {
	s := fyne.CurrentApp().Settings()
	if _, ok := s.Theme().(*appTheme); ok {
		return s.Theme().Color(colorNameFocusRing, s.ThemeVariant())
	}
	return theme.Color(theme.ColorNameForeground)
}

// ringRenderer draws a widget's own renderer with the ring on top.
type ringRenderer struct {
	fyne.WidgetRenderer
	r     *ring
	inner []fyne.CanvasObject // the inner renderer's objects last seen
	objs  []fyne.CanvasObject
}

func withRing(inner fyne.WidgetRenderer, r *ring) fyne.WidgetRenderer {
	r.rect = canvas.NewRectangle(color.Transparent)
	r.rect.StrokeWidth = ringWidth
	r.rect.CornerRadius = theme.InputRadiusSize() + ringGap
	r.update()
	return &ringRenderer{WidgetRenderer: inner, r: r}
}

func (rr *ringRenderer) Layout(s fyne.Size) {
	rr.WidgetRenderer.Layout(s)
	off := float32(ringGap + ringWidth)
	rr.r.rect.Move(fyne.NewPos(-off, -off))
	rr.r.rect.Resize(fyne.NewSize(s.Width+2*off, s.Height+2*off))
}

func (rr *ringRenderer) Objects() []fyne.CanvasObject {
	in := rr.WidgetRenderer.Objects()
	same := len(in) == len(rr.inner)
	for i := 0; same && i < len(in); i++ {
		same = in[i] == rr.inner[i]
	}
	if !same {
		rr.inner = append(rr.inner[:0], in...)
		rr.objs = append(append(rr.objs[:0], in...), rr.r.rect)
	}
	return rr.objs
}

func (rr *ringRenderer) Refresh() {
	rr.WidgetRenderer.Refresh()
	rr.r.update()
}

// button is a widget.Button with a focus ring that Enter presses.
type button struct {
	widget.Button
	ring ring
}

func newButton(label string, tapped func()) *button {
	return newButtonWithIcon(label, nil, tapped)
}

func newButtonWithIcon(label string, icon fyne.Resource, tapped func()) *button {
	b := &button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *button) CreateRenderer() fyne.WidgetRenderer {
	return withRing(b.Button.CreateRenderer(), &b.ring)
}

func (b *button) FocusGained() { b.ring.set(true); b.Button.FocusGained() }
func (b *button) FocusLost()   { b.ring.set(false); b.Button.FocusLost() }

func (b *button) TypedKey(ev *fyne.KeyEvent) {
	if windowKey(b, ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	default:
		b.Button.TypedKey(ev)
	}
}

// selectBox is a widget.Select with a focus ring, whose arrows change the
// choice and whose list opens on Space or Enter.
type selectBox struct {
	widget.Select
	ring ring
}

func newSelect(options []string, changed func(string)) *selectBox {
	s := &selectBox{}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = "(Select one)"
	s.ExtendBaseWidget(s)
	return s
}

func (s *selectBox) CreateRenderer() fyne.WidgetRenderer {
	return withRing(s.Select.CreateRenderer(), &s.ring)
}

func (s *selectBox) FocusGained() { s.ring.set(true); s.Select.FocusGained() }
func (s *selectBox) FocusLost()   { s.ring.set(false); s.Select.FocusLost() }

func (s *selectBox) TypedKey(ev *fyne.KeyEvent) {
	if windowKey(s, ev) {
		return
	}
	i := s.SelectedIndex()
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyLeft:
		if i > 0 {
			s.SetSelectedIndex(i - 1)
		}
	case fyne.KeyDown, fyne.KeyRight:
		if i < len(s.Options)-1 {
			s.SetSelectedIndex(i + 1)
		}
	case fyne.KeyHome:
		s.SetSelectedIndex(0)
	case fyne.KeyEnd:
		s.SetSelectedIndex(len(s.Options) - 1)
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		s.Select.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // opens the list
	}
}

// listBox is a widget.List with a focus ring, where Enter picks the
// focused line as Space does.
type listBox struct {
	widget.List
	ring ring
}

func newList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *listBox {
	l := &listBox{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *listBox) CreateRenderer() fyne.WidgetRenderer {
	return withRing(l.List.CreateRenderer(), &l.ring)
}

func (l *listBox) FocusGained() { l.ring.set(true); l.List.FocusGained() }
func (l *listBox) FocusLost()   { l.ring.set(false); l.List.FocusLost() }

func (l *listBox) TypedKey(ev *fyne.KeyEvent) {
	if windowKey(l, ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	default:
		l.List.TypedKey(ev)
	}
}

// entry is a widget.Entry with a focus ring (Fyne's focused border is a
// one-unit colour change) that passes Esc on.
type entry struct {
	widget.Entry
	ring ring
}

func newEntry() *entry {
	e := &entry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewEntry
	e.ExtendBaseWidget(e)
	return e
}

func (e *entry) CreateRenderer() fyne.WidgetRenderer {
	return withRing(e.Entry.CreateRenderer(), &e.ring)
}

func (e *entry) FocusGained() { e.ring.set(true); e.Entry.FocusGained() }
func (e *entry) FocusLost()   { e.ring.set(false); e.Entry.FocusLost() }

func (e *entry) TypedKey(ev *fyne.KeyEvent) {
	if windowKey(e, ev) {
		return
	}
	switch {
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && e.OnSubmitted == nil && !e.MultiLine:
		enterFrom(e) // a box with nothing of its own to do: the dialog's default
	default:
		e.Entry.TypedKey(ev)
	}
}

// checkBox is a widget.Check with a focus ring that passes Esc on.
type checkBox struct {
	widget.Check
	ring ring
}

func newCheck(label string, changed func(bool)) *checkBox {
	c := &checkBox{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *checkBox) CreateRenderer() fyne.WidgetRenderer {
	return withRing(c.Check.CreateRenderer(), &c.ring)
}

func (c *checkBox) FocusGained() { c.ring.set(true); c.Check.FocusGained() }
func (c *checkBox) FocusLost()   { c.ring.set(false); c.Check.FocusLost() }

func (c *checkBox) TypedKey(ev *fyne.KeyEvent) {
	if windowKey(c, ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		enterFrom(c) // Space ticks; Enter is the dialog's default button
	default:
		c.Check.TypedKey(ev)
	}
}
