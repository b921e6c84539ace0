package sitetest

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"resolve/internal/protocol"
)

// TestUrgentHeadingEverywhere: a protocol's urgent flags are headed in the
// same neutral words on the procedure page, the contacts page, the record
// form and the flowchart (the picture and its list), whatever the flags are
// about: HIPS's asks about pace, ISCP's about immediate risk. No page heads
// them as a question of urgency.
func TestUrgentHeadingEverywhere(t *testing.T) {
	urgentSeen := 0
	for _, pg := range protocols(t) {
		p := pg.Meta.Protocol
		urgent := false
		for _, f := range p.Flags {
			urgent = urgent || f.Urgent
		}
		for _, page := range []string{"", "contacts/", "record/", "flowchart/"} {
			data, err := os.ReadFile(filepath.Join(siteDir, p.ID, filepath.FromSlash(page), "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			text := html.UnescapeString(string(data))
			if got := strings.Count(text, protocol.UrgentHeading); urgent && got == 0 || !urgent && got > 0 {
				t.Errorf("/%s/%s says %q %d times; the protocol has urgent flags: %v", p.ID, page, protocol.UrgentHeading, got, urgent)
			}
			for _, old := range []string{"If the case is urgent", "Urgent: do not wait", "Urgent. If yes"} {
				if strings.Contains(text, old) {
					t.Errorf("/%s/%s still says %q", p.ID, page, old)
				}
			}
		}
		if urgent {
			urgentSeen++
		}
	}
	if urgentSeen < 2 {
		t.Errorf("only %d example protocols have urgent flags; the test wants HIPS's and ISCP's", urgentSeen)
	}
}
