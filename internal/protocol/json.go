package protocol

// The build embeds each protocol in its record form's page as JSON, and
// the browser module reads it from there. The encoding is written by hand
// over jsonx so that the module does not carry encoding/json; it is the
// JSON encoding/json writes from the json tags of the types in
// protocol.go, which the tests check. A field added there needs adding
// here.

import (
	"resolve/internal/jsonx"
	"resolve/internal/workday"
)

// JSON returns p as json.Marshal writes it: compact, with <, > and &
// escaped so that it is safe inside a page's script element.
func (p *Protocol) JSON() []byte {
	var w jsonx.Writer
	p.WriteJSON(&w)
	return w.Bytes()
}

// WriteJSON writes p to w, for a document that holds a protocol.
func (p *Protocol) WriteJSON(w *jsonx.Writer) {
	w.BeginObject()
	str(w, "id", p.ID)
	str(w, "partnership", p.Partnership)
	str(w, "calendar", p.Calendar)
	str(w, "version", p.Version)
	str(w, "published", p.Published.String())
	str(w, "review_due", p.ReviewDue.String())
	optStr(w, "dates_note", p.DatesNote)
	optStr(w, "emergency", p.Emergency)
	w.Name("when_to_use")
	w.Strings(p.WhenToUse)
	optStr(w, "later_start", p.LaterStart)
	w.Name("stages")
	if p.Stages == nil {
		w.Null()
	} else {
		w.BeginArray()
		for i := range p.Stages {
			writeStage(w, &p.Stages[i])
		}
		w.EndArray()
	}
	if len(p.Flags) > 0 {
		w.Name("flags")
		w.BeginArray()
		for _, f := range p.Flags {
			w.BeginObject()
			str(w, "id", f.ID)
			str(w, "question", f.Question)
			str(w, "action", f.Action)
			optInt(w, "from_stage", f.FromStage)
			if f.Urgent {
				w.Name("urgent")
				w.Bool(true)
			}
			w.EndObject()
		}
		w.EndArray()
	}
	if len(p.Template) > 0 {
		w.Name("template")
		w.BeginArray()
		for _, q := range p.Template {
			w.BeginObject()
			str(w, "id", q.ID)
			str(w, "question", q.Question)
			optStr(w, "hint", q.Hint)
			w.EndObject()
		}
		w.EndArray()
	}
	if len(p.Contacts) > 0 {
		w.Name("contacts")
		w.BeginArray()
		for _, c := range p.Contacts {
			w.BeginObject()
			optStr(w, "id", c.ID)
			optInt(w, "stage", c.Stage)
			str(w, "name", c.Name)
			optStr(w, "role", c.Role)
			optStr(w, "email", c.Email)
			optStr(w, "phone", c.Phone)
			optStr(w, "url", c.URL)
			w.EndObject()
		}
		w.EndArray()
	}
	if len(p.Changes) > 0 {
		w.Name("changes")
		w.BeginArray()
		for _, c := range p.Changes {
			w.BeginObject()
			str(w, "version", c.Version)
			str(w, "date", c.Date.String())
			str(w, "summary", c.Summary)
			w.EndObject()
		}
		w.EndArray()
	}
	w.EndObject()
}

func writeStage(w *jsonx.Writer, s *Stage) {
	w.BeginObject()
	str(w, "title", s.Title)
	str(w, "who", s.Who)
	str(w, "summary", s.Summary)
	if s.Due != nil {
		w.Name("due")
		w.BeginObject()
		optInt(w, "working_days", s.Due.WorkingDays)
		optInt(w, "calendar_days", s.Due.CalendarDays)
		str(w, "after", s.Due.After)
		w.EndObject()
	}
	optStr(w, "timescale", s.TimescaleText)
	optStr(w, "record", s.Record)
	if len(s.Prompts) > 0 {
		w.Name("prompts")
		w.Strings(s.Prompts)
	}
	optStr(w, "page", s.Page)
	w.EndObject()
}

func str(w *jsonx.Writer, name, s string) {
	w.Name(name)
	w.String(s)
}

// optStr writes a member tagged omitempty.
func optStr(w *jsonx.Writer, name, s string) {
	if s != "" {
		str(w, name, s)
	}
}

// optInt writes a member tagged omitempty.
func optInt(w *jsonx.Writer, name string, n int) {
	if n != 0 {
		w.Name(name)
		w.Int(n)
	}
}

// ParseJSON reads a protocol as JSON writes it. It refuses names the types
// do not have and values of the wrong kind, saying where they are; it does
// not check that the protocol makes sense, which check.Protocol does on the host.
func ParseJSON(data []byte) (*Protocol, error) {
	return jsonx.Unmarshal(data, DecodeJSON)
}

