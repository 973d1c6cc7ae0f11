package report

import (
	"fmt"
	"html/template"
	"io"

	"cldvalidator/validation"
)

// htmlIssueLimit is how many issues the HTML page lists.
const htmlIssueLimit = 200

// WriteHTML saves a single self-contained HTML summary page: verdict,
// receipt, counts, issues grouped by rule, field quality and the first 200
// issues. It has inline CSS only, no scripts and no links to other files or
// sites (its Content-Security-Policy forbids loading anything), so it opens
// in any browser without the network. Personal data is masked unless
// opts.IncludePersonalData.
func WriteHTML(path string, res *validation.Result, opts Options) error {
	return saveAtomically(path, res, func(w io.Writer) error {
		return writeHTML(w, res, opts, inputReceipt(res))
	})
}

type htmlRule struct {
	Title, Severity, Central, Explain, Columns string
	Count                                      string
}

// htmlCell is one cell of the issues table, with its CSS class.
type htmlCell struct{ Text, Class string }

type htmlField struct {
	Position                            int
	Field, Present                      string
	Valid, BlankOK, BlankMandatory, Bad string
	Complete                            string
	Problem                             bool
}

type htmlPage struct {
	FileName, Verdict                     string
	OK                                    bool
	Receipt                               [][2]string
	Notes, Caveats                        []string
	Rows, People, Errors, Warnings, Infos string
	Rules                                 []htmlRule
	Central                               [][4]string
	Periods                               [][2]string
	Fields                                []htmlField
	IssueHeads                            []string
	Issues                                [][]htmlCell
	IssuesShown, IssuesTotal              string
	More                                  bool
	Masked                                bool
}

