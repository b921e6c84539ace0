package workday

import (
	"strings"
	"testing"

	yaml "github.com/goccy/go-yaml"
)

// TestSpecYAML reads the example in the package comment as content would.
func TestSpecYAML(t *testing.T) {
	const text = `
calendars:
  - id: guernsey
    name: Bailiwick of Guernsey
    base: england-and-wales
    add:
      - {date: 2025-05-09, name: Liberation Day}
    remove:
      - {date: 2025-08-25, name: Summer bank holiday}
`
	var doc struct {
		Calendars []Spec `yaml:"calendars"`
	}
	if err := yaml.UnmarshalWithOptions([]byte(text), &doc, yaml.DisallowUnknownField()); err != nil {
		t.Fatal(err)
	}
	if len(doc.Calendars) != 1 {
		t.Fatalf("decoded %d calendars; want 1", len(doc.Calendars))
	}
	s := doc.Calendars[0]
	if s.ID != "guernsey" || s.Base != "england-and-wales" || len(s.Add) != 1 || len(s.Remove) != 1 ||
		s.Add[0] != (Holiday{date("2025-05-09"), "Liberation Day"}) || s.Remove[0].Date != date("2025-08-25") {
		t.Fatalf("decoded %+v", s)
	}
	c, err := NewCustom(s)
	if err != nil {
		t.Fatal(err)
	}
	if name, ok := c.Holiday(date("2025-05-09")); !ok || name != "Liberation Day" {
		t.Errorf("Holiday(2025-05-09) = %q, %v; want Liberation Day", name, ok)
	}

	// A date that is not real is refused while decoding.
	bad := strings.Replace(text, "2025-05-09", "2025-02-30", 1)
	if err := yaml.Unmarshal([]byte(bad), &doc); err == nil || !strings.Contains(err.Error(), "2025-02-30") {
		t.Errorf("decoding a calendar adding 2025-02-30: error %v; want one naming the date", err)
	}
}
