/*
 * Plinth's search, without the page: reads the index the generator writes
 * (generator/search; its package comment describes the files) and answers
 * queries. search.js draws the results; the tests in generator/search run
 * this module in Node against built indexes.
 *
 * The text rules here (fold, words) mirror generator/search/text.go: a
 * word is found only when both sides split and fold it the same way, and
 * generator/search/testdata/words.json holds the cases both test suites
 * check. This module never stems: the index lists, beside each term, the
 * word forms that lead to it (Shard.Forms and Shard.Alias in shards.go),
 * so a word the reader types is looked up, not rewritten.
 */

import { bestCorrection } from './search-spelling.mjs'

// Dotted numbers (standard IDs such as 1.3) stay whole; otherwise a word
// is a run of letters and digits. Same pattern as text.go.
const WORD = /\p{Nd}+(?:\.\p{Nd}+)+|[\p{L}\p{Nd}]+/gu
const APOSTROPHES = /['\u2019]/g
const MARKS = /\p{Mn}/gu
const LETTERS = /^\p{L}+$/u

// fold lowers case and removes accents ("Zürich" → "zurich").
export function fold (text) {
  return text.toLowerCase().normalize('NFD').replace(MARKS, '').normalize('NFC')
}

// words folds text and splits it into words, stop words included.
export function words (text) {
  return fold(text).replace(APOSTROPHES, '').match(WORD) || []
}

// isID reports whether a word is a dotted number such as a standard ID.
export function isID (w) {
  return w.includes('.')
}

// GLUED_ID is a standard's ID typed straight after letters: "S1.3",
// "standard1.3". In text such a run is split as any other ("v1.3" is "v1"
// and "3", text.go), but in a query it is the ID readers mean.
const GLUED_ID = /(\p{L}+)(\p{Nd}+(?:\.\p{Nd}+)+)/gu

// unglue writes a query's glued IDs apart from their letters, leaving out
// a single letter ("S" for standard), which would only be a word that no
// page has.
function unglue (query) {
  return query.replace(GLUED_ID, (_, letters, id) => ([...letters].length === 1 ? '' : letters + ' ') + id)
}

// LOOSE_ID is a standard's ID as readers also type it: with a comma for
// the point, as on keyboards that write decimals so ("3,5"), with a
// hyphen, as in the standard's address ("3-6"), with a colon, a point
// shifted on a phone's keyboard ("3:5"), or said aloud ("3 point
// 1"), or, after the word "standard", with a space ("standard 3 6", as
// a phone's keyboard makes it easier than a point). Such a pair is the
// ID only if the index has that ID (looseIDs): "1-7" may be a range,
// "3,5" two numbers.
const LOOSE_ID = /(?<![\p{L}\p{Nd}.,:-])(\p{Nd}{1,2})(?:[,:-]| point |(?<=(?:^|[^\p{L}])(?:standard|std)\.?\s+\p{Nd}{1,2}) )(\p{Nd}{1,2})(?![\p{L}\p{Nd}]|[.,:-]\p{Nd})/giu

// NUMBERED is a domain or standard named with its number as a word
// ("domain four", "standard three point one", "standard three one"),
// as said aloud: the
// number is read as its digit there only, where no other sense is
// likely ("no one" keeps its "one").
const NUMBERED = /\b(domain|standard)(\s+)(one|two|three|four|five|six|seven|eight|nine)\b(?:(\s+point\s+|\s+)(one|two|three|four|five|six|seven|eight|nine)\b)?/giu
const DIGITS = new Map(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].map((w, i) => [w, String(i + 1)]))

// spellNumbers writes the numbers of NUMBERED as digits.
function spellNumbers (query) {
  return query.replace(NUMBERED, (_, name, space, a, point, b) =>
    name + space + DIGITS.get(a.toLowerCase()) + (b ? point + DIGITS.get(b.toLowerCase()) : ''))
}

// loosen writes a query's loose IDs as IDs; loose maps each ID so
// written to the words typed, so that looseIDs can take back those the
// index does not have.
function loosen (query, loose) {
  return query.replace(LOOSE_ID, (raw, a, b) => {
    const id = a + '.' + b
    loose.set(id, words(raw))
    return id
  })
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const DIGIT = new Map([...ALPHABET].map((c, i) => [c, i]))
// MAX_IMPACT is the largest impact a posting carries (search.MaxImpact).
const MAX_IMPACT = 63

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

// decodePostings returns a Map from document number to the term's impact
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

// shardOf returns the shard that would hold a key: the last whose first
// key is not after it.
export function shardOf (shards, key) {
  let lo = 0
  let hi = shards.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (shards[mid] <= key) {
      lo = mid
    } else {
      hi = mid - 1
    }
  }
  return lo
}

