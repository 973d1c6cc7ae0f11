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

// Consequence is what happens to a row centrally when a rule fires
// (rules.md C4): the four classes every view and count uses.
type Consequence uint8

const (
	// NoCentralEffect: no central process is known to reject or change the
	// row (a sense check).
	NoCentralEffect Consequence = iota
	// Rejected: rejected, or counted as Failed in DHSC's data-quality view.
	Rejected
	// LeftOut: left out of NHS England's and DHSC's figures.
	LeftOut
	// Changed: cleaned, overwritten or mapped centrally.
	Changed
)

// Consequences lists the classes in the order views show them.
var Consequences = []Consequence{Rejected, LeftOut, Changed, NoCentralEffect}

var consequenceIDs = [...]string{"none", "rejected", "excluded", "changed"}

// String is the class's id in rules.json and the JSON outputs.
func (c Consequence) String() string { return consequenceIDs[c] }

// Label is the class in a data officer's words.
func (c Consequence) Label() string {
	return [...]string{
		"No known central effect (a sense check)",
		"Rejected or counted as Failed",
		"Left out of NHS England's and DHSC's figures",
		"Changed centrally",
	}[c]
}

func parseConsequence(s string) (Consequence, error) {
	for i, id := range consequenceIDs {
		if id == s {
			return Consequence(i), nil
		}
	}
	return 0, fmt.Errorf("unknown central consequence %q (use rejected, excluded, changed or none)", s)
}

// Evidence classes of a rule.
const (
	// EvidenceEvidenced: the specification's Part A, or central sources.
	EvidenceEvidenced = "evidenced"
	// EvidencePlausible: a sense check with no direct CLD evidence (Part B).
	EvidencePlausible = "plausible"
	// EvidenceTool: about reading the file or the check itself.
	EvidenceTool = "tool"
)

// Rule is one entry of the rule catalogue.
type Rule struct {
	ID         string      `json:"id"`
	Severity   Severity    `json:"-"`
	SevText    string      `json:"severity"`
	Scope      string      `json:"scope"` // file, row, field, record
	Title      string      `json:"title"`
	Message    string      `json:"message"`
	Explain    string      `json:"explain"`
	OtherField string      `json:"other_field,omitempty"`
	Evidence   string      `json:"evidence"`
	Central    Consequence `json:"-"`
	CentralID  string      `json:"central"`
	// CentralSays is the plain-English sentence saying what happens
	// centrally; every message of the rule ends with it.
	CentralSays string `json:"central_says,omitempty"`
	// RulesMD and Sources are the rules.md items and source ids behind
	// the rule (technical details, never in a message).
	RulesMD []string `json:"rules_md"`
	Sources []string `json:"sources"`
}

// EvidenceLabel says what the rule rests on, in a data officer's words.
func (r *Rule) EvidenceLabel() string {
	switch r.Evidence {
	case EvidenceEvidenced:
		return "Evidenced: from the specification or NHS England's and DHSC's published methods"
	case EvidencePlausible:
		return "A sense check: no published central source confirms it, so it is a warning"
	}
	return "About this check: how the file was read, or whether a check could run"
}

// Ref is the rule's technical reference, e.g. "rules.md A4.1; DHSC-2A-R2".
func (r *Rule) Ref() string {
	var parts []string
	if len(r.RulesMD) > 0 {
		parts = append(parts, "rules.md "+strings.Join(r.RulesMD, ", "))
	}
	if len(r.Sources) > 0 {
		parts = append(parts, strings.Join(r.Sources, ", "))
	}
	if len(parts) == 0 {
		return "this tool"
	}
	return strings.Join(parts, "; ")
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
		if r.Message == "" || r.Explain == "" {
			return nil, fmt.Errorf("rules.json rule %s needs a message and an explanation", r.ID)
		}
		if r.Central, err = parseConsequence(r.CentralID); err != nil {
			return nil, fmt.Errorf("rules.json rule %s: %w", r.ID, err)
		}
		switch r.Evidence {
		case EvidenceEvidenced, EvidencePlausible:
			if len(r.RulesMD)+len(r.Sources) == 0 {
				return nil, fmt.Errorf("rules.json rule %s needs the rules.md items or sources behind it", r.ID)
			}
			if r.CentralSays == "" {
				return nil, fmt.Errorf("rules.json rule %s needs central_says: what happens to the row centrally", r.ID)
			}
		case EvidenceTool:
		default:
			return nil, fmt.Errorf("rules.json rule %s: evidence %q is not evidenced, plausible or tool", r.ID, r.Evidence)
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
