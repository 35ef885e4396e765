package publish

import (
	"errors"
	"fmt"
	"syscall"
)

// Error is a failure to publish, said in plain words: it names the
// destination or the folder that holds it, never the staging folders
// inside, and carries advice, which the report shows as the hint.
type Error struct {
	Msg    string
	Advice string
}

func (e *Error) Error() string { return e.Msg }

// Hint returns the advice: the report's hint for the failure (errors with
// a Hint method carry one, as in package tomldecode).
func (e *Error) Hint() string { return e.Advice }

// reason says why a file-system call failed, in words an editor knows, or
// in the system's own words when there are none better.
func reason(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "the disk is full"
	case errors.Is(err, syscall.EROFS):
		return "the disk is read-only"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return "permission denied"
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno.Error()
	}
	return err.Error()
}

// failure describes a failed step of publishing to dest, whose folder is
// parent.
func failure(err error, dest, parent, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...) + ": " + reason(err)
	hint := fmt.Sprintf("check that you may create, rename and delete folders in %s, or publish elsewhere with --destination", parent)
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		hint = fmt.Sprintf("free some space on the disk that holds %s (the new site is written beside the old one before they swap), then build again", dest)
	case errors.Is(err, syscall.EROFS):
		hint = "publish to a folder on a disk you can write to, with --destination"
	}
	return &Error{Msg: msg, Advice: hint}
}
