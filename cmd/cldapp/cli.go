package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"

	"cldvalidator/compare"
	"cldvalidator/convert"
	"cldvalidator/measures"
	"cldvalidator/reader"
	"cldvalidator/report"
	"cldvalidator/sample"
	"cldvalidator/validation"
)

// Exit codes of the command line (other tools depend on them).
const (
	exitOK     = 0 // no error-severity issues
	exitErrors = 1 // errors found
	exitUsage  = 2 // input unreadable or bad usage
)

// usageError is bad usage: one plain-English line, exit code 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

const usageText = `Usage:
  cldapp [FILE]                     open the desktop window (optionally with a file)
  cldapp check [--release r1|r2|auto] [--sheet NAME] [--spec PACK.json] [--json PATH|-] [--report PATH.xlsx] [--include-personal-data] FILE
  cldapp rules [--release r1|r2] [--json]
  cldapp sample --rows N [--seed S] [--error-rate F] [--release r1|r2] [--truth PATH.json] -o PATH(.xlsx|.csv)
  cldapp convert --to r2 [--sheet NAME] [--preview] IN OUT(.csv|.xlsx)
  cldapp compare [--report PATH.xlsx] [--include-personal-data] OLD NEW
  cldapp measures [--release r1|r2|auto] [--spec PACK.json] [--json PATH|-] [--report PATH.xlsx] FILE
`

// outWriter remembers the first error writing the results (a full disk, a
// closed pipe, > /dev/full), so a command whose output was lost does not
// end as if it had succeeded.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// runCLI runs a command-line command and returns the exit code.
func runCLI(args []string, stdout, stderr io.Writer) int {
	out := &outWriter{w: stdout}
	code := runCommand(args, out, stderr)
	if out.err != nil {
		fmt.Fprintf(stderr, "The results could not be written to the output (%v), so they are incomplete. Check the disk has space, or use --report or --json to save them to a file.\n", cause(out.err))
		return exitUsage
	}
	return code
}

// cause is the innermost text of an error ("no space left on device").
func cause(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}

func runCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	code := exitOK
	switch args[0] {
	case "check":
		code, err = cmdCheck(ctx, args[1:], stdout, stderr)
	case "rules":
		err = cmdRules(args[1:], stdout)
	case "sample":
		err = cmdSample(args[1:], stdout)
	case "convert":
		err = cmdConvert(ctx, args[1:], stdout)
	case "compare":
		err = cmdCompare(ctx, args[1:], stdout)
	case "measures":
		err = cmdMeasures(ctx, args[1:], stdout)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usageText)
		return exitOK
	default:
		err = usageError{fmt.Sprintf("unknown command %q. Use check, rules, sample, convert, compare or measures (cldapp help lists them).", args[0])}
	}
	if err != nil {
		fmt.Fprintln(stderr, plainError(err))
		return exitUsage
	}
	return code
}

// plainError turns an error into the one line a user reads.
func plainError(err error) string {
	var re *reader.Error
	if errors.As(err, &re) {
		return re.Error()
	}
	if errors.Is(err, validation.ErrCanceled) {
		return "Stopped before the check finished."
	}
	return err.Error()
}

