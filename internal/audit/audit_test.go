package audit

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// readFiles returns the files of testdata/returns.txtar, optionally only
// those named.
func readFiles(t testing.TB, names ...string) []File {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "returns.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var out []File
	for _, f := range ar.Files {
		if len(names) == 0 || contains(names, f.Name) {
			out = append(out, File{Name: f.Name, Data: f.Data})
		}
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestSummarise(t *testing.T) {
	s, errs := Summarise(readFiles(t))
	// Four files are not usable audit returns: each is named.
	wantErrs := []string{
		"notes.txt: This file is not a resolve audit return: it is not valid JSON",
		"future.json: This is a resolve audit return of version 2; this tool reads version 1.",
		`names.json: This file is damaged: it has a field this tool does not know: "child".`,
		"record.json: this is a whole record",
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors = %v; want %d", errs, len(wantErrs))
	}
	for i, err := range errs {
		if !strings.HasPrefix(err.Error(), wantErrs[i]) {
			t.Errorf("error %d = %q; want it to start %q", i, err, wantErrs[i])
		}
	}
	if s.Files != 9 || s.Skipped != 4 {
		t.Errorf("files %d, skipped %d; want 9 and 4", s.Files, s.Skipped)
	}
	want := []Protocol{
		{ID: "hips", Versions: []string{"2023-01", "2024-06"}, Disagreements: 3, Open: 1, Resolved: 2,
			ResolvedAt: []int{1, 1}, StagesTimed: 4, StagesOnTime: 3, Days: []int{3, 4},
			Flags: []FlagCount{{"sooner", 1}}},
		{ID: "iscp", Versions: []string{""}, Disagreements: 1, Resolved: 1, UrgentStarts: 1,
			ResolvedAt: []int{0, 0, 0, 1}, StagesTimed: 2, StagesOnTime: 2, Days: []int{8},
			Flags: []FlagCount{{"cp", 1}, {"immediate", 1}}},
		{ID: "tees", Versions: []string{"2023-09"}, Disagreements: 1, Exhausted: 1,
			StagesTimed: 3, StagesOnTime: 1, Flags: []FlagCount{{"iro", 1}}},
	}
	if !reflect.DeepEqual(s.Protocols, want) {
		t.Errorf("Summarise =\n%+v\nwant\n%+v", s.Protocols, want)
	}
	total := s.Total()
	if total.Disagreements != 5 || total.Resolved != 3 || !reflect.DeepEqual(total.ResolvedAt, []int{1, 1, 0, 1}) ||
		total.StagesTimed != 9 || total.StagesOnTime != 6 || !reflect.DeepEqual(total.Days, []int{3, 4, 8}) {
		t.Errorf("Total = %+v", total)
	}
	if m, ok := s.Protocols[0].Median(); !ok || m != 3.5 {
		t.Errorf("hips median = %v, %v; want 3.5", m, ok)
	}
	if share, ok := s.Protocols[0].OnTimeShare(); !ok || share != 75 {
		t.Errorf("hips on time = %v, %v; want 75", share, ok)
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		days []int
		want float64
		ok   bool
	}{
		{nil, 0, false},
		{[]int{7}, 7, true},
		{[]int{1, 2, 10}, 2, true},
		{[]int{1, 2, 3, 10}, 2.5, true},
	}
	for _, tt := range tests {
		got, ok := Protocol{Days: tt.days}.Median()
		if got != tt.want || ok != tt.ok {
			t.Errorf("Median(%v) = %v, %v; want %v, %v", tt.days, got, ok, tt.want, tt.ok)
		}
	}
}

// The procedure and calendar the whole record in the test data follows.
func lookup(t *testing.T) Lookup {
	cal, ok := workday.Builtin("england-and-wales")
	if !ok {
		t.Fatal("no calendar")
	}
	p := &protocol.Protocol{ID: "hips", Calendar: "england-and-wales", Version: "2024-06", Stages: []protocol.Stage{
		{Title: "One", Due: &protocol.Due{WorkingDays: 2, After: protocol.AfterConcern}},
		{Title: "Two", Due: &protocol.Due{WorkingDays: 2, After: protocol.AfterPrevious}},
	}}
	return func(id string) (*protocol.Protocol, *workday.Calendar, bool) {
		if id != p.ID {
			return nil, nil, false
		}
		return p, cal, true
	}
}

func TestSummariseRecords(t *testing.T) {
	c := Config{Protocols: lookup(t), Today: workday.Date{Year: 2025, Month: 12, Day: 1}}
	s, errs := c.Summarise(readFiles(t, "record.json", "hips-a.json"))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	p := s.Protocols[0]
	// The record: resolved at stage 1 on Wednesday 5 March 2025, on time,
	// 2 working days after it arose.
	if len(s.Protocols) != 1 || p.Disagreements != 2 || !reflect.DeepEqual(p.ResolvedAt, []int{1, 1}) ||
		!reflect.DeepEqual(p.Days, []int{2, 3}) || p.StagesOnTime != 3 || p.StagesTimed != 3 {
		t.Errorf("Summarise with a record = %+v", s.Protocols)
	}

	// A record of another procedure, and a damaged one. (An unfinished
	// record, one that still breaks the procedure's rules, is counted: it
	// opens, and its audit return says only what it holds.)
	other := strings.Replace(string(readFiles(t, "record.json")[0].Data), `"id": "hips"`, `"id": "tees"`, 1)
	broken := strings.Replace(string(readFiles(t, "record.json")[0].Data), `"outcome": "resolved"`, `"outcome": "sorted"`, 1)
	s, errs = c.Summarise([]File{{"other.json", []byte(other)}, {"broken.json", []byte(broken)}})
	if len(errs) != 2 || s.Skipped != 2 || len(s.Protocols) != 0 {
		t.Fatalf("Summarise = %+v, %v; want both skipped", s, errs)
	}
	if !strings.Contains(errs[0].Error(), `other.json: this record is for the procedure "tees"`) {
		t.Errorf("error = %q", errs[0])
	}
	if !strings.Contains(errs[1].Error(), "broken.json: This record cannot be opened") {
		t.Errorf("error = %q", errs[1])
	}
}

func TestWrite(t *testing.T) {
	s, _ := Summarise(readFiles(t))
	var table, csvOut bytes.Buffer
	if err := s.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.txt", table.Bytes())
	golden(t, "summary.csv", csvOut.Bytes())

	rows, err := csv.NewReader(bytes.NewReader(csvOut.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	if len(rows) != 1+3+1 {
		t.Fatalf("%d CSV rows; want a header, 3 procedures and the total", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	check := func(row int, name, want string) {
		t.Helper()
		i, ok := col[name]
		if !ok {
			t.Errorf("no CSV column %q", name)
			return
		}
		if got := rows[row][i]; got != want {
			t.Errorf("CSV row %d (%s) %s = %q; want %q", row, rows[row][0], name, got, want)
		}
	}
	check(1, "procedure", "hips")
	check(1, "median_working_days_to_resolution", "3.5")
	check(1, "on_time_percent", "75.0")
	check(1, "resolved_at_stage_2", "1")
	check(1, "flag:sooner", "1")
	check(3, "flag:iro", "1")
	check(3, "median_working_days_to_resolution", "")
	check(4, "procedure", "all")
	check(4, "disagreements", "5")
	check(4, "resolved_at_stage_4", "1")
	check(4, "files_read", "5")
	check(4, "files_skipped", "4")

	for _, want := range []string{"9 files given, 5 read, 4 skipped", "hips  ", "3 of 4 (75%)", "none resolved", "iscp       immediate"} {
		if !strings.Contains(table.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, table.String())
		}
	}
}

func TestCSVFormulaGuard(t *testing.T) {
	s := Summary{Protocols: []Protocol{{ID: "hips", Versions: []string{"=HYPERLINK(1)"}}}}
	var b bytes.Buffer
	if err := s.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "'=HYPERLINK(1)") {
		t.Errorf("a version that looks like a formula is written as is:\n%s", b.String())
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

func FuzzSummarise(f *testing.F) {
	for _, file := range readFiles(f) {
		f.Add(file.Data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, errs := Summarise([]File{{"a", data}, {"b", data}})
		if s.Files != 2 || s.Skipped != len(errs) {
			t.Fatalf("files %d, skipped %d, %d errors", s.Files, s.Skipped, len(errs))
		}
		n := 0
		for _, p := range s.Protocols {
			n += p.Disagreements
			if p.Open+p.Resolved+p.Exhausted != p.Disagreements || p.StagesOnTime > p.StagesTimed || len(p.Days) != p.Resolved {
				t.Fatalf("inconsistent counts: %+v", p)
			}
		}
		if n+s.Skipped != 2 {
			t.Fatalf("%d counted and %d skipped of 2 files", n, s.Skipped)
		}
		var b bytes.Buffer
		if err := s.WriteTable(&b); err != nil {
			t.Fatal(err)
		}
		if err := s.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
	})
}
