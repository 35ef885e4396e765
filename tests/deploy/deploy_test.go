// Package deploy checks the deployment recipes in docs/deploy/: the
// workflow files are not run in this repository (they live outside
// .github/ on purpose), so these tests are what keeps them valid. Each file
// is parsed with a YAML parser and held to the structure its host needs,
// and docs/deploy.md must point to it.
package deploy

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// load parses a YAML file into a generic tree, refusing duplicate keys
// (yaml.v3 reports them), tabs and other syntax errors.
func load(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile("../../docs/deploy/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s is not valid YAML: %v", name, err)
	}
	return doc
}

// at walks a tree by keys and list indexes ("jobs", "build", "steps").
func at(t *testing.T, tree any, keys ...string) any {
	t.Helper()
	cur := tree
	for i, k := range keys {
		m, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("%s is not a mapping", strings.Join(keys[:i], "."))
		}
		v, ok := m[k]
		if !ok {
			t.Fatalf("%s is missing", strings.Join(keys[:i+1], "."))
		}
		cur = v
	}
	return cur
}

type step struct {
	Name string
	Uses string
	Run  string
	If   string
	With map[string]any
}

func steps(t *testing.T, doc map[string]any, job string) []step {
	t.Helper()
	raw, ok := at(t, doc, "jobs", job, "steps").([]any)
	if !ok {
		t.Fatalf("jobs.%s.steps is not a list", job)
	}
	var out []step
	for i, r := range raw {
		m, ok := r.(map[string]any)
		if !ok {
			t.Fatalf("jobs.%s.steps[%d] is not a mapping", job, i)
		}
		s := step{}
		s.Name, _ = m["name"].(string)
		s.Uses, _ = m["uses"].(string)
		s.Run, _ = m["run"].(string)
		s.If, _ = m["if"].(string)
		s.With, _ = m["with"].(map[string]any)
		if (s.Uses == "") == (s.Run == "") {
			t.Errorf("jobs.%s.steps[%d] (%s) needs exactly one of uses and run", job, i, s.Name)
		}
		out = append(out, s)
	}
	return out
}

// pinned matches an action used at a released major version or a commit.
var pinned = regexp.MustCompile(`^[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})$`)

