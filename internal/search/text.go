package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// stopWords are left out of the index and of queries: they are in nearly
// every section, so they narrow nothing and would make the biggest shards.
// The list travels in the manifest, so the browser drops the same words.
var stopWords = []string{
	"a", "also", "am", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could",
	"did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "him", "his", "how", "i",
	"if", "in", "into", "is", "it", "its", "may", "me", "my", "not", "of", "on", "or", "our", "she",
	"should", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
	"those", "to", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
	"with", "would", "you", "your",
}

// stopSet is stopWords as a set.
var stopSet = func() map[string]bool {
	m := make(map[string]bool, len(stopWords))
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}()

// isStop reports whether a folded word is a stop word.
func isStop(w string) bool { return stopSet[w] }

// Token is a word of text, folded as [Words] folds it.
type Token struct {
	Word string
	// Joined is set when a hyphen, and nothing else, separates the word
	// from the one before, as in "e-mail" or "co-ordinate".
	Joined bool
}

// Words splits text into folded words: letters lose their accents (é to
// e), upper case becomes lower, apostrophes vanish ("child's" is
// "childs"), and anything that is not an ASCII letter or digit separates
// words. static/js/search.js does exactly the same.
func Words(text string) []string {
	var words []string
	eachWord(text, nil, func(w []byte, _ bool) { words = append(words, string(w)) })
	return words
}

// Tokens is Words, with whether each word is joined to the one before by
// a hyphen.
func Tokens(text string) []Token {
	var out []Token
	eachWord(text, nil, func(w []byte, joined bool) { out = append(out, Token{string(w), joined}) })
	return out
}

// eachWord calls f with each word of text, as Words finds them, read into
// buf (returned for reuse) and valid only until f returns, and whether
// the word is joined to the one before by a hyphen (- or ‐; ‑ is ‐ once
// normalised).
func eachWord(text string, buf []byte, f func(word []byte, joined bool)) []byte {
	if !needsFolding(text) {
		return eachPlainWord(text, buf, f)
	}
	w := buf[:0]
	seps, hyphen := 0, false // the separators since the last word
	started := false
	flush := func() {
		if len(w) > 0 {
			f(w, started && seps == 1 && hyphen)
			started = true
			w = w[:0]
			seps, hyphen = 0, false
		}
	}
	for _, r := range norm.NFKD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '\u2019':
			// accents and apostrophes join, they do not separate
		case r >= 'A' && r <= 'Z':
			w = append(w, byte(r+('a'-'A')))
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			w = append(w, byte(r))
		default:
			flush()
			seps++
			hyphen = r == '-' || r == '\u2010'
		}
	}
	flush()
	return w
}

// needsFolding reports whether text has a character that needs Unicode
// normalisation before it can be split into words. Plain ASCII does not,
// and nor does the typographic punctuation the markdown renderer writes
// (curly quotes, dashes, ellipses, no-break spaces), which is most text.
func needsFolding(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '‘', '’', '“', '”', '–', '—', '…', '«', '»', '\u00a0':
			i += n - 1
		default:
			return true
		}
	}
	return false
}

// eachPlainWord is eachWord for text that does not need folding. Of the
// non-ASCII characters such text may hold, the apostrophe ’ joins, like ',
// and the rest separate, as they do after normalisation.
func eachPlainWord(text string, buf []byte, f func(word []byte, joined bool)) []byte {
	w := buf[:0]
	last := -1 // where the last word ended
	for i := 0; i < len(text); {
		j, fold := plainWordEnd(text, i)
		if j == i {
			i++ // a separator
			continue
		}
		w = append(w[:0], text[i:j]...)
		if fold {
			w = foldPlain(w)
		}
		if len(w) > 0 {
			f(w, last >= 0 && joins(text[last:i]))
			last = j
		}
		i = j
	}
	return w
}

// plainWordEnd returns where the plain word at text[i:] ends, and
// whether it needs folding. A word runs over letters, digits and
// apostrophes (' and ’); most words are lower case with no apostrophe,
// and need none.
func plainWordEnd(text string, i int) (end int, fold bool) {
	j := i
	for j < len(text) {
		c := text[j]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			j++
			continue
		case c >= 'A' && c <= 'Z', c == '\'':
			fold = true
			j++
			continue
		case c >= utf8.RuneSelf && strings.HasPrefix(text[j:], "’"):
			fold = true
			j += len("’")
			continue
		}
		break
	}
	return j, fold
}

// joins reports whether the gap between two plain words joins them: a
// hyphen and nothing else, apostrophes aside (they vanish in words).
func joins(gap string) bool {
	hyphen := false
	for i := 0; i < len(gap); i++ {
		switch {
		case gap[i] == '\'':
		case strings.HasPrefix(gap[i:], "’"):
			i += len("’") - 1
		case gap[i] == '-' && !hyphen:
			hyphen = true
		default:
			return false
		}
	}
	return hyphen
}

// foldPlain lowers the case of a plain word and drops its apostrophes, in place.
func foldPlain(w []byte) []byte {
	out := w[:0]
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c == '\'':
		case c >= utf8.RuneSelf: // the three bytes of ’
			i += len("’") - 1
		case c >= 'A' && c <= 'Z':
			out = append(out, c+('a'-'A'))
		default:
			out = append(out, c)
		}
	}
	return out
}

// Terms returns the index terms of text, in order, as the index records
// them without synonyms: each word's term (words without stop words, each
// stemmed), and after each hyphenated compound ("e-mail", "co-ordinate")
// the term of its words written as one ("email", "coordinat") unless that
// is all digits (a range such as 2024-25) or a stop word.
func Terms(text string) []string {
	var out []string
	var chain strings.Builder
	links := 0
	compound := func() {
		if links > 1 {
			if w := chain.String(); !isStop(w) && !allDigits(w) {
				out = append(out, Stem(w))
			}
		}
	}
	for _, tk := range Tokens(text) {
		if !tk.Joined {
			compound()
			chain.Reset()
			links = 0
		}
		chain.WriteString(tk.Word)
		links++
		if !isStop(tk.Word) {
			out = append(out, Stem(tk.Word))
		}
	}
	compound()
	return out
}

// wordTerms is Terms without compounds: the terms of text's words.
func wordTerms(text string) []string {
	var out []string
	for _, w := range Words(text) {
		if !isStop(w) {
			out = append(out, Stem(w))
		}
	}
	return out
}

// allDigits reports whether w is one or more digits.
func allDigits[W string | []byte](w W) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return len(w) > 0
}

// Stem strips the commonest English inflections from a folded word, so
// that "escalate", "escalated", "escalating" and "escalation" are one
// term. It is deliberately light: a plural, then one of -ing, -ed or
// -ion, then a final e; it never leaves fewer than three letters before
// the final e goes, and leaves words with digits alone. Over-stemming only merges a few
// unrelated words, and the browser applies the same rules to queries.
func Stem(w string) string {
	if len(w) <= 3 || strings.ContainsAny(w, "0123456789") {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	for _, suffix := range []string{"ing", "ed", "ion"} {
		if !strings.HasSuffix(w, suffix) || len(w)-len(suffix) < 3 {
			continue
		}
		switch {
		case suffix == "ed" && strings.HasSuffix(w, "eed"):
			w = w[:len(w)-1] // "agreed" -> "agree", then "agre" below
		default:
			w = w[:len(w)-len(suffix)]
			// "referred" -> "referr" -> "refer"; "called" keeps its l's.
			if n := len(w); suffix != "ion" && w[n-1] == w[n-2] && !strings.ContainsRune("aeioulsz", rune(w[n-1])) {
				w = w[:n-1]
			}
		}
		break
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}
