// Package deploy checks the deployment recipes in docs/deploy/: the
// workflow files are not run in this repository (they live outside
// .github/ on purpose), so these tests are what keeps them valid. Each file
// is parsed with a YAML parser and held to the structure its host needs,
// and docs/deploy.md must point to it.
package deploy

import (
	"fmt"
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

// daily matches a cron line that runs once a day ("17 5 * * *").
var daily = regexp.MustCompile(`^[0-5]?[0-9] (1?[0-9]|2[0-3]) \* \* \*$`)

func TestGitHubWorkflow(t *testing.T) {
	doc := load(t, "github-pages.yml")
	on := at(t, doc, "on").(map[string]any)
	if b := at(t, on, "push", "branches").([]any); !slices.Contains(b, any("main")) {
		t.Errorf("on.push.branches = %v, want main", b)
	}
	if types, _ := at(t, on, "pull_request", "types").([]any); !slices.Contains(types, any("opened")) || !slices.Contains(types, any("synchronize")) || !slices.Contains(types, any("closed")) {
		t.Errorf("on.pull_request.types = %v, want opened, synchronize and closed (to remove the preview)", types)
	}
	schedule, _ := at(t, on, "schedule").([]any)
	if len(schedule) != 1 || !daily.MatchString(fmt.Sprint(at(t, schedule[0], "cron"))) {
		t.Errorf("on.schedule = %v, want one daily cron line", schedule)
	}
	if p := at(t, doc, "permissions", "contents"); p != "read" {
		t.Errorf("permissions.contents = %v, want read", p)
	}
	for name := range at(t, doc, "jobs").(map[string]any) {
		for _, s := range steps(t, doc, name) {
			if s.Uses != "" && !pinned.MatchString(s.Uses) {
				t.Errorf("jobs.%s: step %q uses %q, not pinned to a version", name, s.Name, s.Uses)
			}
		}
	}

	// build: test, then build the site, or the pull request's preview for
	// its own address, and keep it for the publishing jobs.
	build := steps(t, doc, "build")
	find := func(job []step, pred func(step) bool, what string) step {
		t.Helper()
		i := slices.IndexFunc(job, pred)
		if i < 0 {
			t.Fatalf("no step %s", what)
		}
		return job[i]
	}
	if c := at(t, doc, "jobs", "build", "if").(string); !strings.Contains(c, "closed") {
		t.Errorf("jobs.build.if = %q: a closed pull request needs no build", c)
	}
	checkout := find(build, func(s step) bool { return strings.HasPrefix(s.Uses, "actions/checkout@") }, "that checks out")
	if d, ok := checkout.With["fetch-depth"].(int); !ok || d != 0 {
		t.Errorf("checkout fetch-depth = %v, want 0 (the git dates need the whole history)", checkout.With["fetch-depth"])
	}
	index := func(pred func(step) bool) int { return slices.IndexFunc(build, pred) }
	order := []int{
		index(func(s step) bool { return strings.HasPrefix(s.Uses, "actions/checkout@") }),
		index(func(s step) bool { return strings.Contains(s.Run, "npm ci") }),
		index(func(s step) bool { return strings.Contains(s.Run, "go test ./...") }),
		index(func(s step) bool {
			return strings.Contains(s.Run, "plinth build") && strings.Contains(s.Run, "steps.pages.outputs.base_url") && !strings.Contains(s.Run, "--preview")
		}),
		index(func(s step) bool { return strings.HasPrefix(s.Uses, "actions/upload-artifact@") }),
	}
	if slices.Contains(order, -1) || !slices.IsSorted(order) {
		t.Errorf("the build job must check out, npm ci, test, build for the Pages address and keep the site, in that order (step indexes %v)", order)
	}
	site := find(build, func(s step) bool {
		return strings.Contains(s.Run, "plinth build") && !strings.Contains(s.Run, "--preview")
	}, "that builds the site")
	if !strings.Contains(site.If, "!= 'pull_request'") {
		t.Errorf("the site is built with if %q, want every event but pull requests", site.If)
	}
	preview := find(build, func(s step) bool { return strings.Contains(s.Run, "--preview") }, "that builds the preview")
	for _, want := range []string{"--drafts", "--future", "steps.pages.outputs.base_url", "/previews/pr-$PR/", `"pull request #$PR"`} {
		if !strings.Contains(preview.Run, want) {
			t.Errorf("the preview build %q lacks %s", preview.Run, want)
		}
	}
	if !strings.Contains(preview.If, "== 'pull_request'") {
		t.Errorf("the preview is built with if %q, want pull requests only", preview.If)
	}

	// publish: pushes and the schedule on main only, to gh-pages, keeping
	// the previews.
	if c := at(t, doc, "jobs", "publish", "if").(string); !strings.Contains(c, "!= 'pull_request'") || !strings.Contains(c, "refs/heads/main") {
		t.Errorf("jobs.publish.if = %q, want main only, and never a pull request", c)
	}
	if p := at(t, doc, "jobs", "publish", "permissions", "contents"); p != "write" {
		t.Errorf("jobs.publish.permissions.contents = %v, want write", p)
	}
	publish := steps(t, doc, "publish")
	out := find(publish, func(s step) bool { return strings.HasPrefix(s.Uses, "actions/checkout@") }, "that checks out gh-pages")
	if out.With["ref"] != "gh-pages" {
		t.Errorf("publish checks out %v, want gh-pages", out.With["ref"])
	}
	push := find(publish, func(s step) bool { return strings.Contains(s.Run, "git push origin gh-pages") }, "that pushes gh-pages")
	if !strings.Contains(push.Run, "! -name previews") || !strings.Contains(push.Run, ".nojekyll") {
		t.Errorf("publishing must keep previews/ and serve files as they are (.nojekyll):\n%s", push.Run)
	}

	// preview: pull requests from this repository, at previews/pr-N/,
	// linked on the pull request; removed when it closes.
	if c := at(t, doc, "jobs", "preview", "if").(string); !strings.Contains(c, "== 'pull_request'") || !strings.Contains(c, "head.repo.full_name == github.repository") {
		t.Errorf("jobs.preview.if = %q, want pull requests from this repository only (a fork's token cannot write)", c)
	}
	if u := fmt.Sprint(at(t, doc, "jobs", "preview", "environment", "url")); !strings.Contains(u, "steps.publish.outputs.url") {
		t.Errorf("jobs.preview.environment.url = %q, want the preview's address, which GitHub links on the pull request", u)
	}
	previewSteps := steps(t, doc, "preview")
	pub := find(previewSteps, func(s step) bool { return strings.Contains(s.Run, "git push origin gh-pages") }, "that pushes the preview")
	if !strings.Contains(pub.Run, `previews/pr-$PR`) || !strings.Contains(pub.Run, "GITHUB_OUTPUT") {
		t.Errorf("the preview step must copy the site into previews/pr-$PR and give its address:\n%s", pub.Run)
	}
	comment := find(previewSteps, func(s step) bool { return strings.Contains(s.Run, "curl") && strings.Contains(s.Run, "$COMMENTS") }, "that links the preview on the pull request")
	if !strings.Contains(comment.If, "opened") {
		t.Errorf("the comment step runs with if %q, want once, when the pull request is opened", comment.If)
	}
	if p := at(t, doc, "jobs", "preview", "permissions", "pull-requests"); p != "write" {
		t.Errorf("jobs.preview.permissions.pull-requests = %v, want write, to comment", p)
	}
	if c := at(t, doc, "jobs", "remove-preview", "if").(string); !strings.Contains(c, "'closed'") {
		t.Errorf("jobs.remove-preview.if = %q, want closed pull requests", c)
	}
	remove := find(steps(t, doc, "remove-preview"), func(s step) bool { return strings.Contains(s.Run, "git rm") }, "that removes the preview")
	if !strings.Contains(remove.Run, `previews/pr-$PR`) {
		t.Errorf("remove-preview removes the wrong folder:\n%s", remove.Run)
	}
	for _, job := range []string{"publish", "preview", "remove-preview"} {
		if g := at(t, doc, "jobs", job, "concurrency", "group"); g != "gh-pages" {
			t.Errorf("jobs.%s.concurrency.group = %v, want gh-pages: one writer at a time", job, g)
		}
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
	var conds []string
	for _, r := range at(t, doc, "pages", "rules").([]any) {
		conds = append(conds, fmt.Sprint(at(t, r, "if")))
	}
	if len(conds) != 2 || !strings.Contains(conds[0], "$CI_DEFAULT_BRANCH") || !strings.Contains(conds[1], `"schedule"`) {
		t.Errorf("pages.rules = %v, want the default branch and the daily schedule", conds)
	}

	// Each merge request's preview at its own address, linked on it.
	rules := at(t, doc, "pages-preview", "rules").([]any)
	if len(rules) != 1 || !strings.Contains(fmt.Sprint(at(t, rules[0], "if")), "merge_request_event") {
		t.Errorf("pages-preview.rules = %v, want merge requests only", rules)
	}
	if p := fmt.Sprint(at(t, doc, "pages-preview", "pages", "path_prefix")); p != "mr-$CI_MERGE_REQUEST_IID" {
		t.Errorf("pages-preview.pages.path_prefix = %q, want mr-$CI_MERGE_REQUEST_IID", p)
	}
	if u := fmt.Sprint(at(t, doc, "pages-preview", "environment", "url")); u != "$CI_PAGES_URL/mr-$CI_MERGE_REQUEST_IID/" {
		t.Errorf("pages-preview.environment.url = %q, want the preview's address", u)
	}
	script := fmt.Sprint(at(t, doc, "pages-preview", "script"))
	for _, want := range []string{"plinth build", "--preview", "--drafts", `--baseURL "$CI_PAGES_URL/mr-$CI_MERGE_REQUEST_IID/"`} {
		if !strings.Contains(script, want) {
			t.Errorf("the preview build %q lacks %s", script, want)
		}
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
		Functions map[string]struct {
			Schedule string `toml:"schedule"`
		} `toml:"functions"`
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
	if c := cfg.Context["deploy-preview"].Command; !strings.Contains(c, "$DEPLOY_PRIME_URL") || !strings.Contains(c, "--drafts") || !strings.Contains(c, `--preview "pull request #$REVIEW_ID"`) {
		t.Errorf("context.deploy-preview.command = %q, want a drafts build for $DEPLOY_PRIME_URL marked as the pull request's preview", c)
	}
	// The daily rebuild: a scheduled function that calls a build hook.
	if sched := cfg.Functions["rebuild-daily"].Schedule; !daily.MatchString(sched) {
		t.Errorf("functions.rebuild-daily.schedule = %q, want a daily cron line", sched)
	}
	fn, err := os.ReadFile("../../docs/deploy/netlify-rebuild-daily.mjs")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"export default async", "process.env.PLINTH_BUILD_HOOK", "method: 'POST'"} {
		if !strings.Contains(string(fn), want) {
			t.Errorf("netlify-rebuild-daily.mjs lacks %q", want)
		}
	}
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if v := cfg.Build.Environment["GO_VERSION"]; !strings.Contains(string(gomod), "\ngo "+v+"\n") {
		t.Errorf("GO_VERSION %q does not match go.mod's go line", v)
	}
}
