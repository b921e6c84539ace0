package build

import (
	"html/template"

	"resolve/internal/diag"
	"resolve/internal/jsonx"
)

// addAuditPage adds /audit/, the partnership's audit page, to a site that
// has protocols and whose layouts have audit.html. The page reads audit
// returns and saved records in the browser, with a WebAssembly module of
// its own (wasm/audit, which internal/wasmbuild puts beside the page), so
// it carries every protocol and its custom calendar, as the form carries
// its own.
func (s *site) addAuditPage(problems *diag.List) {
	if len(s.protos) == 0 || !s.layouts.has("audit") {
		return
	}
	d := &auditData{Manifest: s.url("/audit/wasm/manifest.json"), Schema: s.url("/schema/audit-v1.json")}
	d.Module, d.Exec = s.moduleURLs("audit")
	var w jsonx.Writer
	w.BeginObject()
	w.Name("protocols")
	w.BeginArray()
	for _, pr := range s.protos {
		w.BeginObject()
		w.Name("protocol")
		pr.WriteJSON(&w)
		if cal := s.calendarSpec(pr.Calendar); cal != nil {
			w.Name("calendar")
			cal.WriteJSON(&w)
		}
		w.EndObject()
		d.Protocols = append(d.Protocols, s.protoView(pr, nil))
	}
	w.EndArray()
	w.EndObject()
	d.JSON = template.JS(w.Bytes()) // <, > and & are escaped: safe in a script element
	p := s.generated("/audit/", "audit", "Audit of professional disagreements",
		"For the partnership: see how the procedures are used, from practitioners' audit returns. The files stay on your computer.", nil, d)
	s.add(p, problems)
}

// auditData is what layouts/audit.html renders the page from.
type auditData struct {
	JSON      template.JS  // {"protocols": [{"protocol": ..., "calendar": ...}]}, for the module
	Manifest  string       // URL of the audit module's manifest, audit/wasm/manifest.json
	Module    string       // URL of the module, when the build knows it (as the record form's)
	Exec      string       // URL of its wasm_exec.js, likewise
	Schema    string       // URL of the audit return's JSON Schema
	Protocols []*protoView // for where and how often each sends returns
}
