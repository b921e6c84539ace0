package check

import (
	"strings"

	"resolve/internal/protocol"
)

// audit checks the optional audit key: a contact that is one of the
// protocol's, by id, and a period from the list.
func (c *checker) audit() {
	a := c.p.Audit
	if a == nil {
		return
	}
	periods := strings.Join(protocol.AuditPeriods(), ", ")
	switch {
	case a.Contact == "":
		c.errorf(c.at("audit"), "audit: contact is missing: give the id of the contact (in contacts) that audit returns are sent to")
	case c.p.ContactByID(a.Contact) == nil:
		c.errorf(c.at("audit", "contact"), "audit: contact %q is not the id of one of the protocol's contacts: give that contact an id, and use it here", a.Contact)
	}
	switch {
	case a.Period == "":
		c.errorf(c.at("audit"), "audit: period is missing: give one of %s", periods)
	case a.PeriodWords() == "":
		c.errorf(c.at("audit", "period"), "audit: period %q is not one of %s", a.Period, periods)
	}
}
