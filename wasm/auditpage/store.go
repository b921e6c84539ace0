package auditpage

import (
	"resolve/internal/escalation"
	"resolve/internal/jsonx"
)

// storeKey is where the returns are kept when the manager asks.
const storeKey = "resolve-audit-returns"

// encodeStore writes the returns to keep: {"returns": [...]}, each return
// as escalation.AuditJSON writes it, without its white space, so that ten
// thousand fit in a browser's storage.
func encodeStore(returns []*escalation.AuditReturn) []byte {
	var w jsonx.Writer
	w.BeginObject()
	w.Name("returns")
	w.BeginArray()
	for _, a := range returns {
		escalation.WriteAudit(&w, a)
	}
	w.EndArray()
	w.EndObject()
	return w.Bytes()
}

// decodeStore reads kept returns. Storage can be changed by anything else
// running on the site's origin, so each return is read as outside input,
// by escalation.ParseAudit; the ones that fail are counted, not kept.
func decodeStore(data []byte) (returns []*escalation.AuditReturn, damaged int, err error) {
	v, err := jsonx.Parse(data)
	if err != nil {
		return nil, 0, err
	}
	list := v.Get("returns")
	if list == nil || list.Kind != jsonx.Array || len(v.Members) != 1 {
		return nil, 0, &jsonx.Error{Msg: "not the returns this page keeps"}
	}
	for _, item := range list.Items {
		if item.Kind != jsonx.Object {
			damaged++
			continue
		}
		a, err := escalation.ParseAudit(data[item.Offset:end(data, item)])
		if err != nil {
			damaged++
			continue
		}
		returns = append(returns, a)
	}
	return returns, damaged, nil
}

// end returns the offset just after the object v, which starts at
// v.Offset in data: the next value's start is not kept, so the object is
// found by matching its braces.
func end(data []byte, v jsonx.Value) int {
	depth, inString, escaped := 0, false, false
	for i := v.Offset; i < len(data); i++ {
		c := data[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(data)
}
