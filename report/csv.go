package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"cldvalidator/validation"
)

// WriteIssuesCSV saves issues (typically a filtered selection of
// res.Issues) with the Issues sheet's columns, as UTF-8 with a byte-order
// mark and CRLF line ends so Excel opens it correctly. Personal data is
// masked unless opts.IncludePersonalData. Text that Excel would run as a
// formula (starting with =, +, -, @) is prefixed with an apostrophe.
func WriteIssuesCSV(path string, res *validation.Result, issues []validation.Issue, opts Options) error {
	return saveAtomically(path, res, func(w io.Writer) error {
		return writeIssuesCSV(w, res, issues, opts)
	})
}

func writeIssuesCSV(w io.Writer, res *validation.Result, issues []validation.Issue, opts Options) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(issueHeaders()); err != nil {
		return err
	}
	mask := opts.mask()
	rec := make([]string, len(reportColumns))
	for _, is := range issues {
		for i, s := range render(res, is, mask) {
			rec[i] = csvSafe(s)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe stops Excel treating a cell as a formula (CSV injection): text
// starting with =, +, -, @, tab or carriage return gets a leading
// apostrophe, except plain numbers such as -5 or +44.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if len(s) == 1 {
			return s
		}
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}
