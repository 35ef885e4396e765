package callout

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Priorities decide the order among goldmark's parsers and renderers (lower
// runs first). Only the callout parser reacts to ':', so its priority merely
// needs to be valid; the transformer runs after goldmark's own; the
// renderer is the only one for its node kinds.
const (
	parserPriority      = 100
	transformerPriority = 1000
	rendererPriority    = 500
)

// Icons holds the inline SVG markup of NHS.UK frontend's tick and cross
// icons, as LoadIcons reads them.
type Icons struct {
	Tick, Cross string
}

// IconDir is where NHS.UK frontend 10 keeps its icon files, relative to the
// site's source folder after `npm ci`.
const IconDir = "node_modules/nhsuk-frontend/dist/nhsuk/assets/images"

// LoadIcons reads NHS.UK frontend's tick and cross icons from fsys (the
// site's source folder). The files are already in the form NHS.UK
// frontend's templates inline (with the nhsuk-icon classes and
// aria-hidden="true"), so they are used as they are.
func LoadIcons(fsys fs.FS) (Icons, error) {
	var icons Icons
	for _, f := range []struct {
		name string
		dst  *string
	}{{"nhsuk-icon-tick.svg", &icons.Tick}, {"nhsuk-icon-cross.svg", &icons.Cross}} {
		p := path.Join(IconDir, f.name)
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return Icons{}, fmt.Errorf("reading NHS.UK frontend's icon (run `npm ci` in the site folder): %w", err)
		}
		data = bytes.TrimSpace(data)
		if !bytes.HasPrefix(data, []byte("<svg ")) || !bytes.HasSuffix(data, []byte("</svg>")) || !bytes.Contains(data, []byte(`aria-hidden="true"`)) {
			return Icons{}, fmt.Errorf("%s is not the inline SVG icon Plinth expects (has nhsuk-frontend changed?)", p)
		}
		*f.dst = string(data)
	}
	return icons, nil
}

// Option configures the extension.
type Option func(*extension)

// WithIcons sets the tick and cross drawn in do and don't lists.
func WithIcons(icons Icons) Option {
	return func(e *extension) { e.icons = icons }
}

type extension struct {
	icons Icons
}

// New returns the callout extension, to pass to goldmark.WithExtensions.
func New(opts ...Option) goldmark.Extender {
	e := &extension{}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Extend implements goldmark.Extender.
func (e *extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(blockParser{}, parserPriority)),
		parser.WithASTTransformers(util.Prioritized(transformer{}, transformerPriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{icons: e.icons}, rendererPriority)))
}
