package build

import "strings"

// A page's security policy is declared here, once, as data. Layouts write
// it into each page (`<meta http-equiv="Content-Security-Policy"
// content="{{.Page.CSP}}">` and `<meta name="referrer"
// content="{{.Page.Referrer}}">`), and the build sends it from _headers
// (see headers.go), so the two never disagree. A generated file that is
// not a page may have a policy too (outFile.policy), which _headers sends:
// the oEmbed responses, which any site may read.

// policy is what a kind of page, or of generated file, lets the browser do.
type policy struct {
	csp      cspPolicy
	referrer string // the Referrer-Policy
	framed   bool   // any site may frame the page (an embed); else none may
	shared   bool   // any site's scripts may read it (Access-Control-Allow-Origin: *)
}

// self is the one source most directives allow: the site's own origin.
var self = []string{"'self'"}

// sitePolicy is every page's policy unless its kind has its own: scripts,
// styles and images from the site only (images also as data: URLs), no
// plugins, and forms that post only to the site.
var sitePolicy = policy{
	csp: cspPolicy{
		{"default-src", self},
		{"script-src", self},
		{"style-src", self},
		{"img-src", []string{"'self'", "data:"}},
		{"object-src", []string{"'none'"}},
		{"base-uri", self},
		{"form-action", self},
	},
	referrer: "no-referrer",
}

// recordPolicy is the record form's: it also runs the WebAssembly module
// ('wasm-unsafe-eval') and fetches the module's manifest (connect-src), and
// its form is never posted anywhere.
var recordPolicy = policy{
	csp: cspPolicy{
		{"default-src", self},
		{"script-src", []string{"'self'", "'wasm-unsafe-eval'"}},
		{"style-src", self},
		{"img-src", []string{"'self'", "data:"}},
		{"connect-src", self},
		{"object-src", []string{"'none'"}},
		{"base-uri", self},
		{"form-action", []string{"'none'"}},
	},
	referrer: "no-referrer",
}

// embedPolicy is an embed's: the site's policy, but other sites may frame it.
var embedPolicy = policy{csp: sitePolicy.csp, referrer: sitePolicy.referrer, framed: true}

// oembedPolicy is an oEmbed response's (/<id>/flowchart/oembed.json): the
// sites that embed the flowchart (learning platforms, content systems) may
// read it from their pages' scripts, as the oEmbed spec's discovery
// expects. It is data, not a page: nothing runs in it, so it needs no
// page policy of its own.
var oembedPolicy = policy{shared: true}

// policyOf returns the policy of a kind of page (its layout's name).
func policyOf(kind string) *policy {
	switch {
	case kind == "record", kind == "audit": // both run the module
		return &recordPolicy
	case strings.HasPrefix(kind, "embed"):
		return &embedPolicy
	}
	return &sitePolicy
}
