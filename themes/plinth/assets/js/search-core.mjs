/*
 * Plinth's search, without the page: reads the index the generator writes
 * (generator/search; its package comment describes the files) and answers
 * queries. search.js draws the results; the tests in generator/search run
 * this module in Node against built indexes.
 *
 * The text rules (fold, words, stem) mirror generator/search/text.go: a
 * word matches only when both sides turn it into the same term, so the two
 * must agree exactly. generator/search/testdata/terms.json holds the cases
 * both test suites check.
 */

// Dotted numbers (standard IDs such as 1.3) stay whole; otherwise a word
// is a run of letters and digits. Same pattern as text.go.
const WORD = /\p{Nd}+(?:\.\p{Nd}+)+|[\p{L}\p{Nd}]+/gu
const APOSTROPHES = /['\u2019]/g
const MARKS = /\p{Mn}/gu

// fold lowers case and removes accents ("Zürich" → "zurich").
export function fold (text) {
  return text.toLowerCase().normalize('NFD').replace(MARKS, '').normalize('NFC')
}

// words folds text and splits it into words, stop words included.
export function words (text) {
  return fold(text).replace(APOSTROPHES, '').match(WORD) || []
}

// stem reduces simple English plurals: -ies → -y, -sses/-xes/-ches/-shes
// lose -es, other -s endings lose the s, except -ss, -us and -is. Words of
// three letters or fewer and words with digits are left alone.
export function stem (w) {
  if ([...w].length <= 3 || /[0-9]/.test(w)) {
    return w
  }
  if (w.endsWith('ies')) {
    if (w.endsWith('eies') || w.endsWith('aies')) {
      return w.slice(0, -1)
    }
    return w.slice(0, -3) + 'y'
  }
  if (w.endsWith('sses') || w.endsWith('xes') || w.endsWith('ches') || w.endsWith('shes')) {
    return w.slice(0, -2)
  }
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) {
    return w
  }
  if (w.endsWith('s')) {
    return w.slice(0, -1)
  }
  return w
}

// terms is what the index holds for text: words without stop words,
// stemmed.
export function terms (text, stopWords) {
  return words(text).filter((w) => !stopWords.has(w)).map(stem)
}

// isID reports whether a word is a dotted number such as a standard ID.
export function isID (w) {
  return w.includes('.')
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const DIGIT = new Map([...ALPHABET].map((c, i) => [c, i]))

// readNumber reads one variable-length number (five bits a character,
// lowest first; 32 and up means more follow) at i; returns [n, next].
function readNumber (s, i) {
  let n = 0
  let shift = 0
  for (;;) {
    const v = DIGIT.get(s[i++])
    if (v === undefined || shift > 30) {
      throw new Error('malformed postings')
    }
    n += (v & 31) * 2 ** shift
    if (v < 32) {
      return [n, i]
    }
    shift += 5
  }
}

// decodePostings returns a Map from document number to the term's weight
// on that page.
export function decodePostings (s) {
  const out = new Map()
  let doc = -1
  for (let i = 0; i < s.length;) {
    const [gap, next] = readNumber(s, i)
    doc += gap + 1
    out.set(doc, DIGIT.get(s[next]))
    i = next + 1
  }
  return out
}

// decodeDocs returns the document numbers of a list without weights.
export function decodeDocs (s) {
  const out = []
  let doc = -1
  for (let i = 0; i < s.length;) {
    const [gap, next] = readNumber(s, i)
    doc += gap + 1
    out.push(doc)
    i = next
  }
  return out
}

// shardOf returns the shard that would hold a term: the last whose first
// term is not after it.
export function shardOf (shards, term) {
  let lo = 0
  let hi = shards.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (shards[mid] <= term) {
      lo = mid
    } else {
      hi = mid - 1
    }
  }
  return lo
}

// shardsFor returns the shards that may hold a term or, with prefix, any
// term starting with it.
export function shardsFor (shards, term, prefix) {
  if (shards.length === 0) {
    return []
  }
  const out = [shardOf(shards, term)]
  if (prefix) {
    for (let i = out[0] + 1; i < shards.length && shards[i].startsWith(term); i++) {
      out.push(i)
    }
  }
  return out
}

