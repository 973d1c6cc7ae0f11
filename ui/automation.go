//go:build automation

package ui

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strconv"
	"sync"
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

// Automation for reviewers and measurements, built only with
// -tags automation (the release program has automation_off.go instead) and
// switched on by environment variables:
//
//	CLDAPP_SCREENSHOT_DIR=dir  when the first check finishes, capture every
//	                           tab of the real window to dir/*.png, then quit.
//	CLDAPP_SCREENSHOT_COMPARE=1  with it, also capture a comparison (with a
//	                           copy of the file missing some rows) and the
//	                           Release 2 conversion preview;
//	CLDAPP_SCREENSHOT_PACK=p   then the Spec pack dialog and a check with p.
//	CLDAPP_SCREENSHOT_SET=fit  instead, the screens that matter on a small
//	                           screen (scripts/screenshots-fit.sh): the
//	                           Summary, an issue selected with the keyboard
//	                           on More about this (its focus ring), the
//	                           Records tab, a chart, and Help.
//	CLDAPP_BENCH=file.json     measure how long the UI goroutine is blocked
//	                           while checking, then scrolling speed of the
//	                           Issues and Records tables, write the numbers
//	                           to file.json, then quit.
//	CLDAPP_PROFILE_DIR=dir     with CLDAPP_BENCH, CPU profiles of the check
//	                           and of scrolling to dir/*.prof.
//
// The window tells the automation what it shows through its observer
// (observe.go), which Create installs when either is asked for.

// automation is the automation build's observer: it keeps the dialogs the
// scripts drive and times the check and the UI goroutine's callbacks.
type automation struct {
	noObserver
	chooser    *fileChooser
	conversion *convertView
	marker     *canvas.Raster // painted with every frame while benchmarking

	// The check being timed: when it started, how long until the first
	// issues were shown (0 if none yet), and when the engine returned
	// (UnixNano, 0 if not yet; set on the check's goroutine).
	started     time.Time
	firstIssues time.Duration
	returned    atomic.Int64

	mu        sync.Mutex
	callbacks map[string]*callbackStat
}

// automationObserver is the observer Create installs: one when the
// environment asks for automation, else none.
func automationObserver() observer {
	if os.Getenv("CLDAPP_SCREENSHOT_DIR") == "" && os.Getenv("CLDAPP_BENCH") == "" {
		return nil
	}
	return &automation{callbacks: map[string]*callbackStat{}}
}

func (a *automation) fileChooserShown(fc *fileChooser) { a.chooser = fc }
func (a *automation) conversionShown(v *convertView)   { a.conversion = v }
func (a *automation) checkStarted() {
	a.started, a.firstIssues = time.Now(), 0
	a.returned.Store(0)
}
func (a *automation) issuesShown(n int) {
	if a.firstIssues == 0 && n > 0 {
		a.firstIssues = time.Since(a.started)
	}
}
func (a *automation) checkReturned() { a.returned.Store(time.Now().UnixNano()) }

// callbackStat is how long the callbacks of one kind held the UI goroutine.
type callbackStat struct {
	Name  string
	Count int
	Max   time.Duration
	Total time.Duration
}

func (a *automation) callbackRan(name string, d time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := a.callbacks[name]
	if s == nil {
		s = &callbackStat{Name: name}
		a.callbacks[name] = s
	}
	s.Count++
	s.Total += d
	s.Max = max(s.Max, d)
}

// callbackStats returns the callbacks' timings so far, longest first.
func (a *automation) callbackStats() []callbackStat {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]callbackStat, 0, len(a.callbacks))
	for _, s := range a.callbacks {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Max > out[j].Max })
	return out
}

// StartAutomation arms the automation the environment asks for. It
// reports whether any was requested.
func (w *Window) StartAutomation() bool {
	a, _ := w.obs.(*automation)
	if a == nil {
		return false
	}
	if dir := os.Getenv("CLDAPP_SCREENSHOT_DIR"); dir != "" {
		w.armScreenshots(a, dir)
	} else {
		w.armBenchmark(a, os.Getenv("CLDAPP_BENCH"))
	}
	return true
}

