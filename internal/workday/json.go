package workday

// A custom calendar travels to the browser with its protocol, as JSON. The
// encoding is written by hand over jsonx so that the browser module does
// not carry encoding/json; it is the JSON encoding/json writes from the
// json tags of Spec and Holiday, which the tests check.

import "resolve/internal/jsonx"

// JSON returns s as json.Marshal writes it: compact, with <, > and &
// escaped so that it is safe inside a page's script element.
func (s Spec) JSON() []byte {
	var w jsonx.Writer
	s.WriteJSON(&w)
	return w.Bytes()
}

// WriteJSON writes s to w, for a document that holds a calendar.
func (s Spec) WriteJSON(w *jsonx.Writer) {
	w.BeginObject()
	w.Name("id")
	w.String(s.ID)
	w.Name("name")
	w.String(s.Name)
	w.Name("base")
	w.String(s.Base)
	w.Name("add")
	writeHolidays(w, s.Add)
	w.Name("remove")
	writeHolidays(w, s.Remove)
	w.EndObject()
}

func writeHolidays(w *jsonx.Writer, list []Holiday) {
	if list == nil {
		w.Null()
		return
	}
	w.BeginArray()
	for _, h := range list {
		w.BeginObject()
		w.Name("date")
		w.String(h.Date.String())
		w.Name("name")
		w.String(h.Name)
		w.EndObject()
	}
	w.EndArray()
}

// ParseSpecJSON reads a custom calendar as JSON writes it. It refuses
// names Spec does not have and values of the wrong kind, saying where they
// are; it does not check that the calendar makes sense, which NewCustom
// does.
func ParseSpecJSON(data []byte) (Spec, error) {
	return jsonx.Unmarshal(data, DecodeSpecJSON)
}

// DecodeSpecJSON reads a custom calendar from parsed JSON, for a document
// that holds one.
func DecodeSpecJSON(v *jsonx.Value) (Spec, error) {
	var s Spec
	err := v.Object(func(name string, v *jsonx.Value) (err error) {
		switch name {
		case "id":
			s.ID, err = v.Str()
		case "name":
			s.Name, err = v.Str()
		case "base":
			s.Base, err = v.Str()
		case "add":
			s.Add, err = jsonx.Slice(v, decodeHoliday)
		case "remove":
			s.Remove, err = jsonx.Slice(v, decodeHoliday)
		default:
			return jsonx.ErrUnknownName
		}
		return err
	})
	return s, err
}

func decodeHoliday(v *jsonx.Value) (Holiday, error) {
	var h Holiday
	err := v.Object(func(name string, v *jsonx.Value) (err error) {
		switch name {
		case "date":
			h.Date, err = DecodeDateJSON(v)
		case "name":
			h.Name, err = v.Str()
		default:
			return jsonx.ErrUnknownName
		}
		return err
	})
	return h, err
}

// DecodeDateJSON reads a date from parsed JSON: a string written as
// YYYY-MM-DD, or "" for the zero Date, as MarshalText writes it.
func DecodeDateJSON(v *jsonx.Value) (Date, error) {
	s, err := v.Str()
	if err != nil {
		return Date{}, err
	}
	var d Date
	err = d.UnmarshalText([]byte(s))
	return d, err
}
