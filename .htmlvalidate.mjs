// html-validate configuration for every page Plinth builds (run by
// tests/browser over the built site). It is a module rather than
// .htmlvalidate.json so that each exception can say why it exists.
//
// Keep the list of disabled rules short: only markup that NHS.UK frontend or
// our Markdown renderer writes on purpose belongs here (see
// docs/front-end.md, "Notes for the HTML checks").
export default {
  extends: ["html-validate:recommended"],
  rules: {
    // NHS.UK frontend writes role="list" on its do and don't lists (and
    // its templates put landmark roles on <header>, <main> and <footer>):
    // Safari drops list semantics when list-style is none, so the
    // "redundant" role is what keeps the list a list for VoiceOver users.
    "no-redundant-role": "off",
    // goldmark's footnotes have the IDs "fn:1" and "fnref:1", hard-coded in
    // its renderer. HTML allows any ID without spaces; the strict form of
    // this rule only prefers IDs that need no escaping in CSS selectors.
    "valid-id": ["error", { relaxed: true }],
    // Page titles are "page title – site title" so that a reader, and a
    // screen reader announcing the tab, knows which site the page is on.
    // The 70-character limit is about how search engines cut titles short,
    // not about HTML or WCAG (2.4.2 asks that titles describe the page).
    "long-title": "off",
  },
};
