// The page's headings in document order, for the one-h1 and heading-order
// checks (which are done in Go so that they can be unit-tested).
(sel) =>
  [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => ({
    level: Number(h.localName.slice(1)),
    text: h.textContent.trim().replace(/\s+/g, " ").slice(0, 80),
    selector: sel(h),
  }))
