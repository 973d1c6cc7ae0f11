// Package validation is the engine that checks an ASC Client Level Data
// file against the CLD specification. It reads rows from a reader.Source,
// keeps them compactly column by column, checks every value, row and
// record, and returns a Result: the issues (each a rule at a row and
// column), the data, and the summary users read first. It imports no GUI
// code; the window, the command line and the reports all use it the same
// way:
//
//	res, err := validation.ValidateFile(ctx, "cld.xlsx", validation.Options{})
//	for _, is := range res.Issues {
//		fmt.Println(res.RowNumber(is), res.ColumnName(is), res.Message(is, true))
//	}
//
// # The specification is data
//
// spec/ holds the shared CLD specification verbatim (cld_r1.json,
// cld_r2.json, rules.md, SOURCES.md), checks.json (the machine form of the
// conditions the specification states in words, and the numbers checks
// use) and rules.json (the rule catalogue: severity, messages, what happens
// centrally, evidence). A list value, a mandatory condition or a severity
// changes there, not in Go. A spec pack (pack.go) corrects them at run time.
//
// # Where things are
//
//	spec.go        loading a release: fields, lists, mappings (Spec, Field)
//	checks.go      checks.json: conditions, labels, limits (Checks, Cond)
//	catalogue.go   rules.json: severities, central consequences (Rule)
//	pack.go        spec packs that change the embedded specification
//	engine.go      Validate: reading batches, interning, the worker pipeline
//	table.go       the rows, a dictionary of values per column (Table)
//	ids.go         each column's value ids per row, 1-4 bytes wide
//	headers.go     matching the file's header to the template
//	values.go      checking each distinct value once (lists, dates, numbers, NHS Numbers…)
//	status.go      DHSC's status × validity model of every field on every row
//	rows.go        field checks and the row rules (one small function each)
//	crossrecord.go checks across rows: periods, duplicates, people, links
//	period.go      DHSC's derived reporting period
//	detect.go      which release a file uses; mixed releases
//	mapping.go     Release 1 → Release 2 mapping of values
//	summary.go     the Summary: counts, field quality, events by month…
//	result.go      Result: issues, their locations and messages, masking
//	words.go       how each rule's issues become words (sayRule)
//	text.go        counts and lists in words (Commas, Plural…)
//	crashlog.go    reporting a check's internal fault without personal data
//
// # Adding a rule
//
// Add its entry to spec/rules.json (id, severity, message with
// placeholders, explanation, evidence, central consequence and what it
// says, rules.md items and sources); raise it from a check (a row rule is
// one function added to buildRowRules in rows.go; a check across records
// is a method added to crossRecord's list); declare any words of its own
// with sayRule beside the check; and add a test that expects it at a row
// and column and a boundary case that must not raise it.
// TestEveryRuleHasATest and TestCatalogueEvidence fail until both exist.
package validation
