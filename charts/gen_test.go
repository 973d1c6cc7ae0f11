package charts

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"cldvalidator/sample"
	"cldvalidator/validation"
)

// writeSampleCSV writes a CLD Release 1 file of plausible rows with a share
// of deliberately broken cells (about errRate/4 of all filled cells), so
// the summary has plenty to chart.
func writeSampleCSV(t testing.TB, path string, rows int, seed int64, errRate float64) {
	t.Helper()
	spec, err := validation.LoadSpec(validation.R1)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(seed))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cw := csv.NewWriter(f)
	headers := spec.Headers()
	if err := cw.Write(headers); err != nil {
		t.Fatal(err)
	}
	values := map[string][]string{}
	for _, fl := range spec.Fields {
		for _, v := range fl.Values {
			values[fl.Key] = append(values[fl.Key], v.Value)
		}
	}
	pick := func(key string) string {
		vs := values[key]
		if len(vs) == 0 {
			return ""
		}
		return vs[rng.Intn(len(vs))]
	}
	date := func(t time.Time) string { return t.Format("02/01/2006") }
	periodStart := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	periodEnd := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	nhs := func() string {
		for {
			d := make([]int, 10)
			sum := 0
			for i := 0; i < 9; i++ {
				d[i] = rng.Intn(10)
				sum += d[i] * (10 - i)
			}
			c := 11 - sum%11
			if c == 11 {
				c = 0
			}
			if c == 10 {
				continue
			}
			d[9] = c
			s := ""
			for _, x := range d {
				s += fmt.Sprint(x)
			}
			return s
		}
	}
	type person struct {
		id, nhs, first, last, dob, gender, eth, postcode string
	}
	people := make([]person, rows/3+1)
	for i := range people {
		age := 18 + rng.Intn(80)
		if rng.Float64() < 0.05 {
			age = 10 + rng.Intn(8)
		}
		if rng.Float64() < 0.03 {
			age = 95 + rng.Intn(8)
		}
		dob := periodEnd.AddDate(-age, 0, -rng.Intn(365))
		people[i] = person{
			id: fmt.Sprintf("P%06d", i+1), nhs: nhs(),
			first: []string{"Ann", "Bob", "Cara", "Dev", "Eli", "Fay"}[rng.Intn(6)],
			last:  []string{"Smith", "Jones", "Khan", "Brown", "Patel"}[rng.Intn(5)],
			dob:   date(dob), gender: pick("Gender"), eth: pick("Ethnicity"),
			postcode: fmt.Sprintf("LN%d %d%c%c", 1+rng.Intn(9), rng.Intn(10), 'A'+rng.Intn(26), 'A'+rng.Intn(26)),
		}
	}
	col := map[string]int{}
	for i, fl := range spec.Fields {
		col[fl.Key] = i
	}
	for r := 0; r < rows; r++ {
		p := people[rng.Intn(len(people))]
		row := make([]string, len(headers))
		set := func(key, v string) {
			if i, ok := col[key]; ok {
				row[i] = v
			}
		}
		set("LA_Code", "503")
		set("Reporting_Period_Start_Date", date(periodStart))
		set("Reporting_Period_End_Date", date(periodEnd))
		set("NHS_Number", p.nhs)
		set("LA_Person_Unique_Identifier", p.id)
		set("First_Name", p.first)
		set("Last_Name", p.last)
		set("Gender", p.gender)
		set("Ethnicity", p.eth)
		set("Date_of_Birth", p.dob)
		set("Client_Type", "Service User")
		set("Primary_Support_Reason", pick("Primary_Support_Reason"))
		set("Postcode", p.postcode)
		set("Accommodation_Status", pick("Accommodation_Status"))
		set("Employment_Status", pick("Employment_Status"))
		set("Has_Unpaid_Carer", pick("Has_Unpaid_Carer"))
		set("Client_Funding_Status", pick("Client_Funding_Status"))
		ev := []string{"Request", "Request", "Assessment", "Service", "Service", "Service", "Review"}[rng.Intn(7)]
		set("Event_Type", ev)
		set("Event_Reference", fmt.Sprintf("E%07d", r))
		start := periodStart.AddDate(0, 0, rng.Intn(365))
		if ev == "Service" && rng.Float64() < 0.4 {
			start = periodStart.AddDate(0, 0, -rng.Intn(365*4))
		}
		set("Event_Start_Date", date(start))
		end := start.AddDate(0, 0, rng.Intn(60))
		if end.After(periodEnd) {
			end = periodEnd
		}
		switch ev {
		case "Request":
			set("Event_End_Date", date(end))
			set("Request_Route_of_Access", pick("Request_Route_of_Access"))
			set("Event_Outcome", "Progress to Assessment")
		case "Assessment":
			set("Event_End_Date", date(end))
			set("Assessment_Type", pick("Assessment_Type"))
			set("Method_of_Assessment", pick("Method_of_Assessment"))
			set("Event_Outcome", "Progress to Support Planning / Services")
		case "Service":
			if rng.Float64() < 0.3 {
				set("Event_End_Date", date(end))
				set("Event_Outcome", "Service ended as planned")
			}
			st := pick("Service_Type")
			if rng.Float64() < 0.45 {
				st = "Long Term Support: Community"
			}
			set("Service_Type", st)
			set("Service_Component", pick("Service_Component"))
			set("Delivery_Mechanism", pick("Delivery_Mechanism"))
			set("Unit_Cost", fmt.Sprintf("%d.%02d", 10+rng.Intn(900), rng.Intn(100)))
			set("Cost_Frequency_Unit_Type", pick("Cost_Frequency_Unit_Type"))
			set("Planned_units_per_week", fmt.Sprint(1+rng.Intn(40)))
		case "Review":
			set("Event_End_Date", date(end))
			set("Review_Reason", pick("Review_Reason"))
			set("Review_Outcomes_Achieved", pick("Review_Outcomes_Achieved"))
			set("Method_of_Review", pick("Method_of_Review"))
			set("Event_Outcome", "No change in package")
		}
		// Break some cells: blank a value, or write something invalid.
		for i := range row {
			if row[i] == "" || rng.Float64() >= errRate/4 {
				continue
			}
			switch rng.Intn(3) {
			case 0:
				row[i] = ""
			case 1:
				row[i] = "N/A"
			default:
				row[i] = row[i] + "x"
			}
		}
		if err := cw.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		t.Fatal(err)
	}
}

