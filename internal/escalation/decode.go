package escalation

// Reading the record and the audit return, as encoding/json read them from
// the json tags of Record and AuditReturn: see json.go.

import (
	"strconv"

	"resolve/internal/jsonx"
	"resolve/internal/workday"
)

// decoder fills the record's structs from parsed JSON as encoding/json
// filled them, so that Import and ParseAudit accept and refuse what they
// always have and say the same about it:
//
//   - null leaves a field as it is, or makes a map, slice or pointer nil;
//   - a value of the wrong kind, or a name the struct does not have, is
//     noted and decoding goes on: the first one noted is reported;
//   - a date that is not real stops decoding, and is the one reported.
type decoder struct {
	path []string // the names of the struct fields being decoded, outermost first
	soft string   // the first value of the wrong kind or unknown name, in words
}

// dateError is a date that is not real, in words; it stops decoding.
type dateError struct{ msg string }

func (e *dateError) Error() string { return e.msg }

// member decodes one member's value into a struct field. It reports false
// for a name the struct does not have.
type member func(name string, v *jsonx.Value) (known bool, err error)

func (d *decoder) wrong(what string) {
	if d.soft == "" {
		path := ""
		for i, p := range d.path {
			if i > 0 {
				path += "."
			}
			path += p
		}
		d.soft = "the value of " + strconv.Quote(path) + " is the wrong kind of value (" + what + ")."
	}
}

// object decodes an object into a struct, one member at a time.
func (d *decoder) object(v *jsonx.Value, f member) error {
	switch v.Kind {
	case jsonx.Null:
		return nil
	case jsonx.Object:
	default:
		d.wrong(v.Kind.String())
		return nil
	}
	for i := range v.Members {
		m := &v.Members[i]
		d.path = append(d.path, m.Name)
		known, err := f(m.Name, &m.Value)
		d.path = d.path[:len(d.path)-1]
		if err != nil {
			return err
		}
		if !known && d.soft == "" {
			d.soft = "it has a field this tool does not know: " + strconv.Quote(m.Name) + "."
		}
	}
	return nil
}

