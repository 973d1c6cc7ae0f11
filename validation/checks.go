package validation

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Checks is checks.json: the machine form of conditions the specification
// states in words, and the configuration of cross-record rules.
type Checks struct {
	Fields            map[string]*FieldChecks `json:"fields"`
	SharedConditions  map[string]*Cond        `json:"shared_conditions"`
	BlankUndetermined struct {
		About  string   `json:"about"`
		Fields []string `json:"fields"`
	} `json:"blank_is_undetermined"`
	Labels   map[string]Label `json:"labels"`
	NotInUse struct {
		Ref    string              `json:"ref"`
		Values map[string][]string `json:"values"`
	} `json:"not_in_use_values"`
	PersonConsistency struct {
		Ref    string   `json:"ref"`
		Fields []string `json:"fields"`
	} `json:"person_consistency"`
	DuplicateKeys struct {
		Ref         string              `json:"ref"`
		All         []string            `json:"all"`
		ByEventType map[string][]string `json:"by_event_type"`
	} `json:"duplicate_keys"`
	LinkedPerson struct {
		Ref        string   `json:"ref"`
		Fields     []string `json:"fields"`
		CountField string   `json:"count_field"`
	} `json:"linked_person_fields"`
	Limits struct {
		About        string `json:"about"`
		TextMaxChars int    `json:"text_max_chars"`
		MaxAge       int    `json:"max_age"`
		AdultAge     int    `json:"adult_age"`
		EarliestYear int    `json:"earliest_year"`
		// MinHeaderColumns is the fewest template columns a header row
		// must name; a file whose header names fewer is not a CLD file
		// (rules.md A1.0).
		MinHeaderColumns int `json:"min_header_columns"`
	} `json:"limits"`
	DerivedPeriod     DerivedPeriodRules `json:"derived_period"`
	OpenServicesApril struct {
		Ref         string  `json:"ref"`
		About       string  `json:"about"`
		MinServices int     `json:"min_services"`
		MinShare    float64 `json:"min_share"`
	} `json:"open_services_april"`
	HeaderAliases []struct {
		Key     string   `json:"key"`
		Aliases []string `json:"aliases"`
	} `json:"header_aliases"`
}

// DerivedPeriodRules are the thresholds of DHSC's derived reporting
// period (checks.json derived_period).
type DerivedPeriodRules struct {
	Ref                     string   `json:"ref"`
	About                   string   `json:"about"`
	EventTypes              []string `json:"event_types"`
	CalendarStart           string   `json:"calendar_start"`
	MinMonthlyCount         int      `json:"min_monthly_count"`
	MinPctOfMedian          float64  `json:"min_pct_of_median"`
	MinPctOfMedianTypeTotal float64  `json:"min_pct_of_median_type_total"`
	ExemptFromMinCount      []string `json:"exempt_from_min_count"`
	UseStatedPeriod         []string `json:"use_stated_period"`
}

// FieldChecks is the per-field part of checks.json.
type FieldChecks struct {
	Ref           string   `json:"ref"`
	ConditionText string   `json:"condition_text"`
	MandatoryWhen *Cond    `json:"mandatory_when"`
	Hint          string   `json:"hint"`
	Personal      bool     `json:"personal"`
	OptionalIn    []string `json:"optional_in"`
	WhyMandatory  string   `json:"why_mandatory"`
}

// Label names a list value (or value prefix) that a cross-field rule relies
// on, so that rules quote the specification rather than Go literals.
type Label struct {
	Field  string `json:"field"`
	Value  string `json:"value"`
	Prefix string `json:"prefix"`
	Ref    string `json:"ref"`
}

// Cond is a condition on a row, in the small language of checks.json.
type Cond struct {
	All     []*Cond  `json:"all,omitempty"`
	Any     []*Cond  `json:"any,omitempty"`
	Not     *Cond    `json:"not,omitempty"`
	Field   string   `json:"field,omitempty"`
	In      []string `json:"in,omitempty"`
	Prefix  []string `json:"prefix,omitempty"`
	Present *bool    `json:"present,omitempty"`
	AgeAt   []int    `json:"age_at_period_end,omitempty"`
	Ref     string   `json:"$ref,omitempty"`
	R2      *Cond    `json:"r2,omitempty"` // Release 2 replacements for In/Prefix
}

func parseChecks(data []byte) (*Checks, error) {
	var c Checks
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	var raw struct {
		About       string `json:"about"`
		DerivedFrom string `json:"derived_from"`
		Checks
	}
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("checks.json: %w", err)
	}
	c = raw.Checks
	for key, fc := range c.Fields {
		if fc.MandatoryWhen != nil {
			cond, err := c.resolve(fc.MandatoryWhen, 0)
			if err != nil {
				return nil, fmt.Errorf("checks.json field %s: %w", key, err)
			}
			fc.MandatoryWhen = cond
		}
	}
	return &c, nil
}

