package ui

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/charts"
	"cldvalidator/report"
	"cldvalidator/validation"
)

// The Charts tab draws the summary charts with the charts package
// (gonum/plot into an image of exactly the size shown). A chart is drawn
// off the UI goroutine, only while the tab is visible, and again (after
// 150 ms of quiet) whenever the window is resized.

type chartsTab struct {
	w            *Window
	res          *validation.Result
	list         *listBox
	view         *chartView
	saveB, copyB *button
	hint         *widget.Label
	current      int
	shown        bool
	content      fyne.CanvasObject
}

// exportW, exportH: the size charts are saved and copied at, whatever the
// window's size: sharp in a document or an email.
const exportW, exportH = 1600, 1000

func newChartsTab(w *Window) *chartsTab {
	t := &chartsTab{w: w}
	t.view = newChartView(w)
	t.view.onBar = t.barTapped
	t.list = newList(func() int { return len(charts.All) },
		func() fyne.CanvasObject { return widget.NewLabel("Field completeness") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(charts.All[id].Title) })
	t.list.OnSelected = func(id widget.ListItemID) {
		t.current = id
		t.view.setChart(t.drawer())
		t.syncButtons()
	}
	t.saveB = newButtonWithIcon("Save as picture…", theme.DocumentSaveIcon(), t.savePicture)
	t.copyB = newButtonWithIcon("Copy picture", theme.ContentCopyIcon(), t.copyPicture)
	t.hint = widget.NewLabel("")
	t.list.Select(0)
	t.content = border(nil, nil, minWidth(t.list, 200), nil,
		border(newFlow(t.saveB, t.copyB, t.hint), nil, nil, nil, t.view))
	t.syncButtons()
	return t
}

// syncButtons enables the picture buttons when there is a chart, and says
// when its bars can be clicked.
func (t *chartsTab) syncButtons() {
	if t.res == nil {
		t.saveB.Disable()
		t.copyB.Disable()
		t.hint.SetText("")
		return
	}
	t.saveB.Enable()
	t.copyB.Enable()
	if charts.All[t.current].Hits != nil {
		t.hint.SetText("Click a bar to see its issues.")
	} else {
		t.hint.SetText("")
	}
}

// barTapped shows the issues of the field (and severity) of a bar.
func (t *chartsTab) barTapped(h charts.Hit) {
	if t.w.issues.filterByField(h.Field, h.Severity) {
		t.w.selectTab(tabIssues)
	}
}

// picture draws the current chart for saving or copying, in the light
// theme (it is for documents and print).
func (t *chartsTab) picture() (string, func() (image.Image, error)) {
	res, c := t.res, charts.All[t.current]
	return c.Title, func() (image.Image, error) { return c.Draw(res.Summary, exportW, exportH, false) }
}

// savePicture saves the chart as a PNG.
func (t *chartsTab) savePicture() {
	if t.res == nil {
		return
	}
	title, draw := t.picture()
	t.w.showSave(saveRequest{
		title: "Save chart as a picture",
		def:   t.w.defaultOutput(" - " + title + ".png"),
		exts:  []string{".png"},
		what:  fmt.Sprintf("%s as a PNG picture (%d × %d pixels) for a document, a slide or an email. Charts hold counts only, no personal data.", title, exportW, exportH),
		write: func(path string, _ bool) error {
			img, err := draw()
			if err != nil {
				return err
			}
			return report.SaveFile(path, []string{t.w.inputPath()}, func(w io.Writer) error { return png.Encode(w, img) })
		},
		done: func(path string, _ bool) {
			t.w.showSaved(path, "The chart is a picture: insert it into a document or attach it to an email.")
		},
	})
}

// copyPicture puts the chart on the clipboard as a picture.
func (t *chartsTab) copyPicture() {
	if t.res == nil {
		return
	}
	title, draw := t.picture()
	t.w.setStatus("Copying " + title + "…")
	t.w.goSafe("copying a chart", func() {
		img, err := draw()
		if err == nil {
			err = copyImage(img)
		}
		t.w.uiDo("chart copied", func() {
			switch {
			case errors.Is(err, errNoImageClipboard):
				t.w.setStatus("")
				t.w.showMessage("Pictures cannot be copied here", "This computer's clipboard does not take pictures from the CLD Validator. Use Save as picture… and insert the file instead.")
			case err != nil:
				t.w.setStatus("")
				t.w.showMessage("The chart was not copied", sentence(err.Error()))
			default:
				t.w.setStatus(title + " copied as a picture: paste it into a document or an email.")
			}
		})
	}, nil)
}

