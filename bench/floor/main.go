// Command floor converts the Markdown of a site's content/ folder with
// goldmark alone, on all cores, and reports the time: the floor under any
// generator built on goldmark. The benchmark compares Plinth's full build
// against it.
//
//	go run ./bench/floor -source /tmp/site10k
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/plinth-ssg/plinth/generator/parallel"
)

func main() {
	src := flag.String("source", ".", "the site folder")
	flag.Parse()
	var files []string
	_ = filepath.WalkDir(filepath.Join(*src, "content"), func(p string, d os.DirEntry, err error) error {
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
	for _, err := range errs {
		if err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("%d files in %s\n", len(files), time.Since(start).Round(time.Millisecond))
}
