package charts

import (
	"image"
	"sort"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"cldvalidator/validation"
)

// maxIssueFields is how many fields the issues chart lists at most.
const maxIssueFields = 15

type fieldIssues struct {
	field            string
	errors, warnings int
}

// issueCounts returns errors and warnings per field, most first. byRule is
// false when the counts come from the field quality table instead (a
// summary without per-rule columns): then "errors" are invalid values and
// "warnings" blank mandatory values.
func issueCounts(s *validation.Summary) (rows []fieldIssues, byRule bool) {
	if s == nil {
		return nil, true
	}
	m := map[string]*fieldIssues{}
	add := func(col string, e, w int) {
		if e <= 0 && w <= 0 {
			return
		}
		if col == "" || col == "(file)" {
			col = "(whole file)"
		}
		r := m[col]
		if r == nil {
			r = &fieldIssues{field: col}
			m[col] = r
		}
		r.errors += max(e, 0)
		r.warnings += max(w, 0)
	}
	for _, r := range s.Rules {
		var isErr bool
		switch normalise(r.Severity) {
		case "error":
			isErr = true
		case "warning":
		default:
			continue
		}
		counted := 0
		for col, n := range r.ByColumn {
			if isErr {
				add(col, n, 0)
			} else {
				add(col, 0, n)
			}
			counted += max(n, 0)
		}
		if rest := r.Count - counted; rest > 0 && len(r.ByColumn) == 0 {
			if isErr {
				add("", rest, 0)
			} else {
				add("", 0, rest)
			}
		}
	}
	byRule = true
	if len(m) == 0 {
		byRule = false
		for _, f := range s.Fields {
			add(f.Field, f.Invalid, f.Blank)
		}
	}
	for _, r := range m {
		rows = append(rows, *r)
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if ta, tb := a.errors+a.warnings, b.errors+b.warnings; ta != tb {
			return ta > tb
		}
		if a.errors != b.errors {
			return a.errors > b.errors
		}
		return a.field < b.field
	})
	return rows, byRule
}

// IssuesByField draws horizontal bars of errors and warnings per field for
// the fields with most issues (at most 15).
func IssuesByField(s *validation.Summary, w, h int, dark bool) (image.Image, error) {
	return issuesByField(s, w, h, dark, nil)
}

func issuesByField(s *validation.Summary, w, h int, dark bool, hits *[]Hit) (image.Image, error) {
	return renderHits(w, h, dark, hits, func(c draw.Canvas, th *theme) {
		const title = "Issues by field"
		rows, byRule := issueCounts(s)
		if len(rows) == 0 {
			detail := "No errors or warnings were found."
			if s == nil || s.Rows == 0 {
				detail = "The file has no data rows."
			}
			emptyChart(c, th, title, detail)
			return
		}
		errName, warnName := "Errors", "Warnings"
		if !byRule {
			errName, warnName = "Invalid values", "Missing mandatory values"
		}
		legend := []swatch{{label: errName, fill: th.errorFill}, {label: warnName, fill: th.warnFill, hatch: true}}

		// Find how many rows fit before drawing the header, whose note
		// says how many are shown.
		probe := th.bodyOf(c, title, "Top 15 of 50 fields", legend)
		n := min(len(rows), maxIssueFields, th.rowsThatFit(probe, 1))
		n = max(n, 1)
		totalE, totalW := 0, 0
		for _, r := range rows {
			totalE += r.errors
			totalW += r.warnings
		}
		var note string
		if byRule {
			note = validation.Plural(totalE, "error", "errors") + ", " + validation.Plural(totalW, "warning", "warnings")
		} else {
			note = validation.Plural(totalE, "invalid value", "invalid values") + ", " + validation.Plural(totalW, "missing value", "missing values")
		}
		if n < len(rows) {
			note = "Top " + validation.Commas(n) + " of " + validation.Commas(len(rows)) + " fields · " + note
		} else {
			note = validation.Plural(len(rows), "field", "fields") + " · " + note
		}
		body := th.header(c, title, note, legend)
		rows = rows[:n]

		b := &bars{th: th, horizontal: true, n: n, width: 0.72}
		errs := series{name: errName, fill: th.errorFill, values: make([]float64, n)}
		warns := series{name: warnName, fill: th.warnFill, hatch: true, values: make([]float64, n)}
		if byRule {
			errs.key, warns.key = "error", "warning"
		}
		b.keys = make([]string, n)
		names := make([]string, n)
		b.labels = make([]string, n)
		labelW := th.labelWidth(body, 0.36)
		for i, r := range rows {
			errs.values[i] = float64(r.errors)
			warns.values[i] = float64(r.warnings)
			names[i] = truncate(th.tick, clean(r.field), labelW)
			b.keys[i] = r.field
			b.labels[i] = validation.Commas(r.errors + r.warnings)
		}
		b.series = []series{errs, warns}
		top, _ := niceMax(b.maxTotal(), th.tickCount(body.Max.X-body.Min.X-labelW))
		p := th.categoryPlot(b, names, "Number of issues", countTicks{th.tickCount(body.Max.X - body.Min.X - labelW)}, top)
		p.Draw(body)
	})
}

// labelWidth is the widest a category label may be: a share of the
// canvas width.
func (th *theme) labelWidth(c draw.Canvas, share float64) vg.Length {
	return vg.Length(float64(c.Max.X-c.Min.X) * share)
}

// rowsThatFit is how many horizontal bars of lines-line labels fit in c
// below which a count axis (ticks and a label) is drawn.
func (th *theme) rowsThatFit(c draw.Canvas, lines int) int {
	return th.rowsThatFitStyle(c, th.tick, float64(lines)*1.3)
}

// rowsThatFitStyle is rowsThatFit for labels in sty, each row lines
// text lines high.
func (th *theme) rowsThatFitStyle(c draw.Canvas, sty text.Style, lines float64) int {
	avail := c.Max.Y - c.Min.Y
	avail -= th.tick.Height("0") + th.small.Height("Ag") + 2*th.gap
	row := sty.Height("Ag") * vg.Length(lines)
	if row <= 0 {
		return 1
	}
	return max(1, int(avail/row))
}