// parseArgs parses flags that may come before or after the positional
// arguments (cldapp check FILE --json - works as well as the reverse).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usageError{strings.TrimSpace(usageText)}
			}
			return nil, usageError{strings.TrimSpace(err.Error()) + ". See cldapp help."}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func parseRelease(s string, allowAuto bool) (validation.Release, error) {
	if allowAuto && (s == "" || strings.EqualFold(s, "auto")) {
		return "", nil
	}
	r, ok := validation.ParseRelease(s)
	if !ok {
		if allowAuto {
			return "", usageError{fmt.Sprintf("--release %q is not known: use r1, r2 or auto.", s)}
		}
		return "", usageError{fmt.Sprintf("--release %q is not known: use r1 or r2.", s)}
	}
	return r, nil
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	rel := fs.String("release", "auto", "r1, r2 or auto")
	jsonPath := fs.String("json", "", "write the result as JSON to PATH, or - for standard output")
	reportPath := fs.String("report", "", "write the Excel report to PATH.xlsx")
	personal := fs.Bool("include-personal-data", false, "include NHS numbers, names, dates of birth and death and postcodes in outputs")
	packPath := fs.String("spec", "", "a spec pack (JSON) that corrects or extends the built-in specification")
	sheet := fs.String("sheet", "", "the worksheet of a workbook to check (default: the one the tool chooses, named in the output)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage, err
	}
	if len(pos) != 1 {
		return exitUsage, usageError{"check needs exactly one file: cldapp check [options] FILE"}
	}
	release, err := parseRelease(*rel, true)
	if err != nil {
		return exitUsage, err
	}
	if *reportPath != "" && !strings.EqualFold(filepath.Ext(*reportPath), ".xlsx") {
		return exitUsage, usageError{"--report must name an .xlsx file, e.g. --report errors.xlsx"}
	}
	opts := validation.Options{Release: release, Fingerprint: *reportPath != "", Sheet: *sheet}
	if *packPath != "" {
		p, err := validation.LoadPack(*packPath)
		if err != nil {
			return exitUsage, err
		}
		opts.Pack = p
	}
	res, err := validation.ValidateFile(ctx, pos[0], opts)
	if err != nil {
		return exitUsage, err
	}
	mask := !*personal
	if *reportPath != "" {
		if err := report.WriteXLSX(*reportPath, res, report.Options{IncludePersonalData: *personal}); err != nil {
			return exitUsage, err
		}
	}
	switch *jsonPath {
	case "":
		printCheck(stdout, res, mask, *reportPath)
	case "-":
		if err := report.WriteJSON(stdout, res, mask); err != nil {
			return exitUsage, err
		}
	default:
		if err := report.SaveFile(*jsonPath, []string{pos[0]}, func(w io.Writer) error { return report.WriteJSON(w, res, mask) }); err != nil {
			return exitUsage, err
		}
		printCheck(stdout, res, mask, *reportPath)
	}
	if res.Summary.Errors > 0 {
		return exitErrors, nil
	}
	return exitOK, nil
}

// printCheck writes the human-readable result: counts, verdict, issues
// grouped by rule, then the first issues.
func printCheck(w io.Writer, res *validation.Result, mask bool, reportPath string) {
	s := res.Summary
	where := res.Info.Format
	if res.Info.Sheet != "" {
		where += ", sheet " + res.Info.Sheet
	}
	if res.Info.Encoding != "" {
		where += ", " + res.Info.Encoding
	}
	fmt.Fprintf(w, "%s (%s): %d rows, %d people, checked against Release %s in %.1f s.\n",
		res.Info.Name, where, s.Rows, s.People, strings.TrimPrefix(string(res.Spec.Release), "R"), res.Duration.Seconds())
	sep := ";"
	if s.Errors == 0 {
		sep = "."
	}
	fmt.Fprintf(w, "%s%s %d warnings to check.\n", res.Verdict(), sep, s.Warnings)
	for _, c := range res.Caveats() {
		fmt.Fprintf(w, "WARNING: %s\n", c)
	}
	printCentral(w, s)
	if len(s.Rules) > 0 {
		fmt.Fprintln(w, "\nIssues by rule:")
		for _, rc := range s.Rules {
			cols := make([]string, 0, len(rc.ByColumn))
			for c := range rc.ByColumn {
				cols = append(cols, c)
			}
			sort.Strings(cols)
			if len(cols) > 3 {
				cols = append(cols[:3], "…")
			}
			fmt.Fprintf(w, "  %-8s %7d  %s [%s]\n", rc.Severity, rc.Count, rc.Title, strings.Join(cols, ", "))
		}
	}
	shown := 0
	for _, is := range res.Issues {
		if is.Sev == validation.Info {
			continue
		}
		if shown == 0 {
			fmt.Fprintln(w, "\nFirst issues:")
		}
		if shown == 20 {
			fmt.Fprintf(w, "  … and %d more", s.Errors+s.Warnings-shown)
			if reportPath == "" {
				fmt.Fprint(w, " (use --report errors.xlsx for the full list)")
			}
			fmt.Fprintln(w)
			break
		}
		loc := "File"
		if n := res.RowNumber(is); n > 0 {
			loc = fmt.Sprintf("Row %d", n)
		}
		fmt.Fprintf(w, "  %s, %s: %s: %s\n", loc, orDash(res.ColumnName(is)), is.Sev, res.Message(is, mask))
		shown++
	}
	caveat := map[string]bool{}
	for _, c := range res.Caveats() {
		caveat[c] = true
	}
	for _, is := range res.Issues {
		if is.Sev == validation.Info {
			if m := res.Message(is, mask); !caveat[m] { // shown with the verdict
				fmt.Fprintf(w, "Note: %s\n", m)
			}
		}
	}
	if reportPath != "" {
		fmt.Fprintf(w, "\nExcel report written to %s.\n", reportPath)
	}
}

