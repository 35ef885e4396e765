package harness

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package installs the browser.
const ChromiumPath = "/usr/bin/chromium"

// Tools are the programs and scripts the suite runs, found by [FindTools].
type Tools struct {
	// Chromium is the browser executable.
	Chromium string
	// AxeScript is axe-core's axe.min.js, evaluated in each page.
	AxeScript string
	// HTMLValidate is the html-validate command.
	HTMLValidate string
	// HTMLValidateConfig is the repository's .htmlvalidate.mjs.
	HTMLValidateConfig string
}

// FindTools locates the tools: Chromium at [ChromiumPath], the npm packages
// pinned in repoRoot's package.json under repoRoot/node_modules, and the
// html-validate config at the repository root. It returns the tools and a
// plain-words description of each one that is missing.
func FindTools(repoRoot string) (Tools, []string) {
	t := Tools{
		Chromium:           ChromiumPath,
		AxeScript:          filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"),
		HTMLValidate:       filepath.Join(repoRoot, "node_modules", ".bin", "html-validate"),
		HTMLValidateConfig: filepath.Join(repoRoot, ".htmlvalidate.mjs"),
	}
	var missing []string
	if !isFile(t.Chromium) {
		missing = append(missing, "Chromium at "+t.Chromium+" (install it with: apt-get install -y chromium)")
	}
	if !isFile(t.AxeScript) {
		missing = append(missing, "axe-core at "+t.AxeScript+" (run: npm ci)")
	}
	if !isFile(t.HTMLValidate) {
		missing = append(missing, "html-validate at "+t.HTMLValidate+" (run: npm ci)")
	}
	if !isFile(t.HTMLValidateConfig) {
		missing = append(missing, "the html-validate config "+t.HTMLValidateConfig)
	}
	return t, missing
}

func isFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && !info.IsDir()
}

// chromiumOptions are the browser's flags. The machine that runs the tests
// has no internet: without these flags Chromium keeps trying to reach
// Google's services (component updates, sync, QUIC probes) and floods the
// log with refused connections.
func chromiumOptions(execPath, userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(userDataDir),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}
}

// Launch starts Chromium with a fresh profile in userDataDir (which must be
// an empty temporary folder the caller removes) and returns a context that
// owns the browser. Cancel it to close the browser.
func Launch(ctx context.Context, execPath, userDataDir string) (context.Context, context.CancelFunc, error) {
	if execPath == "" {
		return nil, nil, errors.New("no Chromium executable given")
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromiumOptions(execPath, userDataDir)...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	cancel := func() {
		cancelBrowser()
		cancelAlloc()
	}
	// The first Do starts the browser and opens its first tab.
	if err := chromedp.Do(browserCtx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("starting Chromium (%s): %w", execPath, err)
	}
	return browserCtx, cancel, nil
}
