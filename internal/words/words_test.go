package words

import "testing"

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 stages"}, {1, "1 stage"}, {2, "2 stages"}, {12, "12 stages"}} {
		if got := Count(c.n, "stage", "stages"); got != c.want {
			t.Errorf("Count(%d) = %q; want %q", c.n, got, c.want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{
		"":            "",
		"Immediately": "immediately",
		"a":           "a",
		"A":           "a",
		"IRO":         "IRO",
		"LSCP chair":  "LSCP chair",
		"Élan":        "Élan",
		"2 days":      "2 days",
	} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q; want %q", in, got, want)
		}
	}
}
