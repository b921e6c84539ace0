package statichost

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// A headerRule gives headers to the paths its pattern matches.
type headerRule struct {
	pattern string // a URL path; each * in it matches any run of characters
	header  http.Header
}

// parseHeaders reads a _headers file, the format that Netlify and Cloudflare
// Pages read: a line that starts in the first column is a URL path pattern,
// the indented "Name: value" lines under it are the headers for the paths it
// matches, and lines starting with # are comments. name is used in errors,
// which read name:line: message.
func parseHeaders(name string, r io.Reader) ([]headerRule, error) {
	var rules []headerRule
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		case line[0] != ' ' && line[0] != '\t':
			if !strings.HasPrefix(trimmed, "/") {
				return nil, fmt.Errorf("%s:%d: path pattern %q does not start with /", name, n, trimmed)
			}
			if strings.ContainsAny(trimmed, " \t") {
				return nil, fmt.Errorf("%s:%d: path pattern %q has a space in it", name, n, trimmed)
			}
			rules = append(rules, headerRule{pattern: trimmed, header: http.Header{}})
		default:
			if len(rules) == 0 {
				return nil, fmt.Errorf("%s:%d: header %q comes before any path pattern", name, n, trimmed)
			}
			key, value, ok := strings.Cut(trimmed, ":")
			key, value = strings.TrimSpace(key), strings.TrimSpace(value)
			if !ok || key == "" || strings.ContainsAny(key, " \t") {
				return nil, fmt.Errorf("%s:%d: %q is not a Name: value header", name, n, trimmed)
			}
			if value == "" {
				return nil, fmt.Errorf("%s:%d: header %s has no value", name, n, key)
			}
			rules[len(rules)-1].header.Add(key, value)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rules, nil
}

// headersFor returns the headers of every rule whose pattern matches the URL
// path p, in the order of the file.
func headersFor(rules []headerRule, p string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if !matchPattern(r.pattern, p) {
			continue
		}
		for k, vs := range r.header {
			for _, v := range vs {
				h.Add(k, v)
			}
		}
	}
	return h
}

// matchPattern reports whether the path p matches pattern as Netlify and
// Cloudflare Pages match _headers patterns: each * stands for any run of
// characters, slashes included, and each :name (a colon at the start of a
// segment, then letters, digits and _) for one path segment that is not
// empty. It takes time in
// proportion to the product of the two lengths, however many stars.
func matchPattern(pattern, p string) bool {
	type token struct {
		kind byte // 'c' a character, '*' a star, ':' a placeholder
		c    byte
	}
	var tokens []token
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '*':
			tokens = append(tokens, token{kind: '*'})
		case c == ':' && i > 0 && pattern[i-1] == '/' && i+1 < len(pattern) && isNameByte(pattern[i+1]):
			for i+1 < len(pattern) && isNameByte(pattern[i+1]) {
				i++
			}
			tokens = append(tokens, token{kind: ':'})
		default:
			tokens = append(tokens, token{kind: 'c', c: c})
		}
	}
	// next[j] is whether tokens[t+1:] match p[j:]; cur is the same for t.
	next := make([]bool, len(p)+1)
	cur := make([]bool, len(p)+1)
	next[len(p)] = true
	for t := len(tokens) - 1; t >= 0; t-- {
		tok := tokens[t]
		for j := len(p); j >= 0; j-- {
			switch tok.kind {
			case '*':
				cur[j] = next[j] || j < len(p) && cur[j+1]
			case ':':
				// One or more characters up to the next / or the end.
				cur[j] = false
				for k := j; k < len(p) && p[k] != '/'; k++ {
					if next[k+1] {
						cur[j] = true
						break
					}
				}
			default:
				cur[j] = j < len(p) && p[j] == tok.c && next[j+1]
			}
		}
		next, cur = cur, next
	}
	return next[0]
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
