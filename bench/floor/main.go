// Command floor measures the floors under a build, the least time any
// generator needs for two parts of the work, so that bench/compare can say
// how far above them a build is:
//
//   - the goldmark floor (-source DIR): goldmark alone converting the
//     Markdown of a site's content/ folder on all cores, front matter
//     skipped, output discarded;
//   - the write floor (-write DIR): creating the files and folders of a
//     built output folder DIR (read into memory first, untimed) afresh in a
//     new folder beside it, on all cores, with nothing else: no rendering,
//     no checks, no renaming into place.
//
// It prints one line, or with -json one JSON object that bench/compare
// reads:
//
//	go run ./bench/floor -source /tmp/site10k
//	go run ./bench/floor -write /tmp/site10k/public -json
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/plinth-ssg/plinth/generator/parallel"
)

// result is what one measurement found.
type result struct {
	Floor   string  `json:"floor"`
	Files   int     `json:"files"`
	Folders int     `json:"folders"`
	Seconds float64 `json:"seconds"`
}

func main() {
	src := flag.String("source", "", "a site folder: time goldmark converting its content/")
	out := flag.String("write", "", "a built output folder: time creating its files and folders afresh")
	trash := flag.String("trash", "", "with -write: move the copy into this folder afterwards instead of deleting it (see writeFloor)")
	asJSON := flag.Bool("json", false, "print the result as JSON")
	flag.Parse()
	var (
		r   result
		err error
	)
	switch {
	case *src != "" && *out == "":
		r, err = markdownFloor(*src)
	case *out != "" && *src == "":
		r, err = writeFloor(*out, *trash)
	default:
		err = fmt.Errorf("give one of -source or -write")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	if *asJSON {
		_ = json.NewEncoder(os.Stdout).Encode(r)
		return
	}
	fmt.Printf("%s floor: %d files, %d folders in %s\n", r.Floor, r.Files, r.Folders, time.Duration(r.Seconds*float64(time.Second)).Round(time.Millisecond))
}

// markdownFloor converts every .md file under dir/content with goldmark.
func markdownFloor(dir string) (result, error) {
	var files []string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	start := time.Now()
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	errs := make([]error, len(files))
	parallel.For(len(files), func(i int) {
		data, err := os.ReadFile(files[i])
		if err != nil {
			errs[i] = err
			return
		}
		// Skip the front matter: the floor is Markdown conversion only.
		if bytes.HasPrefix(data, []byte("+++")) {
			if end := bytes.Index(data[3:], []byte("\n+++")); end >= 0 {
				data = data[3+end+4:]
			}
		}
		errs[i] = md.Convert(data, io.Discard)
	})
	took := time.Since(start)
	for _, err := range errs {
		if err != nil {
			return result{}, err
		}
	}
	return result{Floor: "goldmark", Files: len(files), Seconds: took.Seconds()}, nil
}

// writeFloor recreates the tree under dir in dir+".floor": first every
// folder, then every file, each step spread over all cores, as Plinth's
// publish stage writes. The copy is removed afterwards, untimed, or moved
// into trash if that is given: on ext4, files created within a minute or
// so of many deletions take far longer to create (the allocator skips
// recently freed inodes), so a caller timing builds after this one keeps
// deleting for the end.
func writeFloor(dir, trash string) (result, error) {
	var (
		folders []string
		names   []string
		data    [][]byte
	)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			folders = append(folders, rel)
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			names, data = append(names, rel), append(data, b)
		}
		return nil
	})
	if err != nil {
		return result{}, err
	}
	dst := filepath.Clean(dir) + ".floor"
	if err := os.RemoveAll(dst); err != nil {
		return result{}, err
	}
	defer func() {
		if trash != "" {
			if err := moveAside(dst, trash); err == nil {
				return
			}
		}
		os.RemoveAll(dst)
	}()

	start := time.Now()
	if err := os.Mkdir(dst, 0o755); err != nil {
		return result{}, err
	}
	errs := make([]error, max(len(folders), len(names)))
	// MkdirAll, because a folder may come before its parent on another
	// core; it tolerates the parent appearing meanwhile.
	parallel.For(len(folders), func(i int) { errs[i] = os.MkdirAll(filepath.Join(dst, folders[i]), 0o755) })
	if err := firstError(errs); err != nil {
		return result{}, err
	}
	parallel.For(len(names), func(i int) { errs[i] = os.WriteFile(filepath.Join(dst, names[i]), data[i], 0o644) })
	took := time.Since(start)
	if err := firstError(errs); err != nil {
		return result{}, err
	}
	return result{Floor: "write", Files: len(names), Folders: len(folders), Seconds: took.Seconds()}, nil
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// moveAside moves path into the folder trash under a name of its own.
func moveAside(path, trash string) error {
	if err := os.MkdirAll(trash, 0o755); err != nil {
		return err
	}
	aside, err := os.MkdirTemp(trash, "floor-")
	if err != nil {
		return err
	}
	return os.Rename(path, filepath.Join(aside, filepath.Base(path)))
}