// PREFIX_WEIGHT discounts a word completed from what the reader typed so
// far, so that the word as typed ranks first.
const PREFIX_WEIGHT = 0.6
// ID_BONUS puts the standards whose ID the query names above everything
// else.
const ID_BONUS = 1000
// MIN_PREFIX is how many letters the last word needs before it is also
// completed: fewer would fetch and match too much.
const MIN_PREFIX = 3

// The key of the "other pages" section in the manifest is "", which a
// filter cannot tell from "all sections"; it is "~other" in filters.
export const OTHER_PAGES = '~other'

// Index is one site's search index.
export class Index {
  // manifestURL is the manifest's address (an absolute path such as
  // "/quality/search/index.json"); the index's other files are relative
  // to its folder. fetchText(url) returns a promise of a file's text.
  constructor (manifestURL, fetchText) {
    this.manifestURL = manifestURL
    this.folder = manifestURL.slice(0, manifestURL.lastIndexOf('/') + 1)
    this.fetchText = fetchText
    // bytes and fetched record what has been downloaded, for the tests'
    // figures.
    this.bytes = 0
    this.fetched = []
    this.files = new Map()
  }

  // get fetches and parses a file of the index once; path is relative to
  // the manifest's folder ("" is the manifest). Other files carry the
  // build's hash as a query, so no cache mixes two builds' files.
  async get (path) {
    if (!this.files.has(path)) {
      const url = path === '' ? this.manifestURL : this.folder + path + '?v=' + this.manifest.build
      this.fetched.push(url)
      this.files.set(path, this.fetchText(url).then((text) => {
        this.bytes += new TextEncoder().encode(text).length
        return JSON.parse(text)
      }))
    }
    return this.files.get(path)
  }

  // load reads the manifest.
  async load () {
    const m = await this.get('')
    if (m.version !== 1) {
      throw new Error('this search index was written by another version of Plinth')
    }
    this.manifest = m
    this.stopWords = new Set(m.stopWords)
    return m
  }

  // group returns the [first, section, edition] run that holds a document.
  group (doc) {
    const groups = this.manifest.groups
    let lo = 0
    let hi = groups.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (groups[mid][0] <= doc) {
        lo = mid
      } else {
        hi = mid - 1
      }
    }
    return groups[lo]
  }

  // inScope reports whether a document passes the filters: edition "" is
  // the edition in force (and pages of no edition), "all" every edition,
  // otherwise one edition's key; section "" is every section.
  inScope (doc, edition, section) {
    const [, s, e] = this.group(doc)
    const m = this.manifest
    if (section) {
      const key = m.sections[s].key || OTHER_PAGES
      if (key !== section) {
        return false
      }
    }
    if (e < 0 || edition === 'all') {
      return true
    }
    const ed = m.editions[e]
    return edition ? ed.key === edition : !!ed.default
  }

  // parse turns what the reader typed into the words to look for: each
  // with its term, whether it is a standard ID, and (for the last word,
  // while it may still be being typed) the prefix to complete.
  parse (query) {
    const all = words(query)
    let ws = all.filter((w) => !this.stopWords.has(w))
    const typing = query.length > 0 && !/\s$/.test(query)
    const out = []
    ws = [...new Set(ws)]
    ws.forEach((w, i) => {
      const last = i === ws.length - 1 && typing && w === all[all.length - 1]
      const id = isID(w)
      out.push({
        word: w,
        term: id ? w : stem(w),
        id,
        prefix: last && !id && w.length >= MIN_PREFIX ? w : ''
      })
    })
    return out
  }

  // search returns the documents that match, best first:
  // { words, results: [{ doc, score }], partial }, where partial means no
  // document has every word and the results have some of them.
  async search (query, { edition = '', section = '' } = {}) {
    const m = this.manifest || (await this.load())
    const ws = this.parse(query)
    if (ws.length === 0) {
      return { words: ws, results: [], partial: false }
    }
    const shardIDs = new Set()
    for (const w of ws) {
      shardsFor(m.shards, w.prefix || w.term, !!w.prefix).forEach((i) => shardIDs.add(i))
      if (w.prefix) {
        shardsFor(m.shards, w.term, false).forEach((i) => shardIDs.add(i))
      }
    }
    const shards = new Map()
    await Promise.all([...shardIDs].map(async (i) => {
      shards.set(i, await this.get('t/' + i + '.json'))
    }))
    const score = new Map() // doc → [words matched, score]
    ws.forEach((w) => {
      const best = new Map()
      const take = (postings, weight) => {
        for (const [doc, impact] of decodePostings(postings)) {
          best.set(doc, Math.max(best.get(doc) || 0, impact * weight))
        }
      }
      for (const shard of shards.values()) {
        if (shard.terms[w.term] !== undefined) {
          take(shard.terms[w.term], 1)
        }
        if (w.prefix) {
          for (const [t, postings] of Object.entries(shard.terms)) {
            if (t !== w.term && t.startsWith(w.prefix)) {
              take(postings, PREFIX_WEIGHT)
            }
          }
        }
        if (w.id && shard.ids && shard.ids[w.term] !== undefined) {
          for (const doc of decodeDocs(shard.ids[w.term])) {
            best.set(doc, (best.get(doc) || 0) + ID_BONUS)
          }
        }
      }
      for (const [doc, s] of best) {
        const cur = score.get(doc) || [0, 0]
        score.set(doc, [cur[0] + 1, cur[1] + s])
      }
    })
    let results = []
    let most = 0
    for (const [doc, [n, s]] of score) {
      if (!this.inScope(doc, edition, section)) {
        continue
      }
      most = Math.max(most, n)
      results.push({ doc, matched: n, score: s })
    }
    results = results.filter((r) => r.matched === most)
    results.sort((a, b) => b.score - a.score || a.doc - b.doc)
    return { words: ws, results, partial: most < ws.length }
  }

  // doc returns a document's file: { url, title, description, text }.
  async doc (n) {
    return this.get('d/' + n + '.json')
  }

  // facets describes a document's section and edition, for the result's
  // caption.
  facets (doc) {
    const [, s, e] = this.group(doc)
    return { section: this.manifest.sections[s], edition: e < 0 ? null : this.manifest.editions[e] }
  }
}