func TestGitHubWorkflow(t *testing.T) {
	doc := load(t, "github-pages.yml")
	on := at(t, doc, "on").(map[string]any)
	if b := at(t, on, "push", "branches").([]any); !slices.Contains(b, any("main")) {
		t.Errorf("on.push.branches = %v, want main", b)
	}
	if _, ok := on["pull_request"]; !ok {
		t.Error("the workflow does not run on pull requests")
	}
	if p := at(t, doc, "permissions", "contents"); p != "read" {
		t.Errorf("permissions.contents = %v, want read", p)
	}

	build := steps(t, doc, "build")
	find := func(pred func(step) bool, what string) step {
		t.Helper()
		i := slices.IndexFunc(build, pred)
		if i < 0 {
			t.Fatalf("the build job has no step that %s", what)
		}
		return build[i]
	}
	for _, s := range build {
		if s.Uses != "" && !pinned.MatchString(s.Uses) {
			t.Errorf("step %q uses %q, not pinned to a version", s.Name, s.Uses)
		}
	}
	checkout := find(func(s step) bool { return strings.HasPrefix(s.Uses, "actions/checkout@") }, "checks out")
	if d, ok := checkout.With["fetch-depth"].(int); !ok || d != 0 {
		t.Errorf("checkout fetch-depth = %v, want 0 (the git dates need the whole history)", checkout.With["fetch-depth"])
	}
	order := []int{
		slices.IndexFunc(build, func(s step) bool { return strings.HasPrefix(s.Uses, "actions/checkout@") }),
		slices.IndexFunc(build, func(s step) bool { return strings.Contains(s.Run, "npm ci") }),
		slices.IndexFunc(build, func(s step) bool { return strings.Contains(s.Run, "go test ./...") }),
		slices.IndexFunc(build, func(s step) bool {
			return strings.Contains(s.Run, "plinth build") && strings.Contains(s.Run, "steps.pages.outputs.base_url")
		}),
		slices.IndexFunc(build, func(s step) bool { return strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") }),
	}
	if slices.Contains(order, -1) || !slices.IsSorted(order) {
		t.Errorf("the build job must check out, npm ci, test, build for the Pages address and upload, in that order (step indexes %v)", order)
	}
	upload := find(func(s step) bool { return strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") }, "uploads the site")
	if upload.With["path"] != "public" || !strings.Contains(upload.If, "!= 'pull_request'") {
		t.Errorf("the Pages upload = %+v, want path public and not on pull requests", upload)
	}
	preview := find(func(s step) bool { return strings.HasPrefix(s.Uses, "actions/upload-artifact@") }, "uploads a preview")
	if preview.With["path"] != "public" || !strings.Contains(preview.If, "== 'pull_request'") {
		t.Errorf("the preview upload = %+v, want path public on pull requests", preview)
	}

	if n := at(t, doc, "jobs", "deploy", "needs"); n != "build" {
		t.Errorf("jobs.deploy.needs = %v, want build", n)
	}
	if cond := at(t, doc, "jobs", "deploy", "if").(string); !strings.Contains(cond, "push") || !strings.Contains(cond, "refs/heads/main") {
		t.Errorf("jobs.deploy.if = %q, want pushes to main only", cond)
	}
	perms := at(t, doc, "jobs", "deploy", "permissions").(map[string]any)
	if perms["pages"] != "write" || perms["id-token"] != "write" {
		t.Errorf("jobs.deploy.permissions = %v, want pages and id-token write", perms)
	}
	if env := at(t, doc, "jobs", "deploy", "environment", "name"); env != "github-pages" {
		t.Errorf("jobs.deploy.environment.name = %v", env)
	}
	deploy := steps(t, doc, "deploy")
	if len(deploy) != 1 || !strings.HasPrefix(deploy[0].Uses, "actions/deploy-pages@") || !pinned.MatchString(deploy[0].Uses) {
		t.Errorf("jobs.deploy.steps = %+v, want one pinned actions/deploy-pages", deploy)
	}
}

func TestGitLabPipeline(t *testing.T) {
	doc := load(t, "gitlab-ci.yml")
	if d := at(t, doc, "variables", "GIT_DEPTH"); d != "0" {
		t.Errorf("variables.GIT_DEPTH = %v, want \"0\" (the git dates need the whole history)", d)
	}
	stages, _ := at(t, doc, "stages").([]any)
	for _, job := range []string{"test", "pages"} {
		stage := at(t, doc, job, "stage")
		if !slices.Contains(stages, stage) {
			t.Errorf("%s.stage %v is not among stages %v", job, stage, stages)
		}
		script, _ := at(t, doc, job, "script").([]any)
		if len(script) == 0 {
			t.Errorf("%s has no script", job)
		}
		paths, _ := at(t, doc, job, "artifacts", "paths").([]any)
		if !slices.Contains(paths, any("public")) {
			t.Errorf("%s.artifacts.paths = %v, want public", job, paths)
		}
	}
	before, _ := at(t, doc, "default", "before_script").([]any)
	if !slices.Contains(before, any("npm ci")) {
		t.Errorf("default.before_script = %v, want npm ci", before)
	}
	if !slices.Contains(at(t, doc, "test", "script").([]any), any("go test ./...")) {
		t.Error("the test job does not run go test ./...")
	}
	pagesScript := at(t, doc, "pages", "script").([]any)
	if !slices.ContainsFunc(pagesScript, func(l any) bool {
		s, _ := l.(string)
		return strings.Contains(s, "plinth build") && strings.Contains(s, "$CI_PAGES_URL")
	}) {
		t.Errorf("the pages job does not build for $CI_PAGES_URL: %v", pagesScript)
	}
	rules := at(t, doc, "pages", "rules").([]any)
	if len(rules) != 1 || !strings.Contains(at(t, rules[0], "if").(string), "$CI_DEFAULT_BRANCH") {
		t.Errorf("pages.rules = %v, want the default branch only", rules)
	}
}

// TestDeployGuideNamesRecipes keeps docs/deploy.md and docs/deploy/ in
// step: every recipe file is explained in the guide.
func TestDeployGuideNamesRecipes(t *testing.T) {
	guide, err := os.ReadFile("../../docs/deploy.md")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("../../docs/deploy")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.Contains(string(guide), "deploy/"+e.Name()) {
			t.Errorf("docs/deploy.md does not mention deploy/%s", e.Name())
		}
	}
}

func TestNetlifyConfig(t *testing.T) {
	var cfg struct {
		Build struct {
			Publish     string            `toml:"publish"`
			Command     string            `toml:"command"`
			Environment map[string]string `toml:"environment"`
		} `toml:"build"`
		Context map[string]struct {
			Command string `toml:"command"`
		} `toml:"context"`
	}
	meta, err := toml.DecodeFile("../../docs/deploy/netlify.toml", &cfg)
	if err != nil {
		t.Fatalf("netlify.toml is not valid TOML: %v", err)
	}
	if u := meta.Undecoded(); len(u) > 0 {
		t.Errorf("netlify.toml has keys this test does not know: %v", u)
	}
	if cfg.Build.Publish != "public" {
		t.Errorf("build.publish = %q, want public", cfg.Build.Publish)
	}
	if c := cfg.Build.Command; !strings.Contains(c, "npm ci") || !strings.Contains(c, "plinth build") || !strings.Contains(c, `--baseURL "$URL"`) {
		t.Errorf("build.command = %q, want npm ci and plinth build for $URL", c)
	}
	if c := cfg.Context["deploy-preview"].Command; !strings.Contains(c, "$DEPLOY_PRIME_URL") || !strings.Contains(c, "--drafts") {
		t.Errorf("context.deploy-preview.command = %q, want a drafts build for $DEPLOY_PRIME_URL", c)
	}
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if v := cfg.Build.Environment["GO_VERSION"]; !strings.Contains(string(gomod), "\ngo "+v+"\n") {
		t.Errorf("GO_VERSION %q does not match go.mod's go line", v)
	}
}
