package build

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// parseCSP and metaPolicy read policies back, for the tests only: the build
// writes them from policy.go's data and never reads them.

var directiveName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// parseCSP reads a policy: directives separated by ";", each a name and
// sources separated by spaces. Names are case-insensitive; a directive
// named twice is an error, as browsers ignore the second.
func parseCSP(s string) (cspPolicy, error) {
	var pol cspPolicy
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ";") {
		fields := strings.Fields(part)
		if len(fields) == 0 {
			continue
		}
		name := strings.ToLower(fields[0])
		if !directiveName.MatchString(name) {
			return nil, errors.New(strconv.Quote(fields[0]) + " is not a directive name")
		}
		if seen[name] {
			return nil, errors.New("the directive " + name + " is given twice")
		}
		seen[name] = true
		for _, src := range fields[1:] {
			if strings.ContainsAny(src, ",") {
				return nil, errors.New("the source " + strconv.Quote(src) + " of " + name + " has a comma, which would split the policy in a header")
			}
		}
		pol = append(pol, cspDirective{name: name, sources: fields[1:]})
	}
	if len(pol) == 0 {
		return nil, errors.New("it is empty")
	}
	return pol, nil
}

// metaPolicy returns the content of a page's <meta http-equiv=
// "Content-Security-Policy">, reading no further than the head.
func metaPolicy(page []byte) (string, bool) {
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return "", false
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return "", false
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, more := z.TagName()
			switch string(name) {
			case "body":
				return "", false
			case "meta":
			default:
				continue
			}
			var equiv, content string
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "http-equiv":
					equiv = string(v)
				case "content":
					content = string(v)
				}
			}
			if strings.EqualFold(equiv, "Content-Security-Policy") {
				return content, true
			}
		}
	}
}

func TestCSPUnion(t *testing.T) {
	tests := []struct {
		policies []string
		want     string
	}{
		{[]string{"default-src 'self'"}, "default-src 'self'"},
		{[]string{"default-src 'self'; script-src 'self'", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"}, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"},
		// A directive one policy leaves out takes that policy's fallback.
		{[]string{"default-src 'self'", "default-src 'self'; img-src 'self' data:"}, "default-src 'self'; img-src 'self' data:"},
		// Unrestricted in one policy: left out of the union.
		{[]string{"default-src 'self'; base-uri 'self'", "default-src 'self'"}, "default-src 'self'"},
		{[]string{"object-src 'none'", "object-src 'self'"}, "object-src 'self'"},
		// worker-src falls back to script-src before default-src.
		{[]string{"default-src 'none'; script-src 'self'", "default-src 'none'; script-src 'self'; worker-src blob:"}, "default-src 'none'; script-src 'self'; worker-src 'self' blob:"},
		// Saying no more than the fallback: left out.
		{[]string{"default-src 'self'; connect-src 'self'", "default-src 'self'"}, "default-src 'self'"},
	}
	for _, tc := range tests {
		var pols []cspPolicy
		for _, p := range tc.policies {
			pol, err := parseCSP(p)
			if err != nil {
				t.Fatalf("parseCSP(%q): %v", p, err)
			}
			pols = append(pols, pol)
		}
		if got := cspUnion(pols).String(); got != tc.want {
			t.Errorf("cspUnion(%q) = %q; want %q", tc.policies, got, tc.want)
		}
	}
}

func TestParseCSPRefuses(t *testing.T) {
	for _, s := range []string{"", " ; ", "default-src 'self'; default-src 'none'", "script-src a,b", "Script_Src 'self'"} {
		if pol, err := parseCSP(s); err == nil {
			t.Errorf("parseCSP(%q) = %q; want an error", s, pol)
		}
	}
}

// FuzzParseCSP checks that what parseCSP reads prints as itself, and that
// the union of a policy with itself is no larger.
func FuzzParseCSP(f *testing.F) {
	f.Add("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'")
	f.Add("script-src 'self' 'wasm-unsafe-eval'")
	f.Add(";;DEFAULT-SRC *")
	f.Fuzz(func(t *testing.T, s string) {
		pol, err := parseCSP(s)
		if err != nil {
			return
		}
		// What parses prints as a policy that parses to the same.
		again, err := parseCSP(pol.String())
		if err != nil || again.String() != pol.String() {
			t.Errorf("parseCSP(%q).String() = %q, which reads back as %q, %v", s, pol.String(), again.String(), err)
		}
		if u := cspUnion([]cspPolicy{pol, pol}); len(u) > len(pol) {
			t.Errorf("the union of %q with itself has more directives: %q", pol, u)
		}
	})
}

// TestPolicies checks the declared policies: each prints as a policy that
// reads back the same, only the record form runs WebAssembly, and only
// embeds may be framed.
func TestPolicies(t *testing.T) {
	for _, kind := range []string{"page", "home", "record", "embed-flowchart", "404"} {
		pol := policyOf(kind)
		again, err := parseCSP(pol.csp.String())
		if err != nil || again.String() != pol.csp.String() {
			t.Errorf("%s: the policy %q reads back as %q, %v", kind, pol.csp, again, err)
		}
		if got, want := allows([]string{pol.csp.String()}, "'wasm-unsafe-eval'"), kind == "record"; got != want {
			t.Errorf("%s: allows WebAssembly = %v; want %v", kind, got, want)
		}
		if got, want := pol.framed, kind == "embed-flowchart"; got != want {
			t.Errorf("%s: framed = %v; want %v", kind, got, want)
		}
		if _, ok := pol.csp.get("frame-ancestors"); ok {
			t.Errorf("%s: the policy sets frame-ancestors, which a meta tag cannot: _headers sets it", kind)
		}
		if pol.referrer != "no-referrer" {
			t.Errorf("%s: referrer %q; want no-referrer", kind, pol.referrer)
		}
	}
}
