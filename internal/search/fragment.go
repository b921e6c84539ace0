package search

import (
	"strings"
	"unicode/utf8"
)

// fragment is the content of p/N.json.
type fragment struct {
	Title    string      `json:"t"`
	URL      string      `json:"u"`
	Where    string      `json:"w,omitempty"`
	Sections [][3]string `json:"s"`
}

// json writes the fragment as encoding/json would, without reflection:
// there is one for every page, most of it text, so the buffer is sized
// once and the text copied in runs between the few characters escaped.
func (f *fragment) json() []byte {
	size := len(f.Title) + len(f.URL) + len(f.Where) + 32
	for _, s := range f.Sections {
		size += len(s[0]) + len(s[1]) + len(s[2]) + 12
	}
	b := make([]byte, 0, size+size/32)
	b = append(b, `{"t":`...)
	b = appendString(b, f.Title)
	b = append(b, `,"u":`...)
	b = appendString(b, f.URL)
	if f.Where != "" {
		b = append(b, `,"w":`...)
		b = appendString(b, f.Where)
	}
	b = append(b, `,"s":[`...)
	for i, s := range f.Sections {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, s[0])
		b = append(b, ',')
		b = appendString(b, s[1])
		b = append(b, ',')
		b = appendString(b, s[2])
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// plain marks the ASCII characters a JSON string holds as they are:
// encoding/json escapes the others, and <, > and & too.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = !strings.ContainsRune(`"\<>&`, rune(c))
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaped exactly as
// encoding/json escapes it: invalid UTF-8 becomes U+FFFD, and U+2028 and
// U+2029, line ends to JavaScript, are escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default: // other control characters, and <, > and &
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// clip cuts text to at most n characters at a space, marking the cut.
func clip(text string, n int) string {
	if len(text) <= n || utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := 0
	for i := range text {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > 0 {
		cut = sp
	}
	return text[:cut] + " …"
}
