//go:build unix

package build

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process of this machine is running.
// Signal 0 checks without sending anything; EPERM means it runs as
// another user.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
