//go:build !unix

package build

import "os"

// processAlive reports whether a process of this machine is running. On
// Windows, FindProcess fails for a process that has ended; elsewhere it
// always succeeds, and a stopped build's folder waits out its age.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
