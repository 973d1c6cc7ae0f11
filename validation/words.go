package validation

// How an issue becomes words. Most rules need nothing of their own: the
// message template is filled from the issue's cell (its value, and the
// suggestion and detail the value check noted) or, for a file-level issue,
// the detail recorded with it. A rule whose words come from elsewhere
// declares them with sayRule beside the check that raises it, so a rule
// is one check, one catalogue entry and one declaration in one place.

// words are a rule's own ways of filling its message.
type words struct {
	// value is the value the issue is about, in place of the cell's.
	value func(r *Result, is Issue) string
	// detail fills {detail} (and {count} for row issues).
	detail func(r *Result, is Issue, mask bool) string
	// suggestion fills {suggestion}.
	suggestion func(r *Result, is Issue) string
	// other names the related column and its value ({other_column},
	// {other_value}), in place of the rule's other_field on the row.
	other func(r *Result, is Issue, mask bool) (column, value string)
}

var ruleWords = map[string]words{}

// sayRule declares how a rule's issues are put into words. It is called
// from package-level declarations, beside the check that raises the rule.
func sayRule(id string, w words) struct{} {
	if _, dup := ruleWords[id]; dup {
		panic("validation: words declared twice for rule " + id)
	}
	ruleWords[id] = w
	return struct{}{}
}

// wordsByRule lists the catalogue's rules' words by rule handle.
func wordsByRule(c *Catalogue) []*words {
	by := make([]*words, len(c.Rules))
	for i, rule := range c.Rules {
		if w, ok := ruleWords[rule.ID]; ok {
			by[i] = &w
		}
	}
	return by
}

// wordsOf returns the issue's rule's own words, or nil.
func (r *Result) wordsOf(is Issue) *words {
	if r.words == nil {
		w, ok := ruleWords[r.Spec.Rules.Get(is.Rule).ID]
		if !ok {
			return nil
		}
		return &w
	}
	if int(is.Rule) < len(r.words) {
		return r.words[is.Rule]
	}
	return nil
}
