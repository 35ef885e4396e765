//go:build unix

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive lock on the folder dir that holds the
// destination, waiting for any other build publishing there to finish. The
// lock is the kernel's (flock), so it ends with the process: after a build
// is killed, the next one gets the lock at once and knows that any staging
// folder it finds was left behind. It reports false if the file system
// cannot lock; the caller then leaves other staging folders alone.
func lock(dir string) (unlock func(), locked bool, err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false, err
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return func() {}, false, nil
	}
	return func() { f.Close() }, true, nil
}