// sleep waits on a background goroutine (never the UI goroutine).
func sleep(ms int) { time.Sleep(time.Duration(ms) * time.Millisecond) }

// onUI runs f on the UI goroutine and waits for it.
func onUI(f func()) { fyne.DoAndWait(f) }

// armScreenshots captures the window to dir: the check while it runs and
// the tour of the tabs when it ends (or the small-screen set), then quits.
func (w *Window) armScreenshots(a *automation, dir string) {
	os.MkdirAll(dir, 0o755)
	var once sync.Once
	shot := w.screenshotter(dir)
	if os.Getenv("CLDAPP_SCREENSHOT_SET") == "fit" {
		w.onResult = append(w.onResult, func() { once.Do(func() { go w.fitShots(shot) }) })
		return
	}
	go w.shotWhileChecking(shot)
	w.onResult = append(w.onResult, func() {
		once.Do(func() { go w.tourShots(a, shot) })
	})
}

// screenshotter returns the function that saves the screen to dir/name.png.
func (w *Window) screenshotter(dir string) func(name string) {
	return func(name string) {
		path := filepath.Join(dir, name+".png")
		// Under Xvfb, Fyne's Capture reads a front buffer that Mesa leaves
		// blank; ImageMagick's import reads what the X server shows.
		if imp, err := exec.LookPath("import"); err == nil && os.Getenv("DISPLAY") != "" {
			if exec.Command(imp, "-window", "root", path).Run() == nil {
				return
			}
		}
		var img image.Image
		onUI(func() { img = w.win.Canvas().Capture() })
		if img == nil {
			return
		}
		f, err := os.Create(path)
		if err != nil {
			return
		}
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		enc.Encode(f, img)
		f.Close()
	}
}

// shotWhileChecking captures the Issues tab once while the check is
// running, with live issues showing, and goes back to the Summary.
func (w *Window) shotWhileChecking(shot func(string)) {
	for i := 0; i < 600; i++ {
		sleep(50)
		var ready bool
		onUI(func() { ready = w.run.running() && len(w.issues.live) > 200 })
		if ready {
			onUI(func() { w.selectTab(tabIssues) })
			sleep(400)
			shot("0-checking")
			onUI(func() { w.selectTab(tabSummary) })
			return
		}
		var done bool
		onUI(func() { done = w.res != nil })
		if done {
			return
		}
	}
}

// tourShots runs the tour's stages in order, then the comparison when
// asked for, then quits.
func (w *Window) tourShots(a *automation, shot func(string)) {
	defer onUI(func() { markUserQuit(); w.app.Quit() })
	stages := []func(shot func(string)){
		w.shotSummary,
		w.shotIssues,
		w.shotFilteredIssues,
		w.shotPerson,
		w.shotCharts,
		w.shotRules,
	}
	for _, stage := range stages {
		stage(shot)
	}
	if os.Getenv("CLDAPP_SCREENSHOT_COMPARE") != "" {
		w.compareShots(a, shot)
	}
}

// shotSummary captures the Summary tab (1-summary).
func (w *Window) shotSummary(shot func(string)) {
	sleep(800)
	onUI(func() { w.selectTab(tabSummary) })
	sleep(800)
	shot("1-summary")
}

// shotIssues captures the Issues tab unfiltered (2-issues).
func (w *Window) shotIssues(shot func(string)) {
	onUI(func() { w.selectTab(tabIssues) })
	sleep(800)
	shot("2-issues")
}

// shotFilteredIssues captures the Issues tab filtered to the most frequent
// error rule with an issue selected (3-issues-filtered).
func (w *Window) shotFilteredIssues(shot func(string)) {
	onUI(w.filterTopErrorRule)
	w.waitFilter()
	onUI(func() {
		if len(w.issues.view) > 3 {
			w.issues.table.selectCell(3, icProblem)
		}
	})
	sleep(800)
	shot("3-issues-filtered")
}

