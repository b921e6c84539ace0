//go:build !linux

package server

// remoteFS names the network file system dir is on: on this system the
// server cannot tell, and trusts file events unless told to poll.
func remoteFS(dir string) string { return "" }
