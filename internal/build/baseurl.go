package build

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
)

// ParseBaseURL reads a site's base URL (the home page's base_url, or
// --base-url): a path that starts with a single / ("/procedures/"), or an
// absolute http:// or https:// URL ("https://example.org/procedures/"). It
// returns the origin ("https://example.org", or "" for a path) and the
// path, which always starts and ends with /. "" is "/".
//
// Every link and asset of the site starts with the path, so it must not
// name another host: "//evil.example/" is a path to a browser only in name
// (it is a URL of the host evil.example), and so is "/\evil.example/",
// since browsers read \ as /. A path is refused unless every character is
// a letter, digit or one of - . _ ~ % /, and no segment is . or ..
func ParseBaseURL(base string) (origin, p string, err error) {
	if base == "" {
		return "", "/", nil
	}
	if strings.Contains(base, "://") {
		return parseAbsolute(base)
	}
	if err := checkBasePath(base); err != nil {
		return "", "", &BaseURLError{Base: base, Why: err.Error()}
	}
	return "", withSlash(base), nil
}

// BaseURLError is a base URL ParseBaseURL refused.
type BaseURLError struct {
	Base string
	Why  string
}

func (e *BaseURLError) Error() string {
	return "base_url " + strconv.Quote(e.Base) + " " + e.Why + ": give a path that starts with one / (/procedures/) or a full address (https://example.org/procedures/)"
}

func parseAbsolute(base string) (string, string, error) {
	fail := func(why string) (string, string, error) {
		return "", "", &BaseURLError{Base: base, Why: why}
	}
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return fail("is not a URL")
	case u.Scheme != "https" && u.Scheme != "http":
		return fail("must start with https:// or http://")
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return fail("has no host name")
	case u.User != nil:
		return fail("must not hold a user name or password")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(base, "?#"):
		return fail("must not have a ? query or # fragment")
	case strings.ContainsAny(u.Host, `\ `) || strings.ContainsFunc(u.Host, isControl):
		return fail("has a host name that is not valid")
	}
	origin := u.Scheme + "://" + u.Host
	p := u.EscapedPath()
	if p == "" {
		return origin, "/", nil
	}
	if err := checkBasePath(p); err != nil {
		return fail(err.Error())
	}
	return origin, withSlash(p), nil
}

// checkBasePath refuses a path that is not a plain path on the site's
// own host.
func checkBasePath(p string) error {
	switch {
	case !strings.HasPrefix(p, "/"):
		return errors.New("must start with /")
	case strings.HasPrefix(p, "//"):
		return errors.New("starts with //, which browsers read as another host's address")
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\':
			return errors.New(`has a \, which browsers read as /`)
		case c == '%':
			if i+2 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2]) {
				return errors.New("has a % that is not followed by two hexadecimal digits")
			}
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-._~/", c) >= 0:
		default:
			return errors.New("may hold only letters, digits and - . _ ~ % / (found " + strconv.QuoteRune(rune(c)) + ")")
		}
	}
	for seg := range strings.SplitSeq(p, "/") {
		if u, err := url.PathUnescape(seg); err != nil || u == "." || u == ".." || strings.ContainsAny(u, `/\`) {
			return errors.New("has a . or .. part, or an escaped / or \\")
		}
	}
	return nil
}

func withSlash(p string) string {
	if !strings.HasSuffix(p, "/") {
		return p + "/"
	}
	return p
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