func writeHTML(w io.Writer, res *validation.Result, opts Options, rc receipt) error {
	sum := res.Summary
	p := htmlPage{
		FileName: res.Info.Name,
		Verdict:  verdict(res),
		OK:       sum.Errors == 0,
		Notes:    res.Info.Notes,
		Caveats:  res.Caveats(),
		Rows:     validation.Commas(sum.Rows), People: validation.Commas(sum.People),
		Errors: validation.Commas(sum.Errors), Warnings: validation.Commas(sum.Warnings), Infos: validation.Commas(sum.Infos),
		Masked: opts.mask(),
	}
	add := func(k, v string) { p.Receipt = append(p.Receipt, [2]string{k, v}) }
	add("File", res.Info.Name)
	if rc.SHA256 != "" {
		add("SHA-256 fingerprint of the file", rc.SHA256)
		add("File size", rc.Size)
	} else {
		add("SHA-256 fingerprint of the file", rc.Note)
	}
	if res.Info.Sheet != "" {
		add("Sheet", res.Info.Sheet)
	}
	add("Format", formatLine(res))
	add("Checked against", releaseLine(res))
	if res.Spec.PackNote != "" {
		add("Specification changes", res.Spec.PackNote)
	}
	add("Report created", timeLine(opts.now()))
	add("Time taken to check", durationLine(res.Duration))
	add("Personal data", personalDataLine(opts))

	for _, c := range sum.ByConsequence {
		p.Central = append(p.Central, [4]string{c.Label, validation.Commas(c.Errors), validation.Commas(c.Warnings), validation.Commas(c.Rows)})
	}
	p.Periods = periodLines(sum.Periods)
	for _, rc := range sum.Rules {
		hr := htmlRule{Title: rc.Title, Severity: capitalise(rc.Severity), Count: validation.Commas(rc.Count), Columns: columnsAffected(rc)}
		if r := res.Spec.Rules.Lookup(rc.Rule); r != nil {
			hr.Explain, hr.Central = r.Explain, r.Central.Label()
		}
		p.Rules = append(p.Rules, hr)
	}
	for _, fq := range sum.Fields {
		t := validityTotals(fq)
		p.Fields = append(p.Fields, htmlField{
			Position: fq.Position, Field: fq.Field, Present: yesNo(fq.Present),
			Valid: validation.Commas(t[validation.ValidityValid]), BlankOK: validation.Commas(t[validation.ValidityBlankOK]),
			BlankMandatory: validation.Commas(t[validation.ValidityBlankMandatory]), Bad: validation.Commas(t[validation.ValidityInvalid]),
			Complete: fmt.Sprintf("%.1f%%", completeShare(fq)*100),
			Problem:  t[validation.ValidityBlankMandatory]+t[validation.ValidityInvalid] > 0 || !fq.Present,
		})
	}
	n := min(len(res.Issues), htmlIssueLimit)
	mask := opts.mask()
	cols := validation.IssueColumnsWhere(func(c *validation.IssueColumn) bool { return c.Excel > 0 && !c.Technical })
	for _, c := range cols {
		p.IssueHeads = append(p.IssueHeads, c.Heading)
	}
	for _, is := range res.Issues[:n] {
		cells := make([]htmlCell, len(cols))
		for i, c := range cols {
			cells[i] = htmlCell{Text: c.Text(res, is, mask)}
			switch {
			case c.Number:
				cells[i].Class = "n"
			case c.Key == "severity":
				cells[i].Class = "sev-" + cells[i].Text
			}
		}
		p.Issues = append(p.Issues, cells)
	}
	p.IssuesShown, p.IssuesTotal, p.More = validation.Commas(n), validation.Commas(len(res.Issues)), len(res.Issues) > n
	return pageTemplate.Execute(w, p)
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Client Level Data check: {{.FileName}}</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; margin: 1.5em; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.3em; }
h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 2px solid #d9e1f2; padding-bottom: 0.2em; }
.verdict { font-size: 1.3em; font-weight: bold; padding: 0.6em 0.9em; border-radius: 4px; display: inline-block; }
.ok { background: #c6efce; color: #006100; }
.bad { background: #ffc7ce; color: #9c0006; }
.caveat { background: #ffeb9c; color: #5c4500; padding: 0.5em 0.9em; border-radius: 4px; max-width: 60em; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #c8c8c8; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #d9e1f2; }
td.n { text-align: right; white-space: nowrap; }
table.receipt th { background: #f2f2f2; width: 16em; }
.counts span { display: inline-block; margin-right: 2em; font-size: 1.1em; }
.sev-Error { color: #9c0006; font-weight: bold; }
.sev-Warning { color: #7f6000; }
tr.problem td { background: #fff4f4; }
.mono { font-family: Consolas, "Courier New", monospace; word-break: break-all; }
.note { color: #555; }
</style>
</head>
<body>
<h1>Client Level Data check: {{.FileName}}</h1>
<p class="verdict {{if .OK}}ok{{else}}bad{{end}}">{{.Verdict}}</p>
{{range .Caveats}}<p class="caveat"><b>Warning:</b> {{.}}</p>
{{end}}
<p class="counts"><span>Rows checked: <b>{{.Rows}}</b></span><span>People: <b>{{.People}}</b></span><span>Errors: <b>{{.Errors}}</b></span><span>Warnings: <b>{{.Warnings}}</b></span>{{if ne .Infos "0"}}<span>Information notes: <b>{{.Infos}}</b></span>{{end}}</p>

<h2>Receipt</h2>
<table class="receipt">
{{range .Receipt}}<tr><th>{{index . 0}}</th><td{{if eq (index . 0) "SHA-256 fingerprint of the file"}} class="mono"{{end}}>{{index . 1}}</td></tr>
{{end}}{{range $i, $n := .Notes}}<tr><th>{{if eq $i 0}}Notes on reading the file{{end}}</th><td>{{$n}}</td></tr>
{{end}}</table>

<h2>What happens to these rows centrally</h2>
<table>
<tr><th>What happens centrally</th><th>Errors</th><th>Warnings</th><th>Rows affected</th></tr>
{{range .Central}}<tr><td>{{index . 0}}</td><td class="n">{{index . 1}}</td><td class="n">{{index . 2}}</td><td class="n">{{index . 3}}</td></tr>
{{end}}</table>

<h2>Reporting period</h2>
<table class="receipt">
{{range .Periods}}<tr><th>{{index . 0}}</th><td>{{index . 1}}</td></tr>
{{end}}</table>

<h2>Issues by rule</h2>
{{if .Rules}}<table>
<tr><th>What is wrong</th><th>Severity</th><th>What happens centrally</th><th>Count</th><th>Why it matters and how to fix it</th><th>Columns affected</th></tr>
{{range .Rules}}<tr><td>{{.Title}}</td><td class="sev-{{.Severity}}">{{.Severity}}</td><td>{{.Central}}</td><td class="n">{{.Count}}</td><td>{{.Explain}}</td><td>{{.Columns}}</td></tr>
{{end}}</table>{{else}}<p>No issues were found.</p>{{end}}

<h2>Field quality</h2>
<p class="note">Rows by validity for each template field, as DHSC's data-quality dashboard counts them. Complete means valid or allowed to be blank.</p>
<table>
<tr><th>#</th><th>Field</th><th>In file</th><th>Valid</th><th>Blank (not mandatory)</th><th>Blank (mandatory)</th><th>Invalid</th><th>% complete</th></tr>
{{range .Fields}}<tr{{if .Problem}} class="problem"{{end}}><td class="n">{{.Position}}</td><td>{{.Field}}</td><td>{{.Present}}</td><td class="n">{{.Valid}}</td><td class="n">{{.BlankOK}}</td><td class="n">{{.BlankMandatory}}</td><td class="n">{{.Bad}}</td><td class="n">{{.Complete}}</td></tr>
{{end}}</table>

<h2>Issues</h2>
{{if .Issues}}<p class="note">{{if .More}}The first {{.IssuesShown}} of {{.IssuesTotal}} issues, in file order. The Excel report lists them all.{{else}}All {{.IssuesTotal}} issues, in file order.{{end}}{{if .Masked}} Personal values are masked.{{end}}</p>
<table>
<tr>{{range .IssueHeads}}<th>{{.}}</th>{{end}}</tr>
{{range .Issues}}<tr>{{range .}}<td{{if .Class}} class="{{.Class}}"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</table>{{else}}<p>No issues were found.</p>{{end}}
</body>
</html>
`))
