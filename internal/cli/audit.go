package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"resolve/internal/audit"
	"resolve/internal/protocol"
	"resolve/internal/workday"
)

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("audit", "FILE|FOLDER... [--csv] [--content content]", stderr)
	asCSV := fs.Bool("csv", false, "print CSV for a spreadsheet instead of tables")
	contentDir := fs.String("content", "content", "the content `folder`, whose protocols are needed to read whole records")
	// Flags may come after the files, as in the design's synopsis.
	var names []string
	for {
		if code, stop := parse(fs, args); stop {
			return code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		names = append(names, rest[0])
		args = rest[1:]
	}
	if len(names) == 0 {
		io.WriteString(stderr, "resolve audit: name the audit returns or saved records to summarise, or folders of them\n")
		fs.Usage()
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
	files, failed := readAuditFiles(names, stderr)
	sum, errs := cfg.Summarise(files)
	for _, err := range errs {
		io.WriteString(stderr, err.Error()+"\n")
	}
	sum.Files += failed
	sum.Skipped += failed
	var err error
	if *asCSV {
		err = sum.WriteCSV(stdout)
	} else {
		err = sum.WriteTable(stdout)
	}
	if err != nil {
		io.WriteString(stderr, "resolve audit: "+err.Error()+"\n")
		return Failed
	}
	if sum.Skipped == sum.Files {
		return Failed
	}
	return OK
}

// readAuditFiles reads the named files, and every .json file in the named
// folders, in name order. Files that cannot be read are reported and counted.
func readAuditFiles(names []string, stderr io.Writer) ([]audit.File, int) {
	var files []audit.File
	failed := 0
	for _, name := range names {
		paths := []string{name}
		if fi, err := os.Stat(name); err == nil && fi.IsDir() {
			paths = nil
			filepath.WalkDir(name, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".json") {
					paths = append(paths, p)
				}
				return nil
			})
			sort.Strings(paths)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				io.WriteString(stderr, p+": cannot read: "+err.Error()+"\n")
				failed++
				continue
			}
			files = append(files, audit.File{Name: p, Data: data})
		}
	}
	return files, failed
}
