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
    // goldmark renders GFM task-list boxes as <input checked="" disabled="">;
    // the empty value is valid HTML, recommended only prefers another style.
    "attribute-boolean-style": "off",
  },
};
