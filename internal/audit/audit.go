// Package audit sums up how a partnership's escalation procedures are used,
// from the anonymous audit returns practitioners send in (see
// escalation.AuditReturn) or from whole saved records, which it turns into
// audit returns first, so that nothing but a return's facts is ever counted
// or kept: no free text from a record gets past Read.
//
// It is the one summary behind both doors: `resolve audit` on the command
// line and the partnership's audit page (/audit/) in the browser, where the
// WebAssembly module links it. So it keeps the module's rules: no fmt,
// encoding/json, reflect or templates (internal/jsonx reads the files).
//
// # Reading and counting once
//
// A Set takes files one at a time, in any order, and keeps one audit
// return per disagreement. A file that cannot be read (not JSON, another
// format, a damaged return, a record of a procedure the site lacks, larger
// than escalation.MaxSize) is kept as a Problem with the file's name and
// the reason, and counted as skipped. Two returns are the same disagreement
// when they carry the same record id; of the two, the one updated later
// counts (on the same date, the one further on: more stages, then more of
// them completed, then the larger encoding, so that the choice never
// depends on the order files arrive in). Returns without an id are the
// same when their content is identical, however it is laid out. A record
// given with its own return is counted once.
//
// # The summary
//
// Summary works out, for every procedure and for all of them together,
// within an optional date range (by the date the disagreement arose): the
// disagreements; how many are open, resolved or exhausted; the stage each
// was resolved at; each stage's completions against its timescale and how
// many were on time; working days from arising to resolution (median,
// shortest, longest); urgent starts (a record that began after stage 1);
// the flags set; the disagreements per month; the procedure versions
// followed; the partnership contact chosen, where a procedure has several;
// and the sectors of the two agencies.
//
// Tables lays that out as titled tables, the same for every output: the
// page's tables and SVG charts (package chart draws them), the CSV
// download (WriteCSV), the printable board report (Report) and the command
// line's text (WriteText). With Options.Publish, every count from 1 to 4 is
// written "fewer than 5", and figures worked out from fewer than 5
// disagreements are not shown, since in a small area they could identify a
// case.
package audit

import (
	"bytes"
	"strconv"

	"resolve/internal/escalation"
	"resolve/internal/jsonx"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// Lookup returns the procedure with the given id and the calendar its
// working days are counted by, or false if the site has no such procedure.
type Lookup func(protocolID string) (*protocol.Protocol, *workday.Calendar, bool)

// Config says how to read whole records and how to label what is counted.
// With no Protocols, only audit returns can be read (records are skipped
// with a message) and tables name flags, contacts and stages by their ids.
// Today is the date records are read on.
type Config struct {
	Protocols Lookup
	Today     workday.Date
}

// Read returns the audit return in data, which is an audit return or a
// whole record (turned into its return, so nothing typed in it is kept).
func (c Config) Read(data []byte) (*escalation.AuditReturn, error) {
	if len(data) > escalation.MaxSize {
		return nil, tooLarge(len(data))
	}
	if !isRecord(data) {
		return escalation.ParseAudit(data)
	}
	var id string
	if v, err := decodeFirst(data); err == nil {
		if p := v.Get("protocol"); p != nil {
			if s := p.Get("id"); s != nil && s.Kind == jsonx.String {
				id = s.Text
			}
		}
	}
	if c.Protocols == nil {
		return nil, errorString("This is a whole record; records are read only with the site's procedures (give the content folder), or send its audit return instead.")
	}
	p, cal, ok := c.Protocols(id)
	if !ok {
		return nil, errorString("This record is for the procedure " + strconv.Quote(id) + ", which this site does not have.")
	}
	r, _, err := escalation.Import(data, p, c.Today)
	if err != nil {
		return nil, err
	}
	return escalation.Audit(r, p, cal), nil
}

// isRecord reports whether data is a JSON object whose format is the
// record's. Most files are returns, which never hold the record's format
// name, so they are parsed once, by ParseAudit.
func isRecord(data []byte) bool {
	if !bytes.Contains(data, []byte(escalation.Format)) {
		return false
	}
	v, err := decodeFirst(data)
	if err != nil {
		return false
	}
	f := v.Get("format")
	return f != nil && f.Kind == jsonx.String && f.Text == escalation.Format
}

// decodeFirst reads the first JSON value of data, allowing repeated names,
// which escalation.Import then refuses with its own message.
func decodeFirst(data []byte) (jsonx.Value, error) {
	d := jsonx.NewDecoder(data)
	d.AllowDuplicates = true
	return d.Decode()
}

// TooLarge is the reason given for a file over escalation.MaxSize, known
// from its size before it is read. Like the command line's other reasons
// for not reading a file, it follows the file's name: "big.json: is too
// large ...".
func TooLarge(size int64) string {
	return "is too large to be an audit return or a record (" + strconv.FormatInt(size/1024, 10) +
		" KB; the limit is " + strconv.Itoa(escalation.MaxSize/1024) + " KB); it was not read"
}

func tooLarge(n int) error { return errorString("This file " + TooLarge(int64(n)) + ".") }

type errorString string

func (e errorString) Error() string { return string(e) }