// slice decodes an array element by element into a new slice.
func slice[T any](d *decoder, v *jsonx.Value, dst *[]T, elem func(*jsonx.Value, *T) error) error {
	switch v.Kind {
	case jsonx.Null:
		*dst = nil
		return nil
	case jsonx.Array:
	default:
		d.wrong(v.Kind.String())
		return nil
	}
	*dst = make([]T, len(v.Items))
	for i := range v.Items {
		if err := elem(&v.Items[i], &(*dst)[i]); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) str(v *jsonx.Value, dst *string) {
	switch v.Kind {
	case jsonx.Null:
	case jsonx.String:
		*dst = v.Text
	default:
		d.wrong(v.Kind.String())
	}
}

// strElem decodes one string of an array.
func (d *decoder) strElem(v *jsonx.Value, dst *string) error {
	d.str(v, dst)
	return nil
}

func (d *decoder) boolean(v *jsonx.Value, dst *bool) {
	switch v.Kind {
	case jsonx.Null:
	case jsonx.Bool:
		*dst = v.Bool
	default:
		d.wrong(v.Kind.String())
	}
}

func (d *decoder) int(v *jsonx.Value, dst *int) {
	switch v.Kind {
	case jsonx.Null:
	case jsonx.Number:
		n, err := strconv.ParseInt(v.Text, 10, strconv.IntSize)
		if err != nil {
			d.wrong("number " + v.Text)
			return
		}
		*dst = int(n)
	default:
		d.wrong(v.Kind.String())
	}
}

func (d *decoder) intPointer(v *jsonx.Value, dst **int) {
	if v.Kind == jsonx.Null {
		*dst = nil
		return
	}
	if *dst == nil {
		*dst = new(int)
	}
	d.int(v, *dst)
}

func (d *decoder) date(v *jsonx.Value, dst *workday.Date) error {
	switch v.Kind {
	case jsonx.Null:
	case jsonx.String:
		// As dst.UnmarshalText reads it, without making bytes of the text.
		if v.Text == "" {
			*dst = workday.Date{}
			return nil
		}
		date, err := workday.ParseDate(v.Text)
		if err != nil {
			return &dateError{"it has a date that is not a real date: " + err.Error() + "."}
		}
		*dst = date
	default:
		d.wrong(v.Kind.String())
	}
	return nil
}

// stringMap decodes an object into a map of strings. A member of the wrong
// kind is still put in the map, with the zero value, as encoding/json does.
func stringMap[V any](d *decoder, v *jsonx.Value, dst *map[string]V, elem func(*jsonx.Value, *V)) {
	switch v.Kind {
	case jsonx.Null:
		*dst = nil
		return
	case jsonx.Object:
	default:
		d.wrong(v.Kind.String())
		return
	}
	if *dst == nil {
		*dst = make(map[string]V, len(v.Members))
	}
	for i := range v.Members {
		var e V
		elem(&v.Members[i].Value, &e)
		(*dst)[v.Members[i].Name] = e
	}
}

func (d *decoder) record(v *jsonx.Value, r *Record) error {
	return d.object(v, func(name string, v *jsonx.Value) (bool, error) {
		switch name {
		case "format":
			d.str(v, &r.Format)
		case "version":
			d.int(v, &r.Version)
		case "id":
			d.str(v, &r.ID)
		case "protocol":
			return true, d.ref(v, &r.Protocol)
		case "reference":
			d.str(v, &r.Reference)
		case "agency":
			d.str(v, &r.Agency)
		case "agency_sector":
			d.str(v, &r.AgencySector)
		case "other_agency":
			d.str(v, &r.OtherAgency)
		case "other_agency_sector":
			d.str(v, &r.OtherAgencySector)
		case "raised_by":
			d.str(v, &r.RaisedBy)
		case "arose":
			return true, d.date(v, &r.Arose)
		case "answers":
			stringMap(d, v, &r.Answers, d.str)
		case "flags":
			stringMap(d, v, &r.Flags, d.boolean)
		case "stages":
			return true, slice(d, v, &r.Stages, d.stage)
		case "contact":
			d.str(v, &r.Contact)
		case "resolution":
			d.str(v, &r.Resolution)
		case "actions":
			return true, slice(d, v, &r.Actions, d.action)
		case "feedback":
			return true, d.feedback(v, &r.Feedback)
		case "duties_done":
			return true, slice(d, v, &r.DutiesDone, d.strElem)
		case "created":
			return true, d.date(v, &r.Created)
		case "updated":
			return true, d.date(v, &r.Updated)
		default:
			return false, nil
		}
		return true, nil
	})
}

func (d *decoder) ref(v *jsonx.Value, p *ProtocolRef) error {
	return d.object(v, func(name string, v *jsonx.Value) (bool, error) {
		switch name {
		case "id":
			d.str(v, &p.ID)
		case "version":
			d.str(v, &p.Version)
		case "calendar":
			d.str(v, &p.Calendar)
		default:
			return false, nil
		}
		return true, nil
	})
}

func (d *decoder) stage(v *jsonx.Value, s *Stage) error {
	return d.object(v, func(name string, v *jsonx.Value) (bool, error) {
		switch name {
		case "stage":
			d.int(v, &s.Stage)
		case "started":
			return true, d.date(v, &s.Started)
		case "completed":
			return true, d.date(v, &s.Completed)
		case "with":
			d.str(v, &s.With)
		case "notes":
			d.str(v, &s.Notes)
		case "outcome":
			d.str(v, &s.Outcome)
		default:
			return false, nil
		}
		return true, nil
	})
}

func (d *decoder) action(v *jsonx.Value, a *Action) error {
	return d.object(v, func(name string, v *jsonx.Value) (bool, error) {
		switch name {
		case "what":
			d.str(v, &a.What)
		case "who":
			d.str(v, &a.Who)
		case "by":
			return true, d.date(v, &a.By)
		default:
			return false, nil
		}
		return true, nil
	})
}

func (d *decoder) feedback(v *jsonx.Value, f *Feedback) error {
	return d.object(v, func(name string, v *jsonx.Value) (bool, error) {
		switch name {
		case "given":
			return true, d.date(v, &f.Given)
		case "how":
			d.str(v, &f.How)
		default:
			return false, nil
		}
		return true, nil
	})
}

func (d *decoder) audit(v *jsonx.Value, a *AuditReturn) error {
	return d.object(v, func(name string, v *jsonx.Value) (bool, error) {
		switch name {
		case "format":
			d.str(v, &a.Format)
		case "version":
			d.int(v, &a.Version)
		case "id":
			d.str(v, &a.ID)
		case "protocol":
			return true, d.ref(v, &a.Protocol)
		case "state":
			d.str(v, &a.State)
		case "arose":
			return true, d.date(v, &a.Arose)
		case "agency_sector":
			d.str(v, &a.AgencySector)
		case "other_agency_sector":
			d.str(v, &a.OtherAgencySector)
		case "contact":
			d.str(v, &a.Contact)
		case "updated":
			return true, d.date(v, &a.Updated)
		case "stages":
			return true, slice(d, v, &a.Stages, d.auditStage)
		case "flags":
			return true, slice(d, v, &a.Flags, d.strElem)
		case "working_days":
			d.intPointer(v, &a.WorkingDays)
		default:
			return false, nil
		}
		return true, nil
	})
}

func (d *decoder) auditStage(v *jsonx.Value, s *AuditStage) error {
	return d.object(v, func(name string, v *jsonx.Value) (bool, error) {
		switch name {
		case "stage":
			d.int(v, &s.Stage)
		case "started":
			return true, d.date(v, &s.Started)
		case "due":
			return true, d.date(v, &s.Due)
		case "completed":
			return true, d.date(v, &s.Completed)
		case "timing":
			d.str(v, &s.Timing)
		case "outcome":
			d.str(v, &s.Outcome)
		default:
			return false, nil
		}
		return true, nil
	})
}