// Words in running text, for snippets: the same words as WORD, but with
// apostrophes and combining marks kept inside, so each match is a stretch
// of the original text that can be highlighted as it stands.
const TEXT_WORD = /\p{Nd}+(?:\.\p{Nd}+)+|[\p{L}\p{Nd}\p{M}'\u2019]+/gu

// matches reports whether a word of running text is one the reader looked
// for.
function matches (raw, ws) {
  for (const w of words(raw)) {
    for (const q of ws) {
      if (q.id ? w === q.term : stem(w) === q.term || (q.prefix && w.startsWith(q.prefix))) {
        return true
      }
    }
  }
  return false
}

// highlight returns text as segments [{ text, mark }], mark being true for
// every word the reader looked for: for titles, which are shown whole.
export function highlight (text, ws) {
  const segs = []
  let pos = 0
  for (const m of text.matchAll(TEXT_WORD)) {
    if (!matches(m[0], ws)) {
      continue
    }
    if (m.index > pos) {
      segs.push({ text: text.slice(pos, m.index), mark: false })
    }
    segs.push({ text: m[0], mark: true })
    pos = m.index + m[0].length
  }
  if (pos < text.length) {
    segs.push({ text: text.slice(pos), mark: false })
  }
  return segs
}

// snippet cuts a passage of about size words out of text around the first
// word the reader looked for, and returns it as segments
// [{ text, mark }], mark being true for the words found. It returns null
// when the text holds none of the words.
export function snippet (text, ws, size = 32) {
  const found = []
  for (const m of text.matchAll(TEXT_WORD)) {
    found.push({ start: m.index, end: m.index + m[0].length, hit: matches(m[0], ws) })
  }
  const first = found.findIndex((f) => f.hit)
  if (first < 0) {
    return null
  }
  const from = Math.max(0, Math.min(first - Math.floor(size / 4), found.length - size))
  const to = Math.min(found.length, from + size)
  const segs = []
  let pos = from === 0 ? 0 : found[from].start
  if (from > 0) {
    segs.push({ text: '… ', mark: false })
  }
  for (let i = from; i < to; i++) {
    const f = found[i]
    if (!f.hit) {
      continue
    }
    if (f.start > pos) {
      segs.push({ text: text.slice(pos, f.start), mark: false })
    }
    segs.push({ text: text.slice(f.start, f.end), mark: true })
    pos = f.end
  }
  const end = to === found.length ? text.length : found[to - 1].end
  if (end > pos) {
    segs.push({ text: text.slice(pos, end), mark: false })
  }
  if (to < found.length) {
    segs.push({ text: ' …', mark: false })
  }
  return segs
}
