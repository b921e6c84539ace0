// Package history reads the earlier versions of a protocol from git and says,
// in plain words, what changed from one version to the next.
//
// A protocol's history is the commits that touched its _index.md. [Log] asks
// git for them with one `git log` (capped to the newest few) and reads the
// file as each commit left it with one `git cat-file --batch`, both run with
// os/exec: no git library, and nothing at all when git is missing, the
// content is not in a git checkout, or the file was never committed. A
// shallow clone simply has a shorter history.
//
// [Versions] folds the commits into versions: consecutive commits with the
// same protocol.version are one version, represented by the newest of them.
// [Compare] lists the differences in the protocol data between two versions:
// stages added, removed, renamed or moved, timescales, who takes part,
// summaries, prompts, flags, template questions, contacts, when_to_use and
// the settings (partnership, calendar, emergency banner). The published
// version, dates, review date and the changes list are not compared: they
// describe versions rather than the procedure.
package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/adrg/frontmatter"
	yaml "github.com/goccy/go-yaml"

	"resolve/internal/protocol"
	"resolve/internal/workday"
)

// ErrNoHistory is returned by Log when there is no git history to read: git
// is not installed or the file is not inside a git work tree.
var ErrNoHistory = errors.New("no git history")

// Snapshot is a protocol as one commit left it.
type Snapshot struct {
	Commit   string             // the full commit hash; "" for the working copy
	Date     workday.Date       // the commit date, in the committer's time zone
	Protocol *protocol.Protocol // nil when the file held no readable protocol block
}

// marker starts each commit line that Log asks git log to print, so that
// nothing else git might print is taken for a commit.
const marker = "resolve-commit "

// Log returns up to limit snapshots of file, newest first, read from git. A
// file with no commits gives no snapshots and no error; no git, or no work
// tree, gives ErrNoHistory.
func Log(ctx context.Context, file string, limit int) ([]Snapshot, error) {
	if limit <= 0 {
		return nil, nil
	}
	dir, name := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	// ./name is read by cat-file relative to dir, not to the repository root.
	rel := "./" + filepath.ToSlash(name)
	out, err := git(ctx, dir, nil, "log", "--max-count="+strconv.Itoa(limit), "--no-show-signature",
		"--format="+marker+"%H %cs", "--", rel)
	if err != nil {
		return nil, err
	}
	commits, err := parseLog(out)
	if err != nil {
		return nil, fmt.Errorf("%s: reading git log: %w", file, err)
	}
	if len(commits) == 0 {
		return nil, nil
	}
	var req bytes.Buffer
	for _, c := range commits {
		req.WriteString(c.Commit + ":" + rel + "\n")
	}
	out, err = git(ctx, dir, &req, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	blobs, err := parseBatch(out, len(commits))
	if err != nil {
		return nil, fmt.Errorf("%s: reading git cat-file: %w", file, err)
	}
	snaps := make([]Snapshot, 0, len(commits))
	for i, c := range commits {
		if blobs[i] == nil {
			continue // the commit deleted the file
		}
		c.Protocol = ProtocolOf(blobs[i])
		snaps = append(snaps, c)
	}
	return snaps, nil
}

// git runs one git command in dir and returns its standard output. Any
// failure to run it, or a refusal because dir is not in a work tree, is
// ErrNoHistory: the site then builds without history.
func git(ctx context.Context, dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-c", "core.quotepath=off", "-c", "log.showSignature=false"}, args...)...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%w: git %s: %s", ErrNoHistory, args[0], msg)
	}
	return out, nil
}

// parseLog reads the commit lines Log asks for: marker, hash, space, date.
// Lines without the marker are ignored.
func parseLog(out []byte) ([]Snapshot, error) {
	var snaps []Snapshot
	sc := bufio.NewScanner(bytes.NewReader(out))
	for n := 1; sc.Scan(); n++ {
		line, ok := strings.CutPrefix(sc.Text(), marker)
		if !ok {
			continue
		}
		hash, date, ok := strings.Cut(line, " ")
		if !ok || !isHash(hash) {
			return nil, fmt.Errorf("line %d: %q is not a commit and a date", n, line)
		}
		d, err := workday.ParseDate(date)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		snaps = append(snaps, Snapshot{Commit: hash, Date: d})
	}
	return snaps, sc.Err()
}

// isHash reports whether s is a full SHA-1 or SHA-256 commit hash.
func isHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= '0' && s[i] <= '9' || s[i] >= 'a' && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// parseBatch reads want answers of `git cat-file --batch`, each either
// "<hash> <type> <size>\n<content>\n" or "<object> missing\n". A missing
// object gives a nil entry.
func parseBatch(out []byte, want int) ([][]byte, error) {
	blobs := make([][]byte, 0, want)
	for len(blobs) < want {
		header, rest, ok := bytes.Cut(out, []byte("\n"))
		if !ok {
			return nil, fmt.Errorf("answer %d of %d is cut short", len(blobs)+1, want)
		}
		fields := strings.Fields(string(header))
		switch {
		case len(fields) == 2 && (fields[1] == "missing" || fields[1] == "ambiguous"):
			blobs = append(blobs, nil)
			out = rest
			continue
		case len(fields) != 3:
			return nil, fmt.Errorf("answer %d: %q is not an object header", len(blobs)+1, header)
		}
		size, err := strconv.Atoi(fields[2])
		if err != nil || size < 0 || size+1 > len(rest) || rest[size] != '\n' {
			return nil, fmt.Errorf("answer %d: the size in %q does not match the data", len(blobs)+1, header)
		}
		if fields[1] != "blob" {
			blobs = append(blobs, nil)
		} else {
			blobs = append(blobs, rest[:size:size])
		}
		out = rest[size+1:]
	}
	return blobs, nil
}

// ProtocolOf reads the protocol block of an _index.md as it was in some
// version. It is lenient where the build is strict, because an old version
// may use keys that have since changed: unknown keys are ignored. It returns
// nil when the file has no front matter, no protocol block, or YAML that
// does not read as one.
func ProtocolOf(data []byte) *protocol.Protocol {
	var meta struct {
		Protocol *protocol.Protocol `yaml:"protocol"`
	}
	lenient := frontmatter.NewFormat("---", "---", yaml.Unmarshal)
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if _, err := frontmatter.MustParse(bytes.NewReader(data), &meta, lenient); err != nil {
		return nil
	}
	return meta.Protocol
}
