package cli

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"resolve/internal/audit"
	"resolve/internal/escalation"
	"resolve/internal/inputfs"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// runAudit summarises audit returns and saved records with package audit,
// the same summary the site's /audit/ page makes in the browser.
func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flags("audit", "FILE|FOLDER... [--csv | --html] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--publish] [--content content]", stderr)
	asCSV := fl.Bool("csv", false, "print the summary as CSV, one figure a line, as the audit page downloads it")
	asHTML := fl.Bool("html", false, "print the printable board report (an HTML page), as the audit page downloads it")
	from := fl.String("from", "", "count only disagreements that arose on or after this `date`")
	to := fl.String("to", "", "count only disagreements that arose on or before this `date`")
	publish := fl.Bool("publish", false, `write counts from 1 to 4 as "fewer than 5", for anything to be shared or published`)
	contentDir := fl.String("content", "content", "the content `folder`, whose procedures are needed to read whole records and to name flags and contacts")
	// Flags may come after the files, as in the design's synopsis.
	var names []string
	for {
		if code, stop := parse(fl, args); stop {
			return code
		}
		rest := fl.Args()
		if len(rest) == 0 {
			break
		}
		names = append(names, rest[0])
		args = rest[1:]
	}
	if len(names) == 0 {
		io.WriteString(stderr, "resolve audit: name the audit returns or saved records to summarise, or folders of them\n")
		fl.Usage()
		return Usage
	}
	var filter audit.Filter
	for _, d := range []struct {
		flag, value string
		to          *workday.Date
	}{{"--from", *from, &filter.From}, {"--to", *to, &filter.To}} {
		if d.value == "" {
			continue
		}
		date, err := workday.ParseDate(d.value)
		if err != nil {
			io.WriteString(stderr, "resolve audit: "+d.flag+": "+err.Error()+"\n")
			return Usage
		}
		*d.to = date
	}
	if *asCSV && *asHTML {
		io.WriteString(stderr, "resolve audit: give --csv or --html, not both\n")
		return Usage
	}

	today := workday.Of(time.Now())
	cfg := audit.Config{Today: today}
	if fi, err := os.Stat(*contentDir); err == nil && fi.IsDir() {
		protos, problems := loadProtocols(*contentDir, today)
		if problems.Errors() > 0 {
			return report(problems, nil, stderr)
		}
		cfg.Protocols = func(id string) (*protocol.Protocol, *workday.Calendar, bool) {
			for _, p := range protos {
				if p.Protocol.ID == id {
					return p.Protocol, p.Calendar, true
				}
			}
			return nil, nil, false
		}
	}
	set := audit.NewSet(cfg)
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			io.WriteString(stderr, "resolve audit: "+err.Error()+"\n")
			return Failed
		}
		addAuditFiles(set, name)
	}
	for _, p := range set.Problems() {
		io.WriteString(stderr, p.Name+": "+p.Why+"\n")
	}
	for _, d := range set.Duplicates() {
		io.WriteString(stderr, d.Name+": the same disagreement as "+d.Same+"; counted once\n")
	}
	sum := set.Summary(filter)
	opts := audit.Options{Publish: *publish, Labels: cfg.Protocols}
	parts := audit.Tables(sum, opts)
	var err error
	switch {
	case *asCSV:
		err = audit.WriteCSV(stdout, parts)
	case *asHTML:
		_, err = stdout.Write(audit.Report(sum, parts, opts, audit.Made{Today: today}))
	default:
		_, err = io.WriteString(stdout, audit.Describe(sum, opts)+"\n\n")
		if err == nil {
			err = audit.WriteText(stdout, parts)
		}
	}
	if err != nil {
		io.WriteString(stderr, "resolve audit: "+err.Error()+"\n")
		return Failed
	}
	if sum.Skipped > 0 {
		return Failed
	}
	return OK
}

// addAuditFiles adds the named file to the set, or, for a folder, every
// .json file below it, in name order.
func addAuditFiles(set *audit.Set, name string) {
	if fi, err := os.Stat(name); err != nil || !fi.IsDir() {
		addAuditFile(set, name)
		return
	}
	var paths []string
	err := filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			set.Skip(p, "cannot be read: "+inputfs.PlainError(err))
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".json") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		set.Skip(name, "cannot be read: "+inputfs.PlainError(err))
	}
	sort.Strings(paths)
	for _, p := range paths {
		addAuditFile(set, p)
	}
}

// addAuditFile reads one file into the set. Only a regular file is read,
// and never more than escalation.MaxSize bytes of it: a named pipe, a
// device such as /dev/zero, a folder or a file too large is refused before
// reading, by name.
func addAuditFile(set *audit.Set, path string) {
	data, why := readAuditFile(path)
	if why != "" {
		set.Skip(path, why)
		return
	}
	set.Add(path, data)
}

func readAuditFile(path string) ([]byte, string) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, "cannot be read: " + inputfs.PlainError(err)
	}
	if why := notRegular(fi.Mode()); why != "" {
		return nil, why
	}
	if fi.Size() > escalation.MaxSize {
		return nil, audit.TooLarge(fi.Size())
	}
	// O_NONBLOCK: should the file be swapped for a named pipe after the
	// check above, opening it does not wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, "cannot be read: " + inputfs.PlainError(err)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, "cannot be read: " + inputfs.PlainError(err)
	}
	if why := notRegular(fi.Mode()); why != "" {
		return nil, why
	}
	data, err := io.ReadAll(io.LimitReader(f, escalation.MaxSize+1))
	if err != nil {
		return nil, "cannot be read: " + inputfs.PlainError(err)
	}
	if len(data) > escalation.MaxSize {
		return nil, audit.TooLarge(int64(len(data)))
	}
	return data, ""
}

// notRegular says why a file of mode m is refused, or "" for a regular file.
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "is a folder, not a file; it was not read"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a file; it was not read"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "is a device, not a file; it was not read"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a file; it was not read"
	}
	return "is not a regular file; it was not read"
}
