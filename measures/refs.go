package measures

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"cldvalidator/validation"
)

// methods.json holds the categories, orders and hierarchies of the
// published methods as data, each with the file it was read from.
//
//go:embed methods.json
var methodsJSON []byte

type labelRow struct {
	Value             string `json:"value"`
	Group             string `json:"group"`
	Sequel            string `json:"sequel"`
	Usable            bool   `json:"usable"`
	ServiceType       string `json:"service_type"`
	DeliveryMechanism string `json:"delivery_mechanism"`
	Label             string `json:"label"`
	Setting           string `json:"setting"`
	Status            string `json:"status"`
	Settled           bool   `json:"settled"`
}

type refTable struct {
	Release string     `json:"release"`
	Source  string     `json:"source"`
	Rows    []labelRow `json:"rows"`
	Values  []string   `json:"values"`
}

// SourceRef names a published method: who publishes it, where, at which
// commit, and which version of the method it is.
type SourceRef struct {
	Publisher  string `json:"publisher"`
	Repository string `json:"repository"`
	Commit     string `json:"commit"`
	Version    string `json:"version"`
}

type methods struct {
	Sources              map[string]SourceRef `json:"sources"`
	LTSSettings          refTable             `json:"lts_settings"`
	DHSCLTSSettings      refTable             `json:"dhsc_lts_settings"`
	EthnicityGroups      refTable             `json:"ethnicity_groups"`
	LTS004Employment     refTable             `json:"lts004_employment"`
	LTS004Accommodation  refTable             `json:"lts004_accommodation"`
	STS001Outcomes       refTable             `json:"sts001_outcomes"`
	STS001Services       refTable             `json:"sts001_services"`
	NHSEOutcomeHierarchy refTable             `json:"nhse_outcome_hierarchy"`
	STS002aServices      refTable             `json:"sts002a_services"`
	STS002aSequels       struct {
		refTable
		EndedAsPlanned       string   `json:"ended_as_planned"`
		EndedAsPlannedSequel string   `json:"ended_as_planned_sequel"`
		Order                []string `json:"order"`
	} `json:"sts002a_sequels"`
	CarerSupport struct {
		Source     string   `json:"source"`
		Categories []string `json:"categories"`
	} `json:"carer_support"`
	LTS002 struct {
		Release         string   `json:"release"`
		Source          string   `json:"source"`
		MethodOfReview  []string `json:"method_of_review"`
		Planned         string   `json:"planned"`
		Unplanned       []string `json:"unplanned"`
		PlannedOutcomes []string `json:"planned_outcomes"`
	} `json:"lts002"`
	DHSCOutcomeHierarchy refTable `json:"dhsc_outcome_hierarchy"`
	DHSC2A               struct {
		Release                 string   `json:"release"`
		Source                  string   `json:"source"`
		UnableToClassify        []string `json:"unable_to_classify"`
		Services                []string `json:"services"`
		ShortTermCareComponents []string `json:"short_term_care_components"`
		ShortTermCareSequel     string   `json:"short_term_care_sequel"`
		EquipmentComponent      string   `json:"equipment_component"`
		EquipmentSequel         string   `json:"equipment_sequel"`
		EndedAsPlanned          string   `json:"ended_as_planned"`
		Admitted                string   `json:"admitted"`
		Deceased                string   `json:"deceased"`
		Denominator             []string `json:"denominator"`
		Numerator               []string `json:"numerator"`
	} `json:"dhsc_2a"`
	DHSCAccommodation struct {
		refTable
		Inference struct {
			Source                 string     `json:"source"`
			ServiceOrder           []string   `json:"service_order"`
			Components             []string   `json:"components"`
			ByServiceType          []labelRow `json:"by_service_type"`
			ByComponent            []labelRow `json:"by_component"`
			Community              string     `json:"community"`
			CommunityHomeComponent string     `json:"community_home_component"`
			PresumedHome           string     `json:"presumed_home"`
			PresumedCommunity      string     `json:"presumed_community"`
			Prison                 string     `json:"prison"`
			PrisonStatus           string     `json:"prison_status"`
		} `json:"inference"`
	} `json:"dhsc_accommodation"`
	DHSCPSRNotKnown refTable `json:"dhsc_psr_not_known"`
	DHSCLD          struct {
		Release string `json:"release"`
		Value   string `json:"value"`
	} `json:"dhsc_ld"`
}

