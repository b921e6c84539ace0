// Package diag holds the problems found in content and input: each names a
// file and, where known, a line, and prints as `path:line: message`, the form
// editors and CI annotate.
package diag

import (
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong (or, if Warning, worth a look) in a file.
type Problem struct {
	Path    string // slash-separated, relative to the content root's parent, e.g. content/hips/_index.md
	Line    int    // 1-based, counted from the top of the file; 0 if unknown
	Message string
	Warning bool
	Note    bool // something to know that is not wrong, such as a page left out as a draft
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	switch {
	case p.Warning:
		b.WriteString("warning: ")
	case p.Note:
		b.WriteString("note: ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// GitHub formats p as a GitHub Actions workflow command, which the pull
// request page shows as an annotation on the file and line.
func (p Problem) GitHub() string {
	kind := "error"
	switch {
	case p.Warning:
		kind = "warning"
	case p.Note:
		kind = "notice"
	}
	var b strings.Builder
	b.WriteString("::" + kind + " file=" + escapeProperty(p.Path))
	if p.Line > 0 {
		b.WriteString(",line=" + strconv.Itoa(p.Line))
	}
	b.WriteString("::" + escapeData(p.Message))
	return b.String()
}

// Workflow commands need %, CR and LF escaped in data, and also : and , in properties.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// List is the problems of one run. As an error it prints one problem a line.
type List []Problem

// Add appends a problem.
func (l *List) Add(path string, line int, msg string) {
	*l = append(*l, Problem{Path: path, Line: line, Message: msg})
}

// Warn appends a warning.
func (l *List) Warn(path string, line int, msg string) {
	*l = append(*l, Problem{Path: path, Line: line, Message: msg, Warning: true})
}

// Note appends a note.
func (l *List) Note(path string, line int, msg string) {
	*l = append(*l, Problem{Path: path, Line: line, Message: msg, Note: true})
}

// Errors reports how many of the problems are errors, not warnings or notes.
func (l List) Errors() int {
	n := 0
	for _, p := range l {
		if !p.Warning && !p.Note {
			n++
		}
	}
	return n
}

// Sort orders problems by path, line and message, so output is stable
// whatever order a parallel build found them in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
}

// Err returns l as an error if it holds any error, or nil.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return l
}

func (l List) Error() string {
	var b strings.Builder
	for i, p := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}
