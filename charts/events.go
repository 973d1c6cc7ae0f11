package charts

import (
	"image"
	"sort"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"cldvalidator/validation"
)

// maxMonths is the longest run of months the events chart shows; events
// outside the busiest run are counted in the note.
const maxMonths = 24

// monthIndex parses "yyyy-mm" into months since year 0.
func monthIndex(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 7 || s[4] != '-' {
		return 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:7])
	if err1 != nil || err2 != nil || m < 1 || m > 12 || y < 0 {
		return 0, false
	}
	return y*12 + m - 1, true
}

func monthName(idx int, withYear bool) string {
	name := time.Month(idx%12 + 1).String()[:3]
	if withYear {
		return name + " " + strconv.Itoa(idx/12)
	}
	return name
}

// eventTypeOrder lists the event types to stack: the summary's own order,
// then any others found, with "(blank or invalid)" last.
func eventTypeOrder(s *validation.Summary, present map[string]int) []string {
	var order []string
	seen := map[string]bool{}
	addType := func(t string) {
		if seen[t] || present[t] <= 0 {
			return
		}
		seen[t] = true
		order = append(order, t)
	}
	var blank []string
	for _, t := range s.EventTypes {
		if strings.HasPrefix(t, "(") {
			blank = append(blank, t)
			continue
		}
		addType(t)
	}
	var rest []string
	for t := range present {
		if !seen[t] {
			rest = append(rest, t)
		}
	}
	sort.Slice(rest, func(i, j int) bool {
		bi, bj := strings.HasPrefix(rest[i], "("), strings.HasPrefix(rest[j], "(")
		if bi != bj {
			return bj
		}
		return rest[i] < rest[j]
	})
	for _, t := range rest {
		if strings.HasPrefix(t, "(") {
			blank = append(blank, t)
			continue
		}
		addType(t)
	}
	for _, t := range blank {
		addType(t)
	}
	return order
}

// EventsByMonth draws stacked bars of events by start month, one layer per
// event type.
func EventsByMonth(s *validation.Summary, w, h int, dark bool) (image.Image, error) {
	return render(w, h, dark, func(c draw.Canvas, th *theme) {
		const title = "Events by month"
		ev := countByMonth(s)
		months := ev.months()
		if len(months) == 0 {
			detail := "No events have a valid start date."
			if s == nil || s.Rows == 0 {
				detail = "The file has no data rows."
			}
			emptyChart(c, th, title, detail)
			return
		}
		win := ev.window(months)
		types, other := stackLayers(eventTypeOrder(s, win.present), win.present)
		n := win.last - win.first + 1
		b, legend := ev.stack(th, types, other, win.first, n)
		body := th.header(c, title, win.note(ev.undated), legend)

		top, _ := niceMax(b.maxTotal(), th.tickCount(body.Max.Y-body.Min.Y))
		names := make([]string, n)
		p := th.categoryPlot(b, names, "Number of events", countTicks{th.tickCount(body.Max.Y - body.Min.Y)}, top)
		p.X.Label.Text = "Month the event started"
		dc := p.DataCanvas(body)
		slot := float64(dc.Max.X-dc.Min.X) / float64(n)
		p.X.Tick.Marker = plot.ConstantTicks(monthTicks(win.first, n, monthLabelStep(th, slot)))
		// Totals above the bars when there is room for them.
		b.labels = totalLabels(th, b, n, slot)
		p.Draw(body)
	})
}

// monthlyEvents is a summary's events counted by start month (months
// since year 0, as monthIndex) and event type.
type monthlyEvents struct {
	counts  map[int]map[string]int
	undated int // events whose month cannot be read
}

