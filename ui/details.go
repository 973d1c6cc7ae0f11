package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// detailsBox is a line a user can expand: "Technical details" under an
// issue or a rule holds what a developer or analyst needs (the rule's id,
// the specification items and sources behind it) and stays out of the
// plain-English text until asked for. It stays open or shut as the user
// left it when its text changes.
type detailsBox struct {
	title   string
	btn     *button
	text    *widget.Label
	open    bool
	content *fyne.Container
}

func newDetailsBox(title string) *detailsBox {
	d := &detailsBox{title: title, text: wrappedLabel("")}
	d.text.Selectable = true // so an analyst can copy a rule id
	d.btn = newButtonWithIcon(title, theme.MenuExpandIcon(), d.toggle)
	d.btn.Importance = widget.LowImportance
	d.btn.Alignment = widget.ButtonAlignLeading
	d.text.Hide()
	d.content = container.NewVBox(container.NewHBox(d.btn), d.text)
	d.content.Hide()
	return d
}

// SetText sets what the box holds; "" hides the box.
func (d *detailsBox) SetText(s string) {
	d.text.SetText(s)
	if s == "" {
		d.content.Hide()
		return
	}
	d.content.Show()
}

func (d *detailsBox) toggle() { d.setOpen(!d.open) }

func (d *detailsBox) setOpen(open bool) {
	d.open = open
	if open {
		d.btn.SetIcon(theme.MenuDropDownIcon())
		d.text.Show()
	} else {
		d.btn.SetIcon(theme.MenuExpandIcon())
		d.text.Hide()
	}
	d.content.Refresh()
}

// flowLayout places objects left to right at their minimum sizes and
// starts a new line when the next one would not fit, so a row of buttons
// stays reachable in a narrow pane instead of forcing the window wider.
type flowLayout struct {
	c      *fyne.Container
	width  float32 // the width last laid out at
	height float32 // the height the lines took then
}

// newFlow is a container of objects that wrap onto new lines.
func newFlow(objs ...fyne.CanvasObject) *fyne.Container {
	f := &flowLayout{}
	f.c = container.New(f, objs...)
	return f.c
}

func (f *flowLayout) place(objs []fyne.CanvasObject, width float32, apply bool) fyne.Size {
	pad := theme.Padding()
	x, y, lineH, maxW := float32(0), float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y = 0, y+lineH+pad
			lineH = 0
		}
		if apply {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + pad
		lineH = max(lineH, m.Height)
		maxW = max(maxW, x-pad)
	}
	return fyne.NewSize(maxW, y+lineH)
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	f.width = s.Width
	if h := f.place(objs, s.Width, true).Height; h != f.height {
		// The lines need another height at this width: the parent lays
		// out again with the new minimum (the driver checks minimum sizes
		// before the next frame), as a wrapped label does.
		f.height = h
		canvas.Refresh(f.c)
	}
}

// MinSize is as wide as the widest object, and as tall as the lines need
// at the width last laid out (one line before the first layout).
func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := f.width
	if w <= 0 {
		w = 1 << 20
	}
	s := f.place(objs, w, false)
	widest := float32(0)
	for _, o := range objs {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
		}
	}
	return fyne.NewSize(widest, s.Height)
}

// fitTabs lets each tab scroll when the window is smaller than it needs,
// so no tab sets a minimum size on the window: on a small screen or at a
// large text scale the window still fits, and every control can be
// scrolled to. Above that size a tab fills the window as before.
func fitTabs(tabs *container.AppTabs) {
	for _, it := range tabs.Items {
		it.Content = container.NewScroll(it.Content)
	}
}

// border is container.NewBorder with its objects in reading order — top,
// left, centre, right, bottom — which is the order Tab visits them in
// (container.NewBorder puts the centre first, so Tab reached a tab's
// table before the filters above it, and the path box before Open file…).
func border(top, bottom, left, right fyne.CanvasObject, center ...fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, o := range append(append([]fyne.CanvasObject{top, left}, center...), right, bottom) {
		if o != nil {
			objs = append(objs, o)
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, left, right), objs...)
}
