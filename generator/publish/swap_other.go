//go:build !linux

package publish

import "errors"

// exchange is not available here; swap falls back to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }

// syncTree is a no-op where syncfs(2) does not exist; the rename still
// guarantees readers never see a partly written site.
func syncTree(dir string) error { return nil }