// printCentral says what happens to the issues' rows centrally, and
// which reporting period DHSC would derive from the data.
func printCentral(w io.Writer, s *validation.Summary) {
	if s.Errors+s.Warnings > 0 {
		fmt.Fprintln(w, "\nWhat happens to these rows centrally:")
		for _, c := range s.ByConsequence {
			if c.Errors+c.Warnings > 0 {
				fmt.Fprintf(w, "  %-46s %s, %s (%s)\n", c.Label+":", validation.Plural(c.Errors, "error", "errors"),
					validation.Plural(c.Warnings, "warning", "warnings"), validation.Plural(c.Rows, "row", "rows"))
			}
		}
	}
	if p := s.Periods; p.Stated != "" || p.Derived != "" || p.DerivedWhy != "" {
		derived := p.Derived
		if derived == "" {
			derived = "none (" + p.DerivedWhy + ")"
		}
		fmt.Fprintf(w, "\nReporting period: stated %s; DHSC would derive %s.\n", orDash(p.Stated), derived)
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func cmdRules(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	rel := fs.String("release", "r1", "r1 or r2")
	asJSON := fs.Bool("json", false, "write the catalogue as JSON")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"rules takes no file: cldapp rules [--release r1|r2] [--json]"}
	}
	release, err := parseRelease(*rel, false)
	if err != nil {
		return err
	}
	spec, err := validation.LoadSpec(release)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeRulesJSON(w, spec)
	}
	fmt.Fprintf(w, "%s — rule catalogue (rule set %s)\n\n", spec.Title, spec.Version)
	for _, r := range spec.Rules.All() {
		fmt.Fprintf(w, "%s  [%s]  %s\n", r.ID, r.Severity, r.Title)
		fmt.Fprintf(w, "    %s\n", r.Explain)
		fmt.Fprintf(w, "    What happens centrally: %s.", r.Central.Label())
		if r.CentralSays != "" {
			fmt.Fprintf(w, " %s", r.CentralSays)
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "    %s. Technical details: %s\n\n", r.EvidenceLabel(), r.Ref())
	}
	fmt.Fprintln(w, "Fields and when they are mandatory:")
	for _, f := range spec.Fields {
		fmt.Fprintf(w, "  %2d %-32s %-14s %s\n", f.Position, f.Name, f.Type, validation.DescribeMandatory(f))
	}
	return nil
}

