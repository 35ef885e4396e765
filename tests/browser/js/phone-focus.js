// Focuses every visible control in turn and lists those whose focus shows
// no outline. With forced colours (Windows high contrast) the browser drops
// box-shadows and backgrounds, so NHS.UK frontend's yellow-and-black focus
// style relies on its transparent outline, which forced colours paint in
// the system's colour: an outline of none or 0 px leaves focus invisible.
(() => {
  const out = [];
  const controls = document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])');
  for (const el of controls) {
    if (!el.checkVisibility() && !el.classList.contains("nhsuk-skip-link")) continue;
    el.focus();
    if (document.activeElement !== el) continue;
    const cs = getComputedStyle(el);
    if (cs.outlineStyle === "none" || parseFloat(cs.outlineWidth) < 1) {
      out.push(el.localName + [...el.classList].slice(0, 2).map((c) => "." + c).join("") + ' "' + el.textContent.replace(/\s+/g, " ").trim().slice(0, 30) + '"');
    }
  }
  document.activeElement?.blur();
  return out;
})()