// shardsFor returns the shards that may hold a key or, with prefix, any
// key starting with it.
export function shardsFor (shards, key, prefix) {
  if (shards.length === 0) {
    return []
  }
  const out = [shardOf(shards, key)]
  if (prefix) {
    for (let i = out[0] + 1; i < shards.length && shards[i].startsWith(key); i++) {
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
// MIN_COMPLETED is how many letters a word other than the last needs
// before it is completed (complete) when it matches nothing.
const MIN_COMPLETED = 6
// MIN_CORRECTED is how many letters a word needs before a misspelling of
// it is corrected: shorter words are too often another word.
const MIN_CORRECTED = 5
// MAX_SPLIT is the longest word split tries to cut in two, as the
// generator does (forms.go, maxCompound): each place to cut is looked up.
const MAX_SPLIT = 40
// MAX_PIECES is the most words splitMany reads a word as: "freedom to
// speak up" is four.
const MAX_PIECES = 5

// ENDINGS are the English endings a word the site never uses may carry
// beyond a term the index has ("disabled" beyond "disabl", which the site
// has as "disability"; "anonymisation" beyond "anonymis"; a profession,
// "physiotherapist", beyond its field, "physiotherapy"). The index
// lists the forms of the words the site uses, and those a reader is
// likely to type, but it cannot list every derivation; a word that
// matches nothing is tried without these before it is taken as a
// misspelling. The stemmer takes "-ate" off a verb ("discriminate" is
// "discrimin", as "discrimination" is), so its forms the site does not use
// ("discriminated", "allocated") are tried without it too.
const ENDINGS = ['isations', 'izations', 'isation', 'ization', 'ations', 'ation', 'ments', 'ment', 'ities', 'ity', 'ness',
  'ings', 'ing', 'ists', 'ist', 'ers', 'er', 'ised', 'ized', 'ises', 'izes', 'ise', 'ize', 'ies', 'ied',
  'ating', 'ated', 'ates', 'ate', 'ed', 'es', 's', 'ly', 'al']

// MIN_STEM is the shortest rest of a word, once an ending is taken off, that
// is looked up as a term: anything shorter would lead to unrelated words.
const MIN_STEM = 4

// RERANK is how many of the best results are read in full to find the
// query's words side by side, as a phrase or close together: the first
// page of results, which is read anyway to show them.
const RERANK = 10
// The factors for words found side by side in a result's title or text,
// in the order the reader typed them, and found close together.
const PHRASE_IN_TITLE = 1.5
const PHRASE_IN_TEXT = 1.3
const NEAR_IN_TEXT = 1.15
// WORD_IN_TITLE raises a result of a one-word query whose title has the
// word: the index's weights come in steps (impactBase apart), so a page
// titled "Contact us" could tie with a standard that mentions contacts once,
// and a tie goes to the standard. It is a step or so, enough to settle
// such a tie, not to lift a short "You said, we did" entry's title over
// a guidance page about the word.
const WORD_IN_TITLE = 1.1
const NEAR = 3 // at most this many other words between them
// SPLIT_READ is how many pages with both halves of a word split in two
// are read to find the halves side by side (keepSplitsWhole): two pages
// of results.
const SPLIT_READ = 20
// LACK is the share of a query's weight a result must lack less of than
// the best result does: one word of three as rare as each other (a page
// about the question may not use one of its words), never one of two
// (both words of "ward shift" are what the reader means), but the
// commoner of two ("feeling burnt out": the wellbeing pages do not say
// "feeling").
const LACK = 0.5
// COMMON is the share of the pages a word must be on to be common: alone
// beside a word no page has, it finds nothing (unanswered). A fifth
// takes in the words of every page of a site ("placement", "learners",
// "standard", "action"), not those of a subject ("induction", on a tenth,
// where "induction was useless" must find it; "student" too, so "student
// loan" still finds the pages with "student").
const COMMON = 0.2

// The key of the "other pages" section in the manifest is "", which a
// filter cannot tell from "all sections"; it is "~other" in filters.
export const OTHER_PAGES = '~other'

// readShard indexes a shard's word forms: byForm maps every form listed
// in the shard to { term, used }, used being whether the site uses the
// word (rather than it being a form readers may type). Its terms and IDs
// become Maps: looked up in a plain object, a word the reader types such
// as "constructor" would find the object's own methods.
function readShard (sh) {
  sh.terms = new Map(Object.entries(sh.terms || {}))
  sh.ids = new Map(Object.entries(sh.ids || {}))
  const byForm = new Map()
  const notWords = new Set()
  for (const [term, list] of Object.entries(sh.forms || {})) {
    let isWord = false
    for (const end of list.split(' ')) {
      if (end === '=') {
        isWord = true
      } else if (end !== '') {
        const more = end.startsWith('+')
        byForm.set(term + (more ? end.slice(1) : end), { term, used: !more })
      }
    }
    if (!isWord) {
      notWords.add(term)
    }
  }
  for (const [w, t] of Object.entries(sh.alias || {})) {
    const more = t.startsWith('+')
    byForm.set(w, { term: more ? t.slice(1) : t, used: !more })
  }
  sh.byForm = byForm
  sh.notWords = notWords
  return sh
}

// resolve returns what the shard knows of a word: { term, used }, or null.
function resolve (sh, w) {
  const f = sh.byForm.get(w)
  if (f) {
    return f
  }
  if (sh.terms.has(w) || sh.ids.has(w)) {
    return { term: w, used: !sh.notWords.has(w) }
  }
  return null
}

// usedWords calls f with each word of the site that a shard lists, and
// its term.
function usedWords (sh, f) {
  for (const [w, r] of sh.byForm) {
    if (r.used) {
      f(w, r.term)
    }
  }
  for (const t of sh.terms.keys()) {
    if (!sh.notWords.has(t)) {
      f(t, t)
    }
  }
}

// stripEndings returns what a word may be without one of ENDINGS, the
// longest (most specific) first: the rest as it is, with an "e" or "y" put
// back, and with a doubled last letter made single ("planned" → "plan").
export function stripEndings (w) {
  const out = []
  for (const end of ENDINGS) {
    if (!w.endsWith(end) || w.length - end.length < MIN_STEM) {
      continue
    }
    const rest = w.slice(0, -end.length)
    out.push(rest, rest + 'e')
    if (end.startsWith('i')) {
      out.push(rest + 'y')
    }
    // The index's term for a word ending in "y" ends in "i" ("bully",
    // "bullying": "bulli"), and the site may not use the word itself:
    // "bullyed" is found through the term.
    if (rest.endsWith('y')) {
      out.push(rest.slice(0, -1) + 'i')
    }
    if (rest.length > MIN_STEM && rest.at(-1) === rest.at(-2)) {
      out.push(rest.slice(0, -1))
    }
  }
  return [...new Set(out)].sort((a, b) => b.length - a.length)
}

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
    if (m.version !== 2) {
      throw new Error('this search index was written by another version of Plinth')
    }
    this.manifest = m
    this.stopWords = new Set(m.stopWords)
    this.shards = new Map() // shard number → shard, once read
    return m
  }

  // fetchShards reads the shards numbered in ids that are not read yet.
  async fetchShards (ids) {
    await Promise.all([...ids].filter((i) => !this.shards.has(i)).map(async (i) => {
      const sh = readShard(await this.get('t/' + i + '.json'))
      this.shards.set(i, sh)
    }))
  }

  // shardFor returns the shard that holds a key, if it has been read.
  shardFor (key) {
    return this.shards.get(shardOf(this.manifest.shards, key))
  }

  // lookup returns { term, used } for a word, from shards already read.
  lookup (w) {
    const sh = this.shardFor(w)
    return sh ? resolve(sh, w) : null
  }

  // postings returns a term's postings as a Map, from shards already read.
  postings (term) {
    const sh = this.shardFor(term)
    const enc = sh && sh.terms.get(term)
    return enc === undefined ? new Map() : decodePostings(enc)
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

  // editionDocs returns the numbers of the documents of an edition.
  editionDocs (key) {
    const m = this.manifest
    const e = m.editions.findIndex((x) => x.key === key)
    const out = []
    m.groups.forEach(([first, , ed], i) => {
      if (ed === e) {
        const end = i + 1 < m.groups.length ? m.groups[i + 1][0] : m.docs
        for (let d = first; d < end; d++) {
          out.push(d)
        }
      }
    })
    return out
  }

  // tier is 1 for a page of a retired edition the reader did not choose,
  // which comes after every other result, and 0 otherwise.
  tier (doc, edition) {
    const [, , e] = this.group(doc)
    if (e < 0) {
      return 0
    }
    const ed = this.manifest.editions[e]
    return ed.retired && ed.key !== edition ? 1 : 0
  }

  // parse turns what the reader typed into the words to look for: each
  // with whether it is a standard ID and (for the last word, while it may
  // still be being typed) the prefix to complete.
  parse (query) {
    // Compatibility forms are the letters they stand for (full-width
    // "ＩＮＤＵＣＴＩＯＮ" as typed on some keyboards, the ligature "ﬁ"),
    // which the site's words use.
    const loose = new Map()
    const all = words(loosen(spellNumbers(unglue(query.normalize('NFKC'))), loose))
    const ws = [...new Set(all.filter((w) => !this.stopWords.has(w)))]
    // The stop word typed just before each word, where it first comes: a
    // word cut in two by a space, or by voice typing, may start with one
    // ("in duction"), which would otherwise be dropped (slots).
    const before = new Map()
    all.forEach((w, i) => {
      if (!before.has(w)) {
        before.set(w, i > 0 && this.stopWords.has(all[i - 1]) ? all[i - 1] : '')
      }
    })
    const typing = query.length > 0 && !/\s$/.test(query)
    return ws.map((w, i) => {
      const last = i === ws.length - 1 && typing && w === all[all.length - 1]
      const id = isID(w)
      return { word: w, id, prefix: last && !id && w.length >= MIN_PREFIX ? w : '', loose: loose.get(w), before: id ? '' : before.get(w) }
    })
  }

  // looseIDs takes each ID written from a loose form ("3,5") that the
  // index does not have back to the words typed, as they would have been
  // searched without it. The IDs' shards must have been read.
  looseIDs (parsed) {
    return parsed.flatMap((w) => {
      if (!w.loose || this.lookup(w.word)) {
        return [w]
      }
      return w.loose.filter((x) => !this.stopWords.has(x)).map((x) => ({ word: x, id: false, prefix: '' }))
    })
  }

  // namedEdition returns the key of an edition the query names by its key
  // ("2019 edition", "1.3 2016") besides other words, if it is not the
  // edition in force, or "": with the default filter the pages of that
  // edition would be left out, though the reader asked for them.
  namedEdition (parsed) {
    if (parsed.length < 2) {
      return ''
    }
    const e = this.manifest.editions.find((e) => !e.default && parsed.some((w) => this.namesEdition(w.word, e)))
    return e ? e.key : ''
  }

  // namesEdition reports whether a word of the query names an edition:
  // its key, or a word of its title that no other edition's title has
  // ("draft" and "consultation" of "Quality Framework 2027 (draft for
  // consultation)", "2020" of "Quality Framework 2019 to 2020"), as
  // readers name an edition out for consultation by what it is.
  namesEdition (w, e) {
    if (w === fold(e.key)) {
      return true
    }
    const own = (x) => words(x.title).filter((t) => !this.stopWords.has(t))
    return own(e).includes(w) && !this.manifest.editions.some((x) => x !== e && own(x).includes(w))
  }

  // search returns the documents that match, best first:
  // { slots, results: [{ doc, score }], partial, correction, matcher,
  // edition }. partial means no document has every word and the results
  // have some of them; correction, when a misspelt word was corrected, is
  // { query, from, to }; matcher tells which words of a result's text to
  // highlight; edition is the edition searched, the one asked for or, by
  // default, one the query names (namedEdition). With typed, words are
  // taken as typed, never corrected.
  async search (query, { edition = '', section = '', typed = false } = {}) {
    const m = this.manifest || (await this.load())
    let parsed = this.parse(query)
    const none = { slots: [], results: [], partial: false, correction: null, matcher: new Matcher(this, []), edition }
    if (parsed.length === 0) {
      return none
    }
    const named = edition === '' ? this.namedEdition(parsed) : ''
    if (named) {
      edition = named
    }
    // The shards of the words, and of the words the last one may become.
    const need = new Set()
    for (const w of parsed) {
      shardsFor(m.shards, w.word, false).forEach((s) => need.add(s))
      if (w.prefix) {
        shardsFor(m.shards, w.prefix, true).forEach((s) => need.add(s))
      }
    }
    // Two words typed apart that the site writes as one ("hand over",
    // "handover"): the shard of the word they make.
    for (let i = 0; i + 1 < parsed.length; i++) {
      if (LETTERS.test(parsed[i].word) && LETTERS.test(parsed[i + 1].word)) {
        shardsFor(m.shards, parsed[i].word + parsed[i + 1].word, false).forEach((s) => need.add(s))
      }
    }
    await this.fetchShards(need)
    // A stop word and the word typed after it, written as one ("in
    // duction", "induction"), where no page has the word: only then, so
    // that a question's words ("how do I raise") fetch nothing more.
    const glued = new Set()
    for (const w of parsed) {
      if (w.before && !this.lookup(w.word) && LETTERS.test(w.before) && LETTERS.test(w.word)) {
        shardsFor(m.shards, w.before + w.word, false).forEach((s) => glued.add(s))
      }
    }
    await this.fetchShards(glued)
    parsed = this.looseIDs(parsed)
    await this.widenIDs(parsed)

    let slots = this.slots(parsed)
    await this.derive(slots)
    await this.split(slots)
    await this.complete(slots)
    slots = this.synonyms(slots)
    // The edition's key, once it has chosen the edition, need not be on
    // its pages (a standard of 2016 does not say "2016"): they match it
    // all the same. Other pages match it by having it ("what changed
    // since 2019").
    for (const s of slots) {
      if (named && this.namesEdition(s.word, this.manifest.editions.find((e) => e.key === named))) {
        s.edition = named
      }
    }
    let correction = null
    if (!typed) {
      correction = await this.correct(slots, query)
    }
    // The shards of every term now looked for: a form may lead to a term
    // in another shard, and synonyms bring in words of their own.
    const more = new Set()
    for (const s of slots) {
      for (const alt of s.alts) {
        for (const t of alt) {
          more.add(shardOf(m.shards, t.term))
        }
      }
    }
    await this.fetchShards(more)

    await this.keepSplitsWhole(slots)

    // An ID no page has is a standard that does not exist ("standard
    // 9.9"): the pages that share the query's other words ("standard")
    // are not what the reader asked for, and the page says so.
    if (slots.some((s) => s.id && !this.lookup(s.word))) {
      return { ...none, slots, edition }
    }
    if (edition === '' && !named) {
      edition = this.idEdition(slots, section) || edition
    }

    let results = this.score(slots, edition, section)
    const partial = results.length > 0 && !results.some((r) => r.matched === slots.length)
    results = await this.rerank(results, slots)
    return { slots, results, partial, correction, matcher: new Matcher(this, slots), edition }
  }

  // idEdition returns the key of the edition whose standard an ID of the
  // query names when no page the default filter shows has that ID ("5.5",
  // a standard of the 2016 edition only), or "": the reader asked for
  // that standard, as when the query names the edition.
  idEdition (slots, section) {
    for (const s of slots) {
      const sh = s.id ? this.shardFor(s.word) : null
      if (!sh) {
        continue
      }
      // The standards with the ID, or, where no indexed standard has it,
      // the pages that write it: an edition out for consultation has its
      // new standards ("3.7") only on its front page.
      const docs = sh.ids.has(s.word) ? decodeDocs(sh.ids.get(s.word)) : [...this.postings(s.word).keys()]
      if (docs.length === 0 || docs.some((d) => this.inScope(d, '', section))) {
        continue
      }
      const eds = docs.map((d) => this.group(d)[2]).filter((e) => e >= 0)
      if (eds.length > 0) {
        return this.manifest.editions[Math.min(...eds)].key
      }
    }
    return ''
  }

  // widenIDs takes an ID the index does not have, such as a clause of a
  // standard ("1.3.1"), as the nearest one above it that it has ("1.3").
  // A two-part ID is left as it is: "2.7" is no part of standard 2.
  async widenIDs (parsed) {
    for (const w of parsed) {
      if (!w.id || this.lookup(w.word)) {
        continue
      }
      for (let id = w.word.slice(0, w.word.lastIndexOf('.')); id.includes('.'); id = id.slice(0, id.lastIndexOf('.'))) {
        await this.fetchShards(shardsFor(this.manifest.shards, id, false))
        if (this.lookup(id)) {
          w.word = id
          break
        }
      }
    }
  }

  // slots turns the parsed words into the units a page must match: one
  // per word, or one for two words the site writes as one ("well being"
  // is "wellbeing": the index lists it under "well being", in the shard of
  // "well"). Each slot has alternatives, lists of terms that a page must
  // all have, each with a weight.
  slots (parsed) {
    const out = []
    for (let i = 0; i < parsed.length; i++) {
      const w = parsed[i]
      const next = parsed[i + 1]
      const pair = next && LETTERS.test(w.word) && LETTERS.test(next.word)
      const joined = pair ? this.lookup(w.word + ' ' + next.word) : null
      if (joined) {
        out.push({ words: [w.word, next.word], word: w.word + next.word, term: joined.term, alts: [[{ term: joined.term, weight: 1 }]], prefix: next.prefix ? w.word + next.prefix : '' })
        i++
        continue
      }
      // Two words that make a word of the site, one of them unknown to
      // it ("hand over" for "handover"): the site's word. When both are
      // words of the site ("work place"), they are searched as they are.
      const whole = pair ? this.lookup(w.word + next.word) : null
      if (whole && whole.used && !(this.lookup(w.word) && this.lookup(next.word))) {
        out.push({ words: [w.word, next.word], word: w.word + next.word, term: whole.term, alts: [[{ term: whole.term, weight: 1 }]], prefix: '' })
        i++
        continue
      }
      const found = this.lookup(w.word)
      // A word no page has, after a stop word with which it makes a word
      // of the site ("in duction"): that word. A word the site has keeps
      // its own sense ("a part" is not "apart").
      const glued = !found && w.before ? this.lookup(w.before + w.word) : null
      if (glued && glued.used) {
        out.push({ words: [w.before, w.word], word: w.before + w.word, term: glued.term, alts: [[{ term: glued.term, weight: 1 }]], prefix: '' })
        continue
      }
      const slot = { words: [w.word], word: w.word, term: found ? found.term : null, id: w.id, alts: [], prefix: w.prefix }
      if (found) {
        slot.alts.push([{ term: found.term, weight: 1 }])
      } else if (w.id) {
        slot.alts.push([{ term: w.word, weight: 1 }])
      }
      if (w.prefix) {
        for (const term of this.completions(w.prefix)) {
          if (term !== slot.term) {
            slot.alts.push([{ term, weight: PREFIX_WEIGHT }])
          }
        }
      }
      out.push(slot)
    }
    return out
  }

  // completions returns the terms of every word starting with prefix, in
  // the shards read.
  completions (prefix) {
    const terms = new Set()
    for (const i of shardsFor(this.manifest.shards, prefix, true)) {
      const sh = this.shards.get(i)
      if (!sh) {
        continue
      }
      for (const [w, r] of sh.byForm) {
        if (w.startsWith(prefix)) {
          terms.add(r.term)
        }
      }
      for (const t of sh.terms.keys()) {
        if (t.startsWith(prefix)) {
          terms.add(t)
        }
      }
    }
    return terms
  }

  // synonyms replaces each run of slots that spells a word or phrase of a
  // synonym group with one slot that any phrase of the group satisfies.
  // Longer phrases are tried first.
  synonyms (slots) {
    const groups = this.manifest.synonyms || []
    const phrases = []
    groups.forEach((g) => g.forEach((p) => phrases.push({ p, g })))
    phrases.sort((a, b) => b.p.words.length - a.p.words.length)
    const out = []
    for (let i = 0; i < slots.length;) {
      let hit = phrases.find(({ p }) => p.words.every((w, k) => {
        const s = slots[i + k]
        return s && !s.id && (s.word === w || (s.term !== null && s.term === p.terms[k]))
      }))
      let n = hit ? hit.p.words.length : 0
      // A word of a group typed as two ("whistle blowing").
      const a = slots[i]
      const b = slots[i + 1]
      if (!hit && b && !a.id && !b.id && a.words.length === 1 && b.words.length === 1) {
        hit = phrases.find(({ p }) => p.words.length === 1 && p.words[0] === a.word + b.word)
        n = 2
      }
      if (!hit) {
        out.push(slots[i++])
        continue
      }
      const taken = slots.slice(i, i + n)
      out.push({
        words: taken.flatMap((s) => s.words),
        word: taken.map((s) => s.word).join(' '),
        term: null,
        synonym: true,
        alts: hit.g.map((p) => p.terms.map((term) => ({ term, weight: 1 }))),
        typed: hit.g.indexOf(hit.p),
        prefix: ''
      })
      i += n
    }
    return out
  }

  // split takes a word that matches nothing, and is two words of the site
  // run together ("nightshift", "teammeetings"), as those two words side
  // by side. Both must be words the site uses, of MIN_PREFIX letters or
  // more; where a word splits more than one way, the most even split
  // wins. Only the shards of second halves whose first half is a word are
  // read: the first halves are in the shards read for the word itself.
  async split (slots) {
    const m = this.manifest
    const open = slots.filter((s) => s.alts.length === 0 && !s.id && s.words.length === 1 && s.word.length >= 2 * MIN_PREFIX && s.word.length <= MAX_SPLIT && LETTERS.test(s.word))
    if (open.length === 0) {
      return
    }
    const used = (w) => {
      const f = this.lookup(w)
      return f && f.used ? f : null
    }
    const firsts = new Set()
    for (const s of open) {
      for (let i = MIN_PREFIX; i <= s.word.length - MIN_PREFIX; i++) {
        firsts.add(shardOf(m.shards, s.word.slice(0, i)))
      }
    }
    await this.fetchShards(firsts)
    const seconds = new Set()
    for (const s of open) {
      for (let i = MIN_PREFIX; i <= s.word.length - MIN_PREFIX; i++) {
        if (used(s.word.slice(0, i))) {
          seconds.add(shardOf(m.shards, s.word.slice(i)))
        }
      }
    }
    await this.fetchShards(seconds)
    for (const s of open) {
      let best = null
      for (let i = MIN_PREFIX; i <= s.word.length - MIN_PREFIX; i++) {
        const a = used(s.word.slice(0, i))
        const b = a && used(s.word.slice(i))
        const even = Math.min(i, s.word.length - i)
        if (b && (!best || even > best.even)) {
          best = { a, b, even }
        }
      }
      if (best) {
        s.alts.push([{ term: best.a.term, weight: 1 }, { term: best.b.term, weight: 1 }])
        s.split = true
      }
    }
    for (const s of open) {
      if (!s.split) {
        await this.splitMany(s)
      }
    }
  }

  // splitMany takes a word that matches nothing and does not split in two
  // as a phrase run together, small words and all ("freedomtospeakup",
  // "yousaidwedid"): the fewest pieces, three to MAX_PIECES, each a word
  // the site uses or a stop word, of two letters or more, at least one of
  // them not a stop word. Two pieces are split's, both words of the site:
  // a word and a stop word run together ("valueof") are as likely
  // something else. The slot then matches the pieces that are not stop
  // words side by side, as split's two do, so a short piece ("up") finds
  // only pages that have the phrase. The shards read are those of the
  // pieces that may start where an earlier piece ends.
  async splitMany (s) {
    const w = s.word
    const used = (x) => {
      const f = this.lookup(x)
      return f && f.used ? f : null
    }
    // reach[i] is the fewest pieces that make w's first i letters, and
    // how: [pieces, terms of the words that are not stop words].
    const reach = new Map([[0, [0, []]]])
    for (let i = 0; i < w.length; i++) {
      const at = reach.get(i)
      if (!at || at[0] >= MAX_PIECES) {
        continue
      }
      const ends = []
      for (let j = i + 2; j <= w.length; j++) {
        ends.push(j)
      }
      await this.fetchShards(new Set(ends.map((j) => shardOf(this.manifest.shards, w.slice(i, j)))))
      for (const j of ends) {
        const piece = w.slice(i, j)
        const stop = this.stopWords.has(piece)
        const f = stop ? null : used(piece)
        if (!stop && !f) {
          continue
        }
        const next = [at[0] + 1, f ? at[1].concat(f.term) : at[1]]
        const cur = reach.get(j)
        if (!cur || next[0] < cur[0] || (next[0] === cur[0] && next[1].length > cur[1].length)) {
          reach.set(j, next)
        }
      }
    }
    const whole = reach.get(w.length)
    if (whole && whole[0] >= 3 && whole[1].length > 0) {
      s.alts.push(whole[1].map((term) => ({ term, weight: 1 })))
      s.split = true
    }
  }

  // keepSplitsWhole lets a word split in two match only the pages that
  // have its two words side by side: "wardrounds" is "ward rounds", not
  // a page with a ward in one paragraph and rounds of funding in another.
  // The index does not know where a page's words are, so the pages with
  // both words are read, those where the two weigh the most first, up to
  // SPLIT_READ of them, as far as the document files hold their text
  // (MaxText); the others do not match the word.
  async keepSplitsWhole (slots) {
    for (const s of slots) {
      if (!s.split) {
        continue
      }
      const lists = s.alts[0].map((t) => this.postings(t.term))
      const weight = (d) => lists.reduce((sum, l) => sum + l.get(d), 0)
      const both = [...lists[0].keys()].filter((d) => lists.every((l) => l.has(d)))
      both.sort((x, y) => weight(y) - weight(x) || x - y)
      const read = both.slice(0, SPLIT_READ)
      const docs = await Promise.all(read.map((d) => this.doc(d)))
      const matcher = new Matcher(this, [s])
      s.only = new Set(read.filter((_, i) => {
        const d = docs[i]
        return matcher.sequence(d.title + ' ' + (d.description || '') + ' ' + d.text).includes(0)
      }))
    }
  }

  // complete takes a word that matches nothing, and with which words of
  // the site start, as cut short ("physio students", "admin"), as the last
  // word typed is while the reader types it: it matches those words, below
  // a word typed whole. Only words of MIN_COMPLETED letters or more are
  // completed: a shorter start is shared by too many words ("proto" of
  // "__proto__" would find "protect"). A misspelling starts no word of
  // the site, and is left to correct.
  async complete (slots) {
    const open = slots.filter((s) => s.alts.length === 0 && !s.id && s.words.length === 1 && s.word.length >= MIN_COMPLETED && LETTERS.test(s.word))
    if (open.length === 0) {
      return
    }
    const need = new Set()
    open.forEach((s) => shardsFor(this.manifest.shards, s.word, true).forEach((i) => need.add(i)))
    await this.fetchShards(need)
    for (const s of open) {
      for (const term of this.completions(s.word)) {
        s.alts.push([{ term, weight: PREFIX_WEIGHT }])
      }
      if (s.alts.length > 0) {
        s.prefix = s.word
      }
    }
  }

  // derive gives each word that matches nothing (and is long enough) the
  // term the index has for the same word without an English ending, if it
  // has one: "disabled" finds the pages that write "disability". The term
  // found must be the start of the word the reader typed (bar a final
  // "e", "y" or "i": "studying" leads to "studi"), so nothing unrelated
  // is found.
  async derive (slots) {
    const m = this.manifest
    const open = slots.filter((s) => s.alts.length === 0 && !s.id && s.words.length === 1 && s.word.length >= MIN_CORRECTED && LETTERS.test(s.word))
    if (open.length === 0) {
      return
    }
    // An American -ize word the site does not use is tried the British
    // way ("anonymization": "anonymisation", then "anonymis"), which is
    // how the index lists the site's words and their stems.
    const british = (w) => w.replace(/([iy])z(e|es|ed|ing|ation|ations|er|ers)$/, '$1s$2')
    const candidates = new Map(open.map((s) => {
      const w = british(s.word)
      return [s, { w, list: (w === s.word ? [] : [w]).concat(stripEndings(w)) }]
    }))
    const need = new Set()
    for (const { list } of candidates.values()) {
      list.forEach((c) => need.add(shardOf(m.shards, c)))
    }
    await this.fetchShards(need)
    // The words of the synonym groups, by term: a group's word may be one
    // the site never writes ("quit", "whistleblowing"), so the index
    // lists none of its forms, yet readers type them ("quitting",
    // "whistleblower"). The manifest has the terms, so they cost no
    // download.
    const synonymTerms = new Set()
    for (const g of m.synonyms || []) {
      g.forEach((p) => p.terms.forEach((t) => synonymTerms.add(t)))
    }
    for (const [s, { w, list }] of candidates) {
      const own = list.find((c) => synonymTerms.has(c) && w.startsWith(c))
      if (own) {
        // The slot takes the group's term, and synonyms gives it the group.
        s.term = own
        s.derived = true
        s.alts.push([{ term: own, weight: 1 }])
        continue
      }
      for (const c of list) {
        const found = this.lookup(c)
        // A form the index lists leads to its own term by the build's
        // stemming ("behavior" to "behaviour"); a bare term must be the
        // start of the word.
        const form = found && this.shardFor(c).byForm.has(c)
        if (found && c.startsWith(found.term.slice(0, MIN_STEM)) && (form || w.startsWith(found.term.replace(/[eyi]$/, '')))) {
          s.term = found.term
          s.derived = true
          s.alts.push([{ term: found.term, weight: 1 }])
          break
        }
      }
    }
  }

  // correct replaces each word that matches nothing (and is long enough)
  // with the nearest word the site uses, or else the nearest word of a
  // synonym group, which stands for its group ("multidiciplinary" to
  // "multidisciplinary", which finds "multi-professional"; "racsim" to
  // "racism", which finds "racist"). It returns what it did, or null. A word derive took to a shorter one ("placment"
  // to "place", as if it were "place" and "-ment") is corrected instead
  // when a word of the site is one edit away ("placement"): a letter left
  // out is more likely than a derivation the site never uses.
  async correct (slots, query) {
    const m = this.manifest
    const wrong = slots.filter((s) => (s.alts.length === 0 || s.derived) && !s.id && !s.synonym && s.words.length === 1 && s.word.length >= MIN_CORRECTED && LETTERS.test(s.word))
    if (wrong.length === 0) {
      return null
    }
    // A misspelling keeps its first two letters in most cases; the
    // shards of the words that start with them are read, up to four.
    const need = new Set()
    for (const s of wrong) {
      const own = shardOf(m.shards, s.word)
      const near = shardsFor(m.shards, s.word.slice(0, 2), true)
      near.sort((a, b) => Math.abs(a - own) - Math.abs(b - own))
      near.slice(0, 4).forEach((i) => need.add(i))
      need.add(own)
    }
    await this.fetchShards(need)
    // The one-word phrases of the synonym groups, by word: the manifest
    // has them, so they cost no download.
    const synonymOf = new Map()
    for (const g of m.synonyms || []) {
      g.forEach((p, i) => {
        if (p.words.length === 1 && !synonymOf.has(p.words[0])) {
          synonymOf.set(p.words[0], { g, i })
        }
      })
    }
    const fixes = new Map()
    for (const s of wrong) {
      const start = s.word.slice(0, 2)
      const best = bestCorrection(s.word, (f) => {
        for (const i of shardsFor(m.shards, start, true)) {
          const sh = this.shards.get(i)
          if (sh) {
            usedWords(sh, (w, term) => f(w, term, sh.terms.get(term) || '', true))
          }
        }
        for (const w of synonymOf.keys()) {
          if (w.startsWith(start)) {
            f(w, null, '', false)
          }
        }
      }, s.derived ? 1 : undefined) || (s.derived ? null : this.correctStem(s.word))
      if (!best) {
        continue
      }
      s.word = best.word
      s.term = best.term
      s.alts = [[{ term: best.term, weight: 1 }]]
      // A word of a synonym group stands for its group, as when it is
      // typed right (synonyms).
      const syn = synonymOf.get(best.word)
      if (syn) {
        s.term = null
        s.synonym = true
        s.typed = syn.i
        s.alts = syn.g.map((p) => p.terms.map((term) => ({ term, weight: 1 })))
      }
      fixes.set(s.words[0], best.word)
    }
    if (fixes.size === 0) {
      return null
    }
    const fixed = query.replace(TEXT_WORD, (raw) => {
      const w = words(raw)
      return w.length === 1 && fixes.has(w[0]) ? fixes.get(w[0]) : raw
    })
    return { query: fixed.trim(), from: [...fixes.keys()], to: [...fixes.values()] }
  }

  // correctStem corrects a misspelt word by its stem, for a form of a word
  // the site does not use: "bulied" is "bulli" (the term of "bullying")
  // and "-ed", "bullied", though no page writes "bullied". The word less
  // one of ENDINGS must be one edit from a term of a word the site uses,
  // whose shard correct has read (it starts with the same two letters).
  // A stem shorter than MIN_CORRECTED is corrected only by a letter
  // doubled or made single, the commonest slip ("buli", "bulli"): any
  // other edit to so short a stem is as likely another word ("parking" is
  // not "parting"). It returns { word, term }, word being the term and
  // the ending, or null.
  correctStem (w) {
    for (const end of ENDINGS) {
      const base = w.slice(0, -end.length)
      if (!w.endsWith(end) || base.length < MIN_STEM) {
        continue
      }
      const short = base.length < MIN_CORRECTED
      const best = bestCorrection(base, (f) => {
        for (const i of shardsFor(this.manifest.shards, base.slice(0, 2), true)) {
          const sh = this.shards.get(i)
          if (!sh) {
            continue
          }
          for (const [t, enc] of sh.terms) {
            if (!sh.notWords.has(t) && t.length >= MIN_STEM && (!short || doubling(base, t))) {
              f(t, t, enc, true)
            }
          }
        }
      }, 1)
      if (best) {
        return { word: best.term + end, term: best.term }
      }
    }
    return null
  }

  // score adds up each document's weights over the slots it matches and
  // keeps the documents that match enough of the query, best first. An
  // impact q (1 to 63, the largest one character holds) stands for the
  // weight impactBase^(q − 63) (generator/search/invert.go, impact).
  //
  // Each slot weighs as much as it tells (slotWeight): a page that lacks
  // a word of the query lacks that word's share of the query's weight,
  // so a page without a common word ("feeling", "keeps") can be kept and
  // ranked above one without the rare word the question is about.
  score (slots, edition, section) {
    const base = this.manifest.impactBase
    const value = (impact) => base ** (impact - MAX_IMPACT)
    const cache = new Map()
    const postings = (term) => {
      if (!cache.has(term)) {
        cache.set(term, this.postings(term))
      }
      return cache.get(term)
    }
    const totals = new Map() // doc → [slots matched, weight matched, score]
    const weights = []
    const sizes = [] // how many pages each slot matches
    let unfound = 0 // the weight of the slots no page matches
    for (const slot of slots) {
      const best = new Map()
      const pages = [] // how many pages each alternative matches
      for (const alt of slot.alts) {
        const [first, ...rest] = alt
        let n = 0
        for (const [doc, impact] of postings(first.term)) {
          if (slot.only && !slot.only.has(doc)) {
            continue
          }
          let s = value(impact) * first.weight
          let all = true
          for (const t of rest) {
            const other = postings(t.term).get(doc)
            if (other === undefined) {
              all = false
              break
            }
            s += value(other) * t.weight
          }
          if (all) {
            n++
            best.set(doc, Math.max(best.get(doc) || 0, s))
          }
        }
        pages.push(n)
      }
      if (slot.id) {
        const sh = this.shardFor(slot.word)
        if (sh && sh.ids.has(slot.word)) {
          for (const doc of decodeDocs(sh.ids.get(slot.word))) {
            best.set(doc, (best.get(doc) || 0) + ID_BONUS)
          }
        }
      }
      if (slot.edition) {
        for (const doc of this.editionDocs(slot.edition)) {
          best.set(doc, best.get(doc) || 0)
        }
      }
      const w = this.slotWeight(slot, pages, best.size)
      weights.push(w)
      sizes.push(best.size)
      if (best.size === 0) {
        unfound += w
      }
      for (const [doc, s] of best) {
        const cur = totals.get(doc) || [0, 0, 0]
        totals.set(doc, [cur[0] + 1, cur[1] + w, cur[2] + s])
      }
    }
    if (this.unanswered(slots, sizes)) {
      return []
    }
    // A word no page has tells nothing about which page is the better
    // answer (a misspelling, a word of the reader's the site never uses):
    // the pages are weighed on the words some page has.
    const whole = weights.reduce((a, b) => a + b, 0) - unfound
    let results = []
    let most = 0
    for (const [doc, [n, w, s]] of totals) {
      if (!this.inScope(doc, edition, section)) {
        continue
      }
      const cover = w / whole
      most = Math.max(most, cover)
      results.push({ doc, matched: n, cover, score: s * cover, tier: this.tier(doc, edition) })
    }
    // The pages that match the most of the query's weight, and those
    // that lack less than LACK of it more: a question's words are not
    // all on the page that answers it. A missing word costs its share of
    // the weight and no more, or a page that has only the query's common
    // words ("inducting new learners": a strategy page with "new",
    // "learners" and one "induction") passes the pages about its rare
    // one. A list of standards' IDs ("1.3, 2.1") finds each standard.
    // (The margin keeps two words of the same weight, each half of it,
    // from passing for less than half by a rounding error.)
    const least = slots.every((s) => s.id) ? 0 : most - LACK + 1e-9
    results = results.filter((r) => r.cover > least)
    results.sort(byRank)
    return results
  }

  // unanswered reports whether the site has no answer to a query: a word
  // of it is on no page, and the pages share with it only one word, a
  // common one ("strike action", "horrible placement"). The word no page
  // has is then what the reader asks about (a word no page has weighs
  // nothing in score, so those pages would otherwise pass for a full
  // answer), and a word on so many pages does not choose among them: the
  // search page shows its help for a query that finds nothing. A word
  // that names a subject of a few pages still finds them beside a word
  // of the reader's the site does not use ("induction was useless",
  // "unsafe staffing"), and so do two words ("pediatric nursing
  // placement"). What is not a word the reader means does not count as
  // one no page has: a letter or two ("<b>induction</b>"), a small word
  // mistyped ("teh"); nor does a letter alone count as a word some page
  // has ("e-portfolio": "e" is on the pages that write "e-mail").
  unanswered (slots, sizes) {
    const missing = slots.some((s, i) => sizes[i] === 0 && !s.id && s.word.length > 2 && LETTERS.test(s.word) && !this.stopTypo(s.word))
    const found = slots.filter((s, i) => sizes[i] > 0 && !(s.word.length === 1 && LETTERS.test(s.word)))
    if (missing && found.length === 0) {
      return true
    }
    return missing && found.length === 1 && !found[0].id && sizes[slots.indexOf(found[0])] > this.manifest.docs * COMMON
  }

  // stopTypo reports whether a word is a stop word with two letters
  // side by side swapped ("teh", "adn"), the slip of a thumb on a phone.
  stopTypo (w) {
    for (let i = 0; i + 1 < w.length; i++) {
      if (this.stopWords.has(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2))) {
        return true
      }
    }
    return false
  }

  // slotWeight is how much a slot tells about what the reader looks for:
  // its inverse document frequency, as BM25 has it, from the number of
  // pages it matches. A word is as rare as the reader's own form of it
  // (pages has the pages each alternative matches; the typed one is the
  // first, or for a synonym's slot the phrase typed); a word of the
  // reader's the site never writes, matched through a synonym ("bag",
  // "burnt out"), as its most particular synonym the site has ("locker",
  // "burn out"), and a word still being typed as all of its completions
  // together (any, the number of pages the slot matches). A slot no page
  // matches is as rare as a word can be.
  slotWeight (slot, pages, any) {
    const n = this.manifest.docs
    const typed = pages[slot.synonym ? slot.typed : 0] || 0
    const whole = slot.alts.map((alt, i) => alt.every((t) => t.weight === 1) ? pages[i] : 0).filter((p) => p > 0)
    const df = typed > 0 ? typed : whole.length > 0 ? Math.min(...whole) : any
    return Math.log((n - df + 0.5) / (df + 0.5) + 1)
  }

  // rerank reads the best results in full and raises those where the
  // query's words stand side by side, in order, or close together; close
  // together in a title counts as side by side in the text: a title is
  // short, and one with the words a few apart ("Asked to do tasks we
  // were not trained for") is about them. A
  // phrase of a synonym group typed in full ("quality improvement
  // register") is one slot, but the reader typed several words: a page
  // that has the phrase (or another of its group) is raised above one
  // that has its words apart.
  async rerank (results, slots) {
    const words = slots.filter((s) => !s.id)
    const phrase = words.length === 1 && words[0].synonym && words[0].words.length > 1
    // A word alone is raised only where it is in the title.
    const alone = words.length === 1 && !phrase
    if (words.length === 0 || results.length < 2) {
      return results
    }
    const head = results.slice(0, RERANK)
    const docs = await Promise.all(head.map((r) => this.doc(r.doc)))
    const matcher = new Matcher(this, slots)
    head.forEach((r, i) => {
      const d = docs[i]
      if (alone) {
        r.score *= matcher.phrase(d.title) ? WORD_IN_TITLE : 1
      } else if (matcher.phrase(d.title)) {
        r.score *= PHRASE_IN_TITLE
      } else if (matcher.phrase(d.text) || matcher.near(d.title)) {
        r.score *= PHRASE_IN_TEXT
      } else if (matcher.near(d.title + ' ' + d.text)) {
        r.score *= NEAR_IN_TEXT
      }
    })
    head.sort(byRank)
    return head.concat(results.slice(RERANK))
  }

  // doc returns a document: { url, title, description, text }.
  async doc (n) {
    const per = this.manifest.docsPerFile
    const list = await this.get('d/' + Math.floor(n / per) + '.json')
    return list[n % per]
  }

  // facets describes a document's section and edition, for the result's
  // caption.
  facets (doc) {
    const [, s, e] = this.group(doc)
    return { section: this.manifest.sections[s], edition: e < 0 ? null : this.manifest.editions[e] }
  }
}

// doubling reports whether a and b differ by one letter written twice in
// one and once in the other ("buli", "bulli").
function doubling (a, b) {
  const [short, long] = a.length < b.length ? [a, b] : [b, a]
  if (long.length !== short.length + 1) {
    return false
  }
  for (let i = 1; i < long.length; i++) {
    if (long[i] === long[i - 1] && long.slice(0, i) + long.slice(i + 1) === short) {
      return true
    }
  }
  return false
}

function byRank (a, b) {
  return a.tier - b.tier || b.score - a.score || a.doc - b.doc
}

// Words in running text, for snippets: the same words as WORD, but with
// apostrophes and combining marks kept inside, so each match is a stretch
// of the original text that can be highlighted as it stands.
const TEXT_WORD = /\p{Nd}+(?:\.\p{Nd}+)+|[\p{L}\p{Nd}\p{M}'\u2019]+/gu

// Matcher tells which words of a text are the ones a query looked for,
// by looking them up in the shards the query read: a word matches if it
// leads to one of the query's terms, or starts with the prefix being
// typed.
export class Matcher {
  constructor (index, slots) {
    this.index = index
    this.n = slots.length
    this.slotOf = new Map() // term → slot number
    this.aloneOf = new Map() // term → slot number, for a term that fills its slot alone
    this.phrases = [] // [terms, slot number]: the phrases of synonym groups, longest first
    this.prefixes = []
    slots.forEach((s, i) => {
      for (const alt of s.alts) {
        if (alt.length > 1) {
          this.phrases.push([alt.map((t) => t.term), i])
        }
        for (const t of alt) {
          if (t.weight === 1 && !this.slotOf.has(t.term)) {
            this.slotOf.set(t.term, i)
          }
          if (alt.length === 1 && t.weight === 1 && !this.aloneOf.has(t.term)) {
            this.aloneOf.set(t.term, i)
          }
        }
      }
      if (s.prefix) {
        this.prefixes.push([s.prefix, i])
      }
    })
    this.phrases.sort((a, b) => b[0].length - a[0].length)
  }

  // slot returns the number of the slot a word of text (as written)
  // matches, or -1. With alone, a word of a synonym's phrase does not
  // match on its own (see sequence).
  slot (raw, alone = false) {
    const of = alone ? this.aloneOf : this.slotOf
    for (const w of words(raw)) {
      if (this.index.stopWords.has(w)) {
        continue
      }
      const term = this.term(w)
      if (of.has(term)) {
        return of.get(term)
      }
      for (const [p, i] of this.prefixes) {
        if (w.startsWith(p)) {
          return i
        }
      }
    }
    return -1
  }

  // term returns the term a folded word leads to, or the word itself.
  term (w) {
    const found = this.index.manifest && this.index.shards ? this.index.lookup(w) : null
    return found ? found.term : w
  }

  // test reports whether a word of text (as written) is one looked for.
  test (raw) {
    return this.slot(raw) >= 0
  }

  // sequence returns the slot of each word of text, stop words left out,
  // with runs of the same slot written once. A synonym's phrase fills its
  // slot only whole, its words side by side: "quality" alone is not
  // "quality improvement register".
  sequence (text) {
    const raws = []
    for (const m of text.matchAll(TEXT_WORD)) {
      const ws = words(m[0])
      if (ws.length > 0 && !ws.every((w) => this.index.stopWords.has(w))) {
        raws.push(m[0])
      }
    }
    let terms = null // each word's terms, worked out only when there are phrases
    if (this.phrases.length > 0) {
      terms = raws.map((raw) => words(raw).filter((w) => !this.index.stopWords.has(w)).map((w) => this.term(w)))
    }
    const out = []
    for (let i = 0; i < raws.length;) {
      let s = -1
      let n = 1
      if (terms) {
        const hit = this.phrases.find(([ts]) => ts.every((t, k) => i + k < terms.length && terms[i + k].length === 1 && terms[i + k][0] === t))
        if (hit) {
          s = hit[1]
          n = hit[0].length
        }
      }
      if (s < 0) {
        s = this.slot(raws[i], true)
      }
      i += n
      if (s >= 0 && out.length > 0 && out[out.length - 1] === s) {
        continue
      }
      out.push(s)
    }
    return out
  }

  // phrase reports whether the text has every slot side by side, in the
  // query's order.
  phrase (text) {
    const n = this.n
    const seq = this.sequence(text)
    for (let i = 0; i + n <= seq.length; i++) {
      let k = 0
      while (k < n && seq[i + k] === k) {
        k++
      }
      if (k === n) {
        return true
      }
    }
    return false
  }

  // near reports whether the text has every slot within a short stretch.
  near (text) {
    const n = this.n
    const seq = this.sequence(text)
    const last = new Map()
    for (let i = 0; i < seq.length; i++) {
      if (seq[i] < 0) {
        continue
      }
      last.set(seq[i], i)
      if (last.size === n) {
        const from = Math.min(...last.values())
        if (i - from + 1 <= n + NEAR) {
          return true
        }
      }
    }
    return false
  }
}

// highlight returns text as segments [{ text, mark }], mark being true for
// every word the query looked for: for titles, which are shown whole.
export function highlight (text, matcher) {
  const segs = []
  let pos = 0
  for (const m of text.matchAll(TEXT_WORD)) {
    if (!matcher.test(m[0])) {
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

// excerpt returns what a result shows under its title, as segments: the
// passage of its text that holds the query's words (snippet), or else its
// description, or the text's opening, with any of the words marked. A
// page's description may hold words its text does not (what learners said,
// on a "You said, we did" entry), and a reader should see why it was found.
export function excerpt (doc, matcher) {
  return snippet(doc.text, matcher) || highlight(doc.description || opening(doc.text), matcher)
}

// opening returns the first 200 characters or so of a text, ending at a
// word's end.
function opening (text) {
  if (text.length <= 200) {
    return text
  }
  const cut = text.lastIndexOf(' ', 200)
  return text.slice(0, cut > 100 ? cut : 200) + ' …'
}

// snippet cuts a passage of about size words out of text where the most
// of the query's words are found together, and returns it as segments
// [{ text, mark }], mark being true for the words found. It returns null
// when the text holds none of the words.
export function snippet (text, matcher, size = 32) {
  const found = []
  for (const m of text.matchAll(TEXT_WORD)) {
    found.push({ start: m.index, end: m.index + m[0].length, slot: matcher.slot(m[0]) })
  }
  // The window of size words that holds the most different slots, the
  // earliest of them.
  let best = -1
  let bestCount = 0
  for (let i = 0; i < found.length; i++) {
    if (found[i].slot < 0) {
      continue
    }
    const seen = new Set()
    for (let j = i; j < Math.min(found.length, i + size); j++) {
      if (found[j].slot >= 0) {
        seen.add(found[j].slot)
      }
    }
    if (seen.size > bestCount) {
      best = i
      bestCount = seen.size
    }
  }
  if (best < 0) {
    return null
  }
  const from = Math.max(0, Math.min(best - Math.floor(size / 4), found.length - size))
  const to = Math.min(found.length, from + size)
  const segs = []
  let pos = from === 0 ? 0 : found[from].start
  if (from > 0) {
    segs.push({ text: '… ', mark: false })
  }
  for (let i = from; i < to; i++) {
    const f = found[i]
    if (f.slot < 0) {
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
