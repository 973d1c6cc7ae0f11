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
		counts := map[int]map[string]int{}
		invalidMonths := 0
		for _, mc := range safeMonths(s) {
			idx, ok := monthIndex(mc.Month)
			if !ok {
				for _, n := range mc.ByType {
					invalidMonths += max(n, 0)
				}
				continue
			}
			if counts[idx] == nil {
				counts[idx] = map[string]int{}
			}
			for t, n := range mc.ByType {
				if n > 0 {
					counts[idx][t] += n
				}
			}
		}
		monthTotal := func(m int) int {
			t := 0
			for _, n := range counts[m] {
				t += n
			}
			return t
		}
		var months []int
		for m := range counts {
			if monthTotal(m) > 0 {
				months = append(months, m)
			}
		}
		if len(months) == 0 {
			detail := "No events have a valid start date."
			if s == nil || s.Rows == 0 {
				detail = "The file has no data rows."
			}
			emptyChart(c, th, title, detail)
			return
		}
		sort.Ints(months)

		// The busiest run of at most maxMonths months (the latest of equal
		// runs), found with a sliding window over the sorted months.
		first, last := months[0], months[len(months)-1]
		if last-first+1 > maxMonths {
			totals := make([]int, len(months))
			for i, m := range months {
				totals[i] = monthTotal(m)
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
			first, last = months[bestI], months[bestJ]
		}
		before, after, shownTotal := 0, 0, 0
		present := map[string]int{}
		for _, m := range months {
			switch {
			case m < first:
				before += monthTotal(m)
			case m > last:
				after += monthTotal(m)
			default:
				shownTotal += monthTotal(m)
				for t, n := range counts[m] {
					present[t] += n
				}
			}
		}
		types := eventTypeOrder(s, present)
		n := last - first + 1
		// More than a handful of layers cannot be told apart: the least
		// frequent non-standard types are stacked as "Other types".
		const maxTypes = 6
		var other []string
		if len(types) > maxTypes {
			var cand []string
			for _, t := range types {
				if isStandardEvent(t) || strings.HasPrefix(t, "(") {
					continue
				}
				cand = append(cand, t)
			}
			sort.SliceStable(cand, func(i, j int) bool { return present[cand[i]] < present[cand[j]] })
			merge := map[string]bool{}
			for _, t := range cand[:min(len(cand), len(types)-maxTypes+1)] {
				merge[t] = true
				other = append(other, t)
			}
			var keep []string
			for _, t := range types {
				if !merge[t] {
					keep = append(keep, t)
				}
			}
			types = keep
		}

		var legend []swatch
		b := &bars{th: th, n: n, width: 0.78}
		for i, t := range types {
			fill, hatch := th.eventColor(t, i)
			legend = append(legend, swatch{label: eventLabel(t), fill: fill, hatch: hatch})
			sr := series{name: t, fill: fill, hatch: hatch, values: make([]float64, n)}
			for j := 0; j < n; j++ {
				sr.values[j] = float64(counts[first+j][t])
			}
			b.series = append(b.series, sr)
		}
		if len(other) > 0 {
			sr := series{name: "Other types", fill: th.extra[0], hatch: true, values: make([]float64, n)}
			for j := 0; j < n; j++ {
				for _, t := range other {
					sr.values[j] += float64(counts[first+j][t])
				}
			}
			b.series = append(b.series, sr)
			legend = append(legend, swatch{label: "Other types", fill: th.extra[0], hatch: true})
		}

		note := validation.Plural(shownTotal, "event", "events") + " by start date, " + monthName(first, true)
		if last != first {
			note += " to " + monthName(last, true)
		}
		var hidden []string
		if before > 0 {
			hidden = append(hidden, validation.Commas(before)+" earlier")
		}
		if after > 0 {
			hidden = append(hidden, validation.Commas(after)+" later")
		}
		if invalidMonths > 0 {
			hidden = append(hidden, validation.Commas(invalidMonths)+" undated")
		}
		if len(hidden) > 0 {
			note += " (" + strings.Join(hidden, ", ") + " not shown)"
		}
		body := th.header(c, title, note, legend)

		top, _ := niceMax(b.maxTotal(), th.tickCount(body.Max.Y-body.Min.Y))
		names := make([]string, n)
		p := th.categoryPlot(b, names, "Number of events", countTicks{th.tickCount(body.Max.Y - body.Min.Y)}, top)
		p.X.Label.Text = "Month the event started"

		// Thin the month labels to fit: every k-th month, on calendar
		// boundaries (quarters, half years, years).
		dc := p.DataCanvas(body)
		slot := float64(dc.Max.X-dc.Min.X) / float64(n)
		labelW := float64(max(th.tick.Width("May"), th.tick.Width("2024"))) + float64(th.gap)
		step := 12
		for _, k := range []int{1, 2, 3, 4, 6, 12} {
			if float64(k)*slot >= labelW {
				step = k
				break
			}
		}
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
		p.X.Tick.Marker = plot.ConstantTicks(ticks)

		// Totals above the bars when there is room for them.
		maxLabel := th.small.Width(validation.Commas(int(b.maxTotal())))
		if float64(maxLabel)+float64(th.gap)/2 <= slot {
			b.labels = make([]string, n)
			for j := 0; j < n; j++ {
				if t := b.total(j); t > 0 {
					b.labels[j] = validation.Commas(int(t))
				}
			}
		}
		p.Draw(body)
	})
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
