package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/plinth-ssg/plinth/generator/diag"
)

// htmlValidateResult is the part of html-validate's JSON formatter output
// that we read: one entry per file with its messages.
type htmlValidateResult struct {
	FilePath string `json:"filePath"`
	Messages []struct {
		RuleID   string `json:"ruleId"`
		Severity int    `json:"severity"`
		Message  string `json:"message"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Selector string `json:"selector"`
		RuleURL  string `json:"ruleUrl"`
	} `json:"messages"`
}

// htmlValidateError is html-validate's severity for an error; 1 is a warning.
const htmlValidateError = 2

// RunHTMLValidate runs html-validate once over all the given files (slash
// paths relative to dir) with the given config file, and returns the errors
// by file. Starting Node once for the whole site, rather than per file, is
// what keeps this to seconds. Warnings are not findings.
//
// html-validate reports line and column itself, in the built file, so
// positions are taken from its JSON output and never from its text.
func RunHTMLValidate(ctx context.Context, bin, config, dir string, files []string) (map[string][]Finding, error) {
	if len(files) == 0 {
		return nil, nil
	}
	// The command runs in the config's folder, so file names must be absolute.
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	args := []string{"--config", config, "--formatter", "json"}
	for _, f := range files {
		args = append(args, filepath.Join(dir, filepath.FromSlash(f)))
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	// Presets named in the config ("html-validate:recommended") resolve from
	// the config's folder, where node_modules is.
	cmd.Dir = filepath.Dir(config)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	// Exit status 1 means "the files have errors", which the JSON lists.
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return nil, fmt.Errorf("running %s: %w\n%s", bin, err, strings.TrimSpace(stderr.String()))
	}
	var results []htmlValidateResult
	if out := bytes.TrimSpace(stdout.Bytes()); len(out) > 0 {
		if err := json.Unmarshal(out, &results); err != nil {
			return nil, fmt.Errorf("reading html-validate's JSON output: %w\nstderr: %s", err, strings.TrimSpace(stderr.String()))
		}
	}
	if err != nil && len(results) == 0 {
		return nil, fmt.Errorf("html-validate failed and reported no file: %s", strings.TrimSpace(stderr.String()))
	}
	out := map[string][]Finding{}
	for _, r := range results {
		rel, err := filepath.Rel(dir, r.FilePath)
		if err != nil {
			rel = r.FilePath
		}
		rel = filepath.ToSlash(rel)
		for _, m := range r.Messages {
			if m.Severity != htmlValidateError {
				continue
			}
			msg := m.Message
			if m.Selector != "" {
				msg += " (" + m.Selector + ")"
			}
			f := Finding{
				Rule: htmlValidateRulePrefix + m.RuleID,
				Msg:  msg,
				Pos:  diag.Pos{File: rel, Line: m.Line, Col: m.Column},
			}
			if m.RuleURL != "" {
				f.Hint = "see " + m.RuleURL
			}
			out[rel] = append(out[rel], f)
		}
	}
	return out, nil
}
