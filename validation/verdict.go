package validation

// Verdict is the one line users look for first, the same in every view. A
// file with no errors is "ready to submit" only when nothing about how it
// was read casts doubt on that (see Caveats).
func Verdict(errors, caveats int) string {
	switch {
	case errors == 0 && caveats > 0:
		return "No errors in what was checked — but read the warning before submitting"
	case errors == 0:
		return "No errors — ready to submit"
	case errors == 1:
		return "1 error must be fixed before submission"
	}
	return Commas(errors) + " errors must be fixed before submission"
}

// Verdict is the result's verdict line.
func (r *Result) Verdict() string { return Verdict(r.Summary.Errors, len(r.Caveats())) }

// Caveats are the reader's warnings that may make the verdict wrong: another
// worksheet also holds data, the file changed while it was read, it ends in
// zero bytes. Views show them with the verdict itself.
func (r *Result) Caveats() []string { return r.Info.Warnings }
