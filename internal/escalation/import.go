package escalation

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"resolve/internal/protocol"
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

// Import reads a saved record of protocol p. It returns either a complete
// record that passes Validate, with notices to show the practitioner (for
// example that the procedure has changed since the record was made), or an
// error saying what the file is and why it cannot be opened; never part of
// a record.
//
// The file must be at most MaxSize bytes of JSON holding one object whose
// names are exactly the record's (no unknown, repeated or differently
// capitalised names), with nothing after it.
func Import(data []byte, p *protocol.Protocol, today workday.Date) (*Record, []string, error) {
	if err := checkHead(data, Format, "record"); err != nil {
		return nil, nil, err
	}
	var r Record
	if err := decodeStrict(data, &r); err != nil {
		return nil, nil, err
	}
	normalise(&r)
	if r.Protocol.ID != p.ID {
		return nil, nil, importError("This record is for the procedure " + strconv.Quote(r.Protocol.ID) +
			", but this page is for " + strconv.Quote(p.ID) + ". Open it from the page of the procedure it was made with.")
	}
	if ps := Validate(&r, p, today); len(ps) > 0 {
		return nil, nil, &ImportError{Message: "This record cannot be opened because it breaks the procedure's rules.", Problems: ps}
	}
	return &r, notices(&r, p), nil
}

// checkHead checks the size of data and its format and version, so that a
// file of the wrong kind is named for what it is.
func checkHead(data []byte, format, what string) error {
	if len(data) > MaxSize {
		return importError("This file is too large to be a " + what + " (" + strconv.Itoa(len(data)/1024) + " KB; the limit is " + strconv.Itoa(MaxSize/1024) + " KB).")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return importError("This file is empty.")
	}
	var head struct {
		Format  json.RawMessage `json:"format"`
		Version json.RawMessage `json:"version"`
	}
	// Only the first value: what follows it is reported by decodeStrict.
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&head); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return importError("This file is not a resolve " + what + ": it is not valid JSON (it ends too soon; it may have been cut short).")
		}
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return importError("This file is not a resolve " + what + ": it is not valid JSON (the problem is at byte " + strconv.FormatInt(syn.Offset, 10) + ").")
		}
		return importError("This file is not a resolve " + what + ": it does not hold a JSON object.")
	}
	var got string
	if json.Unmarshal(head.Format, &got) != nil || got == "" {
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
	var v int
	if json.Unmarshal(head.Version, &v) != nil || v < 1 {
		return importError("This file is a resolve " + what + ", but its version number is missing or damaged.")
	}
	if v != Version {
		return importError("This is a resolve " + what + " of version " + strconv.Itoa(v) + "; this tool reads version " + strconv.Itoa(Version) + ".")
	}
	return nil
}

// decodeStrict decodes one JSON value from data into v, refusing names v
// does not have, names in another case, repeated names and anything after
// the value.
func decodeStrict(data []byte, v any) error {
	if err := checkNames(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return importError("This file is damaged: " + describeJSONError(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return importError("This file is damaged: there is more after the end of the " + "data.")
	}
	return nil
}

// describeJSONError puts a decoding error into words.
func describeJSONError(err error) string {
	var typ *json.UnmarshalTypeError
	var date *workday.DateError
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &typ):
		return "the value of " + strconv.Quote(typ.Field) + " is the wrong kind of value (" + typ.Value + ")."
	case errors.As(err, &date):
		return "it has a date that is not a real date: " + date.Error() + "."
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "it ends too soon; it may have been cut short."
	case errors.As(err, &syn):
		return "it is not valid JSON (the problem is at byte " + strconv.FormatInt(syn.Offset, 10) + ")."
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "it has a field this tool does not know: " + name + "."
	}
	return err.Error() + "."
}

// checkNames walks the JSON in data and refuses an object name that is
// repeated, or that is not made of a-z, 0-9, '_' and '-'. Every name of the
// formats is of that shape, so this stops encoding/json matching names
// without regard to case (it would take "FORMAT", or a Kelvin sign for "k").
func checkNames(data []byte) error {
	type frame struct {
		names     map[string]bool // nil for an array
		expectKey bool
	}
	var stack []frame
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return importError("This file is damaged: " + describeJSONError(err))
		}
		d, isDelim := tok.(json.Delim)
		if isDelim && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].names != nil {
			top := &stack[n-1]
			if top.expectKey {
				name, _ := tok.(string) // the decoder only gives a string here
				if !validID(name) {
					return importError("This file is damaged: it has a field this tool does not know: " + strconv.Quote(name) + ".")
				}
				if top.names[name] {
					return importError("This file is damaged: the field " + strconv.Quote(name) + " appears twice in the same place.")
				}
				top.names[name] = true
				top.expectKey = false
				continue
			}
			top.expectKey = true // this token starts the value; a name comes next
		}
		switch d {
		case '{':
			stack = append(stack, frame{names: map[string]bool{}, expectKey: true})
		case '[':
			stack = append(stack, frame{})
		}
	}
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
		out = append(out, "The record has answers to "+plural(len(answers), "question", "questions")+" the procedure no longer asks. They are kept, and shown after the other answers.")
	}
	if len(flags) > 0 {
		out = append(out, "The record answers "+plural(len(flags), "question", "questions")+" about the case that the procedure no longer asks. They are kept, but no longer change what must happen.")
	}
	return out
}
