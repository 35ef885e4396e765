// Runs axe-core (already evaluated into the page) with the WCAG 2.2 AA tags
// and returns a compact summary; resultTypes keeps the passes' node lists
// short, since only the violations' nodes are reported.
(sel, tags) =>
  axe
    .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
    .then((r) => ({
      version: axe.version,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact || "",
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), summary: n.failureSummary || "" })),
      })),
      passes: r.passes.map((x) => x.id),
      incomplete: r.incomplete.map((x) => x.id),
      inapplicable: r.inapplicable.map((x) => x.id),
    }))
