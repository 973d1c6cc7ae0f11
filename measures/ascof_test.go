package measures

import "testing"

func TestASCOF2E(t *testing.T) {
	_, rep := compute(t, "ascof2e.csv")
	left := map[Reason]int{ReasonPeriod: 2, ReasonDuplicate: 1, ReasonAge: 1, ReasonNoAge: 1}
	young := table(t, rep, "ASCOF 2E", "ASCOF 2E 18-64")
	want(t, young, "Male | Numerator = 1", "Male | Denominator = 2", "Female | Numerator = 1", "Female | Denominator = 1",
		"Total | Numerator = 2", "Total | Denominator = 3")
	wantLeft(t, young, left)
	old := table(t, rep, "ASCOF 2E", "ASCOF 2E 65+")
	want(t, old, "Male | Numerator = 1", "Male | Denominator = 1", "Female | Numerator = 2", "Female | Denominator = 3",
		"Total | Numerator = 4", "Total | Denominator = 5")
	wantLeft(t, old, left)
	ld := table(t, rep, "ASCOF 2E", "ASCOF 2E LD")
	want(t, ld, "Female | Numerator = 1", "Female | Denominator = 1", "Total | Numerator = 1", "Total | Denominator = 1")
	want(t, table(t, rep, "ASCOF 2E", "ASCOF 2E unknown"), "Unknown, invalid or deduced from services | 65 and over = 1",
		"Unknown, invalid or deduced from services | Total = 1")
	if p, ok := old.Percent(2); !ok || p != 80 {
		t.Errorf("65 and over: %.1f%%, want 80%%", p)
	}
}

func TestASCOF3D(t *testing.T) {
	_, rep := compute(t, "ascof3d.csv")
	a1 := table(t, rep, "ASCOF 3D", "ASCOF 3D 1a")
	want(t, a1, "18 to 64 | Numerator = 1", "18 to 64 | Denominator = 1", "65 and over | Numerator = 2", "65 and over | Denominator = 4",
		"Total | Numerator = 3", "Total | Denominator = 5")
	wantLeft(t, a1, map[Reason]int{ReasonPeriod: 1, ReasonAge: 1})
	a2 := table(t, rep, "ASCOF 3D", "ASCOF 3D 2a")
	want(t, a2, "18 to 64 | Numerator = 1", "18 to 64 | Denominator = 1", "65 and over | Numerator = 1", "65 and over | Denominator = 4",
		"Total | Numerator = 2", "Total | Denominator = 5")
	wantLeft(t, a2, map[Reason]int{ReasonPeriod: 1, ReasonAge: 1})
	want(t, table(t, rep, "ASCOF 3D", "ASCOF 3D clients unknown"), "Clients | Total = 1")
	b1 := table(t, rep, "ASCOF 3D", "ASCOF 3D 1b")
	want(t, b1, "65 and over | Numerator = 3", "65 and over | Denominator = 4", "Total | Numerator = 3", "Total | Denominator = 4")
	wantLeft(t, b1, nil)
	b2 := table(t, rep, "ASCOF 3D", "ASCOF 3D 2b")
	want(t, b2, "65 and over | Numerator = 2", "65 and over | Denominator = 4", "Total | Numerator = 2", "Total | Denominator = 4")
}

func TestASCOF2A(t *testing.T) {
	_, rep := compute(t, "ascof2a.csv")
	r := table(t, rep, "ASCOF 2A", "ASCOF 2A")
	want(t, r, "65 and over | Numerator = 3", "65 and over | Denominator = 4", "Total | Numerator = 3", "Total | Denominator = 4")
	wantLeft(t, r, map[Reason]int{ReasonPeriod: 1, ReasonCohort: 2})
	s := table(t, rep, "ASCOF 2A", "ASCOF 2A sequels")
	want(t, s,
		"NFA: Information and advice or signposting (numerator and denominator) | 65 and over = 1",
		"NFA: Information and advice or signposting (numerator and denominator) | Total = 1",
		"NFA: Support ended as planned (numerator and denominator) | 65 and over = 1",
		"NFA: Support ended as planned (numerator and denominator) | Total = 1",
		"Short term support: Ongoing low level (numerator and denominator) | 65 and over = 1",
		"Short term support: Ongoing low level (numerator and denominator) | Total = 1",
		"Long term support: Community (denominator) | 65 and over = 1", "Long term support: Community (denominator) | Total = 1",
		"Admitted to hospital (not counted) | 65 and over = 1", "Admitted to hospital (not counted) | Total = 1",
		"NFA: Deceased (not counted) | 65 and over = 1", "NFA: Deceased (not counted) | Total = 1",
		"NFA: Support declined (not counted) | 65 and over = 1", "NFA: Support declined (not counted) | Total = 1",
		"Progress to assessment, review or reassessment (not counted) | 18 to 64 = 1",
		"Progress to assessment, review or reassessment (not counted) | Total = 1")
}

func TestASCOF2D(t *testing.T) {
	_, rep := compute(t, "ascof2d.csv")
	m := rep.Measure("ASCOF 2D")
	if !m.Partial || m.Missing == "" {
		t.Error("2D needs hospital records: it must say it is partial and what is missing")
	}
	tb := table(t, rep, "ASCOF 2D", "ASCOF 2D reablement")
	want(t, tb,
		"Reablement episodes (ST-Max, component Reablement) | 65 to 74 = 1",
		"Reablement episodes (ST-Max, component Reablement) | 75 to 84 = 1",
		"Reablement episodes (ST-Max, component Reablement) | 85 and over = 1",
		"Reablement episodes (ST-Max, component Reablement) | Total = 3",
		"of which the person died within 12 weeks of the start | 75 to 84 = 1",
		"of which the person died within 12 weeks of the start | Total = 1",
		"of which long-term residential or nursing care began within 12 weeks of the start | 85 and over = 1",
		"of which long-term residential or nursing care began within 12 weeks of the start | Total = 1",
		"of which neither (in the numerator if the episode followed a discharge and there was no readmission) | 65 to 74 = 1",
		"of which neither (in the numerator if the episode followed a discharge and there was no readmission) | Total = 1")
	wantLeft(t, tb, map[Reason]int{ReasonPeriod: 1})
}