// shotPerson captures the Records tab with the selected issue's person
// (4-records-person).
func (w *Window) shotPerson(shot func(string)) {
	onUI(func() { w.issues.showPerson() })
	sleep(1000)
	shot("4-records-person")
}

// shotCharts captures every chart in turn (5-chart-N).
func (w *Window) shotCharts(shot func(string)) {
	for i := range charts.All {
		onUI(func() {
			w.selectTab(tabCharts)
			w.charts.list.Select(i)
		})
		w.waitChart()
		sleep(500)
		shot(fmt.Sprintf("5-chart-%d", i+1))
	}
}

// shotRules captures the Rules tab (6-rules).
func (w *Window) shotRules(shot func(string)) {
	onUI(func() { w.selectTab(tabRules) })
	sleep(800)
	shot("6-rules")
}

// filterTopErrorRule filters the Issues tab to the most frequent error
// rule. It runs on the UI goroutine.
func (w *Window) filterTopErrorRule() {
	for _, rc := range w.res.Summary.Rules {
		if rc.Severity == "error" {
			w.issues.filterByRule(rc.Rule)
			break
		}
	}
}

// fitShots captures what a user of a small screen sees, then quits.
func (w *Window) fitShots(shot func(string)) {
	defer onUI(func() { markUserQuit(); w.app.Quit() })
	sleep(1200)
	shot("1-summary")
	onUI(func() {
		w.selectTab(tabIssues)
		w.filterTopErrorRule()
	})
	w.waitFilter()
	onUI(func() {
		if len(w.issues.view) > 2 {
			w.issues.table.selectCell(2, icProblem)
		}
		w.win.Canvas().Focus(w.issues.moreBtn) // its focus ring shows
	})
	sleep(900)
	shot("2-issues")
	onUI(func() {
		w.selectTab(tabRecords)
		w.win.Canvas().Focus(w.records.table)
	})
	sleep(900)
	shot("3-records")
	onUI(func() {
		w.selectTab(tabCharts)
		w.charts.list.Select(0)
	})
	w.waitChart()
	sleep(600)
	shot("4-chart")
	onUI(func() {
		w.selectTab(tabIssues)
		w.issues.showHelp()
	})
	sleep(900)
	shot("5-help")
}

// compareShots captures the comparison and the conversion preview. The
// file checked stands for last quarter's; this quarter's is made from it:
// a copy without every 40th row, with some open services ended and some
// Genders misspelt. The copy is checked, compared with the original
// through the Compare dialog, and converted (preview only).
func (w *Window) compareShots(a *automation, shot func(string)) {
	var older string
	var res *validation.Result
	onUI(func() { older, res = w.input.path, w.res })
	if older == "" || res == nil {
		return
	}
	dir, err := os.MkdirTemp("", "cldapp-shots-")
	if err != nil {
		return
	}
	defer os.RemoveAll(dir)
	newer := filepath.Join(dir, "CLD this quarter.csv")
	if err := writeQuarterCopy(newer, res); err != nil {
		return
	}
	onUI(func() { w.openPath(newer) })
	if !w.waitFor(120, func() bool { return w.res != nil && w.input.path == newer && !w.run.running() }) {
		return
	}
	onUI(func() { w.selectTab(tabSummary) })
	sleep(1500)
	onUI(func() {
		w.showCompareDialog()
		a.chooser.path.SetText(older)
	})
	sleep(600)
	shot("7-compare-choose")
	onUI(func() { a.chooser.choose() })
	sleep(2500)
	shot("7-compare-checking")
	if !w.waitFor(300, func() bool { return w.cmp != nil && !w.cmpRun.running() }) {
		return
	}
	sleep(1200)
	shot("8-compare")
	onUI(func() { w.cmp.views.SelectIndex(1) })
	sleep(800)
	shot("8-compare-changed")
	onUI(func() {
		w.cmp.views.SelectIndex(2)
		w.cmp.stateSel.SetSelectedIndex(stateNew)
		if len(w.cmp.view) > 2 {
			w.cmp.issues.selectCell(2, 7)
		}
	})
	sleep(800)
	shot("8-compare-issues-new")
	onUI(func() {
		a.conversion = nil
		w.showConvertDialog()
	})
	if !w.waitFor(60, func() bool { return a.conversion != nil }) {
		return
	}
	sleep(1200)
	shot("9-convert-preview")

	// Settings → Spec pack…, then the file checked with it.
	pack := os.Getenv("CLDAPP_SCREENSHOT_PACK")
	if pack == "" {
		return
	}
	onUI(func() {
		a.conversion.dlg.Hide()
		w.showPackDialog()
		a.chooser.path.SetText(pack)
	})
	sleep(800)
	shot("10-spec-pack")
	onUI(func() { a.chooser.choose() })
	if !w.waitFor(120, func() bool { return w.pack != nil && w.res != nil && !w.run.running() }) {
		return
	}
	sleep(1500)
	shot("10-spec-pack-in-use")
}

