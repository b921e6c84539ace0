package audit

import (
	"io"
	"strings"
	"unicode/utf8"
)

// CSVHeader is the first line of the CSV: one figure per line after it,
// so a spreadsheet can filter and pivot any table.
var CSVHeader = []string{"procedure", "table", "row", "label", "column", "value"}

// CSV writes every figure of the tables, one a line: the procedure ("all"
// for all of them), the table, the row's key and label, the column's key
// and the figure as written (so "fewer than 5" where Publish held it
// back). Fields are quoted as RFC 4180 says, and a field a spreadsheet
// would run as a formula is written with a ' in front.
func CSV(parts []Part) []byte {
	var b []byte
	b = csvLine(b, CSVHeader)
	for _, p := range parts {
		for _, t := range p.Tables {
			scope := t.Scope
			if scope == "" {
				scope = "all"
			}
			for _, r := range t.Rows {
				for i, c := range r.Cells {
					if i+1 < len(t.Head) {
						b = csvLine(b, []string{scope, t.ID, r.Key, r.Label, t.Head[i+1].Key, c.Text})
					}
				}
			}
		}
	}
	return b
}

// WriteCSV writes CSV(parts) to w.
func WriteCSV(w io.Writer, parts []Part) error {
	_, err := w.Write(CSV(parts))
	return err
}

func csvLine(b []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
			f = "'" + f
		}
		if strings.ContainsAny(f, ",\"\r\n") {
			b = append(b, '"')
			for i := 0; i < len(f); i++ { // each " doubled (not strings.ReplaceAll, which adds 5 KB to the module)
				if f[i] == '"' {
					b = append(b, '"')
				}
				b = append(b, f[i])
			}
			b = append(b, '"')
		} else {
			b = append(b, f...)
		}
	}
	return append(b, '\r', '\n')
}

// WriteText writes the tables as aligned plain text, for a terminal: each
// part's title, then each table's title, heading row and rows, columns two
// spaces apart.
func WriteText(w io.Writer, parts []Part) error {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(p.Title + "\n" + strings.Repeat("=", utf8.RuneCountInString(p.Title)) + "\n")
		for _, t := range p.Tables {
			b.WriteString("\n" + t.Title + "\n")
			rows := [][]string{make([]string, len(t.Head))}
			for j, c := range t.Head {
				rows[0][j] = c.Label
			}
			for _, r := range t.Rows {
				line := []string{r.Label}
				for _, c := range r.Cells {
					text := c.Text
					if text == "" {
						text = "-"
					}
					line = append(line, text)
				}
				rows = append(rows, line)
			}
			if len(t.Rows) == 0 {
				rows = append(rows, []string{"(none)"})
			}
			writeAligned(&b, rows)
			if t.Note != "" {
				b.WriteString(t.Note + "\n")
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeAligned writes rows with each column padded to its widest cell.
func writeAligned(b *strings.Builder, rows [][]string) {
	var width []int
	for _, r := range rows {
		for j, c := range r {
			if j == len(width) {
				width = append(width, 0)
			}
			width[j] = max(width[j], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for j, c := range r {
			line.WriteString(c)
			if j < len(r)-1 {
				line.WriteString(strings.Repeat(" ", width[j]-utf8.RuneCountInString(c)+2))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}
