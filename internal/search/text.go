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
	"a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "for", "from",
	"has", "have", "if", "in", "into", "is", "it", "its", "may", "not", "of", "on", "or", "should",
	"so", "that", "the", "their", "them", "there", "they", "this", "to", "was", "we", "were", "what",
	"when", "which", "who", "will", "with", "you", "your",
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

// Words splits text into folded words: letters lose their accents (é to
// e), upper case becomes lower, apostrophes vanish ("child's" is
// "childs"), and anything that is not an ASCII letter or digit separates
// words. static/js/search.js does exactly the same.
func Words(text string) []string {
	var words []string
	if !needsFolding(text) {
		eachPlainWord(text, nil, func(w []byte) { words = append(words, string(w)) })
		return words
	}
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range norm.NFKD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '\u2019':
			// accents and apostrophes join, they do not separate
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return words
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

// eachPlainWord is Words for text that does not need folding: it calls f
// with each word, read into buf (returned for reuse) and valid only until
// f returns. Of the non-ASCII characters such text may hold, the
// apostrophe ’ joins, like ', and the rest separate, as they do after
// normalisation.
func eachPlainWord(text string, buf []byte, f func(word []byte)) []byte {
	w := buf[:0]
	for i := 0; i < len(text); {
		// A word runs over letters, digits and apostrophes. Most words are
		// lower case with no apostrophe, and are copied whole.
		j, fold := i, false
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
		if j == i {
			i++ // a separator
			continue
		}
		w = append(w[:0], text[i:j]...)
		if fold {
			w = foldPlain(w)
		}
		if len(w) > 0 {
			f(w)
		}
		i = j
	}
	return w
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

// Terms returns the index terms of text, in order: its words without stop
// words, each stemmed. A query is turned into terms the same way.
func Terms(text string) []string {
	var out []string
	for _, w := range Words(text) {
		if isStop(w) {
			continue
		}
		out = append(out, Stem(w))
	}
	return out
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
