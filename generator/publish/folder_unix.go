//go:build unix

package publish

import (
	"fmt"
	"os"
	"syscall"
)

// folderID names a folder by device and inode, which renaming keeps.
func folderID(dir string) (string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return "", err
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return "", nil
	}
	return fmt.Sprintf("%d:%d", st.Dev, st.Ino), nil
}