var (
	methodsOnce sync.Once
	methodsData *methods
	methodsErr  error
)

func loadMethods() (*methods, error) {
	methodsOnce.Do(func() {
		var m methods
		if err := json.Unmarshal(methodsJSON, &m); err != nil {
			methodsErr = fmt.Errorf("measures: methods.json: %w", err)
			return
		}
		methodsData = &m
	})
	return methodsData, methodsErr
}

// release1Only stands for the Release 1 values that have no Release 2
// equivalent (DHSC's "Release 1 specification only: Not mapped").
const release1Only = "@release1-only"

// resolver finds the list entries of the checked file's release that a
// method's label means. A label written in the method's release is matched
// by meaning (case, spaces and punctuation ignored, as the methods' SQL
// Server collation and DHSC's matching do) and translated between releases
// with the specification's r1_to_r2 pairs; a Release 2 label can mean
// several Release 1 entries.
type resolver struct {
	spec *validation.Spec
	r2   *validation.Spec // the Release 2 specification, for its r1_to_r2 pairs
}

func newResolver(spec *validation.Spec) (*resolver, error) {
	r2, err := validation.LoadSpec(validation.R2)
	if err != nil {
		return nil, err
	}
	return &resolver{spec: spec, r2: r2}, nil
}

// indexes are the list entries of field key that label (written in
// release rel) means in the checked file's release.
func (rv *resolver) indexes(key string, rel validation.Release, label string) []int {
	f := rv.spec.Field(key)
	if f == nil {
		return nil
	}
	var want []string
	switch {
	case label == release1Only:
		if rv.spec.Release != validation.R1 {
			return nil
		}
		for _, m := range rv.r2.R1ToR2[key] {
			if m.R2 == "" {
				want = append(want, m.R1)
			}
		}
	case rel == rv.spec.Release:
		want = []string{label}
	case rv.spec.Release == validation.R2: // a Release 1 label
		if r2 := rv.r2.ToR2(key, label); r2 != "" {
			want = []string{r2}
		}
	default: // a Release 2 label in a Release 1 file
		n := validation.NormalizeValue(label)
		for _, m := range rv.r2.R1ToR2[key] {
			if m.R2 != "" && validation.NormalizeValue(m.R2) == n {
				want = append(want, m.R1)
			}
		}
		if len(want) == 0 {
			want = []string{label}
		}
	}
	var out []int
	for _, w := range want {
		n := validation.NormalizeValue(w)
		for i, v := range f.Values {
			if validation.NormalizeValue(v.Value) == n {
				out = append(out, i)
			}
		}
	}
	return out
}

// set is the list entries any of labels means.
func (rv *resolver) set(key string, rel validation.Release, labels ...string) set {
	var s set
	for _, l := range labels {
		for _, i := range rv.indexes(key, rel, l) {
			s = s.with(i)
		}
	}
	return s
}

// one is the first list entry label means, -1 for none.
func (rv *resolver) one(key string, rel validation.Release, label string) int {
	if ix := rv.indexes(key, rel, label); len(ix) > 0 {
		return ix[0]
	}
	return -1
}

// rank gives each list entry of key its place in an ordered list of labels
// (0 first); entries not in the list get none. Where several labels mean
// one entry (a Release 2 entry that merges Release 1 values), the first
// place wins.
func (rv *resolver) rank(key string, rel validation.Release, labels []string, none int) []int {
	f := rv.spec.Field(key)
	n := 0
	if f != nil {
		n = len(f.Values)
	}
	out := make([]int, n)
	for i := range out {
		out[i] = none
	}
	for pos, l := range labels {
		for _, i := range rv.indexes(key, rel, l) {
			if out[i] == none {
				out[i] = pos
			}
		}
	}
	return out
}

// release parses a method table's release.
func release(s string) validation.Release {
	if s == "R2" {
		return validation.R2
	}
	return validation.R1
}

// set is a set of list indexes (the longest list has 25 entries).
type set uint64

func (s set) with(i int) set {
	if i < 0 || i >= 64 {
		return s
	}
	return s | 1<<uint(i)
}

func (s set) has(i int8) bool { return i >= 0 && s&(1<<uint(i)) != 0 }
