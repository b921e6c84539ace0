package browsertest

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

// matchPattern reports whether the path p matches pattern, where each * in
// pattern stands for any run of characters, slashes included.
func matchPattern(pattern, p string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == p
	}
	if !strings.HasPrefix(p, parts[0]) {
		return false
	}
	p = p[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, part := range parts[1 : len(parts)-1] {
		i := strings.Index(p, part)
		if i < 0 {
			return false
		}
		p = p[i+len(part):]
	}
	return len(p) >= len(last) && strings.HasSuffix(p, last)
}
