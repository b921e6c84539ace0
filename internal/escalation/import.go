package escalation

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"resolve/internal/jsonx"
	"resolve/internal/protocol"
	"resolve/internal/words"
	"resolve/internal/workday"
)

// ImportError says why a file cannot be opened as a record.
type ImportError struct {
	Message  string    // what the file is and why it cannot be used
	Problems []Problem // for a record that breaks the rules: what is wrong, in form order
}

func (e *ImportError) Error() string {
	if len(e.Problems) == 0 {
		return e.Message
	}
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return e.Message + " " + strings.Join(msgs, " ")
}

func importError(msg string) error { return &ImportError{Message: msg} }

// Import reads a saved record of protocol p. It returns either the record,
// finished or not, with notices to show the practitioner (for example that
// the procedure has changed since the record was made), or an error saying
// what the file is and why it cannot be opened; never part of a record.
// What is left to finish or put right in a record that opens is for
// Validate to list: a record saved unfinished always opens again.
//
// The file must be at most MaxSize bytes of JSON holding one object whose
// names are exactly the record's (no unknown, repeated or differently
// capitalised names), with nothing after it, and without Damage.
func Import(data []byte, p *protocol.Protocol, today workday.Date) (*Record, []string, error) {
	r, err := readRecord(data)
	if err != nil {
		return nil, nil, err
	}
	normalise(r)
	if r.Protocol.ID != p.ID {
		return nil, nil, importError("This record is for the procedure " + strconv.Quote(r.Protocol.ID) +
			", but this page is for " + strconv.Quote(p.ID) + ". Open it from the page of the procedure it was made with.")
	}
	if ps := Damage(r, p); len(ps) > 0 {
		return nil, nil, &ImportError{Message: "This record cannot be opened because it is damaged.", Problems: ps}
	}
	return r, notices(r, p), nil
}

// readRecord reads a record file as it is, before any check of what it says.
func readRecord(data []byte) (*Record, error) {
	v, more, err := readFile(data, Format, "record")
	if err != nil {
		return nil, err
	}
	var r Record
	if err := decodeStrict(v, more, func(d *decoder, v *jsonx.Value) error { return d.record(v, &r) }); err != nil {
		return nil, err
	}
	return &r, nil
}

// readAudit reads an audit return file as it is, before any check of what it says.
func readAudit(data []byte) (*AuditReturn, error) {
	v, more, err := readFile(data, AuditFormat, "audit return")
	if err != nil {
		return nil, err
	}
	var a AuditReturn
	if err := decodeStrict(v, more, func(d *decoder, v *jsonx.Value) error { return d.audit(v, &a) }); err != nil {
		return nil, err
	}
	return &a, nil
}

// readFile checks the size of data and reads it as JSON, naming a file of
// the wrong kind for what it is: the first value must be an object whose
// format and version are format and Version. It returns the first value and
// whether anything follows it.
func readFile(data []byte, format, what string) (*jsonx.Value, bool, error) {
	if len(data) > MaxSize {
		return nil, false, importError("This file is too large to be a " + what + " (" + strconv.Itoa(len(data)/1024) + " KB; the limit is " + strconv.Itoa(MaxSize/1024) + " KB).")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, false, importError("This file is empty.")
	}
	// Repeated names are refused by checkNames, after the format and
	// version have said what kind of file this is.
	dec := jsonx.NewDecoder(data)
	dec.AllowDuplicates = true
	v, err := dec.Decode()
	if err != nil {
		if truncated(err) {
			return nil, false, importError("This file is not a resolve " + what + ": it is not valid JSON (it ends too soon; it may have been cut short).")
		}
		return nil, false, importError("This file is not a resolve " + what + ": it is not valid JSON (" + where(err) + ").")
	}
	if err := checkHead(&v, format, what); err != nil {
		return nil, false, err
	}
	more := dec.More()
	// A file of one value, as every file the tools write is, has its names
	// checked in the value already read; only a file with more after it is
	// read again, so that the messages about what follows say where it is.
	if more {
		err = checkNames(data)
	} else {
		err = names(&v)
	}
	if err != nil {
		return nil, false, err
	}
	return &v, more, nil
}

// where says where in a file a syntax error is, counting bytes from 1.
func where(err error) string {
	e, ok := jsonx.AsError(err)
	if !ok {
		return err.Error()
	}
	return "the problem is at byte " + strconv.Itoa(e.Offset+1)
}

// checkHead checks the format and version of v, the first value of a file.
// Like the encoding/json decoding it replaces, it takes the last member
// whose name matches "format" or "version" regardless of case; checkNames
// then refuses such names.
func checkHead(v *jsonx.Value, format, what string) error {
	switch v.Kind {
	case jsonx.Object, jsonx.Null:
	default:
		return importError("This file is not a resolve " + what + ": it does not hold a JSON object.")
	}
	var formatValue, versionValue *jsonx.Value
	for i := range v.Members {
		switch m := &v.Members[i]; {
		case strings.EqualFold(m.Name, "format"):
			formatValue = &m.Value
		case strings.EqualFold(m.Name, "version"):
			versionValue = &m.Value
		}
	}
	got := ""
	if formatValue != nil && formatValue.Kind == jsonx.String {
		got = formatValue.Text
	}
	if got == "" {
		return importError("This file is not a resolve " + what + ": it does not say what format it is.")
	}
	if got != format {
		switch got {
		case Format:
			return importError("This file is a resolve record, not an audit return.")
		case AuditFormat:
			return importError("This file is an audit return, not a record. Audit returns cannot be opened to continue a record.")
		}
		return importError("This file is not a resolve " + what + ": its format is " + strconv.Quote(got) + ".")
	}
	n := int64(0)
	if versionValue != nil && versionValue.Kind == jsonx.Number {
		if i, err := strconv.ParseInt(versionValue.Text, 10, strconv.IntSize); err == nil {
			n = i
		}
	}
	if n < 1 {
		return importError("This file is a resolve " + what + ", but its version number is missing or damaged.")
	}
	if n != Version {
		return importError("This is a resolve " + what + " of version " + strconv.FormatInt(n, 10) + "; this tool reads version " + strconv.Itoa(Version) + ".")
	}
	return nil
}

