package searchtest

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing/fstest"

	"resolve/internal/search"
)

// Small is a small manual: two procedures' pages, their contacts, a
// calendar and a glossary. Index it with SmallOptions.
var Small = []search.Page{
	{URL: "/hips/", Title: "Resolving professional differences", Where: "HIPS", Scope: "hips", Sections: []search.Section{
		{Text: "Use this procedure when you disagree with another agency's decision about a child."},
		{Heading: "Stage 1: Discussion with your line manager", Anchor: "stage-1", Text: "Talk the disagreement through with your line manager or safeguarding lead."},
		{Heading: "Stage 2: Inter-agency discussion", Anchor: "stage-2", Text: "Contact the other practitioner and discuss the concern within two working days."},
	}},
	{URL: "/hips/stage-3/", Title: "Stage 3: managers talk to each other", Where: "HIPS", Scope: "hips", Sections: []search.Section{
		{Heading: "What happens at this stage", Anchor: "what-happens-at-this-stage", Text: "Your line manager contacts their counterpart at the other agency. The managers review the information and escalate if it is not resolved."},
		{Heading: "When it should happen", Anchor: "when-it-should-happen", Text: "Within two working days of finishing stage 2."},
	}},
	{URL: "/hips/contacts/", Title: "Contacts", Where: "HIPS", Scope: "hips", Sections: []search.Section{
		{Text: "Hampshire Safeguarding Children Partnership. E-mail hscp@hants.example for stage 5."},
	}},
	{URL: "/tees/stage-4/", Title: "Stage 4: resolution meeting", Where: "TEES", Scope: "tees", Sections: []search.Section{
		{Heading: "Who chairs the meeting", Anchor: "who-chairs-the-meeting", Text: "A senior manager who has not been involved chairs the resolution meeting. Escalations are recorded."},
		{Heading: "Telling the IRO", Anchor: "telling-the-iro", Text: "Where the child has a care plan, tell the IRO what the meeting decided."},
	}},
	{URL: "/tees/calendar/", Title: "Days not counted", Where: "TEES", Scope: "tees", Sections: []search.Section{
		{Text: "Bank holidays in 2026: New Year's Day, Good Friday, Easter Monday, Christmas Day, Boxing Day."},
	}},
	{URL: "/glossary/", Title: "Glossary", Sections: []search.Section{
		{Heading: "Independent Reviewing Officer (IRO)", Anchor: "independent-reviewing-officer", Text: "A social worker who chairs reviews of a Looked After Child's care plan."},
		{Heading: "Designated safeguarding lead (DSL)", Anchor: "designated-safeguarding-lead", Text: "The person who takes lead responsibility for safeguarding in a school. Café résumé."},
		{Heading: "Multi-agency meeting", Anchor: "multi-agency-meeting", Text: "A meeting of practitioners from several agencies, by phone or in person."},
	}},
}

// SmallOptions index Small: the glossary's abbreviations and a synonym
// a partnership might add.
var SmallOptions = search.Options{
	Synonyms: [][]string{
		{"IRO", "Independent Reviewing Officer"},
		{"DSL", "Designated safeguarding lead"},
		{"phone", "telephone"},
	},
	Scopes: []search.Scope{{ID: "hips", URL: "/hips/"}, {ID: "tees", URL: "/tees/"}},
}

// words is the vocabulary of the generated manual: the language of
// safeguarding procedures, to which manual adds made-up words so that a
// 1,000-page manual has the tens of thousands of distinct terms of a real one.
var words = strings.Fields(`child children young person family parent carer practitioner
professional agency agencies social worker teacher school health visitor police nurse doctor
manager safeguarding lead designated officer independent reviewing conference plan protection
need concern disagreement escalation escalate resolve resolved resolution stage meeting record
decision practice risk harm significant referral assessment strategy discussion review
timescale working days information share consent confidential report written outcome feedback
partnership board procedure policy guidance local authority court order care looked after
placement education housing mental substance domestic abuse neglect emotional physical sexual
exploitation missing online trafficking radicalisation disability language interpreter advocate
support service services team multi inter threshold early help contact telephone email letter
chair minutes agenda action agreed disagreed challenge challenged respectful restorative
conversation supervision senior director head deputy line evidence chronology analysis`)

// Manual makes an n-page manual with a made-up but stable text.
func Manual(n int) []search.Page {
	r := rand.New(rand.NewPCG(1, 2))
	// Zipf-like: common words often, made-up words rarely.
	word := func() string {
		if r.IntN(10) < 8 {
			return words[int(float64(len(words))*r.Float64()*r.Float64())]
		}
		syll := []string{"ka", "lo", "mi", "ter", "vis", "pra", "dun", "sel", "ron", "bex", "qui", "tho"}
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		return b.String()
	}
	phrase := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	pages := make([]search.Page, n)
	for i := range pages {
		p := search.Page{
			URL:   "/manual/" + strconv.Itoa(i/50) + "/page-" + strconv.Itoa(i) + "/",
			Title: phrase(3 + r.IntN(4)),
			Where: "MANUAL",
		}
		for j := range 3 + r.IntN(5) {
			s := search.Section{Text: phrase(60 + r.IntN(160))}
			if j > 0 {
				s.Heading = phrase(2 + r.IntN(4))
				s.Anchor = "section-" + strconv.Itoa(j)
			}
			p.Sections = append(p.Sections, s)
		}
		pages[i] = p
	}
	return pages
}

// FS makes a file system of index files, as the site's search folder.
func FS(files []search.File) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// TypicalQueries are two- and three-word phrases taken from the manual's
// own text, as a reader types what they remember.
func TypicalQueries(pages []search.Page) []string {
	var qs []string
	for i := 0; i < len(pages); i += len(pages) / 20 {
		ws := strings.Fields(pages[i].Sections[len(pages[i].Sections)-1].Text)
		qs = append(qs, strings.Join(ws[10:12], " "), strings.Join(ws[20:23], " "))
	}
	return qs
}
