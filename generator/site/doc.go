// Package site is the model handed from stage to stage: the site's pages,
// sections and output files as plain values. It does no I/O; loaders fill it
// in and renderers read it.
package site