// countByMonth counts the summary's events by month and type (negative
// counts are ignored).
func countByMonth(s *validation.Summary) monthlyEvents {
	ev := monthlyEvents{counts: map[int]map[string]int{}}
	for _, mc := range safeMonths(s) {
		idx, ok := monthIndex(mc.Month)
		if !ok {
			for _, n := range mc.ByType {
				ev.undated += max(n, 0)
			}
			continue
		}
		if ev.counts[idx] == nil {
			ev.counts[idx] = map[string]int{}
		}
		for t, n := range mc.ByType {
			if n > 0 {
				ev.counts[idx][t] += n
			}
		}
	}
	return ev
}

// total is the number of events starting in month m.
func (ev monthlyEvents) total(m int) int {
	t := 0
	for _, n := range ev.counts[m] {
		t += n
	}
	return t
}

// months are the months with events, in order.
func (ev monthlyEvents) months() []int {
	var months []int
	for m := range ev.counts {
		if ev.total(m) > 0 {
			months = append(months, m)
		}
	}
	sort.Ints(months)
	return months
}

// monthWindow is the run of months the chart shows, first to last, with
// the events left out before and after it, and the events in it (shown)
// by type (present).
type monthWindow struct {
	first, last          int
	before, after, shown int
	present              map[string]int
}

// window chooses the busiest run of at most maxMonths months (the latest
// of equal runs) and counts the events in and around it.
func (ev monthlyEvents) window(months []int) monthWindow {
	win := monthWindow{present: map[string]int{}}
	win.first, win.last = busiestRun(months, ev.total)
	for _, m := range months {
		switch {
		case m < win.first:
			win.before += ev.total(m)
		case m > win.last:
			win.after += ev.total(m)
		default:
			win.shown += ev.total(m)
			for t, n := range ev.counts[m] {
				win.present[t] += n
			}
		}
	}
	return win
}

// busiestRun is the first and last month of the busiest run of at most
// maxMonths months among the sorted months (the latest of equal runs),
// found with a sliding window.
func busiestRun(months []int, total func(m int) int) (first, last int) {
	first, last = months[0], months[len(months)-1]
	if last-first+1 <= maxMonths {
		return first, last
	}
	totals := make([]int, len(months))
	for i, m := range months {
		totals[i] = total(m)
	}
	bestI, bestJ, bestSum := 0, 0, -1
	sum, j := 0, 0
	for i := range months {
		for j < len(months) && months[j] < months[i]+maxMonths {
			sum += totals[j]
			j++
		}
		if sum >= bestSum {
			bestI, bestJ, bestSum = i, j-1, sum
		}
		sum -= totals[i]
	}
	return months[bestI], months[bestJ]
}

// note says how many events the chart shows, over which months, and how
// many it leaves out (earlier, later, undated).
func (win monthWindow) note(undated int) string {
	note := validation.Plural(win.shown, "event", "events") + " by start date, " + monthName(win.first, true)
	if win.last != win.first {
		note += " to " + monthName(win.last, true)
	}
	var hidden []string
	if win.before > 0 {
		hidden = append(hidden, validation.Commas(win.before)+" earlier")
	}
	if win.after > 0 {
		hidden = append(hidden, validation.Commas(win.after)+" later")
	}
	if undated > 0 {
		hidden = append(hidden, validation.Commas(undated)+" undated")
	}
	if len(hidden) > 0 {
		note += " (" + strings.Join(hidden, ", ") + " not shown)"
	}
	return note
}

// maxEventLayers is how many layers the events chart stacks: more cannot
// be told apart.
const maxEventLayers = 6

// stackLayers splits the event types into those stacked as layers of
// their own and (other) the least frequent non-standard ones, stacked
// together as "Other types" so that no more than maxEventLayers remain.
func stackLayers(types []string, present map[string]int) (keep, other []string) {
	if len(types) <= maxEventLayers {
		return types, nil
	}
	var cand []string
	for _, t := range types {
		if isStandardEvent(t) || strings.HasPrefix(t, "(") {
			continue
		}
		cand = append(cand, t)
	}
	sort.SliceStable(cand, func(i, j int) bool { return present[cand[i]] < present[cand[j]] })
	merge := map[string]bool{}
	for _, t := range cand[:min(len(cand), len(types)-maxEventLayers+1)] {
		merge[t] = true
		other = append(other, t)
	}
	for _, t := range types {
		if !merge[t] {
			keep = append(keep, t)
		}
	}
	return keep, other
}

