// A short CSS selector that names an element in a failure message: its id
// when it has one, else up to four ancestors with classes and :nth-of-type.
(el) => {
  if (!el || el.nodeType !== 1) {
    return String(el);
  }
  const parts = [];
  for (let n = el; n && n.nodeType === 1 && parts.length < 4; n = n.parentElement) {
    if (n.id && document.querySelectorAll("#" + CSS.escape(n.id)).length === 1) {
      parts.unshift("#" + CSS.escape(n.id));
      break;
    }
    let part = n.localName;
    const classes = [...n.classList].slice(0, 2);
    if (classes.length > 0) {
      part += "." + classes.map((c) => CSS.escape(c)).join(".");
    }
    const parent = n.parentElement;
    if (parent) {
      const same = [...parent.children].filter((c) => c.localName === n.localName);
      if (same.length > 1) {
        part += ":nth-of-type(" + (same.indexOf(n) + 1) + ")";
      }
    }
    parts.unshift(part);
    if (n.localName === "body" || n.localName === "html") {
      break;
    }
  }
  return parts.join(" > ");
}