// waitFor polls cond on the UI goroutine for up to secs seconds.
func (w *Window) waitFor(secs int, cond func() bool) bool {
	for i := 0; i < secs*10; i++ {
		var ok bool
		onUI(func() { ok = cond() })
		if ok {
			return true
		}
		sleep(100)
	}
	return false
}

// writeQuarterCopy writes res's rows as a CSV, less every 40th row, with
// every 50th open service ended and every 300th Gender misspelt.
func writeQuarterCopy(path string, res *validation.Result) error {
	t := res.Table
	col := func(key string) int {
		if f := res.Spec.Field(key); f != nil {
			return res.FieldColumn(f)
		}
		return -1
	}
	typ, end, gender := col("Event_Type"), col("Event_End_Date"), col("Gender")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(f)
	cw.Write(t.Headers)
	rec := make([]string, len(t.Headers))
	services := 0
	for r := 0; r < t.Len(); r++ {
		if r%40 == 39 {
			continue
		}
		for c := range rec {
			rec[c] = t.Value(r, c)
		}
		if typ >= 0 && end >= 0 && rec[typ] == "Service" && rec[end] == "" {
			if services++; services%50 == 0 {
				rec[end] = "20/09/2025"
			}
		}
		if gender >= 0 && r%300 == 7 {
			rec[gender] = "Femail"
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// waitFilter waits until the Issues tab's filter has been applied.
func (w *Window) waitFilter() {
	for i := 0; i < 200; i++ {
		sleep(50)
		var busy bool
		onUI(func() { busy = w.issues.count.Text == "Filtering…" })
		if !busy {
			return
		}
	}
}

// waitChart waits until the chart on show has been drawn at its size.
func (w *Window) waitChart() {
	for i := 0; i < 200; i++ {
		sleep(50)
		var ok bool
		onUI(func() { ok = w.charts.view.img.Image != nil && w.charts.view.drawn == w.charts.view.Size() })
		if ok {
			return
		}
	}
}

// BenchResult is what CLDAPP_BENCH writes.
type BenchResult struct {
	Rows          int     `json:"rows"`
	Issues        int     `json:"issues"`
	CheckSeconds  float64 `json:"check_seconds"`
	FirstIssuesMS float64 `json:"first_issues_ms"`
	UIProbes      int     `json:"ui_probes"`
	// While checking: from the start until the engine hands over its
	// result. The swap to the result (tabs filled, one large repaint) is
	// measured on its own.
	UILatencyMaxMS     float64        `json:"ui_latency_max_ms"`
	UILatencyP99MS     float64        `json:"ui_latency_p99_ms"`
	UILatencyOver100   int            `json:"ui_latency_over_100ms"`
	ResultSwapMaxMS    float64        `json:"result_swap_latency_max_ms"`
	CallbackMaxMS      map[string]any `json:"callback_max_ms"`
	IssuesScrollFPS    float64        `json:"issues_scroll_fps"`
	RecordsScrollFPS   float64        `json:"records_scroll_fps"`
	IssuesFrameMaxMS   float64        `json:"issues_frame_max_ms"`
	RecordsFrameMaxMS  float64        `json:"records_frame_max_ms"`
	FilterMS           float64        `json:"filter_ms"`
	JumpToRecordMS     float64        `json:"jump_to_record_ms"`
	CancelLatencyMS    float64        `json:"cancel_latency_ms"`
	ScrollStepsPerView int            `json:"scroll_steps"`
	BaselineScrollFPS  float64        `json:"baseline_plain_table_scroll_fps"`
	UILatencySpikes    []Spike        `json:"ui_latency_spikes_over_50ms"`
}

// Spike is one probe that waited more than 50 ms, and when (ms after start).
type Spike struct {
	AtMS  float64 `json:"at_ms"`
	MS    float64 `json:"ms"`
	Phase string  `json:"phase"` // "checking" or "result swap"
}

// profile starts a CPU profile to path (when CLDAPP_PROFILE_DIR is set)
// and returns the function that stops it.
func profile(name string) func() {
	dir := os.Getenv("CLDAPP_PROFILE_DIR")
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, name+".prof"))
	if err != nil {
		return func() {}
	}
	if pprof.StartCPUProfile(f) != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// armBenchmark sets the benchmark up: the CPU profile of the check, the
// latency probe and the paint marker; when the check ends, it measures
// and writes the numbers to out, then quits.
func (w *Window) armBenchmark(a *automation, out string) {
	var once sync.Once
	b := &benchRun{w: w, a: a, stopCheckProfile: profile("check"), probeStop: make(chan struct{})}
	b.start = time.Now()
	go b.probeLatency()
	b.addPaintMarker()
	w.onResult = append(w.onResult, func() {
		once.Do(func() { go b.measure(out) })
	})
}

// benchRun is one benchmark's state, shared by its steps.
type benchRun struct {
	w                *Window
	a                *automation
	stopCheckProfile func()
	probeStop        chan struct{} // closed to stop the latency probe
	start            time.Time     // when the benchmark was armed
	painted          chan struct{} // signalled when a frame is painted

	latMu        sync.Mutex // guards the probe's samples below
	lat, swapLat []time.Duration
	spikes       []Spike
}

// probeLatency is the latency probe: every 10 ms, ask the UI goroutine to
// run an empty function and time how long it takes to get there. Whatever
// holds the UI goroutine (our callbacks, Fyne's layout and painting) shows
// up.
func (b *benchRun) probeLatency() {
	fyne.DoAndWait(func() {}) // wait for the event loop to start
	for {
		select {
		case <-b.probeStop:
			return
		default:
		}
		t0 := time.Now()
		fyne.DoAndWait(func() {})
		d := time.Since(t0)
		b.latMu.Lock()
		phase := "checking"
		if c := b.a.returned.Load(); c != 0 && t0.UnixNano() >= c {
			phase = "result swap"
			b.swapLat = append(b.swapLat, d)
		} else {
			b.lat = append(b.lat, d)
		}
		if d > 50*time.Millisecond {
			b.spikes = append(b.spikes, Spike{AtMS: ms(t0.Sub(b.start)), MS: ms(d), Phase: phase})
		}
		b.latMu.Unlock()
		sleep(10)
	}
}

// addPaintMarker lays a 1×1 raster, whose generator signals b.painted when
// a frame is painted, over the window's content.
func (b *benchRun) addPaintMarker() {
	w := b.w
	painted := make(chan struct{}, 1)
	marker := canvas.NewRaster(func(wi, he int) image.Image {
		select {
		case painted <- struct{}{}:
		default:
		}
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	})
	// In the window's top-left pixel, over its content (transparent).
	marker.Resize(fyne.NewSize(1, 1))
	b.a.marker = marker
	b.painted = painted
	w.win.SetContent(container.NewStack(w.win.Content(), container.NewWithoutLayout(marker)))
}

// measure runs the benchmark's steps once the check has ended, writes
// the result to out, then quits.
func (b *benchRun) measure(out string) {
	w := b.w
	defer onUI(func() { markUserQuit(); w.app.Quit() })
	close(b.probeStop)
	b.stopCheckProfile()
	var r BenchResult
	b.measureCheck(&r)
	b.measureLatency(&r)
	b.measureCallbacks(&r)
	sleep(1000)
	b.measureScrolling(&r)
	b.measureFilter(&r)
	b.measureJumpToRecord(&r)
	sleep(500)
	b.measureCancel(&r)
	writeBenchResult(out, r)
}

// measureCheck records the file's size and how long the check took.
func (b *benchRun) measureCheck(r *BenchResult) {
	w, a := b.w, b.a
	onUI(func() {
		r.Rows = w.res.Table.Len()
		r.Issues = len(w.res.Issues)
		r.CheckSeconds = time.Since(a.started).Seconds()
		r.FirstIssuesMS = float64(a.firstIssues.Microseconds()) / 1000
	})
}

// measureLatency sums up the probe's samples: while checking, the result
// swap, and the spikes.
func (b *benchRun) measureLatency(r *BenchResult) {
	b.latMu.Lock()
	ls := append([]time.Duration(nil), b.lat...)
	for _, d := range b.swapLat {
		r.ResultSwapMaxMS = max(r.ResultSwapMaxMS, ms(d))
	}
	r.UILatencySpikes = append([]Spike(nil), b.spikes...)
	b.latMu.Unlock()
	sort.Slice(ls, func(i, j int) bool { return ls[i] < ls[j] })
	r.UIProbes = len(ls)
	if len(ls) > 0 {
		r.UILatencyMaxMS = ms(ls[len(ls)-1])
		r.UILatencyP99MS = ms(ls[len(ls)*99/100])
		for _, d := range ls {
			if d > 100*time.Millisecond {
				r.UILatencyOver100++
			}
		}
	}
}

// measureCallbacks records the longest run of each kind of callback.
func (b *benchRun) measureCallbacks(r *BenchResult) {
	r.CallbackMaxMS = map[string]any{}
	for _, s := range b.a.callbackStats() {
		r.CallbackMaxMS[s.Name] = map[string]any{"max_ms": ms(s.Max), "count": s.Count}
	}
}

// measureScrolling times scrolling the Issues and Records tables, under
// a CPU profile, and then a plain Fyne table.
func (b *benchRun) measureScrolling(r *BenchResult) {
	w, a := b.w, b.a
	const steps = 300
	r.ScrollStepsPerView = steps
	stop := profile("scroll")
	r.IssuesScrollFPS, r.IssuesFrameMaxMS = w.benchScroll(a, tabIssues, w.issues.table, steps, b.painted)
	r.RecordsScrollFPS, r.RecordsFrameMaxMS = w.benchScroll(a, tabRecords, w.records.table, steps, b.painted)
	stop()
	r.BaselineScrollFPS = w.benchBaseline(a, steps, b.painted)
}

// measureFilter filters a million issues to one rule and times until the
// view swaps.
func (b *benchRun) measureFilter(r *BenchResult) {
	w := b.w
	t0 := time.Now()
	onUI(func() {
		w.selectTab(tabIssues)
		w.filterTopErrorRule()
	})
	w.waitFilter()
	r.FilterMS = ms(time.Since(t0))
}

// measureJumpToRecord times jumping to the record of the middle issue.
func (b *benchRun) measureJumpToRecord(r *BenchResult) {
	w := b.w
	t0 := time.Now()
	onUI(func() {
		if n := len(w.issues.view); n > 0 {
			w.issues.table.selectCell(n/2, icProblem)
			w.issues.showRecord()
		}
	})
	r.JumpToRecordMS = ms(time.Since(t0))
}

// measureCancel starts the same check again, cancels it after a second
// and times until its goroutine has ended.
func (b *benchRun) measureCancel(r *BenchResult) {
	w := b.w
	var done chan struct{}
	onUI(func() { w.recheck(); done = w.run.done })
	sleep(1000)
	t0 := time.Now()
	onUI(func() { w.run.cancelRun() })
	<-done
	r.CancelLatencyMS = ms(time.Since(t0))
}

// writeBenchResult writes r to out as indented JSON.
func writeBenchResult(out string, r BenchResult) {
	b, _ := json.MarshalIndent(r, "", "  ")
	os.WriteFile(out, append(b, '\n'), 0o644)
}

// benchScroll scrolls a table by three rows per step from the middle and
// waits for each step to be painted; it returns steps per second and the
// longest step.
func (w *Window) benchScroll(a *automation, tab int, t *bigTable, steps int, painted chan struct{}) (fps, worstMS float64) {
	onUI(func() { w.selectTab(tab) })
	sleep(800)
	var start float32
	onUI(func() {
		start = t.rowOffset(t.rows() / 2)
		t.ScrollToOffset(fyne.NewPos(0, start))
	})
	sleep(300)
	pitch := float32(0)
	onUI(func() { pitch = t.rowPitch() })
	var worst time.Duration
	t0 := time.Now()
	for i := 1; i <= steps; i++ {
		s := time.Now()
		// drain a stale paint signal
		select {
		case <-painted:
		default:
		}
		onUI(func() {
			t.ScrollToOffset(fyne.NewPos(0, start+float32(i)*3*pitch))
			a.marker.Refresh()
		})
		select {
		case <-painted:
		case <-time.After(time.Second):
		}
		if d := time.Since(s); d > worst {
			worst = d
		}
	}
	el := time.Since(t0)
	return float64(steps) / el.Seconds(), ms(worst)
}

// benchBaseline scrolls a plain Fyne table of a million rows with short
// labels, the same way, for comparison in the same run.
func (w *Window) benchBaseline(a *automation, steps int, painted chan struct{}) float64 {
	var tb *widget.Table
	onUI(func() {
		tb = widget.NewTable(func() (int, int) { return 1_000_000, len(issueColumns) },
			func() fyne.CanvasObject { return widget.NewLabel("000000") },
			func(id widget.TableCellID, o fyne.CanvasObject) {
				o.(*widget.Label).SetText(strconv.Itoa(id.Row) + "," + strconv.Itoa(id.Col))
			})
		for i, c := range issueColumns {
			tb.SetColumnWidth(i, c.width)
		}
		w.tabs.Append(container.NewTabItem("Baseline", tb))
		w.tabs.SelectIndex(len(w.tabs.Items) - 1)
	})
	sleep(800)
	pitch := float32(0)
	onUI(func() { pitch = widget.NewLabel("0").MinSize().Height + theme.Padding() })
	start := float32(500_000) * pitch
	t0 := time.Now()
	for i := 1; i <= steps; i++ {
		select {
		case <-painted:
		default:
		}
		onUI(func() {
			tb.ScrollToOffset(fyne.NewPos(0, start+float32(i)*3*pitch))
			a.marker.Refresh()
		})
		select {
		case <-painted:
		case <-time.After(time.Second):
		}
	}
	fps := float64(steps) / time.Since(t0).Seconds()
	onUI(func() {
		w.tabs.RemoveIndex(len(w.tabs.Items) - 1)
		w.tabs.SelectIndex(tabIssues)
	})
	return fps
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// running reports whether the older file's check is still going.
func (cr *compareRunning) running() bool { return cr.job != nil && cr.job.running() }
