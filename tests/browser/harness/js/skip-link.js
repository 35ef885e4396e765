// Run right after the first Tab press: which element has focus, is it the
// skip link, and does the skip link's target exist as main#maincontent?
(sel) => {
  const skip =
    document.querySelector("a.nhsuk-skip-link") ||
    [...document.querySelectorAll("a[href]")].find((a) => a.getAttribute("href") === "#maincontent") ||
    null;
  const active = document.activeElement;
  const res = {
    found: skip !== null,
    focused: skip !== null && active === skip,
    active: active && active !== document.body ? sel(active) : "",
    skip: skip ? sel(skip) : "",
    href: skip ? skip.getAttribute("href") || "" : "",
    target: "",
    targetOK: false,
  };
  if (skip && res.href.startsWith("#") && res.href.length > 1) {
    const t = document.getElementById(decodeURIComponent(res.href.slice(1)));
    res.target = t ? sel(t) : "";
    res.targetOK = t !== null && t.localName === "main" && t.id === "maincontent";
  }
  return res;
}
