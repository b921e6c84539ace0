package audit

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"resolve/internal/escalation"
)

func mustJSON(t testing.TB, a *escalation.AuditReturn) []byte {
	t.Helper()
	data, err := escalation.AuditJSON(a)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// testParts lays out the test data's summary, labelled with testProtocol.
func testParts(t testing.TB, publish bool) (Summary, []Part, Options) {
	s := readSet(t, Config{Protocols: lookup(t), Today: today}, readFiles(t))
	sum := s.Summary(Filter{})
	o := Options{Publish: publish, Labels: lookup(t)}
	return sum, Tables(sum, o), o
}

func TestWrite(t *testing.T) {
	sum, parts, o := testParts(t, false)
	var text bytes.Buffer
	if err := WriteText(&text, parts); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.txt", text.Bytes())
	golden(t, "summary.csv", CSV(parts))
	golden(t, "report.html", Report(sum, parts, o, Made{Title: "Test site", Today: today}))

	_, published, _ := testParts(t, true)
	golden(t, "summary-publish.csv", CSV(published))
}

// readCSV reads the CSV back with encoding/csv, as a spreadsheet would,
// into procedure/table/row/column -> value.
func readCSV(t testing.TB, data []byte) map[string]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	if strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("CSV header %q", rows[0])
	}
	out := map[string]string{}
	for _, r := range rows[1:] {
		out[r[0]+"/"+r[1]+"/"+r[2]+"/"+r[4]] = r[5]
	}
	return out
}

func TestCSV(t *testing.T) {
	_, parts, _ := testParts(t, false)
	got := readCSV(t, CSV(parts))
	// The whole record is read too: hips has a fifth disagreement, resolved
	// at stage 1, on time, after 2 working days.
	for key, want := range map[string]string{
		"all/files/given/files":                       "12",
		"all/files/counted/files":                     "7",
		"all/overview/disagreements/all":              "7",
		"all/overview/disagreements/hips":             "5",
		"all/overview/on-time-percent/all":            "67%",
		"all/overview/median-days/hips":               "3.5",
		"all/overview/longest-days/all":               "8",
		"all/resolved-at/4/disagreements":             "1",
		"hips/resolved-at/1/disagreements":            "2",
		"hips/resolved-at/2/disagreements":            "2",
		"hips/flags/sooner/disagreements":             "2",
		"hips/contacts/two/disagreements":             "1",
		"hips/contacts/one/disagreements":             "0",
		"hips/contacts//disagreements":                "4",
		"hips/months/2025-03/disagreements":           "1",
		"hips/months/2025-04/disagreements":           "0",
		"hips/months/2025-07/disagreements":           "1",
		"hips/sectors/education>health/disagreements": "1",
		"hips/versions/2023-01/disagreements":         "1",
		"tees/on-time/3/late":                         "1",
		"iscp/on-time/1/on-time-percent":              "",
		"all/overview/median-days/tees":               "",
		"hips/on-time/2/on-time-percent":              "50%",
		"all/sectors/education>health/disagreements":  "1",
	} {
		if got[key] != want {
			t.Errorf("CSV %s = %q; want %q", key, got[key], want)
		}
	}
}

func TestPublish(t *testing.T) {
	_, parts, _ := testParts(t, true)
	got := readCSV(t, CSV(parts))
	for key, want := range map[string]string{
		"all/files/given/files":            "12", // files, not disagreements
		"all/overview/disagreements/all":   "7",
		"all/overview/disagreements/hips":  "5",
		"all/overview/disagreements/iscp":  FewerThan5,
		"all/overview/open/all":            FewerThan5,
		"all/overview/open/iscp":           "0",
		"all/overview/stages-timed/all":    "12",
		"all/overview/on-time-percent/all": NotShown, // 4 late
		"all/overview/median-days/all":     "4",      // from 5
		"all/overview/median-days/hips":    NotShown, // from 4
		"hips/resolved-at/2/disagreements": FewerThan5,
	} {
		if got[key] != want {
			t.Errorf("published CSV %s = %q; want %q", key, got[key], want)
		}
	}
	// No count from 1 to 4 is written anywhere but in the files table.
	for key, v := range got {
		if strings.HasPrefix(key, "all/files/") || strings.Contains(key, "-days/") {
			continue
		}
		if v == "1" || v == "2" || v == "3" || v == "4" || strings.HasSuffix(v, "%") && v != "0%" && v != "100%" {
			t.Errorf("published CSV %s = %q", key, v)
		}
	}
}