// drawer is the function that draws the current chart (and where its
// bars are, for the charts that have clickable bars), nil without data.
func (t *chartsTab) drawer() drawFunc {
	res := t.res
	if res == nil || t.current < 0 || t.current >= len(charts.All) {
		return nil
	}
	c := charts.All[t.current]
	if c.Hits != nil {
		return func(w, h int, dark bool) (image.Image, []charts.Hit, error) { return c.Hits(res.Summary, w, h, dark) }
	}
	return func(w, h int, dark bool) (image.Image, []charts.Hit, error) {
		img, err := c.Draw(res.Summary, w, h, dark)
		return img, nil, err
	}
}

// drawFunc draws a chart at a pixel size and says where its bars are.
type drawFunc func(w, h int, dark bool) (image.Image, []charts.Hit, error)

func (t *chartsTab) setResult(res *validation.Result) {
	t.res = res
	t.view.setChart(t.drawer())
	t.syncButtons()
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
	draw    drawFunc
	job     *job      // the drawing; restarted by every change of size or chart
	drawn   fyne.Size // size the current image was drawn for
	visible bool

	hits     []charts.Hit // where the bars of the image shown are
	hitScale float32      // pixels per unit of the image shown
	over     bool         // the pointer is over a bar
	onBar    func(charts.Hit)
}

var (
	_ fyne.Tappable      = (*chartView)(nil)
	_ desktop.Hoverable  = (*chartView)(nil)
	_ desktop.Cursorable = (*chartView)(nil)
)

// hitAt is the bar under a point of the widget, nil for none.
func (c *chartView) hitAt(p fyne.Position) *charts.Hit {
	if len(c.hits) == 0 || c.hitScale == 0 {
		return nil
	}
	return charts.At(c.hits, image.Pt(int(p.X*c.hitScale), int(p.Y*c.hitScale)))
}

// Tapped shows the issues of the bar clicked.
func (c *chartView) Tapped(e *fyne.PointEvent) {
	if h := c.hitAt(e.Position); h != nil && c.onBar != nil {
		c.onBar(*h)
	}
}

func (c *chartView) MouseIn(e *desktop.MouseEvent)    { c.over = c.hitAt(e.Position) != nil }
func (c *chartView) MouseMoved(e *desktop.MouseEvent) { c.over = c.hitAt(e.Position) != nil }
func (c *chartView) MouseOut()                        { c.over = false }

// Cursor is a pointing hand over a bar that can be clicked.
func (c *chartView) Cursor() desktop.Cursor {
	if c.over {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// chartDebounce is how long a resize must settle before a redraw.
const chartDebounce = 150 * time.Millisecond

func newChartView(w *Window) *chartView {
	c := &chartView{w: w, img: canvas.NewImageFromImage(nil), msg: widget.NewLabel("Charts appear here when a file has been checked."), job: newJob(w, "drawing a chart")}
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

func (c *chartView) setChart(draw drawFunc) {
	c.draw = draw
	c.drawn = fyne.Size{}
	c.job.stop()
	c.hits = nil
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
	c.job.after(chartDebounce, c.render())
}

// render is the drawing at the widget's pixel size now (read on the UI
// goroutine), to run on the job's goroutine.
func (c *chartView) render() func(jr *jobRun) {
	s := c.Size()
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		scale = cv.Scale()
	}
	pw, ph := int(s.Width*scale), int(s.Height*scale)
	dark := fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark
	draw := c.draw
	return func(jr *jobRun) {
		img, hits, err := draw(pw, ph, dark)
		jr.post("chart swap", func() {
			c.hits, c.hitScale = hits, scale
			if err != nil {
				c.hits = nil
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
	}
}
