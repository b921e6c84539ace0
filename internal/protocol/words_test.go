package protocol_test

import (
	"testing"

	"resolve/internal/protocol"
)

func TestTimescale(t *testing.T) {
	tests := []struct {
		due  *protocol.Due
		n    int
		want string
	}{
		{nil, 1, "As soon as possible"},
		{&protocol.Due{WorkingDays: 2, After: "concern"}, 1, "2 working days from when the disagreement arose"},
		{&protocol.Due{WorkingDays: 1, After: "previous"}, 3, "1 working day from the end of stage 2"},
		{&protocol.Due{CalendarDays: 10, After: "previous"}, 2, "10 calendar days from the end of stage 1"},
	}
	for _, tt := range tests {
		if got := (protocol.Stage{Due: tt.due}).Timescale(tt.n); got != tt.want {
			t.Errorf("Timescale(%+v, %d) = %q; want %q", tt.due, tt.n, got, tt.want)
		}
	}
}

func TestTimescaleWords(t *testing.T) {
	s := protocol.Stage{TimescaleText: "Immediately"}
	if got := s.Timescale(2); got != "Immediately" {
		t.Errorf("Timescale with timescale: Immediately = %q", got)
	}
	if got := (protocol.Stage{}).Words(); got != protocol.DefaultTimescale {
		t.Errorf("Words of a stage with no timescale = %q; want %q", got, protocol.DefaultTimescale)
	}
}

func TestTelURI(t *testing.T) {
	if got := protocol.TelURI("+44 (0)1481 223845"); got != "tel:+4401481223845" {
		t.Errorf("TelURI = %q", got)
	}
}

func TestAuditWords(t *testing.T) {
	for _, id := range protocol.AuditPeriods() {
		if (&protocol.Audit{Period: id}).PeriodWords() == "" {
			t.Errorf("period %q has no words", id)
		}
	}
	if got := (&protocol.Audit{Period: "fortnightly"}).PeriodWords(); got != "" {
		t.Errorf("an unknown period has words %q", got)
	}
	p := &protocol.Protocol{Contacts: []protocol.Contact{{ID: "unit", Name: "Unit"}}}
	if p.AuditContact() != nil {
		t.Error("a protocol without audit has an audit contact")
	}
	p.Audit = &protocol.Audit{Contact: "unit", Period: "yearly"}
	if c := p.AuditContact(); c == nil || c.Name != "Unit" {
		t.Errorf("AuditContact = %+v", c)
	}
}