// decodeStrict decodes v, read by readFile, with decode, and refuses a
// file with more after v.
func decodeStrict(v *jsonx.Value, more bool, decode func(*decoder, *jsonx.Value) error) error {
	d := decoder{path: make([]string, 0, 4)} // the formats nest three deep: no slice to grow
	if err := decode(&d, v); err != nil {
		return importError("This file is damaged: " + err.Error())
	}
	if d.soft != "" {
		return importError("This file is damaged: " + d.soft)
	}
	if more {
		return importError("This file is damaged: there is more after the end of the data.")
	}
	return nil
}

// checkNames reads the JSON values in data one after another and refuses
// an object name that is repeated, or that is not made of a-z, 0-9, '_'
// and '-'. Every name of the formats is of that shape, so this keeps
// "FORMAT", or a Kelvin sign for "k", from being taken for a name the
// format has, as encoding/json would take them.
func checkNames(data []byte) error {
	dec := jsonx.NewDecoder(data)
	dec.AllowDuplicates = true // reported below, in words
	for dec.More() {
		v, err := dec.Decode()
		if err != nil {
			if truncated(err) {
				return importError("This file is damaged: it ends too soon; it may have been cut short.")
			}
			return importError("This file is damaged: it is not valid JSON (" + where(err) + ").")
		}
		if err := names(&v); err != nil {
			return err
		}
	}
	return nil
}

// names checks the names of the objects in v, in the order they are written.
func names(v *jsonx.Value) error {
	for i := range v.Items {
		if err := names(&v.Items[i]); err != nil {
			return err
		}
	}
	if len(v.Members) == 0 {
		return nil
	}
	// Objects of the formats are small: a map is made only for a large one.
	var seen map[string]bool
	if len(v.Members) > 16 {
		seen = make(map[string]bool, len(v.Members))
	}
	for i := range v.Members {
		m := &v.Members[i]
		if !validID(m.Name) {
			return importError("This file is damaged: it has a field this tool does not know: " + strconv.Quote(m.Name) + ".")
		}
		if seen[m.Name] || seen == nil && earlier(v.Members[:i], m.Name) {
			return importError("This file is damaged: the field " + strconv.Quote(m.Name) + " appears twice in the same place.")
		}
		if seen != nil {
			seen[m.Name] = true
		}
		if err := names(&m.Value); err != nil {
			return err
		}
	}
	return nil
}

// earlier reports whether one of ms is called name.
func earlier(ms []jsonx.Member, name string) bool {
	for i := range ms {
		if ms[i].Name == name {
			return true
		}
	}
	return false
}

// notices says what a practitioner should know about a record that opened:
// the procedure or its calendar has changed since, or answers are kept to
// questions the procedure no longer asks.
func notices(r *Record, p *protocol.Protocol) []string {
	var out []string
	if v := r.Protocol.Version; v != p.Version {
		msg := "This record was made with version " + strconv.Quote(v) + " of the procedure; the procedure is now at version " + strconv.Quote(p.Version) + "."
		var since []string
		found := false
		for _, c := range p.Changes { // newest first
			if c.Version == v {
				found = true
				break
			}
			since = append(since, "version "+c.Version+" ("+c.Date.String()+"): "+sentence(c.Summary))
		}
		if found && len(since) > 0 {
			msg += " It has changed since: " + strings.Join(since, " ")
		} else {
			msg += " Check that the stages and timescales you are following still apply."
		}
		out = append(out, msg)
	}
	if c := r.Protocol.Calendar; c != p.Calendar {
		out = append(out, "This record was made when the procedure counted working days by the "+strconv.Quote(c)+" calendar; due dates are now worked out with the "+strconv.Quote(p.Calendar)+" calendar.")
	}
	answers, flags := Leftovers(r, p)
	if len(answers) > 0 {
		out = append(out, "The record has answers to "+words.Count(len(answers), "question", "questions")+" the procedure no longer asks. They are kept, and shown after the other answers.")
	}
	if len(flags) > 0 {
		out = append(out, "The record answers "+words.Count(len(flags), "question", "questions")+" about the case that the procedure no longer asks. They are kept, but no longer change what must happen.")
	}
	return out
}

// truncated reports whether err is a JSON error at an input that ends too
// soon, as errors.Is(err, io.ErrUnexpectedEOF) would (without bringing
// package reflectlite into the browser modules).
func truncated(err error) bool {
	e, ok := jsonx.AsError(err)
	return ok && e.Err == io.ErrUnexpectedEOF
}
