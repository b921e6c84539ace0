package build

import (
	"time"

	"resolve/internal/diag"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// stageView is a stage as layouts show it.
type stageView struct {
	N         int
	Title     string
	Who       string
	Summary   string
	Timescale string
	Record    string
	Prompts   []string
	Page      string // URL of the stage's own page, if any
	Duties    []protocol.Flag
}

// protoView is what layouts know about the protocol a page belongs to.
type protoView struct {
	*protocol.Protocol
	Title        string
	URL          string
	CalendarName string
	Stages       []stageView
	Urgent       []protocol.Flag
	Duties       []protocol.Flag // non-urgent flags
	Contents     []*navLink      // the protocol's pages, in order
	Tools        []*navLink      // its generated pages
}

func (s *site) protoView(pr *proto, current *page) *protoView {
	if pr == nil {
		return nil
	}
	v := &protoView{
		Protocol:     pr.Protocol,
		Title:        pr.index.title,
		URL:          s.url(pr.index.url),
		CalendarName: pr.cal.Name(),
	}
	for i, st := range pr.Stages {
		sv := stageView{
			N: i + 1, Title: st.Title, Who: st.Who, Summary: st.Summary,
			Timescale: st.Timescale(i + 1), Record: st.Record, Prompts: st.Prompts,
		}
		if st.Page != "" {
			if p := s.bySrc[pr.src.Dir+"/"+st.Page]; p != nil {
				sv.Page = s.url(p.url)
			}
		}
		for _, f := range pr.Flags {
			from := f.FromStage
			if from == 0 {
				from = 1
			}
			if !f.Urgent && from == i+1 {
				sv.Duties = append(sv.Duties, f)
			}
		}
		v.Stages = append(v.Stages, sv)
	}
	for _, f := range pr.Flags {
		if f.Urgent {
			v.Urgent = append(v.Urgent, f)
		} else {
			v.Duties = append(v.Duties, f)
		}
	}
	add := func(p *page, list *[]*navLink) {
		l := s.link(p)
		l.Current = p == current
		*list = append(*list, l)
	}
	add(pr.index, &v.Contents)
	v.Contents[0].Title = "Overview"
	for _, c := range pr.index.children {
		if c.src != nil {
			add(c, &v.Contents)
		} else {
			add(c, &v.Tools)
		}
	}
	return v
}

// calendarData is the data of a protocol's calendar page.
type calendarData struct {
	Years []calendarYear
}

type calendarYear struct {
	Year     int
	Holidays []holidayView
}

type holidayView struct {
	Date      workday.Date
	Name      string
	Published bool // from published data rather than the usual rules
}

func (s *site) addProtocolPages(pr *proto, problems *diag.List) {
	base := "/" + pr.ID + "/"
	var cd calendarData
	for y := s.cfg.Today.Year; y <= s.cfg.Today.Year+1; y++ {
		cy := calendarYear{Year: y}
		for _, h := range pr.cal.Holidays(workday.Date{Year: y, Month: time.January, Day: 1}, workday.Date{Year: y, Month: time.December, Day: 31}) {
			cy.Holidays = append(cy.Holidays, holidayView{Date: h.Date, Name: h.Name, Published: pr.cal.Published(h.Date)})
		}
		cd.Years = append(cd.Years, cy)
	}
	fd, ok := s.addFlowchart(pr, problems)
	if !ok {
		s.setAside(pr.src.Path) // its generated pages are not made
		return
	}
	embed := s.generated(base+"embed/flowchart/", "embed-flowchart", pr.index.title+": flowchart", "", pr, fd)
	embed.noIndex = true
	s.add(embed, problems)
	pages := []*page{
		s.generated(base+"flowchart/", "flowchart", "Flowchart", "The stages of "+pr.index.title+" as a flowchart, with a trainer's mode and a version to embed.", pr, fd),
		s.recordPage(pr),
		s.generated(base+"contacts/", "contacts", "Contacts", "Who to contact about "+pr.index.title+", and what to do if a child is in danger.", pr, nil),
		s.generated(base+"calendar/", "calendar", "Days not counted", "The bank holidays that do not count as working days in this procedure's timescales.", pr, cd),
		s.generated(base+"changes/", "changes", "What changed", "Each version of this procedure, with what changed.", pr, s.historyOf(pr)),
	}
	for i, p := range pages {
		p.weight = 1000 + i
		if s.add(p, problems) {
			pr.index.children = append(pr.index.children, p)
		}
	}
}
