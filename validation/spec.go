package validation

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The specification is data, embedded from validation/spec/:
//   - cld_r1.json, cld_r2.json: verbatim copies of the shared CLD specification
//     (every column, type, list and condition, with sources). Update them by
//     copying the shared files again (scripts/sync-spec); never edit by hand.
//   - checks.json: our machine-readable form of the conditions that the
//     specification states in words (mandatory conditions, cross-record keys),
//     each with the wording it was derived from and its rules.md reference.
//   - rules.json: the rule catalogue (ids, severities, messages, explanations).
//
//go:embed spec/cld_r1.json spec/cld_r2.json spec/checks.json spec/rules.json
var specFS embed.FS

// Release identifies a CLD specification release.
type Release string

const (
	R1 Release = "R1"
	R2 Release = "R2"
)

// ParseRelease accepts r1, R1, release1, 1 (and the same for 2).
func ParseRelease(s string) (Release, bool) {
	switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.ToLower(s), "release"))) {
	case "r1", "1":
		return R1, true
	case "r2", "2":
		return R2, true
	}
	return "", false
}

// Field is one column of the template.
type Field struct {
	Index              int // 0-based position in Spec.Fields
	Position           int
	Name               string // template header, exactly
	Key                string // snake_case key used by NHS England / DHSC
	Module             string
	Type               string // defined_list, date, text, nhs_number, postcode, ods_code, cqc_location_id, la_code, decimal, integer
	Format             string
	Verified           bool
	Values             []ListValue
	ValuesCompleteness string
	AppliesEvent       []string // nil: every event type
	AppliesClient      []string // nil: every client type
	Mandatory          Mandatory
	Notes              string
	Source             []string
	R2Status           string
	Hint               string // plain-English guidance from checks.json
	WhyMandatory       string // plain-English reason for a conditional mandatory field
	Personal           bool   // masked in exports unless the user asks
	Optional           bool   // column may be absent without an error (R2 GP Practice Name...)
}

// ListValue is one value of a defined list.
type ListValue struct {
	Value    string
	Verified bool
	Note     string
	Also     []string // other spellings seen in public sources
	// Central are spellings central sources themselves write: valid, with
	// no comment (rules.md C1).
	Central []string
}

// Mandatory says when a field must be populated.
type Mandatory struct {
	Level     string // always, when applicable, conditional, no, unknown
	Verified  bool
	Condition string // the specification's words
	When      *Cond  // machine form of Condition (conditional fields)
	Ref       string // rules.md reference
}

// IsList reports whether the field takes values from a defined list.
func (f *Field) IsList() bool { return f.Type == "defined_list" }

// HasPublishedList reports whether the specification gives the list's values.
func (f *Field) HasPublishedList() bool { return f.IsList() && len(f.Values) > 0 }

// ListComplete reports whether a value missing from the list is certainly
// wrong (the list is complete and verified), rather than possibly a value
// the public sources did not record.
func (f *Field) ListComplete() bool {
	if !f.Verified {
		return false
	}
	switch f.ValuesCompleteness {
	case "complete", "probably complete":
		return true
	}
	return false
}

// Spec is one release of the CLD specification, ready to validate with.
type Spec struct {
	Release  Release
	Title    string
	Fields   []*Field
	Checks   *Checks
	Rules    *Catalogue
	R1ToR2   map[string][]ValueMapping // field key → mappings (R2 spec only)
	Sources  map[string]json.RawMessage
	Version  string // content hash of the embedded data, for receipts
	PackNote string // set when a spec pack changed the embedded data

	byKey    map[string]*Field
	byHeader map[string]*Field // normalised header → field

	rowEvalOnce sync.Once
	rowEval     *rowEval
}

// ValueMapping maps a Release 1 value to its Release 2 equivalent.
type ValueMapping struct {
	R1, R2     string
	Verified   bool
	Confidence string
}

