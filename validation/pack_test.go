package validation

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cldvalidator/reader"
)

func TestPackChangesValidation(t *testing.T) {
	p, err := LoadPack(filepath.Join("..", "docs", "examples", "service-component-pack.json"))
	if err != nil {
		t.Fatal(err)
	}
	text := table(t, r1Headers(t), baseService().with("Service Component", "Telecare"))
	run := func(pack *Pack) *Result {
		src, err := reader.FromText(text, ReaderOptions())
		if err != nil {
			t.Fatal(err)
		}
		res, err := Validate(context.Background(), src, Options{Release: R1, Pack: pack})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	expect(t, run(nil), "list-invalid-unconfirmed", 2, "Service Component")
	res := run(p)
	expectClean(t, res)
	base, _ := LoadSpec(R1)
	if res.Spec.Version == base.Version || !strings.Contains(res.Spec.PackNote, "Telecare") {
		t.Fatalf("a pack must show in the rule-set version and note: %q %q", res.Spec.Version, res.Spec.PackNote)
	}

	// Severity and completeness changes.
	strict, err := ParsePack([]byte(`{"format":"cld-spec-pack/1","name":"strict","release":"any",
		"fields":{"Service_Component":{"values_completeness":"complete"}},"rules":{"postcode-format":{"severity":"error"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	text = table(t, r1Headers(t), baseService().with("Service Component", "Telecare", "Postcode", "SW1A"),
		baseService().with("Service Component", "Home Support Plus"))
	res = run(strict)
	// A complete list makes unknown values errors where the nearest entry
	// is confirmed (Home Support), and warnings where it is not (Meals:
	// rules.md C2).
	expect(t, res, "list-invalid", 3, "Service Component")
	expect(t, res, "list-invalid-unconfirmed", 2, "Service Component")
	for _, is := range res.Issues {
		if res.Rule(is).ID == "postcode-format" && is.Sev != Error {
			t.Fatal("pack severity not applied")
		}
	}
	// A pack for the other release changes nothing.
	r2only, _ := ParsePack([]byte(`{"format":"cld-spec-pack/1","name":"r2","release":"R2","rules":{"postcode-format":{"severity":"error"}}}`))
	if s, _ := WithPack(R1, r2only); s.Version != base.Version {
		t.Fatal("an R2 pack must not change R1")
	}
}

func TestInvalidPacksAreRejected(t *testing.T) {
	cases := map[string]string{
		`not json`: "is not valid",
		`{"format":"other","name":"x","release":"R1","rules":{"x":{}}}`:                                                             "is not a spec pack",
		`{"format":"cld-spec-pack/1","release":"R1","rules":{"postcode-format":{"severity":"error"}}}`:                              "has no \"name\"",
		`{"format":"cld-spec-pack/1","name":"x","release":"R3","rules":{"postcode-format":{"severity":"error"}}}`:                   "release \"R3\"",
		`{"format":"cld-spec-pack/1","name":"x","release":"R1"}`:                                                                    "changes nothing",
		`{"format":"cld-spec-pack/1","name":"x","release":"R1","fields":{"Colour":{"add_values":[{"value":"x"}]}}}`:                 "names the field \"Colour\"",
		`{"format":"cld-spec-pack/1","name":"x","release":"R1","fields":{"Gender":{"remove_values":["Robot"]}}}`:                    "has no such value",
		`{"format":"cld-spec-pack/1","name":"x","release":"R1","fields":{"NHS_Number":{"add_values":[{"value":"x"}]}}}`:             "not a defined-list field",
		`{"format":"cld-spec-pack/1","name":"x","release":"R1","rules":{"no-such-rule":{"severity":"error"}}}`:                      "does not exist",
		`{"format":"cld-spec-pack/1","name":"x","release":"R1","rules":{"postcode-format":{"severity":"fatal"}}}`:                   "unknown severity",
		`{"format":"cld-spec-pack/1","name":"x","release":"R1","fields":{"Gender":{"mandatory_when":{"field":"Nope","in":["x"]}}}}`: "not valid",
		`{"format":"cld-spec-pack/1","name":"x","release":"R1","surprise":1,"rules":{"postcode-format":{"severity":"error"}}}`:      `a setting that spec packs do not have: "surprise"`,
		"{\"format\":\"cld-spec-pack/1\",\n\"name\":\"x\",\n\"release\":\"R1\",\n\"rules\":{\"postcode-format\":":                   "ends too early",
		"{\"format\":\"cld-spec-pack/1\",\n\"name\":\"x\"\n\"release\":\"R1\"}":                                                     "typing mistake on line 3",
		`{"format":"cld-spec-pack/1","name":["x"],"release":"R1"}`:                                                                  `"name" on line 1 is the wrong kind of value`,
	}
	dir := t.TempDir()
	if _, err := LoadPack(filepath.Join(dir, "nope.json")); err == nil || !strings.Contains(err.Error(), "nope.json was not found") {
		t.Errorf("missing pack: %v", err)
	}
	for text, want := range cases {
		path := filepath.Join(dir, "pack.json")
		os.WriteFile(path, []byte(text), 0o644)
		_, err := LoadPack(path) // checked against the specification as it loads
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("pack %s: want error containing %q, got %v", text, want, err)
		}
		// The JSON library's own words never reach the user.
		if err != nil && (strings.Contains(err.Error(), "EOF") || strings.Contains(err.Error(), "json:") || strings.Contains(err.Error(), "invalid character")) {
			t.Errorf("pack %s: error in the JSON library's words: %v", text, err)
		}
	}
}
