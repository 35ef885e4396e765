package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/plinth-ssg/plinth/generator/site"
)

// NoticesName is the manifest's name for the notices of the third-party
// code in the bundle, so that a layout can link to them with
// {{ asset "third-party-notices.txt" }}.
const NoticesName = "third-party-notices.txt"

// notices writes the notices of the npm packages whose code is in the
// built files: each package's name, version and licence from its
// package.json, then the licence and notice files it ships (LICENSE,
// NOTICE, the files of a licenses/ folder), as the Apache, BSD and MIT
// licences ask of anyone who passes their code on.
//
// The packages are read from esbuild's metafile, so the list follows what
// the entries import (a chart library split into the parts a page uses
// lists only the packages those parts come from), never a hand-kept list.
// It also returns the licence and notice files it read, relative to src,
// for the disk cache to check.
func notices(src string, meta metafile) (site.File, []string, error) {
	dirs := map[string]bool{}
	for _, o := range meta.Outputs {
		for in, info := range o.Inputs {
			if dir := packageDir(in); dir != "" && info.BytesInOutput > 0 {
				dirs[dir] = true
			}
		}
	}
	var (
		b    bytes.Buffer
		read []string
	)
	b.WriteString(noticesIntro)
	if len(dirs) == 0 {
		b.WriteString("\nNo third-party package is bundled.\n")
	}
	for _, dir := range slices.Sorted(func(yield func(string) bool) {
		for d := range dirs {
			if !yield(d) {
				return
			}
		}
	}) {
		files, err := writePackage(&b, src, dir)
		if err != nil {
			return site.File{}, nil, err
		}
		for _, f := range files {
			read = append(read, dir+"/"+f)
		}
	}
	sum := sha256.Sum256(b.Bytes())
	hash := base32.StdEncoding.EncodeToString(sum[:])[:8]
	return site.File{Path: outAssets + "/third-party-notices." + hash + ".txt", Data: b.Bytes(), Source: "node_modules"}, read, nil
}

const noticesIntro = `Third-party code in this site's scripts and stylesheets

The files under assets/ were built from the site's own code and from the
npm packages below. Each package is listed with its version and licence,
followed by the licence and notice files it ships.
`

// packageDir returns the folder of the npm package an input path belongs
// to ("node_modules/echarts", "node_modules/@scope/name"), or "" for the
// site's own files.
func packageDir(input string) string {
	i := strings.LastIndex(input, "node_modules/")
	if i < 0 {
		return ""
	}
	rest := strings.Split(input[i+len("node_modules/"):], "/")
	n := 1
	if strings.HasPrefix(rest[0], "@") {
		n = 2
	}
	if len(rest) <= n {
		return ""
	}
	return input[:i] + "node_modules/" + strings.Join(rest[:n], "/")
}

// manifestInfo is what the notices read of a package.json.
type manifestInfo struct {
	Name       string          `json:"name"`
	Version    string          `json:"version"`
	License    json.RawMessage `json:"license"`
	Repository json.RawMessage `json:"repository"`
}

// writePackage writes one package's entry of the notices and returns the
// licence and notice files it copied, relative to the package's folder.
func writePackage(b *bytes.Buffer, src, dir string) ([]string, error) {
	root := filepath.Join(src, filepath.FromSlash(dir))
	data, err := os.ReadFile(filepath.Join(root, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("cannot read the package.json of %s: %w", dir, err)
	}
	var m manifestInfo
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s/package.json: %w", dir, err)
	}
	fmt.Fprintf(b, "\n%s\n%s %s\nLicence: %s\n", strings.Repeat("=", 72), m.Name, m.Version, orNone(text(m.License, "type")))
	if repo := text(m.Repository, "url"); repo != "" {
		fmt.Fprintf(b, "Source: %s\n", strings.TrimSuffix(strings.TrimPrefix(repo, "git+"), ".git"))
	}
	files, err := licenceFiles(root)
	if err != nil {
		return nil, fmt.Errorf("cannot list the files of %s: %w", dir, err)
	}
	if len(files) == 0 {
		b.WriteString("\nThe package ships no licence file; its package.json names the licence above.\n")
	}
	for _, f := range files {
		text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(b, "\n%s\n%s\n\n%s\n", strings.Repeat("-", 72), f, bytes.TrimSpace(text))
	}
	return files, nil
}

// licenceFiles lists a package's licence and notice files: at its root
// those named LICENSE, LICENCE, COPYING, NOTICE or like CopyrightNotice,
// with any extension, and every file of a licenses/ folder.
func licenceFiles(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := strings.ToLower(e.Name())
		base := strings.TrimSuffix(name, path.Ext(name))
		switch {
		case e.IsDir() && (name == "licenses" || name == "licences"):
			sub, err := os.ReadDir(filepath.Join(root, e.Name()))
			if err != nil {
				return nil, err
			}
			for _, s := range sub {
				if !s.IsDir() {
					out = append(out, e.Name()+"/"+s.Name())
				}
			}
		case e.IsDir():
		case base == "license" || base == "licence" || base == "copying" || base == "notice" || strings.Contains(base, "copyrightnotice"):
			out = append(out, e.Name())
		}
	}
	slices.Sort(out)
	return out, nil
}

// text reads a package.json value that is a string or an object with the
// string in key (the old {"type": "MIT"} and {"url": "…"} forms).
func text(raw json.RawMessage, key string) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) == nil {
		if v, ok := m[key].(string); ok {
			return v
		}
	}
	return ""
}

func orNone(s string) string {
	if s == "" {
		return "not stated"
	}
	return s
}
