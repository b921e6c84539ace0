// Package words writes the small pieces of English that the site, the
// command line and the browser modules put into sentences: a count with
// its noun, and a title lower-cased to stand inside a sentence. It is
// linked by the WebAssembly modules, so it imports nothing but strconv.
package words

import "strconv"

// Count writes n with its noun: "1 stage", "3 stages".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// LowerFirst returns s with its first letter in lower case (ASCII), for
// wording put inside a sentence: "Immediately" -> "immediately". A word
// that starts with two capitals ("IRO", "LSCP") is an acronym and stays.
func LowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' || len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}
