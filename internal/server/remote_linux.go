//go:build linux

package server

import "syscall"

// remoteFS names the network file system dir is on, or "" when it is on a
// local one: file events miss changes made by other machines there.
func remoteFS(dir string) string {
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) != nil {
		return ""
	}
	// The magic numbers of statfs(2).
	switch uint32(st.Type) {
	case 0x6969:
		return "NFS"
	case 0x517b:
		return "SMB"
	case 0xff534d42, 0xfe534d42:
		return "SMB (CIFS)"
	case 0x01021997:
		return "9p (as WSL mounts Windows drives)"
	case 0x00c36400:
		return "Ceph"
	case 0x5346414f, 0x6b414653:
		return "AFS"
	}
	return ""
}
