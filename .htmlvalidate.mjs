// html-validate configuration for every page Plinth builds (run by
// tests/browser over the built site). It is a module rather than
// .htmlvalidate.json so that each exception can say why it exists.
//
// Keep the list of disabled rules short: only rules that contradict the
// markup NHS.UK frontend itself prescribes belong here.
export default {
  extends: ["html-validate:recommended"],
  rules: {
    // NHS.UK frontend's page template writes role="banner" on <header>,
    // role="main" on <main> and role="contentinfo" on <footer>, which
    // recommended flags as redundant. The roles are harmless, and the
    // design system keeps them for older assistive technology.
    "no-redundant-role": "off",
  },
};
