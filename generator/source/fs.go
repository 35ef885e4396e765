package source

import (
	"io"
	"io/fs"
	"os"
)

// siteFS is the view Open returns: the os.Root's own file system, with
// which it shares every method, and the root, through which ReadFile opens
// a file without blocking on a named pipe. Checking the file's type by
// path first (fs.Stat, then fs.ReadFile) would resolve each path twice
// inside the root, a third more system calls on an unchanged rebuild.
// ReadFile opens files through their folders' roots (folders.go).
type siteFS struct {
	root *os.Root
	fs   interface {
		fs.StatFS
		fs.ReadFileFS
		fs.ReadDirFS
		fs.ReadLinkFS
	}
	folders folders
	// open opens a file in a root (the site's or a folder's) for reading
	// (nonBlocking), and openRoot a folder in one ((*os.Root).OpenRoot):
	// tests wrap them to see which root each open goes through.
	open     func(r *os.Root, name string) (*os.File, error)
	openRoot func(r *os.Root, name string) (*os.Root, error)
}

func (s *siteFS) Open(name string) (fs.File, error)      { return s.fs.Open(name) }
func (s *siteFS) Stat(name string) (fs.FileInfo, error)  { return s.fs.Stat(name) }
func (s *siteFS) ReadFile(name string) ([]byte, error)   { return s.fs.ReadFile(name) }
func (s *siteFS) ReadLink(name string) (string, error)   { return s.fs.ReadLink(name) }
func (s *siteFS) Lstat(name string) (fs.FileInfo, error) { return s.fs.Lstat(name) }

// readRegular reads name if it is a regular file (or reports the error
// reading a folder gives), opening it once, without blocking on a named
// pipe (see nonBlocking).
func (s *siteFS) readRegular(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	f, err := s.openFile(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	// As os.ReadFile: one read for a file whose size is known, one more
	// to see its end.
	data := make([]byte, 0, max(int(st.Size())+1, 512))
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
