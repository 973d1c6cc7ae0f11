package validation

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Severity of an issue.
type Severity uint8

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "info"
}

// Label is the severity as every view shows it to users.
func (s Severity) Label() string {
	switch s {
	case Error:
		return "Error"
	case Warning:
		return "Warning"
	}
	return "Note"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (use error, warning or info)", s)
}

// RuleID indexes Catalogue.Rules.
type RuleID uint16

// Rule is one entry of the rule catalogue.
type Rule struct {
	ID         string   `json:"id"`
	Severity   Severity `json:"-"`
	SevText    string   `json:"severity"`
	Scope      string   `json:"scope"` // file, row, field, record
	Title      string   `json:"title"`
	Message    string   `json:"message"`
	Explain    string   `json:"explain"`
	Ref        string   `json:"ref"`
	OtherField string   `json:"other_field,omitempty"`
}

// Catalogue is the set of rules.
type Catalogue struct {
	Rules []*Rule
	byID  map[string]RuleID
}

func parseCatalogue(data []byte) (*Catalogue, error) {
	var raw struct {
		About string  `json:"about"`
		Rules []*Rule `json:"rules"`
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("rules.json: %w", err)
	}
	c := &Catalogue{byID: map[string]RuleID{}}
	// Index 0 is reserved so that a zero RuleID means "no rule".
	c.Rules = append(c.Rules, &Rule{ID: ""})
	for _, r := range raw.Rules {
		sev, err := ParseSeverity(r.SevText)
		if err != nil {
			return nil, fmt.Errorf("rules.json rule %s: %w", r.ID, err)
		}
		r.Severity = sev
		if _, dup := c.byID[r.ID]; dup || r.ID == "" {
			return nil, fmt.Errorf("rules.json: rule id %q is empty or repeated", r.ID)
		}
		if r.Message == "" || r.Explain == "" || r.Ref == "" {
			return nil, fmt.Errorf("rules.json rule %s needs a message, an explanation and a reference", r.ID)
		}
		c.byID[r.ID] = RuleID(len(c.Rules))
		c.Rules = append(c.Rules, r)
	}
	return c, nil
}

// ID returns the handle of a rule. It panics for an unknown id: rule ids
// used by the engine are fixed and covered by tests.
func (c *Catalogue) ID(id string) RuleID {
	r, ok := c.byID[id]
	if !ok {
		panic("validation: rules.json has no rule " + id)
	}
	return r
}

// Lookup returns the rule with this id, or nil.
func (c *Catalogue) Lookup(id string) *Rule {
	if r, ok := c.byID[id]; ok {
		return c.Rules[r]
	}
	return nil
}

// Get returns the rule for a handle.
func (c *Catalogue) Get(id RuleID) *Rule { return c.Rules[id] }

// All lists the rules in catalogue order.
func (c *Catalogue) All() []*Rule { return c.Rules[1:] }

// clone copies the catalogue so a spec pack can change severities.
func (c *Catalogue) clone() *Catalogue {
	n := &Catalogue{byID: c.byID}
	for _, r := range c.Rules {
		cp := *r
		n.Rules = append(n.Rules, &cp)
	}
	return n
}
