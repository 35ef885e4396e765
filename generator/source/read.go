package source

import (
	"bytes"
	"fmt"
	"io/fs"
)

// ReadFile reads the file name of the site. Only a regular file is read
// (through a link inside the site, too): opening a named pipe blocks until
// something writes to it, and a device may never end, so either would hang
// the build instead of failing it. Problem explains the error.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	if s, ok := fsys.(*siteFS); ok {
		return s.readRegular(name)
	}
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	return fs.ReadFile(fsys, name)
}

// ReadText reads a file that editors write as text (a page, a data file,
// site.toml) as ReadFile does, and makes its line endings ones every parser
// reads: see EndLines.
func ReadText(fsys fs.FS, name string) ([]byte, error) {
	data, err := ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	EndLines(data)
	return data, nil
}

// EndLines turns each lone carriage return in text into a newline, in
// place. Some editors (classic Mac ones, and Windows tools that write old
// Mac files) end lines with a CR alone; TOML, CSV and the front-matter
// split know only LF and CRLF, and would read such a file as one long line
// ("this file has no front matter", or a CSV header running into its first
// row). CRLF is left as it is. Every byte keeps its offset, so positions
// (and the line numbers an editor shows) stay the file's own.
func EndLines(text []byte) {
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], '\r')
		if k < 0 {
			return
		}
		i += k
		if i+1 == len(text) || text[i+1] != '\n' {
			text[i] = '\n'
		}
		i++
	}
}

// errNotRegular is why ReadFile refuses a named pipe, a device or a socket.
var errNotRegular = fmt.Errorf("not a regular file")
