package report

import (
	"bufio"
	"encoding/json"
	"io"

	"cldvalidator/validation"
)

// The --json output of `cldapp check`: the file, every issue (row, column,
// value, rule, severity, central consequence, message) and the summary,
// with personal values masked unless mask is false.

// jsonIssue is one issue in the --json output.
type jsonIssue struct {
	Row      int    `json:"row"`
	Column   string `json:"column"`
	Value    string `json:"value"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Central  string `json:"central"` // rejected, excluded, changed or none
	Message  string `json:"message"`
}

// WriteJSON writes a result in the command line's --json format,
// streaming the issues so a million of them need no extra memory.
func WriteJSON(w io.Writer, res *validation.Result, mask bool) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	head := map[string]any{"release": string(res.Spec.Release), "file": res.Info.Name, "rows": res.Table.Len()}
	hb, err := json.Marshal(head)
	if err != nil {
		return err
	}
	bw.Write(hb[:len(hb)-1])
	bw.WriteString(`,"issues":[`)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i, is := range res.Issues {
		if i > 0 {
			bw.WriteByte(',')
		}
		rule := res.Rule(is)
		ji := jsonIssue{Row: res.RowNumber(is), Column: res.ColumnName(is), Value: res.Value(is, mask),
			Rule: rule.ID, Severity: is.Sev.String(), Central: rule.Central.String(), Message: res.Message(is, mask)}
		if err := enc.Encode(ji); err != nil {
			return err
		}
	}
	bw.WriteString(`],"summary":`)
	if err := enc.Encode(jsonSummary(res, mask)); err != nil {
		return err
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// jsonSummary is the summary with file details, personal values masked.
func jsonSummary(res *validation.Result, mask bool) any {
	s := *res.Summary
	if mask {
		s.InvalidValues = res.MaskedInvalidValues()
	}
	return struct {
		validation.Summary
		Sheet       string `json:"sheet,omitempty"`
		Format      string `json:"format"`
		Encoding    string `json:"encoding,omitempty"`
		HeaderRow   int    `json:"header_row"`
		SpecVersion string `json:"spec_version"`
	}{s, res.Info.Sheet, res.Info.Format, res.Info.Encoding, res.HeaderRow, res.Spec.Version}
}
