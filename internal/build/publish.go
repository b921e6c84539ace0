package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// What a partnership publishes beside the pages, written by addPublishing:
//
//   - /feed.xml, an Atom feed with an entry for each version of each
//     protocol, so agencies can subscribe to updates;
//   - /offline.html, the page a practitioner sees offline for a page that
//     was never saved on their device;
//   - /sw.js, the service worker (from the static file js/sw.js, which is
//     not published as it is) that saves the site shell, the pages read and
//     the record form's module, versioned by a build id: a hash of every
//     other output file, so each new build replaces the old cache;
//   - /_headers, the headers Netlify and Cloudflare Pages send: the pages'
//     own Content-Security-Policy with frame-ancestors, nosniff, no
//     referrer, long caching for fingerprinted files, the wasm type, and
//     Access-Control-Allow-Origin: * for the oEmbed responses.
//
// Each has its own file: feed.go, offline.go, serviceworker.go and
// headers.go, which sends the policies policy.go declares (with csp.go's
// union of them). The service worker and _headers are written last, after
// the WebAssembly modules' files (and anything cfg.Extra adds), so that
// both know them.
const (
	feedPath    = "/feed.xml"
	offlinePath = "/offline.html"
	swPath      = "/sw.js"
	swSource    = "js/sw.js" // in the static folder
	headersFile = "_headers"
	configToken = "__RESOLVE_CONFIG__" // in js/sw.js, replaced by its settings
)

// addPublishing adds what partnerships publish beside the pages: the
// updates feed, the offline service worker and host headers. It runs once
// every page is rendered, before the site is written.
func (s *site) addPublishing() error {
	s.files = append(s.files, outFile{path: strings.TrimPrefix(feedPath, "/"), data: s.feed()})

	// The service worker's source is a template: it leaves the file list
	// and is written, filled in, at the base path once everything else is.
	var worker []byte
	for i, f := range s.files {
		if u, ok := s.assets[swSource]; ok && s.url(f.path) == u {
			worker = f.data
			s.files = append(s.files[:i], s.files[i+1:]...)
			delete(s.assets, swSource)
			break
		}
	}
	offline := ""
	if worker != nil {
		if !bytes.Contains(worker, []byte(configToken)) {
			return errors.New(filepath.Join(s.cfg.Static, filepath.FromSlash(swSource)) + ": the service worker must hold " + configToken + " where the build writes its settings")
		}
		p, err := s.offlinePage()
		if err != nil {
			return err
		}
		if p != nil {
			offline = s.url(p.url)
		}
	}
	policies := s.pagePolicies()

	extra := s.cfg.Extra
	s.cfg.Extra = func(dir string) error {
		if extra != nil {
			if err := extra(dir); err != nil {
				return err
			}
		}
		// Only the service worker needs the build id: without one, the
		// files are listed but not read.
		files, id, err := s.hashOutput(dir, worker != nil)
		if err != nil {
			return err
		}
		if worker != nil {
			sw, err := s.serviceWorker(worker, id, offline, files)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(swPath, "/"))), sw, 0o644); err != nil {
				return err
			}
		}
		return os.WriteFile(filepath.Join(dir, headersFile), s.headers(policies, files, worker != nil), 0o644)
	}
	return nil
}
