package check

import "strings"

// The ways to reach a contact. These are stricter than net/mail and
// net/url, which accept display names, quoted local parts, bare host
// names and any scheme: a contact's address is printed as a link, so it
// must be plain. The tests check they never accept what the standard
// library refuses.

// validEmail reports whether s is a plain e-mail address (no display
// name): a local part of letters, digits and the usual punctuation, and a
// domain of at least two dot-separated labels.
func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at > 64 || len(s) > 254 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !(alnum(c) || strings.IndexByte("!#$%&'*+-/=?^_`{|}~.", c) >= 0) {
			return false
		}
	}
	return validHost(domain, true)
}

// validHost reports whether s is a domain name of letters, digits and
// hyphens in dot-separated labels; dotted requires at least two labels.
func validHost(s string, dotted bool) bool {
	labels := strings.Split(s, ".")
	if len(s) == 0 || len(s) > 253 || dotted && len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if !alnum(l[i]) && l[i] != '-' {
				return false
			}
		}
	}
	return true
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// validPhone reports whether s looks like a phone number: digits and
// spaces, an optional leading +, and from 3 digits (999) to 15.
func validPhone(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '-' || c == '(' || c == ')':
		case c == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 15
}

// validURL reports whether s is an http or https address with a host name,
// an optional port, and a path, query or fragment of printable characters.
func validURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	host := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		host = rest[:i]
		for j := i; j < len(rest); j++ {
			if c := rest[j]; c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' {
				return false
			}
			if rest[j] == '%' && (j+2 >= len(rest) || !hex(rest[j+1]) || !hex(rest[j+2])) {
				return false
			}
		}
	}
	if h, port, ok := strings.Cut(host, ":"); ok {
		if port == "" || len(port) > 5 {
			return false
		}
		for i := 0; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' {
				return false
			}
		}
		host = h
	}
	return validHost(host, false)
}

func hex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
