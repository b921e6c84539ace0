package build

// recordPage makes /<id>/record/, the practitioner's form.
func (s *site) recordPage(pr *proto) *page {
	return s.generated("/"+pr.ID+"/record/", "record", "Record a disagreement", "Prepare your concern, record each stage and see when each is due. Everything stays on your device.", pr, nil)
}
