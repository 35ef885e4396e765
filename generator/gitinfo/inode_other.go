//go:build !unix

package gitinfo

import "io/fs"

// inode is 0 where files have no inode number in their FileInfo; the
// stamp then relies on sizes and times.
func inode(fs.FileInfo) uint64 { return 0 }
