package ui

import (
	"image"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/charts"
	"cldvalidator/validation"
)

// The Charts tab draws the summary charts with the charts package
// (gonum/plot into an image of exactly the size shown). A chart is drawn
// off the UI goroutine, only while the tab is visible, and again (after
// 150 ms of quiet) whenever the window is resized.

type chartsTab struct {
	w       *Window
	res     *validation.Result
	list    *listBox
	view    *chartView
	current int
	shown   bool
	content fyne.CanvasObject
}

func newChartsTab(w *Window) *chartsTab {
	t := &chartsTab{w: w}
	t.view = newChartView(w)
	t.list = newList(func() int { return len(charts.All) },
		func() fyne.CanvasObject { return widget.NewLabel("Field completeness") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(charts.All[id].Title) })
	t.list.OnSelected = func(id widget.ListItemID) {
		t.current = id
		t.view.setChart(t.drawer())
	}
	t.list.Select(0)
	t.content = border(nil, nil, minWidth(t.list, 200), nil, t.view)
	return t
}

// drawer is the function that draws the current chart, nil without data.
func (t *chartsTab) drawer() func(w, h int, dark bool) (image.Image, error) {
	res := t.res
	if res == nil || t.current < 0 || t.current >= len(charts.All) {
		return nil
	}
	draw := charts.All[t.current].Draw
	return func(w, h int, dark bool) (image.Image, error) { return draw(res.Summary, w, h, dark) }
}

func (t *chartsTab) setResult(res *validation.Result) {
	t.res = res
	t.view.setChart(t.drawer())
}

// visible tells the tab whether it is on screen (charts are only drawn then).
func (t *chartsTab) visible(v bool) {
	t.shown = v
	t.view.setVisible(v)
}

// chartView shows one chart image and redraws it at its own pixel size.
type chartView struct {
	widget.BaseWidget
	w       *Window
	img     *canvas.Image
	msg     *widget.Label
	draw    func(w, h int, dark bool) (image.Image, error)
	gen     atomic.Uint64
	timer   *time.Timer
	drawn   fyne.Size // size the current image was drawn for
	visible bool
}

// chartDebounce is how long a resize must settle before a redraw.
const chartDebounce = 150 * time.Millisecond

func newChartView(w *Window) *chartView {
	c := &chartView{w: w, img: canvas.NewImageFromImage(nil), msg: widget.NewLabel("Charts appear here when a file has been checked.")}
	c.img.FillMode = canvas.ImageFillContain
	c.img.ScaleMode = canvas.ImageScaleFastest
	c.msg.Alignment = fyne.TextAlignCenter
	c.msg.Wrapping = fyne.TextWrapWord
	c.ExtendBaseWidget(c)
	return c
}

func (c *chartView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.img, container.NewCenter(c.msg)))
}

func (c *chartView) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

// Resize schedules a redraw at the new size.
func (c *chartView) Resize(s fyne.Size) {
	c.BaseWidget.Resize(s)
	c.schedule()
}

func (c *chartView) setChart(draw func(w, h int, dark bool) (image.Image, error)) {
	c.draw = draw
	c.drawn = fyne.Size{}
	c.gen.Add(1)
	c.img.Image = nil
	c.img.Refresh()
	if draw == nil {
		c.msg.SetText("Charts appear here when a file has been checked.")
		c.msg.Show()
	} else {
		c.msg.SetText("Drawing…")
		c.msg.Show()
	}
	c.schedule()
}

func (c *chartView) setVisible(v bool) {
	c.visible = v
	if v {
		c.schedule()
	}
}

// schedule starts a redraw after the debounce delay, if anything changed.
func (c *chartView) schedule() {
	if c.draw == nil || !c.visible {
		return
	}
	s := c.Size()
	if s.Width < 10 || s.Height < 10 || s == c.drawn {
		return
	}
	gen := c.gen.Add(1)
	if c.timer != nil {
		c.timer.Stop()
	}
	c.timer = time.AfterFunc(chartDebounce, func() {
		c.w.uiDo("chart start", func() { c.render(gen) })
	})
}

// render draws on a background goroutine at the widget's pixel size.
func (c *chartView) render(gen uint64) {
	if c.gen.Load() != gen || c.draw == nil {
		return
	}
	s := c.Size()
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		scale = cv.Scale()
	}
	pw, ph := int(s.Width*scale), int(s.Height*scale)
	dark := fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark
	draw := c.draw
	c.w.goSafe("drawing a chart", func() {
		img, err := draw(pw, ph, dark)
		c.w.uiDo("chart swap", func() {
			if c.gen.Load() != gen {
				return
			}
			if err != nil {
				c.img.Image = nil
				c.msg.SetText("This chart could not be drawn. The numbers are in the Summary tab and the Excel report.")
				c.msg.Show()
				c.img.Refresh()
				return
			}
			c.drawn = s
			c.img.Image = img
			c.msg.Hide()
			c.img.Refresh()
		})
	}, nil)
}
