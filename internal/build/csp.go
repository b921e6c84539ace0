package build

import "strings"

// cspDirective is one directive of a policy: its name and sources.
type cspDirective struct {
	name    string
	sources []string
}

// cspPolicy is a parsed Content-Security-Policy, directives in order.
type cspPolicy []cspDirective

func (p cspPolicy) String() string {
	parts := make([]string, len(p))
	for i, d := range p {
		parts[i] = strings.Join(append([]string{d.name}, d.sources...), " ")
	}
	return strings.Join(parts, "; ")
}

func (p cspPolicy) get(name string) (cspDirective, bool) {
	for _, d := range p {
		if d.name == name {
			return d, true
		}
	}
	return cspDirective{}, false
}

// cspFallback is where a fetch directive that a policy leaves out takes its
// sources from, in order (CSP Level 3). Directives not listed have no
// fallback: leaving them out leaves them unrestricted.
var cspFallback = map[string][]string{
	"script-src":      {"default-src"},
	"script-src-elem": {"script-src", "default-src"},
	"script-src-attr": {"script-src", "default-src"},
	"style-src":       {"default-src"},
	"style-src-elem":  {"style-src", "default-src"},
	"style-src-attr":  {"style-src", "default-src"},
	"img-src":         {"default-src"},
	"font-src":        {"default-src"},
	"connect-src":     {"default-src"},
	"media-src":       {"default-src"},
	"object-src":      {"default-src"},
	"manifest-src":    {"default-src"},
	"child-src":       {"default-src"},
	"frame-src":       {"child-src", "default-src"},
	"worker-src":      {"child-src", "script-src", "default-src"},
}

// effective returns the sources that apply to a directive: its own, else
// its fallback's. ok is false when nothing restricts it.
func (p cspPolicy) effective(name string) ([]string, bool) {
	if d, ok := p.get(name); ok {
		return d.sources, true
	}
	for _, f := range cspFallback[name] {
		if d, ok := p.get(f); ok {
			return d.sources, true
		}
	}
	return nil, false
}

// cspUnion returns a policy that allows everything any of the policies
// allows, and no more than it must: each directive's sources are the union
// of what each policy lets that directive use, and a directive that some
// policy leaves unrestricted is left out. It is the one policy a host can
// send with every page, while each page's own meta tag narrows it.
func cspUnion(policies []cspPolicy) cspPolicy {
	var names []string
	seen := map[string]bool{}
	for _, p := range policies {
		for _, d := range p {
			if !seen[d.name] {
				seen[d.name] = true
				names = append(names, d.name)
			}
		}
	}
	var out cspPolicy
	for _, name := range names {
		var sources []string
		has := map[string]bool{}
		restricted := true
		for _, p := range policies {
			srcs, ok := p.effective(name)
			if !ok {
				restricted = false
				break
			}
			for _, src := range srcs {
				if !has[src] {
					has[src] = true
					sources = append(sources, src)
				}
			}
		}
		if !restricted {
			continue
		}
		if len(sources) > 1 && has["'none'"] {
			kept := sources[:0]
			for _, src := range sources {
				if src != "'none'" {
					kept = append(kept, src)
				}
			}
			sources = kept
		}
		out = append(out, cspDirective{name: name, sources: sources})
	}
	// A directive that says no more than its fallback is left out.
	var tidy cspPolicy
	for i, d := range out {
		rest := append(append(cspPolicy{}, tidy...), out[i+1:]...)
		if fb, ok := rest.effective(d.name); ok && sameSources(fb, d.sources) {
			continue
		}
		tidy = append(tidy, d)
	}
	return tidy
}

func sameSources(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	set := map[string]bool{}
	for _, s := range a {
		set[s] = true
	}
	for _, s := range b {
		if !set[s] {
			return false
		}
	}
	return true
}

// withFrameAncestors returns p with frame-ancestors set to sources.
func (p cspPolicy) withFrameAncestors(sources ...string) cspPolicy {
	var out cspPolicy
	for _, d := range p {
		if d.name != "frame-ancestors" {
			out = append(out, d)
		}
	}
	return append(out, cspDirective{name: "frame-ancestors", sources: sources})
}
