package cli

import (
	"context"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"resolve/internal/content"
	"resolve/internal/diag"
	"resolve/internal/escalation"
	"resolve/internal/inputfs"
	"resolve/internal/workday"
)

// completions collects repeated --completed N=YYYY-MM-DD flags.
type completions map[int]workday.Date

func (c completions) String() string {
	var parts []string
	for n, d := range c {
		parts = append(parts, strconv.Itoa(n)+"="+d.String())
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func (c completions) Set(v string) error {
	n, date, ok := strings.Cut(v, "=")
	if !ok {
		return errorString("write --completed as STAGE=YYYY-MM-DD, for example 1=2025-12-23")
	}
	stage, err := strconv.Atoi(n)
	if err != nil || stage < 1 {
		return errorString("stage " + strconv.Quote(n) + " is not a stage number")
	}
	d, err := workday.ParseDate(date)
	if err != nil {
		return err
	}
	if _, dup := c[stage]; dup {
		return errorString("stage " + n + " is given twice")
	}
	c[stage] = d
	return nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

// planJSON is the `plan --json` output of the design, in its key order.
type planJSON struct {
	Protocol string          `json:"protocol"`
	Calendar string          `json:"calendar"`
	Arose    string          `json:"arose"`
	Stages   []planStageJSON `json:"stages"`
}

type planStageJSON struct {
	Stage int     `json:"stage"`
	Title string  `json:"title"`
	Due   *string `json:"due"`
}

func runPlan(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("plan", "--protocol ID --arose YYYY-MM-DD [--completed N=YYYY-MM-DD]... [--json] [--content content]", stderr)
	id := fs.String("protocol", "", "the protocol's `id`")
	arose := fs.String("arose", "", "the `date` the disagreement arose, YYYY-MM-DD")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	contentDir := fs.String("content", "content", "the content `folder`")
	done := completions{}
	fs.Var(done, "completed", "a stage's completion date, as `N=YYYY-MM-DD`; repeat for each completed stage")
	if code, stop := parse(fs, args); stop {
		return code
	}
	if *id == "" || *arose == "" {
		io.WriteString(stderr, "resolve plan: --protocol and --arose are required\n")
		fs.Usage()
		return Usage
	}
	start, err := workday.ParseDate(*arose)
	if err != nil {
		io.WriteString(stderr, "resolve plan: --arose: "+err.Error()+"\n")
		return Failed
	}
	protos, problems := loadProtocols(*contentDir, workday.Of(time.Now()))
	if problems.Errors() > 0 {
		return report(problems, nil, stderr)
	}
	var found *content.Protocol
	var ids []string
	for _, p := range protos {
		ids = append(ids, p.Protocol.ID)
		if p.Protocol.ID == *id {
			found = p
		}
	}
	if found == nil {
		io.WriteString(stderr, "resolve plan: no protocol "+strconv.Quote(*id)+" in "+*contentDir+" (there are: "+strings.Join(ids, ", ")+")\n")
		return Failed
	}
	stages, err := escalation.Plan(found.Protocol, found.Calendar, start, done)
	if err != nil {
		io.WriteString(stderr, "resolve plan: "+err.Error()+"\n")
		return Failed
	}
	if *asJSON {
		out := planJSON{Protocol: found.Protocol.ID, Calendar: found.Protocol.Calendar, Arose: start.String(), Stages: []planStageJSON{}}
		for _, s := range stages {
			st := planStageJSON{Stage: s.Stage, Title: s.Title}
			if s.Known {
				d := s.Due.String()
				st.Due = &d
			}
			out.Stages = append(out.Stages, st)
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			io.WriteString(stderr, "resolve plan: "+err.Error()+"\n")
			return Failed
		}
		return OK
	}
	return writePlanTable(stdout, found, start, stages, done)
}

func writePlanTable(w io.Writer, p *content.Protocol, arose workday.Date, stages []escalation.PlannedStage, done completions) int {
	io.WriteString(w, p.Protocol.Partnership+" ("+p.Protocol.ID+", version "+p.Protocol.Version+")\n")
	io.WriteString(w, "Disagreement arose: "+escalation.LongDate(arose)+". Working days follow the "+p.Calendar.Name()+" calendar.\n\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	io.WriteString(tw, "Stage\tTitle\tDue\n")
	beyond := false
	for _, s := range stages {
		due := s.Words
		switch {
		case s.Known:
			due = escalation.LongDate(s.Due)
			if !s.Published {
				due += " *"
				beyond = true
			}
		case p.Protocol.Stages[s.Stage-1].Due != nil:
			due = "unknown until an earlier stage is completed"
		}
		if d, ok := done[s.Stage]; ok {
			due += " (completed " + escalation.LongDate(d) + ")"
		}
		io.WriteString(tw, strconv.Itoa(s.Stage)+"\t"+s.Title+"\t"+due+"\n")
	}
	tw.Flush()
	if beyond {
		io.WriteString(w, "\n* based on the usual bank holiday rules: the government has not yet published bank holidays for that year.\n")
	}
	return OK
}

// loadProtocols loads the protocols of a content folder and the calendars
// they use, without layouts or rendering: what plan and audit need.
// Problems are reported as in a build.
func loadProtocols(dir string, today workday.Date) ([]*content.Protocol, diag.List) {
	folder, err := inputfs.Open(dir)
	if err != nil {
		return nil, diag.List{{Path: dir, Message: "no such folder"}}
	}
	defer folder.Close()
	tree, problems := content.Load(folder.FS, dir)
	cat, more := tree.Catalog(today)
	return cat.Protocols, append(problems, more...)
}