// Field returns the field with the given key (e.g. "Event_Type") or nil.
func (s *Spec) Field(key string) *Field { return s.byKey[key] }

// MustField is Field for keys the engine relies on.
func (s *Spec) MustField(key string) *Field {
	f := s.byKey[key]
	if f == nil {
		panic("validation: specification has no field " + key)
	}
	return f
}

// Headers lists the template headers in order.
func (s *Spec) Headers() []string {
	h := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		h[i] = f.Name
	}
	return h
}

// rawSpec mirrors cld_r*.json.
type rawSpec struct {
	Spec   string     `json:"spec"`
	Fields []rawField `json:"fields"`
	R1ToR2 []struct {
		Field string `json:"field"`
		Pairs []struct {
			R1         string `json:"r1"`
			R2         string `json:"r2"`
			Verified   bool   `json:"verified"`
			Confidence string `json:"confidence"`
		} `json:"pairs"`
	} `json:"r1_to_r2"`
	Sources map[string]json.RawMessage `json:"sources"`
}

// rawField mirrors one field of cld_r*.json.
type rawField struct {
	Position  int    `json:"position"`
	Name      string `json:"name"`
	Key       string `json:"key"`
	Module    string `json:"module"`
	Type      string `json:"type"`
	Format    string `json:"format"`
	AppliesTo struct {
		EventTypes  json.RawMessage `json:"event_types"`
		ClientTypes json.RawMessage `json:"client_types"`
	} `json:"applies_to"`
	Mandatory struct {
		Level     string `json:"level"`
		Verified  bool   `json:"verified"`
		Condition string `json:"condition"`
	} `json:"mandatory"`
	Values []struct {
		Value    string   `json:"value"`
		Verified bool     `json:"verified"`
		Note     string   `json:"note"`
		Also     []string `json:"spellings_also_seen"`
		Central  []string `json:"central_spellings"`
	} `json:"values"`
	ValuesCompleteness string          `json:"values_completeness"`
	Verified           bool            `json:"verified"`
	Notes              string          `json:"notes"`
	Source             []string        `json:"source"`
	R2Status           json.RawMessage `json:"r2_status"`
}

// allOrList decodes "all" (nil) or a list of strings.
func allOrList(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s == "all" {
			return nil, nil
		}
		return nil, fmt.Errorf("expected \"all\" or a list, got %q", s)
	}
	var l []string
	if err := json.Unmarshal(raw, &l); err != nil {
		return nil, err
	}
	return l, nil
}

var (
	specOnce  sync.Once
	specCache map[Release]*Spec
	specErr   error
)

// LoadSpec returns the embedded specification for a release. The result is
// shared and must not be modified; use WithPack to derive a changed copy.
func LoadSpec(r Release) (*Spec, error) {
	specOnce.Do(func() {
		specCache = map[Release]*Spec{}
		for _, rel := range []Release{R1, R2} {
			s, err := buildSpec(rel, nil)
			if err != nil {
				specErr = err
				return
			}
			specCache[rel] = s
		}
	})
	if specErr != nil {
		return nil, specErr
	}
	s, ok := specCache[r]
	if !ok {
		return nil, fmt.Errorf("unknown release %q", r)
	}
	return s, nil
}

func specFile(r Release) string {
	if r == R2 {
		return "spec/cld_r2.json"
	}
	return "spec/cld_r1.json"
}

// buildSpec assembles a release from the embedded files, applying a spec
// pack when one is given.
func buildSpec(r Release, pack *Pack) (*Spec, error) {
	var files [3][]byte // the release, checks.json, rules.json
	h := sha256.New()
	for i, name := range []string{specFile(r), "spec/checks.json", "spec/rules.json"} {
		data, err := specFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		files[i] = data
		h.Write(data)
	}
	s, err := parseRelease(r, files[0])
	if err != nil {
		return nil, err
	}
	if s.Checks, err = parseChecks(files[1]); err != nil {
		return nil, err
	}
	if s.Rules, err = parseCatalogue(files[2]); err != nil {
		return nil, err
	}
	if pack != nil {
		if err := pack.apply(s, h); err != nil {
			return nil, err
		}
	}
	if err := s.applyChecks(); err != nil {
		return nil, err
	}
	s.indexHeaders()
	s.Version = string(r) + "-" + hex.EncodeToString(h.Sum(nil))[:12]
	return s, nil
}

