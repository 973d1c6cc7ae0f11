package validation

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every rule in the catalogue has a test that expects it at a place.
func TestEveryRuleHasATest(t *testing.T) {
	files, _ := filepath.Glob("*_test.go")
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	src := all.String()
	spec, _ := LoadSpec(R1)
	for _, r := range spec.Rules.All() {
		q := regexp.QuoteMeta(r.ID)
		re := regexp.MustCompile(`expect\(t, [^\n]*"` + q + `", |\{"[^"\n]*", "` + q + `", `)
		if !re.MatchString(src) {
			t.Errorf("rule %s has no test that expects it (expect(t, res, %q, row, column))", r.ID, r.ID)
		}
	}
}

// The embedded specification is the shared one, copied verbatim. When the
// shared copy changes, scripts/sync-spec brings it in and this test says so
// until it has.
func TestEmbeddedSpecMatchesShared(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "spec")
	if _, err := os.Stat(shared); err != nil {
		t.Skip("shared specification not present (clean CI clone)")
	}
	for _, name := range []string{"cld_r1.json", "cld_r2.json", "rules.md", "SOURCES.md"} {
		a, err1 := os.ReadFile(filepath.Join("spec", name))
		b, err2 := os.ReadFile(filepath.Join(shared, name))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", name, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("validation/spec/%s differs from the shared copy: run scripts/sync-spec", name)
		}
	}
}

// Conditions in checks.json quote list values that exist (Release 1 labels).
func TestChecksQuoteRealValues(t *testing.T) {
	s, err := LoadSpec(R1)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(key string, c *Cond)
	walk = func(key string, c *Cond) {
		for _, k := range append(append([]*Cond{}, c.All...), c.Any...) {
			walk(key, k)
		}
		if c.Not != nil {
			walk(key, c.Not)
		}
		if c.Field == "" {
			return
		}
		f := s.MustField(c.Field)
		for _, v := range c.In {
			if !containsFold(f.ListValues(), v) {
				t.Errorf("%s: condition quotes %q, not a value of %s", key, v, f.Name)
			}
		}
		for _, p := range c.Prefix {
			ok := false
			for _, lv := range f.Values {
				ok = ok || strings.HasPrefix(NormalizeValue(lv.Value), NormalizeValue(p))
			}
			if !ok {
				t.Errorf("%s: no value of %s begins %q", key, f.Name, p)
			}
		}
	}
	for _, f := range s.Fields {
		if f.Mandatory.When != nil {
			walk(f.Key, f.Mandatory.When)
		}
	}
	for name := range s.Checks.Labels {
		f, v, prefix := s.label(name)
		if !prefix && !containsFold(f.ListValues(), v) {
			t.Errorf("label %s names %q, not a value of %s", name, v, f.Name)
		}
	}
	for key, vals := range s.Checks.NotInUse.Values {
		for _, v := range vals {
			if !containsFold(s.MustField(key).ListValues(), v) {
				t.Errorf("not_in_use_values: %q is not a value of %s", v, key)
			}
		}
	}
}

func TestSpecShape(t *testing.T) {
	for _, rel := range []Release{R1, R2} {
		s, err := LoadSpec(rel)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Fields) != 50 {
			t.Errorf("%s: %d fields, want 50", rel, len(s.Fields))
		}
		seen := map[string]bool{}
		for _, f := range s.Fields {
			if seen[f.Name] {
				t.Errorf("%s: duplicate header %s", rel, f.Name)
			}
			seen[f.Name] = true
			if hf, exact := s.HeaderField(f.Name); hf != f || !exact {
				t.Errorf("%s: header %q does not map to itself", rel, f.Name)
			}
			if hf, exact := s.HeaderField(strings.ReplaceAll(strings.ToUpper(f.Name), " ", "_")); hf != f || exact {
				t.Errorf("%s: variant of %q not recognised as a variant", rel, f.Name)
			}
		}
	}
}

// A defined list is data: adding a value to the JSON is all it takes.
func TestListsAreData(t *testing.T) {
	p, err := ParsePack([]byte(`{"format": "cld-spec-pack/1", "name": "test", "release": "R1",
		"fields": {"Gender": {"add_values": [{"value": "Non-binary"}]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := WithPack(R1, p)
	if err != nil {
		t.Fatal(err)
	}
	if !containsFold(s.MustField("Gender").ListValues(), "Non-binary") {
		t.Fatal("pack value not added")
	}
	base, _ := LoadSpec(R1)
	if containsFold(base.MustField("Gender").ListValues(), "Non-binary") {
		t.Fatal("the embedded specification must not change")
	}
}
