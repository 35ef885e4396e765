// Installed with Page.addScriptToEvaluateOnNewDocument, so it runs in every
// document before any of the page's own scripts. It reports each
// Content-Security-Policy violation to the test harness through the
// DevTools binding named below (a native function, which CSP does not block).
(() => {
  const report = globalThis.__plinthCSPViolation;
  if (typeof report !== "function") {
    return;
  }
  document.addEventListener(
    "securitypolicyviolation",
    (e) => {
      report(
        JSON.stringify({
          directive: e.effectiveDirective || e.violatedDirective,
          blocked: e.blockedURI,
          source: e.sourceFile,
          line: e.lineNumber,
          column: e.columnNumber,
          sample: e.sample,
          disposition: e.disposition,
        }),
      );
    },
    true,
  );
})();
