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

func TestTelURI(t *testing.T) {
	if got := protocol.TelURI("+44 (0)1481 223845"); got != "tel:+4401481223845" {
		t.Errorf("TelURI = %q", got)
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