// parseRelease reads cld_r1.json or cld_r2.json: the fields in template
// order and the Release 1 → Release 2 mappings.
func parseRelease(r Release, data []byte) (*Spec, error) {
	var raw rawSpec
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", specFile(r), err)
	}
	s := &Spec{
		Release:  r,
		Title:    raw.Spec,
		Sources:  raw.Sources,
		byKey:    map[string]*Field{},
		byHeader: map[string]*Field{},
		R1ToR2:   map[string][]ValueMapping{},
	}
	for i := range raw.Fields {
		f, err := raw.Fields[i].field(i)
		if err != nil {
			return nil, fmt.Errorf("%s field %s %w", specFile(r), raw.Fields[i].Name, err)
		}
		s.Fields = append(s.Fields, f)
		s.byKey[f.Key] = f
	}
	for _, m := range raw.R1ToR2 {
		for _, p := range m.Pairs {
			s.R1ToR2[m.Field] = append(s.R1ToR2[m.Field], ValueMapping{R1: p.R1, R2: p.R2, Verified: p.Verified, Confidence: p.Confidence})
		}
	}
	return s, nil
}

// field turns one field of the JSON into a Field.
func (raw *rawField) field(i int) (*Field, error) {
	f := &Field{
		Index: i, Position: raw.Position, Name: raw.Name, Key: raw.Key, Module: raw.Module,
		Type: raw.Type, Format: raw.Format, Verified: raw.Verified,
		ValuesCompleteness: raw.ValuesCompleteness, Notes: raw.Notes, Source: raw.Source,
		Mandatory: Mandatory{Level: raw.Mandatory.Level, Verified: raw.Mandatory.Verified, Condition: raw.Mandatory.Condition},
	}
	if len(raw.R2Status) > 0 {
		var st string
		if json.Unmarshal(raw.R2Status, &st) == nil {
			f.R2Status = st
		} else {
			f.R2Status = string(raw.R2Status)
		}
	}
	var err error
	if f.AppliesEvent, err = allOrList(raw.AppliesTo.EventTypes); err != nil {
		return nil, fmt.Errorf("event_types: %w", err)
	}
	if f.AppliesClient, err = allOrList(raw.AppliesTo.ClientTypes); err != nil {
		return nil, fmt.Errorf("client_types: %w", err)
	}
	for _, v := range raw.Values {
		f.Values = append(f.Values, ListValue{Value: v.Value, Verified: v.Verified, Note: v.Note, Also: v.Also, Central: v.Central})
	}
	return f, nil
}

// indexHeaders lets headers be found by template name, key or alias.
func (s *Spec) indexHeaders() {
	for _, f := range s.Fields {
		s.byHeader[NormalizeHeader(f.Name)] = f
		s.byHeader[NormalizeHeader(f.Key)] = f
	}
	for _, a := range s.Checks.HeaderAliases {
		if f := s.byKey[a.Key]; f != nil {
			for _, al := range a.Aliases {
				if _, taken := s.byHeader[NormalizeHeader(al)]; !taken {
					s.byHeader[NormalizeHeader(al)] = f
				}
			}
		}
	}
}

