//go:build !embedwasm

package wasmbuild

import "io/fs"

// Embedded returns the modules this binary carries, laid out as [Prebuild]
// writes them. This binary was built without -tags embedwasm (a developer's
// build): it carries none, and a site's modules are compiled from source.
func Embedded() fs.FS { return nil }
