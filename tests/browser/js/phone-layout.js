// Measured on a phone-sized viewport: does the page scroll sideways; does
// every box that scrolls sideways take keyboard focus and have a name; is
// every tap target at least 24 by 24 CSS px, or spaced so that a 24 px
// circle on its centre touches no other target (WCAG 2.2 2.5.8), links in
// a sentence excepted; and does anything stay fixed on screen, where it
// would cover what the reader scrolls to. Only what shows counts: a table
// in a closed <details> still has a box, but no reader can tap it.
(() => {
  const sel = (el) => {
    let s = el.localName + (el.id ? "#" + el.id : "") + [...el.classList].slice(0, 2).map((c) => "." + c).join("");
    const p = el.parentElement;
    if (!el.id && p) s = p.localName + (p.id ? "#" + p.id : p.classList.length ? "." + p.classList[0] : "") + " > " + s;
    return s;
  };
  const text = (el) => el.textContent.replace(/\s+/g, " ").trim();
  const de = document.documentElement;
  const res = { width: de.clientWidth, scrollWidth: de.scrollWidth, unnamedScrollers: [], smallTargets: [], fixed: [] };
  for (const el of document.body.querySelectorAll("*")) {
    const cs = getComputedStyle(el);
    if ((cs.position === "fixed" || cs.position === "sticky") && el.checkVisibility()) {
      res.fixed.push(sel(el));
    }
    if ((cs.overflowX === "auto" || cs.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1 && el.checkVisibility()) {
      const named = el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby");
      if (el.tabIndex < 0 || !named) {
        res.unnamedScrollers.push(sel(el) + (el.tabIndex < 0 ? " (takes no focus)" : "") + (named ? "" : " (has no name)"));
      }
    }
  }
  const targets = [...document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
    .filter((el) => el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().width > 0)
    // The skip link is a 1 px box until it has focus, and then a full-width bar.
    .filter((el) => !el.classList.contains("nhsuk-skip-link"));
  const rects = targets.map((el) => el.getBoundingClientRect());
  targets.forEach((el, i) => {
    const r = rects[i];
    if (r.width >= 23.5 && r.height >= 23.5) return;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
    if (getComputedStyle(el).display === "inline" && block && text(block).length > text(el).length + 3) return;
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const near = targets.find((other, j) => {
      if (j === i || other.contains(el) || el.contains(other)) return false;
      const o = rects[j];
      const dx = Math.max(o.left - cx, 0, cx - o.right);
      const dy = Math.max(o.top - cy, 0, cy - o.bottom);
      return dx * dx + dy * dy < 144;
    });
    if (near) {
      res.smallTargets.push(`${sel(el)} "${text(el).slice(0, 30)}" is ${Math.round(r.width)}×${Math.round(r.height)} px, beside ${sel(near)}`);
    }
  });
  return res;
})()
