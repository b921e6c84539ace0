package escalation

// Sector is a kind of agency, chosen from a fixed list so that a
// partnership can count disagreements by sector without a record or an
// audit return ever holding an agency's name.
type Sector struct {
	ID    string // what the record and the audit return hold
	Label string // what the form, the exports and the audit page show
}

// Sectors returns the sectors a practitioner chooses from, in the order the
// form lists them. The ids are part of the record format (its schema lists
// them): an id is never changed or removed, only added.
func Sectors() []Sector {
	return []Sector{
		{"education", "Education: a school, college or early years setting"},
		{"health", "Health"},
		{"police", "Police"},
		{"childrens-social-care", "Children's social care"},
		{"early-help", "Early help"},
		{"probation", "Probation or youth justice"},
		{"voluntary-sector", "Voluntary, community or faith sector"},
		{"other", "Another kind of agency"},
	}
}

// SectorLabel returns the label of the sector with the given id, or "" for
// an id that is not one of Sectors.
func SectorLabel(id string) string {
	for _, s := range Sectors() {
		if s.ID == id {
			return s.Label
		}
	}
	return ""
}
