package audit

import (
	"flag"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// File is one file given to a test.
type File struct {
	Name string
	Data []byte
}

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

// today is the date the tests read records on.
var today = workday.Date{Year: 2025, Month: 12, Day: 1}

// testProtocol is the procedure the test data's hips returns and record
// follow: two stages of two working days, a flag, and a choice of two
// partnership contacts at stage 2.
func testProtocol() *protocol.Protocol {
	return &protocol.Protocol{ID: "hips", Partnership: "Test partnership", Calendar: "england-and-wales", Version: "2024-06",
		Stages: []protocol.Stage{
			{Title: "One", Due: &protocol.Due{WorkingDays: 2, After: protocol.AfterConcern}},
			{Title: "Two", Due: &protocol.Due{WorkingDays: 2, After: protocol.AfterPrevious}},
		},
		Flags:    []protocol.Flag{{ID: "sooner", Question: "Sooner?"}},
		Contacts: []protocol.Contact{{ID: "one", Stage: 2, Name: "Partnership One"}, {ID: "two", Stage: 2, Name: "Partnership Two"}},
		Changes:  []protocol.Change{{Version: "2023-01"}},
	}
}

func lookup(t testing.TB) Lookup {
	cal, ok := workday.Builtin("england-and-wales")
	if !ok {
		t.Fatal("no calendar")
	}
	p := testProtocol()
	return func(id string) (*protocol.Protocol, *workday.Calendar, bool) {
		if id != p.ID {
			return nil, nil, false
		}
		return p, cal, true
	}
}

// readSet reads files into a new set.
func readSet(t testing.TB, c Config, files []File) *Set {
	t.Helper()
	s := NewSet(c)
	for _, f := range files {
		s.Add(f.Name, f.Data)
	}
	return s
}

func TestSet(t *testing.T) {
	s := readSet(t, Config{}, readFiles(t))
	// Four files are not usable audit returns: each is named.
	wantProblems := []string{
		"notes.txt: This file is not a resolve audit return: it is not valid JSON",
		"future.json: This is a resolve audit return of version 2; this tool reads version 1.",
		`names.json: This file is damaged: it has a field this tool does not know: "child".`,
		"record.json: This is a whole record",
	}
	ps := s.Problems()
	if len(ps) != len(wantProblems) {
		t.Fatalf("problems = %v; want %d", ps, len(wantProblems))
	}
	for i, p := range ps {
		if got := p.Name + ": " + p.Why; !strings.HasPrefix(got, wantProblems[i]) {
			t.Errorf("problem %d = %q; want it to start %q", i, got, wantProblems[i])
		}
	}
	wantDups := []Duplicate{{"hips-d-later.json", "hips-d.json"}, {"hips-c-copy.json", "hips-c.json"}}
	if !reflect.DeepEqual(s.Duplicates(), wantDups) {
		t.Errorf("duplicates = %v; want %v", s.Duplicates(), wantDups)
	}
	sum := s.Summary(Filter{})
	if sum.Files != 12 || sum.Skipped != 4 || sum.Duplicates != 2 || sum.All.Disagreements != 6 {
		t.Errorf("files %d, skipped %d, duplicates %d, disagreements %d; want 12, 4, 2, 6", sum.Files, sum.Skipped, sum.Duplicates, sum.All.Disagreements)
	}
	want := []Scope{
		{ID: "hips", Disagreements: 4, Open: 1, Resolved: 3, ResolvedAt: []int{1, 2},
			Stages: []StageCount{{4, 4, 3}, {2, 2, 1}}, Days: []int{3, 4, 6},
			Flags: []Count{{"sooner", 2}}, Months: []Count{{"", 3}, {"2025-07", 1}},
			Versions: []Count{{"2023-01", 1}, {"2024-06", 3}}, Contacts: []Count{{"", 3}, {"two", 1}},
			Sectors: []Count{{">", 3}, {"education>health", 1}}},
		{ID: "iscp", Disagreements: 1, Resolved: 1, UrgentStarts: 1, ResolvedAt: []int{0, 0, 0, 1},
			Stages: []StageCount{{}, {}, {1, 1, 1}, {1, 1, 1}}, Days: []int{8},
			Flags: []Count{{"cp", 1}, {"immediate", 1}}, Months: []Count{{"", 1}},
			Versions: []Count{{"", 1}}, Contacts: []Count{{"", 1}}, Sectors: []Count{{">", 1}}},
		{ID: "tees", Disagreements: 1, Exhausted: 1,
			Stages: []StageCount{{1, 0, 0}, {1, 1, 1}, {1, 1, 0}, {1, 1, 0}},
			Flags:  []Count{{"iro", 1}}, Months: []Count{{"", 1}},
			Versions: []Count{{"2023-09", 1}}, Contacts: []Count{{"", 1}}, Sectors: []Count{{">", 1}}},
	}
	if !reflect.DeepEqual(sum.Protocols, want) {
		t.Errorf("Summary =\n%+v\nwant\n%+v", sum.Protocols, want)
	}
	all := sum.All
	if all.Disagreements != 6 || all.Resolved != 4 || !reflect.DeepEqual(all.ResolvedAt, []int{1, 2, 0, 1}) ||
		!reflect.DeepEqual(all.Days, []int{3, 4, 6, 8}) || len(all.Flags) != 0 || all.Versions != nil {
		t.Errorf("All = %+v", all)
	}
	if timed, onTime := all.Timed(); timed != 11 || onTime != 7 {
		t.Errorf("all timed %d, on time %d; want 11 and 7", timed, onTime)
	}
	if m, ok := sum.Protocols[0].Median(); !ok || m != 4 {
		t.Errorf("hips median = %v, %v; want 4", m, ok)
	}
}

// The same files in any order, each given any number of times, make the
// same summary.
func TestSetOrder(t *testing.T) {
	files := readFiles(t)
	want := readSet(t, Config{}, files).Summary(Filter{})
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		shuffled := append([]File(nil), files...)
		shuffled = append(shuffled, files[rng.IntN(len(files))], files[rng.IntN(len(files))])
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got := readSet(t, Config{}, shuffled).Summary(Filter{})
		if !reflect.DeepEqual(got.All, want.All) || !reflect.DeepEqual(got.Protocols, want.Protocols) {
			t.Fatalf("order %d: %+v\nwant %+v", i, got.Protocols, want.Protocols)
		}
		if got.Files != len(shuffled) || got.Duplicates+got.Skipped+got.All.Disagreements != len(shuffled) {
			t.Errorf("order %d: files %d, duplicates %d, skipped %d, counted %d", i, got.Files, got.Duplicates, got.Skipped, got.All.Disagreements)
		}
	}
}