// DecodeJSON reads a protocol from parsed JSON, for a document that holds
// one (the record form's page holds a protocol and its calendar).
func DecodeJSON(v *jsonx.Value) (*Protocol, error) {
	p := &Protocol{}
	err := v.Object(func(name string, v *jsonx.Value) (err error) {
		switch name {
		case "id":
			p.ID, err = v.Str()
		case "partnership":
			p.Partnership, err = v.Str()
		case "calendar":
			p.Calendar, err = v.Str()
		case "version":
			p.Version, err = v.Str()
		case "published":
			p.Published, err = workday.DecodeDateJSON(v)
		case "review_due":
			p.ReviewDue, err = workday.DecodeDateJSON(v)
		case "dates_note":
			p.DatesNote, err = v.Str()
		case "emergency":
			p.Emergency, err = v.Str()
		case "when_to_use":
			p.WhenToUse, err = v.Strings()
		case "later_start":
			p.LaterStart, err = v.Str()
		case "stages":
			p.Stages, err = jsonx.Slice(v, decodeStage)
		case "flags":
			p.Flags, err = jsonx.Slice(v, decodeFlag)
		case "template":
			p.Template, err = jsonx.Slice(v, decodeQuestion)
		case "contacts":
			p.Contacts, err = jsonx.Slice(v, decodeContact)
		case "changes":
			p.Changes, err = jsonx.Slice(v, decodeChange)
		default:
			return jsonx.ErrUnknownName
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

func decodeStage(v *jsonx.Value) (Stage, error) {
	var s Stage
	err := v.Object(func(name string, v *jsonx.Value) (err error) {
		switch name {
		case "title":
			s.Title, err = v.Str()
		case "who":
			s.Who, err = v.Str()
		case "summary":
			s.Summary, err = v.Str()
		case "due":
			if v.Kind != jsonx.Null {
				s.Due, err = decodeDue(v)
			}
		case "timescale":
			s.TimescaleText, err = v.Str()
		case "record":
			s.Record, err = v.Str()
		case "prompts":
			s.Prompts, err = v.Strings()
		case "page":
			s.Page, err = v.Str()
		default:
			return jsonx.ErrUnknownName
		}
		return err
	})
	return s, err
}

func decodeDue(v *jsonx.Value) (*Due, error) {
	d := &Due{}
	err := v.Object(func(name string, v *jsonx.Value) (err error) {
		switch name {
		case "working_days":
			d.WorkingDays, err = v.Int()
		case "calendar_days":
			d.CalendarDays, err = v.Int()
		case "after":
			d.After, err = v.Str()
		default:
			return jsonx.ErrUnknownName
		}
		return err
	})
	return d, err
}

func decodeFlag(v *jsonx.Value) (Flag, error) {
	var f Flag
	err := v.Object(func(name string, v *jsonx.Value) (err error) {
		switch name {
		case "id":
			f.ID, err = v.Str()
		case "question":
			f.Question, err = v.Str()
		case "action":
			f.Action, err = v.Str()
		case "from_stage":
			f.FromStage, err = v.Int()
		case "urgent":
			f.Urgent, err = v.Boolean()
		default:
			return jsonx.ErrUnknownName
		}
		return err
	})
	return f, err
}

func decodeQuestion(v *jsonx.Value) (Question, error) {
	var q Question
	err := v.Object(func(name string, v *jsonx.Value) (err error) {
		switch name {
		case "id":
			q.ID, err = v.Str()
		case "question":
			q.Question, err = v.Str()
		case "hint":
			q.Hint, err = v.Str()
		default:
			return jsonx.ErrUnknownName
		}
		return err
	})
	return q, err
}

func decodeContact(v *jsonx.Value) (Contact, error) {
	var c Contact
	err := v.Object(func(name string, v *jsonx.Value) (err error) {
		switch name {
		case "id":
			c.ID, err = v.Str()
		case "stage":
			c.Stage, err = v.Int()
		case "name":
			c.Name, err = v.Str()
		case "role":
			c.Role, err = v.Str()
		case "email":
			c.Email, err = v.Str()
		case "phone":
			c.Phone, err = v.Str()
		case "url":
			c.URL, err = v.Str()
		default:
			return jsonx.ErrUnknownName
		}
		return err
	})
	return c, err
}

func decodeChange(v *jsonx.Value) (Change, error) {
	var c Change
	err := v.Object(func(name string, v *jsonx.Value) (err error) {
		switch name {
		case "version":
			c.Version, err = v.Str()
		case "date":
			c.Date, err = workday.DecodeDateJSON(v)
		case "summary":
			c.Summary, err = v.Str()
		default:
			return jsonx.ErrUnknownName
		}
		return err
	})
	return c, err
}
