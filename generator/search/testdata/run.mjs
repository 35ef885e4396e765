// Runs the browser's search module (themes/plinth/assets/js/search-core.mjs)
// in Node for the Go tests. It reads one JSON request on stdin:
//
//   { "texts": ["…"],                            text → words
//     "site": "/path/to/public",                 a built site, and
//     "manifest": "/quality/search/index.json",  the manifest's address on it
//     "queries": [{ "q": "1.3", "edition": "", "section": "", "typed": false }] }
//
// and writes { "words": [[…]], "queries": [{ results, partial, correction, bytes, fetched }] }:
// each query runs on a fresh index, as on a first visit, and fetches the
// documents of its first 10 results as the page would, so "bytes" is what
// one query downloads.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Index, words, excerpt, highlight } from '../../../themes/plinth/assets/js/search-core.mjs'

const req = JSON.parse(readFileSync(0, 'utf8'))
const out = { words: (req.texts || []).map((t) => words(t)), queries: [] }
const prefix = req.manifest ? req.manifest.slice(0, req.manifest.indexOf('search/')) : '/'
const fetchText = async (url) => {
  if (!url.startsWith(prefix)) {
    throw new Error('fetch outside the site: ' + url)
  }
  return readFileSync(join(req.site, url.slice(prefix.length).replace(/\?v=[0-9a-f]+$/, '')), 'utf8')
}
for (const q of req.queries || []) {
  const index = new Index(req.manifest, fetchText)
  await index.load()
  const res = await index.search(q.q, { edition: q.edition || '', section: q.section || '', typed: !!q.typed })
  const results = []
  for (const r of res.results.slice(0, 10)) {
    const doc = await index.doc(r.doc)
    const segs = excerpt(doc, res.matcher)
    results.push({
      url: doc.url,
      title: doc.title,
      score: r.score,
      edition: index.facets(r.doc).edition?.key || '',
      section: index.facets(r.doc).section.key,
      marked: segs.filter((s) => s.mark).map((s) => s.text),
      titleMarked: highlight(doc.title, res.matcher).filter((s) => s.mark).map((s) => s.text)
    })
  }
  out.queries.push({
    q: q.q,
    total: res.results.length,
    partial: res.partial,
    correction: res.correction ? res.correction.query : '',
    results,
    bytes: index.bytes,
    fetched: index.fetched
  })
}
process.stdout.write(JSON.stringify(out))
