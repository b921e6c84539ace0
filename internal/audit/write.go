package audit

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteTable writes the summary as aligned text tables: one row per
// procedure and a row for all of them, then the stage at which
// disagreements were resolved, then the flags set.
func (s Summary) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	total := s.Total()
	rows := append(append([]Protocol{}, s.Protocols...), total)

	fmt.Fprintf(tw, "Professional disagreements: %s given, %d read, %d skipped.\n\n",
		plural(s.Files, "file", "files"), s.Files-s.Skipped, s.Skipped)
	fmt.Fprintln(tw, "Procedure\tVersions\tDisagreements\tOpen\tResolved\tExhausted\tUrgent starts\tStages on time\tMedian working days to resolution")
	for _, p := range rows {
		versions := strings.Join(versionNames(p.Versions), ", ")
		onTime := "none timed"
		if share, ok := p.OnTimeShare(); ok {
			onTime = fmt.Sprintf("%d of %d (%.0f%%)", p.StagesOnTime, p.StagesTimed, share)
		}
		median := "none resolved"
		if m, ok := p.Median(); ok {
			median = strconv.FormatFloat(m, 'f', -1, 64)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", p.ID, versions, p.Disagreements, p.Open, p.Resolved, p.Exhausted, p.UrgentStarts, onTime, median)
	}

	fmt.Fprintln(tw, "\nResolved at stage")
	head := "Procedure\t"
	for i := range total.ResolvedAt {
		head += strconv.Itoa(i+1) + "\t"
	}
	fmt.Fprintln(tw, strings.TrimSuffix(head, "\t"))
	for _, p := range rows {
		line := p.ID + "\t"
		for i := range total.ResolvedAt {
			line += strconv.Itoa(at(p.ResolvedAt, i)) + "\t"
		}
		fmt.Fprintln(tw, strings.TrimSuffix(line, "\t"))
	}

	fmt.Fprintln(tw, "\nFlags set")
	fmt.Fprintln(tw, "Procedure\tFlag\tDisagreements")
	wrote := false
	for _, p := range s.Protocols {
		for _, f := range p.Flags {
			fmt.Fprintf(tw, "%s\t%s\t%d\n", p.ID, f.ID, f.Count)
			wrote = true
		}
	}
	if !wrote {
		fmt.Fprintln(tw, "(none)")
	}
	return tw.Flush()
}

// WriteCSV writes one row per procedure and a last row, "all", for all of
// them, with a column for each stage at which a disagreement was resolved
// and each flag (as flag:ID) any procedure had set. The last row also says
// how many files were read and skipped.
func (s Summary) WriteCSV(w io.Writer) error {
	total := s.Total()
	var flagIDs []string
	seen := map[string]bool{}
	for _, p := range s.Protocols {
		for _, f := range p.Flags {
			if !seen[f.ID] {
				seen[f.ID] = true
				flagIDs = append(flagIDs, f.ID)
			}
		}
	}
	sort.Strings(flagIDs)

	head := []string{"procedure", "versions", "disagreements", "open", "resolved", "exhausted", "urgent_starts",
		"stages_timed", "stages_on_time", "on_time_percent", "median_working_days_to_resolution"}
	for i := range total.ResolvedAt {
		head = append(head, "resolved_at_stage_"+strconv.Itoa(i+1))
	}
	for _, id := range flagIDs {
		head = append(head, "flag:"+id)
	}
	head = append(head, "files_read", "files_skipped")

	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return err
	}
	rows := append(append([]Protocol{}, s.Protocols...), total)
	for i, p := range rows {
		rec := []string{p.ID, cell(strings.Join(versionNames(p.Versions), ";")),
			strconv.Itoa(p.Disagreements), strconv.Itoa(p.Open), strconv.Itoa(p.Resolved), strconv.Itoa(p.Exhausted),
			strconv.Itoa(p.UrgentStarts), strconv.Itoa(p.StagesTimed), strconv.Itoa(p.StagesOnTime), "", ""}
		if share, ok := p.OnTimeShare(); ok {
			rec[9] = strconv.FormatFloat(share, 'f', 1, 64)
		}
		if m, ok := p.Median(); ok {
			rec[10] = strconv.FormatFloat(m, 'f', -1, 64)
		}
		for j := range total.ResolvedAt {
			rec = append(rec, strconv.Itoa(at(p.ResolvedAt, j)))
		}
		counts := map[string]int{}
		for _, f := range p.Flags {
			counts[f.ID] = f.Count
		}
		for _, id := range flagIDs {
			if i == len(rows)-1 {
				rec = append(rec, "") // flags are each procedure's own
			} else {
				rec = append(rec, strconv.Itoa(counts[id]))
			}
		}
		if i == len(rows)-1 {
			rec = append(rec, strconv.Itoa(s.Files-s.Skipped), strconv.Itoa(s.Skipped))
		} else {
			rec = append(rec, "", "")
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// versionNames writes the unknown version as "unknown".
func versionNames(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		if v == "" {
			v = "unknown"
		}
		out[i] = v
	}
	return out
}

// cell keeps a spreadsheet from reading a value as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

func at(xs []int, i int) int {
	if i < len(xs) {
		return xs[i]
	}
	return 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
