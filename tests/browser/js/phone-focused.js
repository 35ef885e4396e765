// After a Tab press: which element has focus, where it stands in the
// document's order of focusable elements, and whether its focus shows (an
// outline, NHS.UK frontend's yellow box-shadow, or a change of background).
(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return { name: "", index: -1, shows: true, chart: false };
  }
  const all = [...document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')];
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && cs.outlineColor !== "rgba(0, 0, 0, 0)";
  return {
    name: el.localName + (el.id ? "#" + el.id : "") + [...el.classList].slice(0, 2).map((c) => "." + c).join("") + ' "' + el.textContent.replace(/\s+/g, " ").trim().slice(0, 30) + '"',
    index: all.indexOf(el),
    shows: outline || cs.boxShadow !== "none",
    chart: el.classList.contains("plinth-chart"),
  };
})()