func TestLater(t *testing.T) {
	files := readFiles(t, "hips-d.json", "hips-d-later.json")
	for _, order := range [][]File{files, {files[1], files[0]}} {
		s := readSet(t, Config{}, order)
		rs := s.Returns()
		if len(rs) != 1 || rs[0].State != "resolved" || rs[0].Updated.String() != "2025-07-09" {
			t.Errorf("of two returns with one id, kept %+v; want the later", rs)
		}
	}
}

func TestFilter(t *testing.T) {
	s := readSet(t, Config{}, readFiles(t))
	d := func(s string) workday.Date {
		date, err := workday.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return date
	}
	tests := []struct {
		f             Filter
		counted, left int
	}{
		{Filter{}, 6, 0},
		{Filter{From: d("2025-07-01")}, 1, 5},
		{Filter{From: d("2025-07-02")}, 0, 6},
		{Filter{To: d("2025-07-01")}, 1, 5},
		{Filter{To: d("2025-06-30")}, 0, 6},
		{Filter{From: d("2025-01-01"), To: d("2025-12-31")}, 1, 5},
	}
	for _, tt := range tests {
		sum := s.Summary(tt.f)
		if sum.All.Disagreements != tt.counted || sum.Outside != tt.left {
			t.Errorf("Summary(%v to %v) counts %d, leaves out %d; want %d and %d", tt.f.From, tt.f.To, sum.All.Disagreements, sum.Outside, tt.counted, tt.left)
		}
	}
}