func TestCSVFormulaGuard(t *testing.T) {
	parts := []Part{{Tables: []Table{{ID: "t", Head: []Column{{"row", "Row"}, {"c", "C"}},
		Rows: []Row{{Key: "=HYPERLINK(1)", Label: "+1", Cells: []Cell{{Text: "@x"}}}}}}}}
	out := string(CSV(parts))
	for _, want := range []string{"'=HYPERLINK(1)", "'+1", "'@x"} {
		if !strings.Contains(out, want) {
			t.Errorf("a value that looks like a formula is written as is:\n%s", out)
		}
	}
}

// The report's charts have a text alternative, and nothing in it runs or
// loads anything.
func TestReport(t *testing.T) {
	sum, parts, o := testParts(t, true)
	page := Report(sum, parts, o, Made{Title: `<script>alert(1)</script>`, Today: today})
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
			if strings.HasPrefix(a.Key, "on") || a.Key == "href" || a.Key == "src" {
				t.Errorf("<%s %s=%q> in the report", n.Data, a.Key, a.Val)
			}
		}
		switch n.Data {
		case "script", "link", "img", "iframe", "object":
			t.Errorf("a <%s> in the report", n.Data)
		case "svg":
			charts++
			ids := strings.Fields(attr["aria-labelledby"])
			if attr["role"] != "img" || len(ids) != 2 || !strings.HasSuffix(ids[1], "-desc") {
				t.Errorf("a chart without its text alternative: %v", n.Attr)
			}
		}
	}
	if charts < 5 {
		t.Errorf("%d charts in the report; want the stages, months, flags and contacts", charts)
	}
	if !bytes.Contains(page, []byte("Timeline of disagreements per month. March 2025: fewer than 5; April 2025: 0;")) {
		t.Errorf("the timeline's description is missing or wrong")
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update if the change is right):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// FuzzRead feeds the page's reading path (a file that may be a return, a
// record or anything) into a set twice, and checks the counts hold
// together and every output can be made.
func FuzzRead(f *testing.F) {
	for _, file := range readFiles(f) {
		f.Add(file.Data)
	}
	c := Config{Protocols: lookup(f), Today: today}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := NewSet(c)
		s.Add("a", data)
		s.Add("b", data)
		sum := s.Summary(Filter{})
		if sum.Files != 2 || sum.Skipped+sum.Duplicates+sum.All.Disagreements != 2 || sum.Skipped == 1 {
			t.Fatalf("files %d, skipped %d, duplicates %d, counted %d", sum.Files, sum.Skipped, sum.Duplicates, sum.All.Disagreements)
		}
		for _, p := range append(sum.Protocols, sum.All) {
			timed, onTime := p.Timed()
			if p.Open+p.Resolved+p.Exhausted != p.Disagreements || onTime > timed || len(p.Days) > p.Resolved {
				t.Fatalf("inconsistent counts: %+v", p)
			}
		}
		for _, publish := range []bool{false, true} {
			o := Options{Publish: publish, Labels: c.Protocols}
			parts := Tables(sum, o)
			if _, err := csv.NewReader(bytes.NewReader(CSV(parts))).ReadAll(); err != nil {
				t.Fatal(err)
			}
			Report(sum, parts, o, Made{Today: today})
			WriteText(io.Discard, parts)
		}
	})
}
