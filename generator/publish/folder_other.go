//go:build !unix

package publish

// folderID names a folder; without inodes there is no name that renaming
// keeps, so manifests are never trusted and every file is written.
func folderID(dir string) (string, error) { return "", nil }
