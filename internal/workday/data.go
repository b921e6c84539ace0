package workday

import (
	_ "embed"
	"errors"
	"strconv"
	"strings"
)

// The published bank holidays of each built-in calendar, data/<id>.txt.
// They cover 2018 to 2028: the feed as published in late 2026 (2019 to
// 2028), with 2018 kept from earlier copies of it.
var (
	//go:embed data/england-and-wales.txt
	englandAndWalesData string
	//go:embed data/northern-ireland.txt
	northernIrelandData string
	//go:embed data/scotland.txt
	scotlandData string
)

// dataFiles finds the data files by name. It stands in for an embed.FS,
// which would bring io/fs into the browser module, and through fs.FileInfo
// the time package's formatting code (about 14 KB compressed).
var dataFiles = textFiles{
	"data/england-and-wales.txt": englandAndWalesData,
	"data/northern-ireland.txt":  northernIrelandData,
	"data/scotland.txt":          scotlandData,
}

// textFiles is a set of embedded text files by name.
type textFiles map[string]string

// ReadFile returns the named file's contents, as embed.FS.ReadFile does.
func (f textFiles) ReadFile(name string) ([]byte, error) {
	text, ok := f[name]
	if !ok {
		return nil, errors.New("open " + name + ": file does not exist")
	}
	return []byte(text), nil
}

// parseHolidays reads a holiday list: one holiday a line, the date as
// YYYY-MM-DD, a space and the name; blank lines and lines starting with #
// are skipped. The dates must be real and strictly increasing. Errors read
// "file:line: message".
func parseHolidays(file string, text string) ([]Holiday, error) {
	var list []Holiday
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" || line[0] == '#' {
			continue
		}
		at := file + ":" + strconv.Itoa(i+1) + ": "
		if len(line) < 10 {
			return nil, errors.New(at + "want a date (YYYY-MM-DD), a space and a name")
		}
		d, err := ParseDate(line[:10])
		if err != nil {
			return nil, errors.New(at + err.Error())
		}
		if len(line) < 12 || line[10] != ' ' || strings.TrimSpace(line[11:]) == "" {
			return nil, errors.New(at + "the date " + d.String() + " needs a space and a name after it")
		}
		if n := len(list); n > 0 && !d.After(list[n-1].Date) {
			return nil, errors.New(at + d.String() + " comes after " + list[n-1].Date.String() +
				": keep one holiday a date, in date order")
		}
		list = append(list, Holiday{Date: d, Name: strings.TrimSpace(line[11:])})
	}
	if len(list) == 0 {
		return nil, errors.New(file + ": no holidays")
	}
	return list, nil
}
