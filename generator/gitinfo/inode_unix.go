//go:build unix

package gitinfo

import (
	"io/fs"
	"syscall"
)

// inode returns a file's inode number: git replaces a file by renaming a
// new one over it, so a file of the same size written within the time
// stamp's resolution still shows as changed.
func inode(st fs.FileInfo) uint64 {
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(sys.Ino)
	}
	return 0
}
