package escalation

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// exports lists every export of a record, by the golden file's extension.
func exports(t *testing.T, f fixture) map[string][]byte {
	t.Helper()
	js, err := JSON(f.r)
	if err != nil {
		t.Fatal(err)
	}
	audit, err := AuditJSON(Audit(f.r, f.p, f.cal))
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"record.json": js,
		"md":          []byte(Text(f.r, f.p, f.cal, f.today)),
		"html":        HTML(f.r, f.p, f.cal, f.today),
		"ics":         ICal(f.r, f.p, f.cal, f.today),
		"audit.json":  audit,
	}
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures(t) {
		for ext, got := range exports(t, f) {
			name := filepath.Join("testdata", "golden", f.name+"."+ext)
			if *update {
				if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file (run go test -update if the change is right):\n%s", name, firstDiff(string(want), string(got)))
			}
		}
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\nwant " + wl + "\ngot  " + gl
		}
	}
	return "(no line differs)"
}

func TestGoldenContent(t *testing.T) {
	// The golden files are only as good as what is in them: check the
	// facts a practitioner relies on, independently of the layout.
	fx := fixtures(t)
	hipsText := Text(fx[0].r, fx[0].p, fx[0].cal, fx[0].today)
	for _, want := range []string{
		"Case reference: CS/2025/0412",
		"Completed late, by 5 working days", // stage 2 due 24 December, completed 5 January
		"Due: Wednesday 24 December 2025",
		"    Referral closed with no further action after two disclosures.\n    The school believes",
		"Stage 4: Heads of service discuss\n\n- Status: Not needed",
		"Speak to the duty team manager & ask",
	} {
		if !strings.Contains(hipsText, want) {
			t.Errorf("hips text lacks %q", want)
		}
	}
	iscpText := Text(fx[2].r, fx[2].p, fx[2].cal, fx[2].today)
	for _, want := range []string{
		"- **First:** Contact the MASH",
		"Status: Skipped: the case was urgent",
		"Due: Thursday 25 January 2029 (based on the usual bank holiday rules)",
		"Status: Not due yet: 3 working days left",
		"Bailiwick of Guernsey calendar",
	} {
		if !strings.Contains(iscpText, want) {
			t.Errorf("iscp text lacks %q", want)
		}
	}
	teesHTML := string(HTML(fx[1].r, fx[1].p, fx[1].cal, fx[1].today))
	for _, want := range []string{
		"&lt;despite&gt;",
		"&#34;no concerns&#34;",
		"Baby&#39;s weight",
		"Completed late, by 4 working days",
	} {
		if !strings.Contains(teesHTML, want) {
			t.Errorf("tees HTML lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "<despite>", "http://", "https://"} {
		if strings.Contains(teesHTML, bad) {
			t.Errorf("tees HTML contains %q", bad)
		}
	}
}

func TestICalParses(t *testing.T) {
	for _, f := range fixtures(t) {
		data := ICal(f.r, f.p, f.cal, f.today)
		checkICalLines(t, f.name, data)
		cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
		if err != nil {
			t.Fatalf("%s: go-ical cannot read the file: %v", f.name, err)
		}
		// Every known due date, and only those, is an event.
		var want []Status
		for _, s := range Statuses(f.r, f.p, f.cal, f.today) {
			if s.Known {
				want = append(want, s)
			}
		}
		events := cal.Events()
		if len(events) != len(want) {
			t.Fatalf("%s: %d events; want %d", f.name, len(events), len(want))
		}
		uids := map[string]bool{}
		for i, ev := range events {
			start, err := ev.DateTimeStart(time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			end, err := ev.DateTimeEnd(time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			if got := start.Format("2006-01-02"); got != want[i].Due.String() {
				t.Errorf("%s event %d starts %s; want %s", f.name, i, got, want[i].Due)
			}
			if end.Sub(start) != 24*time.Hour {
				t.Errorf("%s event %d lasts %v; want one day", f.name, i, end.Sub(start))
			}
			if v := ev.Props.Get(ical.PropDateTimeStart).Params.Get(ical.ParamValue); v != "DATE" {
				t.Errorf("%s event %d: DTSTART VALUE=%q; want DATE", f.name, i, v)
			}
			uid, _ := ev.Props.Text(ical.PropUID)
			if want := f.r.ID + "-stage-" + strconv.Itoa(want[i].Stage) + "@resolve"; uid != want {
				t.Errorf("%s event %d: UID %q; want %q", f.name, i, uid, want)
			}
			if uids[uid] {
				t.Errorf("%s: UID %q repeated", f.name, uid)
			}
			uids[uid] = true
			summary, err := ev.Props.Text(ical.PropSummary)
			if err != nil || !strings.Contains(summary, f.r.Reference) {
				t.Errorf("%s event %d: summary %q lacks the case reference", f.name, i, summary)
			}
			if stamp := ev.Props.Get(ical.PropDateTimeStamp); stamp == nil || stamp.Value != strings.ReplaceAll(f.today.String(), "-", "")+"T000000Z" {
				t.Errorf("%s event %d: DTSTAMP %v", f.name, i, stamp)
			}
		}
	}
}

func TestICalTextEscaping(t *testing.T) {
	r := hipsRecord(t)
	r.Reference = `A;B,C\D` + "\nE" + strings.Repeat("é", 60) + "\x01"
	data := ICal(r, hips(), englandWales(t), mustDate("2026-01-20"))
	checkICalLines(t, "escaping", data)
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	summary, err := cal.Events()[0].Props.Text(ical.PropSummary)
	if err != nil {
		t.Fatal(err)
	}
	want := "Stage 1 due: Professional disagreement (A;B,C\\D\nE" + strings.Repeat("é", 60) + "\uFFFD)"
	if summary != want {
		t.Errorf("summary read back = %q; want %q", summary, want)
	}
}

// checkICalLines checks that every line ends in CRLF, is at most 75
// octets, holds no other control character, and is valid UTF-8.
func checkICalLines(t *testing.T, name string, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%s: the file does not end in CRLF", name)
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("%s line %d is %d octets: %q", name, i+1, len(line), line)
		}
		if strings.ContainsAny(line, "\r\n\x00\x01") {
			t.Errorf("%s line %d holds a bare line break or control character: %q", name, i+1, line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("%s line %d splits a character: %q", name, i+1, line)
		}
	}
}

func TestFoldLine(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"", "\r\n"},
		{strings.Repeat("a", 75), strings.Repeat("a", 75) + "\r\n"},
		{strings.Repeat("a", 76), strings.Repeat("a", 75) + "\r\n a\r\n"},
		{strings.Repeat("a", 75+74+1), strings.Repeat("a", 75) + "\r\n " + strings.Repeat("a", 74) + "\r\n a\r\n"},
		// "é" is two octets: the fold falls before the one that would cross 75.
		{strings.Repeat("a", 74) + "é", strings.Repeat("a", 74) + "\r\n é\r\n"},
	}
	for _, tt := range tests {
		if got := foldLine(tt.in); got != tt.want {
			t.Errorf("foldLine(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a;b,c\d`, `a\;b\,c\\d`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"bell\x07", "bell\uFFFD"},
		{"tab\there", "tab\there"},
		{"bad \xff byte", "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