// stack is the chart's bars for the n months from first, one series per
// type and one for the other types together, and the legend.
func (ev monthlyEvents) stack(th *theme, types, other []string, first, n int) (*bars, []swatch) {
	var legend []swatch
	b := &bars{th: th, n: n, width: 0.78}
	for i, t := range types {
		fill, hatch := th.eventColor(t, i)
		legend = append(legend, swatch{label: eventLabel(t), fill: fill, hatch: hatch})
		sr := series{name: t, fill: fill, hatch: hatch, values: make([]float64, n)}
		for j := 0; j < n; j++ {
			sr.values[j] = float64(ev.counts[first+j][t])
		}
		b.series = append(b.series, sr)
	}
	if len(other) > 0 {
		sr := series{name: "Other types", fill: th.extra[0], hatch: true, values: make([]float64, n)}
		for j := 0; j < n; j++ {
			for _, t := range other {
				sr.values[j] += float64(ev.counts[first+j][t])
			}
		}
		b.series = append(b.series, sr)
		legend = append(legend, swatch{label: "Other types", fill: th.extra[0], hatch: true})
	}
	return b, legend
}

// monthLabelStep thins the month labels to fit a slot of the given width
// per month: every k-th month, k dividing a year (quarters, half years,
// years).
func monthLabelStep(th *theme, slot float64) int {
	labelW := float64(max(th.tick.Width("May"), th.tick.Width("2024"))) + float64(th.gap)
	for _, k := range []int{1, 2, 3, 4, 6, 12} {
		if float64(k)*slot >= labelW {
			return k
		}
	}
	return 12
}

// monthTicks labels every step-th of the n months from first, on calendar
// boundaries, with the year under the first label and under each January.
func monthTicks(first, n, step int) []plot.Tick {
	var ticks []plot.Tick
	labelled := false
	for j := 0; j < n; j++ {
		m := first + j
		if m%step != 0 {
			continue
		}
		lbl := monthName(m, false)
		if !labelled || m%12 == 0 {
			lbl += "\n" + strconv.Itoa(m/12)
		}
		labelled = true
		ticks = append(ticks, plot.Tick{Value: float64(j), Label: lbl})
	}
	if len(ticks) == 0 { // a short run that misses every boundary
		ticks = append(ticks, plot.Tick{Value: 0, Label: monthName(first, false) + "\n" + strconv.Itoa(first/12)})
	}
	return ticks
}

// totalLabels are the totals to write above the n bars, or nil when the
// largest does not fit in a slot.
func totalLabels(th *theme, b *bars, n int, slot float64) []string {
	maxLabel := th.small.Width(validation.Commas(int(b.maxTotal())))
	if float64(maxLabel)+float64(th.gap)/2 > slot {
		return nil
	}
	labels := make([]string, n)
	for j := 0; j < n; j++ {
		if t := b.total(j); t > 0 {
			labels[j] = validation.Commas(int(t))
		}
	}
	return labels
}

// isStandardEvent reports whether t is one of the CLD event types.
func isStandardEvent(t string) bool {
	switch normalise(t) {
	case "request", "assessment", "service", "review":
		return true
	}
	return false
}

func safeMonths(s *validation.Summary) []validation.MonthCount {
	if s == nil {
		return nil
	}
	return s.EventsByMonth
}

// eventLabel is the legend text for an event type.
func eventLabel(t string) string {
	if normalise(t) == "(blank or invalid)" {
		return "Blank or invalid type"
	}
	if strings.TrimSpace(t) == "" {
		return "(no type)"
	}
	return clean(t)
}
