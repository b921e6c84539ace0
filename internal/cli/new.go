package cli

import (
	"context"
	"io"

	"resolve/internal/scaffold"
)

// runNew creates a new protocol folder: `resolve new ID` or
// `resolve new protocol ID`, with flags before or after the id.
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flags("new", "[protocol] ID [--content content]", stderr)
	contentDir := fs.String("content", "content", "the content `folder` to create the protocol in")
	// Flags may follow the id, as in "resolve new my-id --content c", so
	// parse again after each word that is not a flag.
	var words []string
	for {
		if code, done := parse(fs, args); done {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(words) == 2 && words[0] == "protocol" {
		words = words[1:]
	}
	if len(words) != 1 {
		io.WriteString(stderr, "resolve new: give the new protocol's id, for example: resolve new my-partnership\n")
		fs.Usage()
		return Usage
	}
	id := words[0]
	files, err := scaffold.New(scaffold.Options{Content: *contentDir, ID: id})
	if err != nil {
		// A refused id, like any problem in input, exits 1.
		io.WriteString(stderr, "resolve new: "+err.Error()+"\n")
		return Failed
	}
	for _, f := range files {
		io.WriteString(stdout, "created "+f+"\n")
	}
	io.WriteString(stdout, "\nNext: edit "+files[0]+" (its comments explain every key) and replace\n"+
		"the words in [square brackets]; run \"resolve serve\" to see /"+id+"/, and\n"+
		"\"resolve check\" before you commit: it fails while any placeholder is left,\n"+
		"naming each file and line.\n")
	return OK
}
