package flowchart

import (
	"bytes"
	"html/template"
	"strconv"

	"resolve/internal/protocol"
)

// templates are the list of stages and the trainer controls, parsed once.
// The list says everything the chart says, in the same order.
var templates = template.Must(template.New("flowchart").Parse(`
{{- define "steps" -}}
{{if .Urgent}}<div class="fc-urgent">
<p class="fc-urgent-heading"><strong>{{.UrgentHeading}}</strong></p>
<ul class="fc-urgent-list">
{{- range .Urgent}}
<li><strong>{{.Question}}</strong> {{$.IfYes}}{{.Action}}</li>
{{- end}}
</ul>
</div>
{{end -}}
<ol class="fc-steps">
{{- range .Stages}}
<li class="fc-item" id="stage-{{.N}}" data-stage="{{.N}}">
<details class="fc-details">
<summary class="fc-summary"><span class="fc-item-number">Stage {{.N}}</span> <span class="fc-item-title">{{.Title}}</span></summary>
<div class="fc-body">
<dl class="fc-facts">
<dt>Who</dt>
<dd>{{.Who}}</dd>
<dt>What to do</dt>
<dd>{{.Summary}}</dd>
<dt>Timescale</dt>
<dd>{{.Timescale}}</dd>
{{- if .Record}}
<dt>What to record</dt>
<dd>{{.Record}}</dd>
{{- end}}
</dl>
{{- if .Prompts}}
<p class="fc-label">Questions to guide the conversation</p>
<ul class="fc-prompts">
{{- range .Prompts}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
{{- if .Duties}}
<div class="fc-duties">
<p class="fc-label">From this stage</p>
<ul>
{{- range .Duties}}
<li><strong>{{.Question}}</strong> {{$.IfYes}}{{.Action}}</li>
{{- end}}
</ul>
</div>
{{- end}}
<p class="fc-next"><strong>{{$.Question}}</strong> Yes: {{$.Action}}. No: {{.Next}}.</p>
<p class="fc-links">
{{- if .PageURL}}<a href="{{.PageURL}}">Read stage {{.N}} in full</a> {{end -}}
<a href="#compact-stage-{{.N}}" class="fc-to-compact">Show stage {{.N}} in the flowchart</a>
<a href="#chart-stage-{{.N}}" class="fc-to-tall">Show stage {{.N}} in the flowchart</a></p>
</div>
</details>
</li>
{{- end}}
</ol>
{{end}}

{{- define "trainer" -}}
<div class="fc-trainer" data-fc-trainer hidden>
<button type="button" class="fc-button" data-fc-present>Present</button>
<div class="fc-controls" data-fc-controls hidden>
<button type="button" class="fc-button fc-button-secondary" data-fc-prev>Previous</button>
<p class="fc-progress" data-fc-progress aria-live="polite">Stage 1 of {{.}}</p>
<button type="button" class="fc-button" data-fc-next>Next</button>
<button type="button" class="fc-button fc-button-secondary" data-fc-exit>Exit</button>
</div>
</div>
{{end}}`))

// listStage is one stage as the list template sees it.
type listStage struct {
	N         int
	Title     string
	Who       string
	Summary   string
	Timescale string
	Record    string
	Prompts   []string
	Duties    []protocol.Flag
	Next      string
	PageURL   string
}

// renderSteps writes the ordered list of stages.
func renderSteps(p *protocol.Protocol, f facts, o Options) ([]byte, error) {
	data := struct {
		Urgent           []protocol.Flag
		UrgentHeading    string
		IfYes            string
		Question, Action string
		Stages           []listStage
	}{
		Urgent:        f.urgent,
		UrgentHeading: urgentHeading,
		IfYes:         ifYes,
		Question:      resolvedQuestion,
		Action:        resolvedAction,
	}
	for i, s := range p.Stages {
		ls := listStage{
			N: i + 1, Title: s.Title, Who: s.Who, Summary: s.Summary,
			Timescale: f.timescales[i], Record: s.Record, Prompts: s.Prompts,
			Duties: f.duties[i], Next: "go on to stage " + strconv.Itoa(i+2),
		}
		if i == len(p.Stages)-1 {
			ls.Next = f.end
		}
		if s.Page != "" && o.PageURL != nil {
			ls.PageURL = o.PageURL(s.Page)
		}
		data.Stages = append(data.Stages, ls)
	}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "steps", data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
