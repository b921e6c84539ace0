package check

import (
	"net/mail"
	"net/url"
	"testing"
)

func TestValidEmail(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"pscp@portsmouthcc.gov.uk", true},
		{"first.last+tag@example.org", true},
		{"a@b.co", true},
		{"no-at-sign.example.org", false},
		{"@example.org", false},
		{"name@localhost", false},
		{"name@-bad.org", false},
		{"two..dots@example.org", false},
		{".lead@example.org", false},
		{"Name <name@example.org>", false},
		{"name@exa mple.org", false},
		{"name@example..org", false},
	}
	for _, tt := range tests {
		if got := validEmail(tt.in); got != tt.want {
			t.Errorf("validEmail(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestValidURL(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"https://hipsprocedures.org.uk", true},
		{"https://example.org/path/page?x=1#frag", true},
		{"http://example.org:8080/", true},
		{"https://example.org/a%20b", true},
		{"example.org", false},
		{"ftp://example.org/", false},
		{"https://", false},
		{"https://exa mple.org/", false},
		{"https://example.org/a b", false},
		{"https://example.org/%zz", false},
		{"https://example.org:port/", false},
		{"javascript:alert(1)", false},
	}
	for _, tt := range tests {
		if got := validURL(tt.in); got != tt.want {
			t.Errorf("validURL(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzAddresses checks the hand-written checks never accept what the
// standard library refuses.
func FuzzAddresses(f *testing.F) {
	for _, s := range []string{"a@b.co", "pscp@portsmouthcc.gov.uk", "https://example.org/a?b#c", "http://x.y:80/%41", "a.b@c-d.e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if validEmail(s) {
			a, err := mail.ParseAddress(s)
			if err != nil || a.Address != s {
				t.Errorf("validEmail(%q) is true but net/mail says %v %v", s, a, err)
			}
		}
		if validURL(s) {
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Errorf("validURL(%q) is true but net/url says %v %v", s, u, err)
			}
		}
	})
}