// resolve replaces {"$ref": name} with the shared condition.
func (c *Checks) resolve(cond *Cond, depth int) (*Cond, error) {
	if depth > 10 {
		return nil, fmt.Errorf("conditions refer to each other in a loop")
	}
	if cond.Ref != "" {
		shared, ok := c.SharedConditions[cond.Ref]
		if !ok {
			return nil, fmt.Errorf("unknown shared condition %q", cond.Ref)
		}
		return c.resolve(shared, depth+1)
	}
	out := *cond
	out.All, out.Any = nil, nil
	for _, a := range cond.All {
		r, err := c.resolve(a, depth+1)
		if err != nil {
			return nil, err
		}
		out.All = append(out.All, r)
	}
	for _, a := range cond.Any {
		r, err := c.resolve(a, depth+1)
		if err != nil {
			return nil, err
		}
		out.Any = append(out.Any, r)
	}
	if cond.Not != nil {
		r, err := c.resolve(cond.Not, depth+1)
		if err != nil {
			return nil, err
		}
		out.Not = r
	}
	return &out, nil
}

// translate returns the condition with Release 1 labels replaced by their
// Release 2 equivalents.
func (c *Cond) translate(s *Spec) *Cond {
	out := *c
	out.All, out.Any, out.Not = nil, nil, nil
	for _, a := range c.All {
		out.All = append(out.All, a.translate(s))
	}
	for _, a := range c.Any {
		out.Any = append(out.Any, a.translate(s))
	}
	if c.Not != nil {
		out.Not = c.Not.translate(s)
	}
	if c.R2 != nil && len(c.R2.Prefix) > 0 {
		out.Prefix = c.R2.Prefix
	}
	if c.R2 != nil && len(c.R2.In) > 0 {
		out.In = c.R2.In
	} else if len(c.In) > 0 {
		out.In = s.translateLabels(c.Field, c.In)
	}
	out.R2 = nil
	return &out
}

// check reports a condition that names a field the specification lacks or
// has no operator.
func (c *Cond) check(s *Spec) error {
	n := 0
	if len(c.All) > 0 {
		n++
		for _, a := range c.All {
			if err := a.check(s); err != nil {
				return err
			}
		}
	}
	if len(c.Any) > 0 {
		n++
		for _, a := range c.Any {
			if err := a.check(s); err != nil {
				return err
			}
		}
	}
	if c.Not != nil {
		n++
		if err := c.Not.check(s); err != nil {
			return err
		}
	}
	if len(c.AgeAt) > 0 {
		n++
		if len(c.AgeAt) != 2 || c.AgeAt[0] > c.AgeAt[1] {
			return fmt.Errorf("age_at_period_end needs [min, max]")
		}
	}
	if c.Field != "" {
		n++
		if s.Field(c.Field) == nil {
			return fmt.Errorf("condition names unknown field %q", c.Field)
		}
		ops := 0
		if len(c.In) > 0 {
			ops++
		}
		if len(c.Prefix) > 0 {
			ops++
		}
		if c.Present != nil {
			ops++
		}
		if ops != 1 {
			return fmt.Errorf("condition on %s needs exactly one of in, prefix, present", c.Field)
		}
	}
	if n != 1 {
		return fmt.Errorf("a condition needs exactly one of all, any, not, field, age_at_period_end")
	}
	return nil
}

// String writes the condition in plain words (for the rules catalogue).
func (c *Cond) String() string {
	switch {
	case len(c.All) > 0:
		return joinConds(c.All, " and ")
	case len(c.Any) > 0:
		return joinConds(c.Any, " or ")
	case c.Not != nil:
		return "not (" + c.Not.String() + ")"
	case len(c.AgeAt) == 2:
		return fmt.Sprintf("aged %d to %d at the reporting period end", c.AgeAt[0], c.AgeAt[1])
	case c.Present != nil:
		if *c.Present {
			return strings.ReplaceAll(c.Field, "_", " ") + " is filled in"
		}
		return strings.ReplaceAll(c.Field, "_", " ") + " is blank"
	case len(c.In) > 0:
		return fmt.Sprintf("%s is %s", strings.ReplaceAll(c.Field, "_", " "), quoteList(c.In, " or "))
	case len(c.Prefix) > 0:
		return fmt.Sprintf("%s begins %s", strings.ReplaceAll(c.Field, "_", " "), quoteList(c.Prefix, " or "))
	}
	return ""
}

func joinConds(cs []*Cond, sep string) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		s := c.String()
		if len(c.All) > 0 || len(c.Any) > 0 {
			s = "(" + s + ")"
		}
		parts[i] = s
	}
	return strings.Join(parts, sep)
}

func quoteList(vs []string, sep string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = "'" + v + "'"
	}
	return strings.Join(q, sep)
}

// label returns the value (or prefix) a label names, in this release's spelling.
func (s *Spec) label(name string) (field *Field, value string, prefix bool) {
	l, ok := s.Checks.Labels[name]
	if !ok {
		panic("validation: checks.json has no label " + name)
	}
	f := s.MustField(l.Field)
	if l.Prefix != "" {
		return f, l.Prefix, true
	}
	v := l.Value
	if s.Release == R2 {
		v = s.ToR2(l.Field, v)
	}
	return f, v, false
}