// cachedSummary validates a generated file once per test run.
type cachedSummary struct {
	once sync.Once
	sum  *validation.Summary
	err  error
}

func (c *cachedSummary) get(t testing.TB, write func(path string) error) *validation.Summary {
	t.Helper()
	c.once.Do(func() {
		dir, err := os.MkdirTemp("", "charts-sample")
		if err != nil {
			c.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "sample.csv")
		if c.err = write(path); c.err != nil {
			return
		}
		res, err := validation.ValidateFile(context.Background(), path, validation.Options{Release: validation.R1,
			Today: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			c.err = err
			return
		}
		c.sum = res.Summary
	})
	if c.err != nil {
		t.Fatal(c.err)
	}
	return c.sum
}

var realistic, messy cachedSummary

// realisticSummary is the summary of the project's sample generator's
// 2,000-row file with 5% of rows given an error.
func realisticSummary(t testing.TB) *validation.Summary {
	return realistic.get(t, func(path string) error {
		_, err := sample.WriteFile(path, sample.Options{Rows: 2000, Seed: 1, ErrorRate: 0.05})
		return err
	})
}

// messySummary is the summary of a cruder 2,000-row file with many more
// broken cells and services started years before the period.
func messySummary(t testing.TB) *validation.Summary {
	return messy.get(t, func(path string) error {
		writeSampleCSV(t, path, 2000, 1, 0.05)
		return nil
	})
}
