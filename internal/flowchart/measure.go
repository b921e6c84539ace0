package flowchart

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The chart never ships or reads a font file: it names a list of common
// sans-serif fonts (fontFamily) and estimates how wide a line will be from the
// advance widths of Helvetica, which Arial, Arimo, Liberation Sans and Nimbus
// Sans share; Roboto, on Android, is a little narrower. The estimate is
// multiplied by widthMargin to leave room for a wider fallback: measured in
// Chromium, lines set in DejaVu Sans (bare Linux) are on average 16% wider
// than Arial, so only a system with none of the fonts listed may see a long
// line touch its box's edge.

// fontFamily is the font list every <text> of the chart is set in.
const fontFamily = "Arial, Arimo, 'Liberation Sans', Helvetica, 'Nimbus Sans', 'Nimbus Sans L', Roboto, sans-serif"

// widthMargin is how much wider than Helvetica the real font may be.
const widthMargin = 1.1

// Advance widths of the printable ASCII characters U+0020 to U+007E, in
// thousandths of an em, of Helvetica regular and bold.
var (
	regularWidths = [95]uint16{
		278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
		278, 278, 584, 584, 584, 556, 1015, // : to @
		667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A to M
		722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N to Z
		278, 278, 278, 469, 556, 333, // [ to `
		556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a to m
		556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n to z
		334, 260, 334, 584, // { to ~
	}
	boldWidths = [95]uint16{
		278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
		556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
		333, 333, 584, 584, 584, 611, 975, // : to @
		722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, // A to M
		722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N to Z
		333, 278, 333, 584, 556, 333, // [ to `
		556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, // a to m
		611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, // n to z
		389, 280, 389, 584, // { to ~
	}
)

// runeWidth is the advance width of r in thousandths of an em. Characters
// outside ASCII get a deliberately generous guess: typographic punctuation
// its real width, wide (East Asian) characters a full em, anything else the
// width of a capital letter.
func runeWidth(r rune, bold bool) int {
	if r >= ' ' && r <= '~' {
		if bold {
			return int(boldWidths[r-' '])
		}
		return int(regularWidths[r-' '])
	}
	switch r {
	case '\u2018', '\u2019': // ‘ ’
		return 278
	case '\u201c', '\u201d': // “ ”
		return 500
	case '\u2013', '\u00a3', '\u20ac': // – £ €
		return 556
	case '\u2014', '\u2026': // — …
		return 1000
	case '\u00a0': // no-break space
		return 278
	}
	if r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r >= 0xff00 && r <= 0xffef) {
		return 1000
	}
	if unicode.Is(unicode.Mn, r) { // combining marks take no room of their own
		return 0
	}
	return 778
}

// textWidth estimates how wide s is, in user units, when set at size
// (the font size in user units), including the safety margin.
func textWidth(s string, size int, bold bool) float64 {
	em := 0
	for _, r := range s {
		em += runeWidth(r, bold)
	}
	return float64(em) * float64(size) / 1000 * widthMargin
}

// wrap breaks s into lines whose estimated width is at most max. It breaks at
// spaces; a word too long for a line on its own is split between characters.
// Runs of white space collapse to one space, as they do when SVG renders them.
// wrap never returns an empty slice for non-blank s, and returns nil for blank s.
func wrap(s string, size int, bold bool, max float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		candidate := word
		if line != "" {
			candidate = line + " " + word
		}
		if textWidth(candidate, size, bold) <= max {
			line = candidate
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		// The word does not fit beside anything; split it if it does not
		// fit on its own either.
		for textWidth(word, size, bold) > max {
			head := fitPrefix(word, size, bold, max)
			lines = append(lines, head)
			word = word[len(head):]
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fitPrefix returns the longest prefix of word (whole runes, at least one)
// whose width is at most max.
func fitPrefix(word string, size int, bold bool, max float64) string {
	end := 0
	for end < len(word) {
		_, n := utf8.DecodeRuneInString(word[end:])
		if end > 0 && textWidth(word[:end+n], size, bold) > max {
			break
		}
		end += n
	}
	return word[:end]
}