// writeRulesJSON writes the catalogue for other tools: every rule with its
// severity, evidence class, central consequence and the rules.md items and
// source ids behind it.
func writeRulesJSON(w io.Writer, spec *validation.Spec) error {
	type jsonRule struct {
		ID          string   `json:"id"`
		Severity    string   `json:"severity"`
		Scope       string   `json:"scope"`
		Title       string   `json:"title"`
		Message     string   `json:"message"`
		Explain     string   `json:"explain"`
		Evidence    string   `json:"evidence"`
		Central     string   `json:"central"`
		CentralText string   `json:"central_label"`
		CentralSays string   `json:"central_says,omitempty"`
		RulesMD     []string `json:"rules_md"`
		Sources     []string `json:"sources"`
	}
	out := struct {
		Release string     `json:"release"`
		Title   string     `json:"title"`
		Version string     `json:"rule_set"`
		Rules   []jsonRule `json:"rules"`
	}{Release: string(spec.Release), Title: spec.Title, Version: spec.Version}
	for _, r := range spec.Rules.All() {
		out.Rules = append(out.Rules, jsonRule{ID: r.ID, Severity: r.Severity.String(), Scope: r.Scope, Title: r.Title,
			Message: r.Message, Explain: r.Explain, Evidence: r.Evidence, Central: r.Central.String(), CentralText: r.Central.Label(),
			CentralSays: r.CentralSays, RulesMD: append([]string{}, r.RulesMD...), Sources: append([]string{}, r.Sources...)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func cmdSample(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	rows := fs.Int("rows", 0, "number of data rows")
	seed := fs.Int64("seed", 1, "random seed (same seed, same file)")
	rate := fs.Float64("error-rate", 0, "fraction of rows given one seeded error (0 to 1)")
	truth := fs.String("truth", "", "write the seeded errors as JSON to PATH")
	out := fs.String("o", "", "output file (.xlsx or .csv)")
	rel := fs.String("release", "r1", "r1 or r2")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"sample takes no positional arguments: use -o PATH"}
	}
	if *rows <= 0 || *rows > 1_048_575 {
		return usageError{"--rows must be between 1 and 1048575"}
	}
	if *rate < 0 || *rate > 1 {
		return usageError{"--error-rate must be between 0 and 1, e.g. 0.05"}
	}
	if *out == "" {
		return usageError{"sample needs an output file: -o PATH.xlsx or -o PATH.csv"}
	}
	release, err := parseRelease(*rel, false)
	if err != nil {
		return err
	}
	t, err := sample.WriteFile(*out, sample.Options{Rows: *rows, Seed: *seed, ErrorRate: *rate, Release: release})
	if err != nil {
		return err
	}
	if *truth != "" {
		if err := t.WriteJSON(*truth); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "Wrote %d rows (%d seeded errors) to %s.\n", t.Rows, len(t.Errors), *out)
	return nil
}

func cmdConvert(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	to := fs.String("to", "", "the release to convert to (r2)")
	preview := fs.Bool("preview", false, "list how each value would change, without writing")
	sheet := fs.String("sheet", "", "the worksheet of a workbook to convert")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if rel, ok := validation.ParseRelease(*to); !ok || rel != validation.R2 {
		return usageError{"convert needs --to r2 (only Release 1 to Release 2 conversion is available)"}
	}
	if (*preview && len(pos) != 1) || (!*preview && len(pos) != 2) {
		return usageError{"convert needs the input and output files: cldapp convert --to r2 IN OUT (or --preview IN)"}
	}
	res, err := validation.ValidateFile(ctx, pos[0], validation.Options{Release: validation.R1, Sheet: *sheet})
	if err != nil {
		return err
	}
	m, err := validation.NewR2Mapper()
	if err != nil {
		return err
	}
	var attention, unknown int
	fmt.Fprintf(w, "%-30s %-60s %-60s %8s  %s\n", "Field", "Release 1 value", "Release 2 value", "Rows", "")
	for _, vm := range m.PreviewR2(res) {
		if vm.Outcome == validation.MapUnchanged || vm.Outcome == validation.MapAlreadyR2 {
			continue
		}
		note := ""
		switch vm.Outcome {
		case validation.MapNoEquivalent:
			note, attention = "no Release 2 equivalent: re-code at source", attention+vm.Rows
		case validation.MapNotListed:
			note, attention = "not a listed value: kept as it is", attention+vm.Rows
		case validation.MapR2Unknown:
			note, unknown = "valid Release 1 value; its Release 2 spelling is not published: kept, check it", unknown+vm.Rows
		case validation.MapChanged:
			if !vm.Verified {
				note = "mapping inferred (" + vm.Confidence + " confidence)"
			}
		}
		fmt.Fprintf(w, "%-30s %-60s %-60s %8d  %s\n", vm.Field, vm.From, vm.To, vm.Rows, note)
	}
	if *preview {
		return nil
	}
	sum, err := convert.ToR2(pos[1], res)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nWrote %s: %d rows, %d values changed in %d fields; %d values need re-coding by hand.\n",
		pos[1], sum.Rows, sum.ValuesChanged, len(sum.FieldsAffected), attention)
	if unknown > 0 {
		fmt.Fprintf(w, "%d valid Release 1 values were kept because their Release 2 spelling is not published: check them against the Release 2 specification.\n", unknown)
	}
	return nil
}

func cmdCompare(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	reportPath := fs.String("report", "", "write the comparison to PATH.xlsx")
	personal := fs.Bool("include-personal-data", false, "include NHS numbers and other personal data in the output")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"compare needs two files: cldapp compare OLD NEW"}
	}
	var results [2]*validation.Result
	for i, p := range pos {
		if results[i], err = validation.ValidateFile(ctx, p, validation.Options{}); err != nil {
			return err
		}
	}
	c := compare.Compare(results[0], results[1], !*personal)
	fmt.Fprint(w, report.ComparisonText(c))
	if *reportPath != "" {
		if err := report.WriteComparisonXLSX(*reportPath, c, pos); err != nil {
			return err
		}
		fmt.Fprintf(w, "Comparison written to %s.\n", *reportPath)
	}
	return nil
}

