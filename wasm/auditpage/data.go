package auditpage

import (
	"resolve/internal/audit"
	"resolve/internal/jsonx"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// sitePage is what the page's protocol-data element holds: every protocol
// of the site, each with its calendar.
type sitePage struct {
	protocols []*protocol.Protocol
	cals      map[string]*workday.Calendar // by protocol id
}

// decodePage reads {"protocols": [{"protocol": ..., "calendar": ...}]}, as
// internal/build writes it, with the protocol's and calendar's own
// decoders; a protocol without a calendar uses a built-in one.
func decodePage(data []byte) (*sitePage, error) {
	return jsonx.Unmarshal(data, func(v *jsonx.Value) (*sitePage, error) {
		sp := &sitePage{cals: map[string]*workday.Calendar{}}
		err := v.Object(func(name string, v *jsonx.Value) error {
			if name != "protocols" {
				return jsonx.ErrUnknownName
			}
			_, err := jsonx.Slice(v, func(v *jsonx.Value) (struct{}, error) {
				var p *protocol.Protocol
				var spec *workday.Spec
				err := v.Object(func(name string, v *jsonx.Value) (err error) {
					switch name {
					case "protocol":
						p, err = protocol.DecodeJSON(v)
					case "calendar":
						var s workday.Spec
						s, err = workday.DecodeSpecJSON(v)
						spec = &s
					default:
						err = jsonx.ErrUnknownName
					}
					return err
				})
				if err != nil {
					return struct{}{}, err
				}
				if p == nil {
					return struct{}{}, &jsonx.Error{Msg: "a procedure is missing"}
				}
				cal, err := calendar(p, spec)
				if err != nil {
					return struct{}{}, err
				}
				sp.protocols = append(sp.protocols, p)
				sp.cals[p.ID] = cal
				return struct{}{}, nil
			})
			return err
		})
		return sp, err
	})
}

func calendar(p *protocol.Protocol, spec *workday.Spec) (*workday.Calendar, error) {
	if spec != nil {
		return workday.NewCustom(*spec)
	}
	if cal, ok := workday.Builtin(p.Calendar); ok {
		return cal, nil
	}
	return nil, &jsonx.Error{Msg: "the calendar " + p.Calendar + " of " + p.ID + " is unknown"}
}

// lookup finds a protocol of the page by id, for package audit.
func (sp *sitePage) lookup() audit.Lookup {
	return func(id string) (*protocol.Protocol, *workday.Calendar, bool) {
		for _, p := range sp.protocols {
			if p.ID == id {
				return p, sp.cals[id], true
			}
		}
		return nil, nil, false
	}
}
