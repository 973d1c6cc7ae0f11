package validation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// PackFormat is the format tag every spec pack carries.
const PackFormat = "cld-spec-pack/1"

// Pack is a "spec pack": a small JSON file a lead analyst can distribute to
// correct or extend the embedded specification (add a list value, mark a
// list complete, change a rule's severity) without a new release of the
// app. See docs/spec-packs.md.
type Pack struct {
	Format      string                `json:"format"`
	Name        string                `json:"name"`
	Author      string                `json:"author,omitempty"`
	Date        string                `json:"date,omitempty"`
	Release     string                `json:"release"` // R1, R2 or any
	Description string                `json:"description,omitempty"`
	Fields      map[string]*PackField `json:"fields,omitempty"`
	Rules       map[string]*PackRule  `json:"rules,omitempty"`

	raw []byte
}

// PackField changes one field.
type PackField struct {
	AddValues          []PackValue `json:"add_values,omitempty"`
	RemoveValues       []string    `json:"remove_values,omitempty"`
	Values             []PackValue `json:"values,omitempty"` // replaces the whole list
	ValuesCompleteness string      `json:"values_completeness,omitempty"`
	Verified           *bool       `json:"verified,omitempty"`
	MandatoryLevel     string      `json:"mandatory_level,omitempty"`
	MandatoryWhen      *Cond       `json:"mandatory_when,omitempty"`
	Hint               string      `json:"hint,omitempty"`
}

// PackValue is a list value in a pack.
type PackValue struct {
	Value    string `json:"value"`
	Verified *bool  `json:"verified,omitempty"`
	Note     string `json:"note,omitempty"`
}

// PackRule changes one rule.
type PackRule struct {
	Severity string `json:"severity"`
}

