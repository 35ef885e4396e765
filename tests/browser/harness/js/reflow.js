// Measured at a 320 CSS px wide viewport: does the page scroll sideways, and
// if so which outermost elements stick out past the right edge?
(sel) => {
  const de = document.documentElement;
  const res = { clientWidth: de.clientWidth, scrollWidth: de.scrollWidth, offenders: [] };
  if (res.scrollWidth <= res.clientWidth) {
    return res;
  }
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > res.clientWidth + 0.5) {
      wide.push(el);
    }
  }
  const set = new Set(wide);
  for (const el of wide) {
    let inner = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (set.has(p)) {
        inner = true;
        break;
      }
    }
    if (!inner) {
      const r = el.getBoundingClientRect();
      res.offenders.push({ selector: sel(el), right: Math.round(r.right) });
      if (res.offenders.length === 5) {
        break;
      }
    }
  }
  return res;
}
