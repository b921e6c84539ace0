package escalation

// This file keeps, for tests only, the encoding/json implementation of the
// record and audit return files that the hand-written one replaced, so that
// the fuzzers can check the two accept, refuse, read and write alike.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"resolve/internal/workday"
)

func refJSON(r *Record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func refAuditJSON(a *AuditReturn) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(a); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// refReadRecord is the part of Import that reads the file.
func refReadRecord(data []byte) (*Record, error) {
	if err := refCheckHead(data, Format, "record"); err != nil {
		return nil, err
	}
	var r Record
	if err := refDecodeStrict(data, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// refReadAudit is the part of ParseAudit that reads the file.
func refReadAudit(data []byte) (*AuditReturn, error) {
	if err := refCheckHead(data, AuditFormat, "audit return"); err != nil {
		return nil, err
	}
	var a AuditReturn
	if err := refDecodeStrict(data, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

func refCheckHead(data []byte, format, what string) error {
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

func refDecodeStrict(data []byte, v any) error {
	if err := refCheckNames(data); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return importError("This file is damaged: " + refDescribe(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return importError("This file is damaged: there is more after the end of the " + "data.")
	}
	return nil
}

func refDescribe(err error) string {
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

func refCheckNames(data []byte) error {
	type frame struct {
		names     map[string]bool
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
			return importError("This file is damaged: " + refDescribe(err))
		}
		d, isDelim := tok.(json.Delim)
		if isDelim && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].names != nil {
			top := &stack[n-1]
			if top.expectKey {
				name, _ := tok.(string)
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
			top.expectKey = true
		}
		switch d {
		case '{':
			stack = append(stack, frame{names: map[string]bool{}, expectKey: true})
		case '[':
			stack = append(stack, frame{})
		}
	}
}
