package sitetest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"resolve/internal/browsertest"
	"resolve/internal/escalation"
	"resolve/internal/protocol"
)

// markup is typed into an answer: it must be kept and shown as text, and
// never run.
const markup = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`

// TestRecordJourney follows a practitioner through each example
// protocol's form with the keyboard only: prepare the concern, answer the
// facts, complete stage 1, see the due dates, meet an error, save the
// record and the other files, then open the saved file in a fresh page,
// after two files are refused with the draft kept.
func TestRecordJourney(t *testing.T) {
	site := buildSiteForRecord(t)
	base := browsertest.Serve(t, site)
	for _, rc := range recordCases(t) {
		t.Run(rc.id, func(t *testing.T) {
			journey(t, base, rc)
		})
	}
}

func journey(t *testing.T, base string, rc recordCase) {
	ctx := tab(t)
	dir := downloads(t, ctx)
	log := openRecord(t, ctx, base, rc.id)

	// Typing works at once, before the module has loaded, and what was
	// typed is still there once it has.
	ref := "REF-" + strings.ToUpper(rc.id) + " 42"
	typeIn(t, ctx, "reference", ref)
	waitReady(t, ctx)
	if got := value(t, ctx, "reference"); got != ref {
		t.Fatalf("reference typed before the module loaded = %q after; want %q", got, ref)
	}
	ready := eval[float64](t, ctx, `performance.getEntriesByName("record-ready")[0].startTime`)
	loadLong := eval[float64](t, ctx, `Math.max(0, ...window.__longtasks.map((e) => e.duration))`)
	axeClean(t, ctx, "empty form")
	typingFrom := eval[int](t, ctx, `window.__longtasks.length`)

	// Prepare the concern.
	typeIn(t, ctx, "agency", "Primary school")
	typeIn(t, ctx, "other_agency", "Children's social care")
	typeIn(t, ctx, "raised_by", "class teacher")
	arose := today.AddDays(-7)
	typeDate(t, ctx, "arose", arose)
	answers := map[string]string{}
	for i, q := range rc.p.Template {
		a := "Answer " + strconv.Itoa(i+1) + " for " + q.ID
		if i == 0 {
			a = markup
		}
		answers[q.ID] = a
		typeIn(t, ctx, "answers."+q.ID, a)
	}
	// The facts: the first urgent flag yes (its action shows at once), the
	// rest no.
	flags := map[string]bool{}
	urgentSeen := false
	for _, f := range rc.p.Flags {
		if f.Urgent && !urgentSeen {
			urgentSeen = true
			flags[f.ID] = true
			press(t, ctx, "flags."+f.ID, " ")
			if !eval[bool](t, ctx, `getComputedStyle(document.getElementById(`+jsString("flags."+f.ID+"-group")+`).querySelector(".flag-action")).display !== "none"`) {
				t.Errorf("the action of urgent flag %s is not shown after answering yes", f.ID)
			}
			if d := text(t, ctx, "duty-list"); !strings.Contains(d, f.Action) || !strings.HasPrefix(d, protocol.FirstLabel) {
				t.Errorf("what to do now = %q; want the urgent action %q first", d, f.Action)
			}
			continue
		}
		flags[f.ID] = false
		press(t, ctx, "flags."+f.ID+"-no", " ")
	}

	// Stage 1, completed the day after, not resolved: stage 2 is under way.
	typeIn(t, ctx, "stages.1.with", "My line manager")
	typeIn(t, ctx, "stages.1.notes", "We agreed to escalate.")
	done1 := arose.AddDays(1)
	typeDate(t, ctx, "stages.1.completed", done1)
	press(t, ctx, "stages.1.outcome-not-resolved", " ")
	typeIn(t, ctx, "stages.2.notes", "Phoned the social worker.")
	typingLong := eval[float64](t, ctx, `Math.max(0, ...window.__longtasks.slice(`+strconv.Itoa(typingFrom)+`).map((e) => e.duration))`)

	// The due dates, with their weekday and status, as the engine counts
	// them on this calendar. Stage 2's start was not typed: it is counted
	// from stage 1's completion, and not written down.
	r := &escalation.Record{Arose: arose, Flags: flags, Stages: []escalation.Stage{
		{Stage: 1, Completed: done1, Outcome: escalation.NotResolved},
		{Stage: 2},
	}}
	for _, st := range escalation.Statuses(r, rc.p, rc.cal, today) {
		n := strconv.Itoa(st.Stage)
		got := text(t, ctx, "due-"+n)
		if st.Known {
			want := escalation.LongDate(st.Due)
			if !strings.Contains(got, want) || !strings.Contains(got, st.Due.Weekday().String()) {
				t.Errorf("stage %d due: %q; want %q", st.Stage, got, want)
			}
		}
		if !strings.Contains(strings.ToLower(got), strings.ToLower(st.Text())) {
			t.Errorf("stage %d status: %q; want %q", st.Stage, got, st.Text())
		}
	}
	if rc.p.Stages[0].Due != nil && rc.p.Stages[0].Due.WorkingDays > 0 {
		due := rc.cal.Due(arose, rc.p.Stages[0].Due.WorkingDays)
		if got := text(t, ctx, "due-date-1"); !strings.Contains(got, escalation.LongDate(due)) {
			t.Errorf("stage 1 due date in the summary = %q; want %s (%d working days after %v)", got, escalation.LongDate(due), rc.p.Stages[0].Due.WorkingDays, arose)
		}
	}

	// An error: a date that does not exist, flagged beside the field as
	// soon as the practitioner leaves it.
	typeIn(t, ctx, "feedback.given-day", "31")
	typeIn(t, ctx, "feedback.given-month", "2")
	typeIn(t, ctx, "feedback.given-year", strconv.Itoa(today.Year))
	typeIn(t, ctx, "feedback.how", "x")
	poll[bool](t, ctx, `!document.getElementById("feedback.given-error").hidden`)
	if !strings.Contains(text(t, ctx, "feedback.given-error"), "real date") {
		t.Errorf("the field's own error message is %q; want it to say the date is not real", text(t, ctx, "feedback.given-error"))
	}
	if title := eval[string](t, ctx, `document.title`); !strings.HasPrefix(title, "Error: ") {
		t.Errorf("title with an error on show = %q; want it to start with \"Error: \"", title)
	}
	if f := eval[string](t, ctx, `document.activeElement.id`); f != "feedback.how" {
		t.Errorf("flagging the error moved the focus to %q", f)
	}
	axeClean(t, ctx, "with errors")

	// Saving never refuses: the record is saved with everything that can
	// be, and what is left is listed to finish, linked to the fields.
	press(t, ctx, "save-record", kb.Enter)
	name, saved := download(t, dir, rc.id+"-record-", ".json")
	if !strings.HasPrefix(name, rc.id+"-record-"+today.String()+"-") || strings.Contains(strings.ToLower(name), "ref") {
		t.Errorf("saved file name %q; want %s-record-%s-<id> with nothing typed in it", name, rc.id, today)
	}
	poll[bool](t, ctx, `!document.getElementById("error-summary").hidden`)
	if f := eval[string](t, ctx, `document.activeElement.id`); f != "error-summary" {
		t.Errorf("after saving with things to finish, the focus is on %q; want the summary", f)
	}
	if h := text(t, ctx, "error-summary-title"); h != "To finish this record" {
		t.Errorf("the summary after saving is headed %q; want it worded as things to finish", h)
	}
	links := eval[[]string](t, ctx, `[...document.querySelectorAll("#error-summary-list a")].map((a) => a.getAttribute("href"))`)
	if !slices.Equal(links, []string{"#feedback.given-day"}) {
		t.Errorf("summary links %q; want one, to #feedback.given-day", links)
	}
	if rec, _, err := escalation.Import(saved, rc.p, today); err != nil || rec.Reference != ref || !rec.Feedback.Given.IsZero() {
		t.Errorf("the file saved with a date that is not real: %+v, %v; want it saved without that date", rec, err)
	}
	if got := value(t, ctx, "feedback.given-day") + "/" + value(t, ctx, "feedback.given-month"); got != "31/2" {
		t.Errorf("the date typed was changed to %q; want it kept as 31/2", got)
	}
	axeClean(t, ctx, "saved with things to finish")
	// Follow the link with the keyboard: the focus goes to the day.
	if err := browsertest.Do(ctx, chromedp.Focus(chromedp.CSS("#error-summary-list a")), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if f := poll[string](t, ctx, `document.activeElement.id === "feedback.given-day" && document.activeElement.id`); f != "feedback.given-day" {
		t.Errorf("following the error link focused %q", f)
	}
	feedback := today.AddDays(-1)
	for _, part := range []string{"-day", "-month", "-year"} {
		clear(t, ctx, "feedback.given"+part)
	}
	typeDate(t, ctx, "feedback.given", feedback)

	// Save again. The file is the record, exactly as typed, and nothing else.
	press(t, ctx, "save-record", kb.Enter)
	_, saved = download(t, dir, rc.id+"-record-", ".json")
	poll[bool](t, ctx, `document.getElementById("error-summary").hidden`)
	if strings.HasPrefix(eval[string](t, ctx, `document.title`), "Error") {
		t.Error("the title's Error: stayed after the error was put right")
	}
	rec, _, err := escalation.Import(saved, rc.p, today)
	if err != nil {
		t.Fatalf("the saved file does not open: %v\n%s", err, saved)
	}
	if ps := escalation.Validate(rec, rc.p, today); len(ps) > 0 {
		t.Errorf("the saved record still has things to finish: %v", ps)
	}
	if rec.Reference != ref || rec.Arose != arose || rec.Feedback.Given != feedback {
		t.Errorf("saved reference %q arose %v feedback %v; want %q %v %v", rec.Reference, rec.Arose, rec.Feedback.Given, ref, arose, feedback)
	}
	for id, a := range answers {
		if rec.Answers[id] != a {
			t.Errorf("saved answer %s = %q; want %q", id, rec.Answers[id], a)
		}
	}
	for id, set := range flags {
		if got, ok := rec.Flags[id]; !ok || got != set {
			t.Errorf("saved flag %s = %v, %v; want %v", id, got, ok, set)
		}
	}
	if len(rec.Stages) != 2 || rec.Stages[0].Completed != done1 || rec.Stages[1].Notes != "Phoned the social worker." ||
		!rec.Stages[0].Started.IsZero() || !rec.Stages[1].Started.IsZero() {
		t.Errorf("saved stages %+v; want stage 1 completed %v and stage 2 under way, no start date that was not typed", rec.Stages, done1)
	}
	if eval[string](t, ctx, `document.getElementById("record-form").getAttribute("data-dirty")`) != "false" {
		t.Error("the form still counts as unsaved after saving")
	}
	axeClean(t, ctx, "completed")

	// The other files.
	press(t, ctx, "export-html", kb.Enter)
	_, html := download(t, dir, rc.id+"-record-", ".html")
	if strings.Contains(string(html), "<img src=x") || !strings.Contains(string(html), "&lt;img src=x") {
		t.Error("the printable copy does not show the typed markup as text")
	}
	press(t, ctx, "export-text", kb.Enter)
	if _, txt := download(t, dir, rc.id+"-record-", ".txt"); !strings.Contains(string(txt), ref) {
		t.Error("the plain text does not hold the reference")
	}
	press(t, ctx, "export-ics", kb.Enter)
	if _, ics := download(t, dir, rc.id+"-due-dates-", ".ics"); !strings.HasPrefix(string(ics), "BEGIN:VCALENDAR") {
		t.Errorf("the calendar file starts %q", string(ics[:min(20, len(ics))]))
	}
	press(t, ctx, "export-audit", kb.Enter)
	auditName, audit := download(t, dir, rc.id+"-audit-return-", ".json")
	if strings.Contains(strings.ToLower(auditName), "ref") || strings.Contains(string(audit), "REF-") || strings.Contains(string(audit), "Primary school") {
		t.Errorf("the audit return %s names the case:\n%s", auditName, audit)
	}
	if _, err := escalation.ParseAudit(audit); err != nil {
		t.Errorf("the audit return does not parse: %v", err)
	}

	// Markup typed into an answer was never run, and never became markup.
	if eval[bool](t, ctx, `"__pwned" in window || document.querySelectorAll('img[src="x"]').length > 0`) {
		t.Error("markup typed into an answer ran or was inserted into the page")
	}
	for _, u := range log.Foreign(base) {
		t.Errorf("request to another origin: %s", u)
	}
	t.Logf("%s: module ready %.0f ms after navigation; longest main-thread task until then %.0f ms, while typing the form %.0f ms", rc.id, ready, loadLong, typingLong)

	reopen(t, base, rc, saved, ref)
}

// reopen opens a fresh page of the same protocol, types into it, is refused
// a broken file and a foreign one with the typing kept, then opens the saved
// record after confirming it may replace the typing.
func reopen(t *testing.T, base string, rc recordCase, saved []byte, ref string) {
	ctx := tab(t)
	openRecord(t, ctx, base, rc.id)
	waitReady(t, ctx)
	typeIn(t, ctx, "agency", "draft text")

	files := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(files, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var foreign map[string]any
	if err := json.Unmarshal(saved, &foreign); err != nil {
		t.Fatal(err)
	}
	foreign["protocol"].(map[string]any)["id"] = "another-procedure"
	foreignJSON, _ := json.Marshal(foreign)
	refused := []struct {
		name string
		data []byte
		why  string
	}{
		{"broken.json", saved[:len(saved)/2], "not valid JSON"},
		{"foreign.json", foreignJSON, "another-procedure"},
		{"future.json", []byte(strings.Replace(string(saved), `"version": 1`, `"version": 2`, 1)), "version 2"},
		{"huge.json", []byte(strings.Repeat(" ", escalation.MaxSize) + string(saved)), "too large"},
	}
	for _, f := range refused {
		if err := browsertest.Do(ctx, chromedp.SetUploadFiles(css("open-file"), []string{write(f.name, f.data)})); err != nil {
			t.Fatal(err)
		}
		msg := poll[string](t, ctx, `(() => { const e = document.getElementById("open-file-error"); return !e.hidden && e.textContent.includes(`+jsString(f.name)+`) && e.textContent; })()`)
		if !strings.Contains(msg, f.why) || !strings.Contains(msg, "Nothing in the form has changed") {
			t.Errorf("refusing %s: %q; want a message naming %q that says the form is unchanged", f.name, msg, f.why)
		}
		if got := value(t, ctx, "agency"); got != "draft text" {
			t.Errorf("after refusing %s the draft's agency is %q; want it kept", f.name, got)
		}
	}

	// The saved record replaces the typing only once the practitioner says so.
	if err := browsertest.Do(ctx, chromedp.SetUploadFiles(css("open-file"), []string{write("saved.json", saved)})); err != nil {
		t.Fatal(err)
	}
	poll[bool](t, ctx, `!document.getElementById("replace-confirm").hidden`)
	if got := value(t, ctx, "agency"); got != "draft text" {
		t.Errorf("the form changed before the replacement was confirmed: agency %q", got)
	}
	press(t, ctx, "replace-yes", kb.Enter)
	poll[bool](t, ctx, `document.getElementById("reference").value !== ""`)
	if got := value(t, ctx, "reference"); got != ref {
		t.Errorf("reopened reference = %q; want %q", got, ref)
	}
	if got := value(t, ctx, "agency"); got != "Primary school" {
		t.Errorf("reopened agency = %q; want the saved one", got)
	}
	if got := value(t, ctx, "answers."+rc.p.Template[0].ID); got != markup {
		t.Errorf("reopened first answer = %q; want the markup, as text", got)
	}
	if got := value(t, ctx, "stages.2.notes"); got != "Phoned the social worker." {
		t.Errorf("reopened stage 2 notes = %q", got)
	}
	if !visible(t, ctx, "open-result") || !strings.Contains(text(t, ctx, "open-result"), "saved.json") {
		t.Errorf("no message says which record is open: %q", text(t, ctx, "open-result"))
	}
	if eval[bool](t, ctx, `"__pwned" in window`) {
		t.Error("markup in the reopened record ran")
	}
	axeClean(t, ctx, "reopened")
}