// cmdMeasures checks a file and prints the SALT and ASCOF figures this
// tool works out from it (cldapp measures), as text or JSON; --report
// also writes the Excel report with a sheet per table.
func cmdMeasures(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("measures", flag.ContinueOnError)
	rel := fs.String("release", "auto", "r1, r2 or auto")
	jsonPath := fs.String("json", "", "write the measures as JSON to PATH, or - for standard output")
	reportPath := fs.String("report", "", "write the Excel report (issues and a sheet per measure table) to PATH.xlsx")
	packPath := fs.String("spec", "", "a spec pack (JSON) that corrects or extends the built-in specification")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"measures needs exactly one file: cldapp measures [options] FILE"}
	}
	release, err := parseRelease(*rel, true)
	if err != nil {
		return err
	}
	if *reportPath != "" && !strings.EqualFold(filepath.Ext(*reportPath), ".xlsx") {
		return usageError{"--report must name an .xlsx file, e.g. --report measures.xlsx"}
	}
	opts := validation.Options{Release: release, Fingerprint: *reportPath != ""}
	if *packPath != "" {
		p, err := validation.LoadPack(*packPath)
		if err != nil {
			return err
		}
		opts.Pack = p
	}
	res, err := validation.ValidateFile(ctx, pos[0], opts)
	if err != nil {
		return err
	}
	rep, err := measures.Compute(res)
	if err != nil {
		return err
	}
	if *reportPath != "" {
		if err := report.WriteXLSX(*reportPath, res, report.Options{Measures: rep}); err != nil {
			return err
		}
	}
	switch *jsonPath {
	case "":
		if err := rep.WriteText(w); err != nil {
			return err
		}
	case "-":
		return rep.WriteJSON(w)
	default:
		if err := report.SaveFile(*jsonPath, []string{pos[0]}, rep.WriteJSON); err != nil {
			return err
		}
		if err := rep.WriteText(w); err != nil {
			return err
		}
	}
	if *reportPath != "" {
		fmt.Fprintf(w, "\nExcel report written to %s.\n", *reportPath)
	}
	return nil
}
