package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange atomically swaps the folders a and b with renameat2's
// RENAME_EXCHANGE: at every instant each path names a complete site.
func exchange(a, b string) error {
	if err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE); err != nil {
		return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
	}
	return nil
}
