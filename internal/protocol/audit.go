package protocol

// Audit is where and how often practitioners send the partnership the
// audit returns of their records (the protocol's optional `audit:` key).
type Audit struct {
	Contact string `yaml:"contact" json:"contact"` // the id of one of the protocol's contacts
	Period  string `yaml:"period" json:"period"`   // one of AuditPeriods
}

// AuditWhenResolved is the period of a protocol that wants each record's
// audit return as soon as its disagreement ends, at whatever stage (ISCP's
// audit tool): the record form asks for it then.
const AuditWhenResolved = "when-resolved"

// auditPeriods are the periods an audit key may give, with the words that
// finish the sentence "Send your audit return to ...".
var auditPeriods = []struct{ id, words string }{
	{AuditWhenResolved, "when the disagreement is resolved, or has been through every stage"},
	{"monthly", "every month"},
	{"quarterly", "every three months"},
	{"half-yearly", "every six months"},
	{"yearly", "once a year"},
}

// AuditPeriods returns the ids an audit key's period may be.
func AuditPeriods() []string {
	out := make([]string, len(auditPeriods))
	for i, p := range auditPeriods {
		out[i] = p.id
	}
	return out
}

// PeriodWords says how often returns are sent, as the end of a sentence:
// "every three months". It is "" for a period that is not one of
// AuditPeriods.
func (a *Audit) PeriodWords() string {
	if a == nil {
		return ""
	}
	for _, p := range auditPeriods {
		if p.id == a.Period {
			return p.words
		}
	}
	return ""
}

// AuditContact returns the contact that audit returns go to, or nil when
// the protocol does not say.
func (p *Protocol) AuditContact() *Contact {
	if p.Audit == nil {
		return nil
	}
	return p.ContactByID(p.Audit.Contact)
}

// AuditOnEnd reports whether the protocol wants each record's audit return
// as soon as its disagreement ends (period when-resolved), and says to whom.
func (p *Protocol) AuditOnEnd() bool {
	return p.Audit != nil && p.Audit.Period == AuditWhenResolved && p.AuditContact() != nil
}
