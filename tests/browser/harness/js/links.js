// Every link target of the page, resolved to an absolute URL, for the crawl.
(sel) => [...document.querySelectorAll("a[href], area[href]")].map((a) => a.href)
