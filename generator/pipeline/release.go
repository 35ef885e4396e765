package pipeline

import (
	"github.com/plinth-ssg/plinth/generator/actionplans"
	"github.com/plinth-ssg/plinth/generator/config"
	"github.com/plinth-ssg/plinth/generator/content"
	"github.com/plinth-ssg/plinth/generator/diag"
	"github.com/plinth-ssg/plinth/generator/framework"
	"github.com/plinth-ssg/plinth/generator/site"
	"github.com/plinth-ssg/plinth/generator/source"
)

// ActionPlans runs the stages the action-plan figures come from, and no
// others: configuration, content and framework (for the standards' and
// domains' names), the datasets and the action-plan tables with their
// releases. It is what `plinth release` records, without rendering a site.
func ActionPlans(opts Options) (actionplans.Result, diag.List) {
	var diags diag.List
	fsys, _, d := openSite(opts.Source)
	diags.Append(d)
	if d.HasErrors() {
		return actionplans.Result{}, diags
	}
	defer source.Close(fsys)
	cfg, d := config.Load(fsys, config.Options{})
	diags.Append(d)
	if cfg == nil {
		return actionplans.Result{}, diags
	}
	loaded, d := content.Load(fsys, content.Options{Schemas: schemas})
	diags.Append(d)
	fw, d := framework.Build(cfg, loaded.Pages, site.Publish{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}, loaded.Failed)
	diags.Append(d)
	_, tables, _, d := loadData(fsys, cfg, fw.Framework, nil)
	diags.Append(d)
	return tables, diags
}