// applyChecks joins checks.json to the fields: machine conditions, hints,
// personal-data flags, and (for Release 2) the translation of the Release 1
// labels that the conditions quote.
func (s *Spec) applyChecks() error {
	c := s.Checks
	for key, fc := range c.Fields {
		f := s.byKey[key]
		if f == nil {
			return fmt.Errorf("checks.json names field %q, which the %s specification does not have", key, s.Release)
		}
		f.Hint = fc.Hint
		f.WhyMandatory = fc.WhyMandatory
		f.Personal = fc.Personal
		if fc.OptionalIn != nil {
			for _, r := range fc.OptionalIn {
				if Release(r) == s.Release {
					f.Optional = true
				}
			}
		}
		if fc.MandatoryWhen != nil {
			cond := fc.MandatoryWhen
			if s.Release == R2 {
				cond = cond.translate(s)
			}
			if err := cond.check(s); err != nil {
				return fmt.Errorf("checks.json field %s: %w", key, err)
			}
			f.Mandatory.When = cond
		}
		f.Mandatory.Ref = fc.Ref
	}
	for _, f := range s.Fields {
		if f.Mandatory.Level == "conditional" && f.Mandatory.When == nil {
			return fmt.Errorf("field %s is mandatory on a condition but checks.json gives no mandatory_when", f.Key)
		}
	}
	if s.Release == R2 {
		for _, f := range s.Fields {
			f.AppliesEvent = s.translateLabels("Event_Type", f.AppliesEvent)
			f.AppliesClient = s.translateLabels("Client_Type", f.AppliesClient)
		}
	}
	return nil
}

// translateLabels maps Release 1 labels to Release 2 through r1_to_r2 (a
// label with no mapping is kept).
func (s *Spec) translateLabels(fieldKey string, labels []string) []string {
	if labels == nil {
		return nil
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = s.ToR2(fieldKey, l)
	}
	return out
}

// ToR2 maps a Release 1 value of a field to Release 2 (unchanged when no
// mapping is known). Matching ignores case, spaces and punctuation.
func (s *Spec) ToR2(fieldKey, r1 string) string {
	n := NormalizeValue(r1)
	for _, m := range s.R1ToR2[fieldKey] {
		if NormalizeValue(m.R1) == n {
			return m.R2
		}
	}
	return r1
}

// NormalizeHeader folds a header for tolerant matching: lower case, letters
// and digits only ("Event_Start_Date" and "event start date" both become
// "eventstartdate").
func NormalizeHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NormalizeValue folds a list value the way DHSC matches Release 1 labels:
// lower case with spaces and punctuation removed.
func NormalizeValue(v string) string {
	var b strings.Builder
	b.Grow(len(v))
	for _, r := range strings.ToLower(v) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r > 127 && !isPunctOrSpace(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isPunctOrSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u2013', '\u2014', '\u2018', '\u2019', '\u201c', '\u201d', '\u2026':
		return true
	}
	return false
}

// HeaderField finds the field a header names, exactly or after
// normalisation. exact reports whether the header is spelled as the template.
func (s *Spec) HeaderField(h string) (f *Field, exact bool) {
	t := strings.TrimSpace(h)
	for _, f := range s.Fields {
		if f.Name == t {
			return f, t == h
		}
	}
	return s.byHeader[NormalizeHeader(h)], false
}

// HeaderScore rates a row as this release's header: the number of cells
// naming a template column. Readers use it to choose the sheet and row.
func (s *Spec) HeaderScore(cells []string) int {
	n := s.headerMatches(cells)
	if n < s.Checks.Limits.MinHeaderColumns {
		return 0
	}
	return n
}

// headerMatches counts the cells that name a template column.
func (s *Spec) headerMatches(cells []string) int {
	n := 0
	for _, c := range cells {
		if f, _ := s.HeaderField(c); f != nil {
			n++
		}
	}
	return n
}

// ListValues returns the exact spellings of a field's list, sorted for display.
func (f *Field) ListValues() []string {
	out := make([]string, len(f.Values))
	for i, v := range f.Values {
		out[i] = v.Value
	}
	sort.Strings(out)
	return out
}