// LoadPack reads and checks a spec pack file. Errors are plain English and
// name the file.
func LoadPack(path string) (*Pack, error) {
	name := filepath.Base(path)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("the spec pack %s was not found; check the file name and folder", name)
	case err != nil:
		return nil, fmt.Errorf("the spec pack %s could not be opened; check it is not open in another program and that the drive is connected", name)
	}
	p, err := ParsePack(data)
	if err != nil {
		return nil, fmt.Errorf("the spec pack %s %v", name, err)
	}
	// Apply it now to each release it is for, so a pack naming a field or
	// rule that does not exist is refused when it is chosen, not later.
	for _, r := range []Release{R1, R2} {
		if p.AppliesTo(r) {
			if _, err := buildSpec(r, p); err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// packSyntax says in plain words what is wrong with a pack that does not
// parse, and where (a line number), instead of the JSON library's words
// ("unexpected EOF", "invalid character '}' looking for beginning of
// object key string").
func packSyntax(data []byte, err error) string {
	line := func(off int64) int {
		off = min(max(off, 0), int64(len(data)))
		return 1 + bytes.Count(data[:off], []byte("\n"))
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "it ends too early, as if it was cut short (a closing bracket or quote is missing)"
	case errors.As(err, &syn):
		return fmt.Sprintf("there is a typing mistake on line %d (a missing comma, quote or bracket, or one too many)", line(syn.Offset))
	case errors.As(err, &typ):
		what := typ.Field
		if what == "" {
			what = "a value"
		} else {
			what = "\"" + what + "\""
		}
		return fmt.Sprintf("%s on line %d is the wrong kind of value (for example text where a list is expected)", what, line(typ.Offset))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "it has a setting that spec packs do not have: " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "it is not in the spec pack format"
}

// ParsePack parses a spec pack; the error completes the sentence "the spec
// pack X ...".
func ParsePack(data []byte) (*Pack, error) {
	var p Pack
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("is not valid: %s. Check it was not edited by hand in a way that broke it", packSyntax(data, err))
	}
	if p.Format != PackFormat {
		return nil, fmt.Errorf("is not a spec pack (its \"format\" must be %q)", PackFormat)
	}
	if strings.TrimSpace(p.Name) == "" {
		return nil, fmt.Errorf("has no \"name\"; give it a name that says what it changes")
	}
	switch strings.ToUpper(p.Release) {
	case "R1", "R2", "ANY":
	default:
		return nil, fmt.Errorf("has release %q; use \"R1\", \"R2\" or \"any\"", p.Release)
	}
	if len(p.Fields) == 0 && len(p.Rules) == 0 {
		return nil, fmt.Errorf("changes nothing (it has no \"fields\" or \"rules\")")
	}
	p.raw = data
	return &p, nil
}

// AppliesTo reports whether the pack is for this release.
func (p *Pack) AppliesTo(r Release) bool {
	return strings.EqualFold(p.Release, "any") || strings.EqualFold(p.Release, string(r))
}

// WithPack returns a copy of the release's specification with the pack
// applied (or the embedded specification when the pack is for the other
// release).
func WithPack(r Release, p *Pack) (*Spec, error) {
	if p == nil || !p.AppliesTo(r) {
		return LoadSpec(r)
	}
	return buildSpec(r, p)
}

// apply changes the freshly built (unshared) spec.
func (p *Pack) apply(s *Spec, h hash.Hash) error {
	h.Write(p.raw)
	for key, pf := range p.Fields {
		f := s.Field(key)
		if f == nil {
			return fmt.Errorf("the spec pack %q names the field %q, which is not in the %s specification (use the field key, e.g. Service_Component)", p.Name, key, s.Release)
		}
		if err := p.applyValues(f, pf); err != nil {
			return err
		}
		if err := p.applySettings(f, pf); err != nil {
			return err
		}
		if err := p.applyChecks(s, key, f, pf); err != nil {
			return err
		}
	}
	if err := p.applyRules(s); err != nil {
		return err
	}
	s.PackNote = fmt.Sprintf("Spec pack %q applied", p.Name)
	if p.Author != "" {
		s.PackNote += " (from " + p.Author + ")"
	}
	return nil
}

// applyValues replaces, adds or removes a list field's values.
func (p *Pack) applyValues(f *Field, pf *PackField) error {
	if len(pf.Values) > 0 || len(pf.AddValues) > 0 || len(pf.RemoveValues) > 0 {
		if !f.IsList() {
			return fmt.Errorf("the spec pack %q gives values for %s, which is not a defined-list field", p.Name, f.Name)
		}
	}
	if len(pf.Values) > 0 {
		f.Values = nil
	}
	for _, v := range append(append([]PackValue(nil), pf.Values...), pf.AddValues...) {
		if strings.TrimSpace(v.Value) == "" {
			return fmt.Errorf("the spec pack %q adds an empty value to %s", p.Name, f.Name)
		}
		lv := ListValue{Value: v.Value, Verified: true, Note: v.Note}
		if v.Verified != nil {
			lv.Verified = *v.Verified
		}
		if lv.Note == "" {
			lv.Note = "from spec pack " + p.Name
		}
		replaced := false
		for i := range f.Values {
			if f.Values[i].Value == v.Value {
				f.Values[i] = lv
				replaced = true
			}
		}
		if !replaced {
			f.Values = append(f.Values, lv)
		}
	}
	for _, rv := range pf.RemoveValues {
		kept := f.Values[:0]
		for _, v := range f.Values {
			if v.Value != rv {
				kept = append(kept, v)
			}
		}
		if len(kept) == len(f.Values) {
			return fmt.Errorf("the spec pack %q removes %q from %s, but the list has no such value", p.Name, rv, f.Name)
		}
		f.Values = kept
	}
	return nil
}

// applySettings changes a field's completeness, verification and
// mandatory level.
func (p *Pack) applySettings(f *Field, pf *PackField) error {
	if pf.ValuesCompleteness != "" {
		switch pf.ValuesCompleteness {
		case "complete", "probably complete", "partial", "unknown":
			f.ValuesCompleteness = pf.ValuesCompleteness
		default:
			return fmt.Errorf("the spec pack %q sets values_completeness of %s to %q; use complete, probably complete, partial or unknown", p.Name, f.Name, pf.ValuesCompleteness)
		}
	}
	if pf.Verified != nil {
		f.Verified = *pf.Verified
	}
	if pf.MandatoryLevel != "" {
		switch pf.MandatoryLevel {
		case "always", "when applicable", "conditional", "no", "unknown":
			f.Mandatory.Level = pf.MandatoryLevel
		default:
			return fmt.Errorf("the spec pack %q sets mandatory_level of %s to %q; use always, when applicable, conditional, no or unknown", p.Name, f.Name, pf.MandatoryLevel)
		}
	}
	return nil
}

// applyChecks changes the field's entry in checks.json: when it is
// mandatory, and its hint. Entries are copied, never changed in place.
func (p *Pack) applyChecks(s *Spec, key string, f *Field, pf *PackField) error {
	entry := func() *FieldChecks {
		cp := FieldChecks{}
		if fc := s.Checks.Fields[key]; fc != nil {
			cp = *fc
		}
		s.Checks.Fields[key] = &cp
		return &cp
	}
	if pf.MandatoryWhen != nil {
		cond, err := s.Checks.resolve(pf.MandatoryWhen, 0)
		if err == nil {
			err = cond.check(s)
		}
		if err != nil {
			return fmt.Errorf("the spec pack %q has a mandatory_when for %s that is not valid: %v", p.Name, f.Name, err)
		}
		entry().MandatoryWhen = cond
		f.Mandatory.Level = "conditional"
	}
	if pf.Hint != "" {
		entry().Hint = pf.Hint
	}
	return nil
}

// applyRules changes rules' severities, on a copy of the catalogue.
func (p *Pack) applyRules(s *Spec) error {
	if len(p.Rules) == 0 {
		return nil
	}
	s.Rules = s.Rules.clone()
	for id, pr := range p.Rules {
		r := s.Rules.Lookup(id)
		if r == nil {
			return fmt.Errorf("the spec pack %q changes the rule %q, which does not exist (see the Rules list for ids)", p.Name, id)
		}
		sev, err := ParseSeverity(pr.Severity)
		if err != nil {
			return fmt.Errorf("the spec pack %q: rule %s: %v", p.Name, id, err)
		}
		r.Severity = sev
		r.SevText = sev.String()
	}
	return nil
}