func TestRecords(t *testing.T) {
	c := Config{Protocols: lookup(t), Today: today}
	s := readSet(t, c, readFiles(t, "record.json", "hips-a.json"))
	if len(s.Problems()) != 0 {
		t.Fatal(s.Problems())
	}
	sum := s.Summary(Filter{})
	p := sum.Protocols[0]
	// The record: resolved at stage 1 on Wednesday 5 March 2025, on time,
	// 2 working days after it arose.
	if len(sum.Protocols) != 1 || p.Disagreements != 2 || !reflect.DeepEqual(p.ResolvedAt, []int{1, 1}) ||
		!reflect.DeepEqual(p.Days, []int{2, 3}) || !reflect.DeepEqual(p.Stages, []StageCount{{2, 2, 2}, {1, 1, 1}}) {
		t.Errorf("Summary with a record = %+v", sum.Protocols)
	}
	// Nothing the practitioner typed is kept: only the return.
	for _, a := range s.Returns() {
		if a.Format != "resolve-audit" {
			t.Errorf("kept %+v; want only audit returns", a)
		}
	}

	// A record of another procedure, and a damaged one. (An unfinished
	// record is counted: it opens, and its return says only what it holds.)
	record := string(readFiles(t, "record.json")[0].Data)
	other := strings.Replace(record, `"id": "hips"`, `"id": "tees"`, 1)
	broken := strings.Replace(record, `"outcome": "resolved"`, `"outcome": "sorted"`, 1)
	s = readSet(t, c, []File{{"other.json", []byte(other)}, {"broken.json", []byte(broken)}})
	ps := s.Problems()
	if len(ps) != 2 || s.Summary(Filter{}).All.Disagreements != 0 {
		t.Fatalf("problems %v; want both skipped", ps)
	}
	if ps[0].Name != "other.json" || !strings.Contains(ps[0].Why, `record is for the procedure "tees"`) {
		t.Errorf("problem = %+v", ps[0])
	}
	if ps[1].Name != "broken.json" || !strings.Contains(ps[1].Why, "This record cannot be opened") {
		t.Errorf("problem = %+v", ps[1])
	}

	// A record and its own audit return are one disagreement.
	withID := strings.Replace(record, `"id": "abc"`, `"id": "abcdefghijklmnopqrstuvwxyz"`, 1)
	s = readSet(t, c, []File{{"record.json", []byte(withID)}})
	ret, _ := s.Returns()[0], 0
	data := mustJSON(t, ret)
	s.Add("return.json", data)
	if sum := s.Summary(Filter{}); sum.All.Disagreements != 1 || sum.Duplicates != 1 {
		t.Errorf("a record and its return: %d disagreements, %d duplicates; want 1 and 1", sum.All.Disagreements, sum.Duplicates)
	}
}

func TestTooLarge(t *testing.T) {
	s := NewSet(Config{})
	big := make([]byte, 1<<20+1)
	if why := s.Add("big.json", big); !strings.Contains(why, "too large") {
		t.Errorf("a file over 1 MiB: %q", why)
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
		got, ok := Scope{Days: tt.days}.Median()
		if got != tt.want || ok != tt.ok {
			t.Errorf("Median(%v) = %v, %v; want %v, %v", tt.days, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSortInts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 50 {
		xs := make([]int, n)
		for i := range xs {
			xs[i] = rng.IntN(20)
		}
		want := slices.Clone(xs)
		slices.Sort(want)
		sortInts(xs)
		if !slices.Equal(xs, want) {
			t.Fatalf("sortInts = %v; want %v", xs, want)
		}
	}
}
