package main

// The module's own JSON, read and written over jsonx rather than
// encoding/json, which would add about 190 KB to the module: the page's
// protocol data, read with the protocol's and calendar's own decoders, and
// the draft kept in the browser.

import (
	"maps"
	"resolve/internal/jsonx"
	"resolve/internal/protocol"
	"resolve/internal/workday"
	"slices"
)

// pageData is what the page's protocol-data element holds, as
// internal/build writes it: {"protocol": ..., "calendar": ...}, the
// calendar only for a custom one.
type pageData struct {
	Protocol *protocol.Protocol
	Calendar *workday.Spec // a custom calendar; nil for a built-in one
}

// decodePage reads the page's protocol data with the protocol's and the
// calendar's own decoders.
func decodePage(data []byte) (pageData, error) {
	return jsonx.Unmarshal(data, func(v *jsonx.Value) (pageData, error) {
		var d pageData
		err := v.Object(func(name string, v *jsonx.Value) (err error) {
			switch name {
			case "protocol":
				d.Protocol, err = protocol.DecodeJSON(v)
			case "calendar":
				if v.Kind != jsonx.Null {
					var spec workday.Spec
					spec, err = workday.DecodeSpecJSON(v)
					d.Calendar = &spec
				}
			default:
				err = jsonx.ErrUnknownName
			}
			return err
		})
		if err == nil && d.Protocol == nil {
			err = &jsonx.Error{Msg: "the procedure is missing"}
		}
		return d, err
	})
}

// draft is what is kept in the browser when the practitioner asks: the form
// exactly as typed, what the record carries that the form does not show,
// and when it was kept.
type draft struct {
	Values values
	Meta   meta
	Kept   string // the practitioner's local date and time, "2025-01-03T14:05:09.042"
}

// encodeDraft writes a draft as JSON, names in order.
func encodeDraft(d draft) []byte {
	var w jsonx.Writer
	w.BeginObject()
	w.Name("values")
	w.BeginObject()
	for _, name := range slices.Sorted(maps.Keys(d.Values)) {
		w.Name(name)
		w.String(d.Values[name])
	}
	w.EndObject()
	w.Name("meta")
	w.BeginObject()
	w.Name("id")
	w.String(d.Meta.ID)
	w.Name("created")
	w.String(d.Meta.Created.String())
	w.Name("answers")
	w.BeginObject()
	for _, id := range slices.Sorted(maps.Keys(d.Meta.Answers)) {
		w.Name(id)
		w.String(d.Meta.Answers[id])
	}
	w.EndObject()
	w.Name("flags")
	w.BeginObject()
	for _, id := range slices.Sorted(maps.Keys(d.Meta.Flags)) {
		w.Name(id)
		w.Bool(d.Meta.Flags[id])
	}
	w.EndObject()
	w.Name("duties_done")
	w.Strings(append([]string{}, d.Meta.DutiesDone...))
	w.EndObject()
	w.Name("kept")
	w.String(d.Kept)
	w.EndObject()
	return w.Bytes()
}

// decodeDraft reads a draft kept in the browser. Storage can be changed by
// anything else running on the site's origin, so a draft is read as
// outside input: every value must be of the right kind. Drafts kept by the
// first release have no duties_done and no kept time.
func decodeDraft(data []byte) (draft, error) {
	return jsonx.Unmarshal(data, func(v *jsonx.Value) (draft, error) {
		d := draft{Values: values{}}
		err := v.Object(func(name string, v *jsonx.Value) error {
			switch name {
			case "values":
				return v.Object(func(name string, v *jsonx.Value) error {
					s, err := v.Str()
					d.Values[name] = s
					return err
				})
			case "meta":
				return decodeMeta(v, &d.Meta)
			case "kept":
				return str(v, &d.Kept)
			}
			return jsonx.ErrUnknownName
		})
		if len(d.Meta.Answers) == 0 {
			d.Meta.Answers = nil
		}
		if len(d.Meta.Flags) == 0 {
			d.Meta.Flags = nil
		}
		if len(d.Meta.DutiesDone) == 0 {
			d.Meta.DutiesDone = nil
		}
		return d, err
	})
}

func decodeMeta(v *jsonx.Value, m *meta) error {
	return v.Object(func(name string, v *jsonx.Value) error {
		switch name {
		case "id":
			return str(v, &m.ID)
		case "created":
			var err error
			m.Created, err = workday.DecodeDateJSON(v)
			return err
		case "answers":
			m.Answers = map[string]string{}
			return v.Object(func(name string, v *jsonx.Value) error {
				s, err := v.Str()
				m.Answers[name] = s
				return err
			})
		case "flags":
			m.Flags = map[string]bool{}
			return v.Object(func(name string, v *jsonx.Value) error {
				b, err := v.Boolean()
				m.Flags[name] = b
				return err
			})
		case "duties_done":
			var err error
			m.DutiesDone, err = v.Strings()
			return err
		}
		return jsonx.ErrUnknownName
	})
}

func str(v *jsonx.Value, dst *string) error {
	s, err := v.Str()
	*dst = s
	return err
}
