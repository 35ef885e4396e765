/*
 * The self-assessment's rules, without the page: the answers, reading and
 * checking a file, bringing an earlier edition's answers into this one
 * through the lineage of replaces, the summary, and the JSON and CSV files.
 * self-assessment.js drives the page with it; the Go tests run it in Node
 * (generator/framework/testdata/self-assessment-run.mjs).
 *
 * `tool` is the page's data island (framework.SelfAssessment.Data in Go):
 * the edition, its standards with their wording fingerprints, the ratings,
 * the limits, and for each earlier edition where its standards went.
 *
 * A state is { edition, answers }, answers a Map from a standard's ID to
 * { rating, notes, actions: [{ action, owner_role, due }], fingerprint,
 * carried_from }. The fingerprint is that of the wording the answer was
 * given for; when it differs from the standard's now, the answer needs
 * review. Nothing here copies a key of a file into an object: files are
 * checked field by field against fixed lists, so a key such as __proto__
 * is reported, never used.
 */

export const NOT_ASSESSED = 'not-assessed'

const ID = /^[1-9][0-9]{0,3}\.[1-9][0-9]{0,3}$/
const FINGERPRINT = /^([0-9a-f]{16})?$/
const REF = /^[^:]+:[1-9][0-9]{0,3}\.[1-9][0-9]{0,3}$/
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/
const FIELDS = ['$schema', 'tool', 'tool_version', 'edition', 'edition_title', 'exported', 'standards']
const STANDARD_FIELDS = ['id', 'title', 'rating', 'notes', 'actions', 'fingerprint', 'carried_from']
const ACTION_FIELDS = ['action', 'owner_role', 'due']
// MAX_CARRIED is the most standards one answer may come from.
const MAX_CARRIED = 20
// MAX_PROBLEMS caps the problems listed for one file; the rest are counted.
const MAX_PROBLEMS = 20
// Ratings from worst to best, for combining merged standards' answers.
const RANK = ['not-met', 'partly-met', 'met']

export function blankAnswer () {
  return { rating: NOT_ASSESSED, notes: '', actions: [], fingerprint: '', carried_from: [] }
}

export function isBlank (a) {
  return a.rating === NOT_ASSESSED && a.notes.trim() === '' &&
    a.actions.every((x) => x.action.trim() === '' && x.owner_role.trim() === '' && x.due === '')
}

export function newState (tool) {
  const answers = new Map()
  tool.standards.forEach((s) => answers.set(s.id, blankAnswer()))
  return { edition: tool.edition, answers }
}

export function cloneAnswer (a) {
  return {
    rating: a.rating,
    notes: a.notes,
    actions: a.actions.map((x) => ({ action: x.action, owner_role: x.owner_role, due: x.due })),
    fingerprint: a.fingerprint,
    carried_from: a.carried_from.slice()
  }
}

export function cloneState (state) {
  const answers = new Map()
  state.answers.forEach((a, id) => answers.set(id, cloneAnswer(a)))
  return { edition: state.edition, answers }
}

// needsReview reports whether an answer was given for other wording than
// the standard's now: carried from an earlier edition whose standard
// changed, combined from merged standards, or given before a draft
// edition's wording was edited.
export function needsReview (a, standard) {
  return !isBlank(a) && a.fingerprint !== standard.fingerprint
}

// touched keeps an answer's fingerprint right after the provider edits
// it: a blank answer has none; a fresh one takes the standard's wording;
// one that needs review keeps the old one until it is marked reviewed.
export function touched (a, standard) {
  if (isBlank(a)) {
    a.fingerprint = ''
    a.carried_from = []
  } else if (a.fingerprint === '' && a.carried_from.length === 0) {
    a.fingerprint = standard.fingerprint
  }
}

// reviewed marks an answer as checked against the standard's wording now.
export function reviewed (a, standard) {
  a.fingerprint = isBlank(a) ? '' : standard.fingerprint
}

// toDocument is the state as the file format (self-assessment.schema.json);
// the page keeps the same document in localStorage, without "exported".
export function toDocument (state, tool, exported) {
  const doc = {
    $schema: tool.schema,
    tool: tool.tool,
    tool_version: tool.tool_version,
    edition: tool.edition,
    edition_title: tool.title
  }
  if (exported) {
    doc.exported = exported
  }
  doc.standards = tool.standards.map((s) => {
    const a = state.answers.get(s.id) || blankAnswer()
    return {
      id: s.id,
      title: s.title,
      rating: a.rating,
      notes: a.notes,
      actions: a.actions.map((x) => ({ action: x.action, owner_role: x.owner_role, due: x.due })),
      fingerprint: a.fingerprint,
      carried_from: a.carried_from.slice()
    }
  })
  return doc
}

export function toJSON (state, tool, exported) {
  return JSON.stringify(toDocument(state, tool, exported), null, 2) + '\n'
}

export function ratingLabel (tool, key) {
  const r = tool.ratings.find((x) => x.key === key)
  return r ? r.label : 'Not yet assessed'
}

// toCSV writes one row per standard for spreadsheets (RFC 4180, CRLF).
// Lists (actions, their owners and due dates) are one item per line in
// their cells. A cell a spreadsheet would run as a formula (it starts with
// =, +, -, @, a tab or a carriage return) gets a leading apostrophe, as the
// site's open data does.
export function toCSV (state, tool) {
  const rows = [['edition', 'id', 'domain', 'domain_title', 'title', 'rating', 'notes', 'actions', 'owner_roles', 'due_dates', 'needs_review', 'carried_from']]
  const domains = new Map(tool.domains.map((d) => [d.number, d.title]))
  tool.standards.forEach((s) => {
    const a = state.answers.get(s.id) || blankAnswer()
    rows.push([tool.edition, s.id, String(s.domain), domains.get(s.domain) || '', s.title, ratingLabel(tool, a.rating), a.notes,
      a.actions.map((x) => oneLine(x.action)).join('\n'), a.actions.map((x) => oneLine(x.owner_role)).join('\n'),
      a.actions.map((x) => x.due).join('\n'), needsReview(a, s) ? 'yes' : 'no', a.carried_from.join('\n')])
  })
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

// oneLine keeps a list item on its line of a cell.
function oneLine (s) {
  return s.replace(/[\r\n]+/g, ' ')
}

function csvCell (s) {
  if (s !== '' && '=+-@\t\r'.includes(s[0])) {
    s = "'" + s
  }
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
}

// summarise counts the answers by rating, for the whole edition and for
// each domain, and lists the standards that need attention.
export function summarise (state, tool) {
  const keys = tool.ratings.map((r) => r.key).concat([NOT_ASSESSED])
  const zero = () => Object.fromEntries(keys.map((k) => [k, 0]))
  const out = { total: tool.standards.length, counts: zero(), domains: [], attention: [], review: [] }
  const byDomain = new Map()
  tool.domains.forEach((d) => {
    const entry = { number: d.number, title: d.title, counts: zero(), ratings: [] }
    byDomain.set(d.number, entry)
    out.domains.push(entry)
  })
  tool.standards.forEach((s) => {
    const a = state.answers.get(s.id) || blankAnswer()
    out.counts[a.rating]++
    const d = byDomain.get(s.domain)
    if (d) {
      d.counts[a.rating]++
      d.ratings.push(a.rating)
    }
    if (a.rating === 'not-met' || a.rating === 'partly-met') {
      out.attention.push({ standard: s, answer: a })
    }
    if (needsReview(a, s)) {
      out.review.push({ standard: s, answer: a })
    }
  })
  // A domain's bar shows its standards grouped by rating, best first.
  out.domains.forEach((d) => d.ratings.sort((x, y) => keys.indexOf(x) - keys.indexOf(y)))
  return out
}

// Problems collects what is wrong with a file, in plain words, capped.
class Problems {
  constructor () {
    this.list = []
    this.more = 0
  }

  add (text) {
    if (this.list.length < MAX_PROBLEMS) {
      this.list.push(text)
    } else {
      this.more++
    }
  }

  get length () {
    return this.list.length + this.more
  }

  result () {
    const out = this.list.slice()
    if (this.more > 0) {
      out.push(`and ${this.more} more ${this.more === 1 ? 'problem' : 'problems'}`)
    }
    return out
  }
}

// describe names a value found in a file, briefly.
function describe (v) {
  if (v === undefined) {
    return 'missing'
  }
  if (v === null) {
    return 'null (no value)'
  }
  if (Array.isArray(v)) {
    return `a list of ${v.length} ${v.length === 1 ? 'item' : 'items'}`
  }
  switch (typeof v) {
    case 'string': {
      const chars = Array.from(v)
      return chars.length > 40 ? `"${chars.slice(0, 40).join('')}…" (text)` : `"${v}" (text)`
    }
    case 'number':
      return `${v} (a number)`
    case 'boolean':
      return `${v} (true or false)`
  }
  return 'a group of fields'
}

function has (obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key)
}

function isObject (v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function length (s) {
  let n = 0
  for (const _ of s) { // eslint-disable-line no-unused-vars
    n++
  }
  return n
}

function cut (s, n) {
  return Array.from(s).slice(0, n).join('')
}

function isDate (s) {
  const m = DATE.exec(s)
  if (!m) {
    return false
  }
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]
}

function listOr (items) {
  const q = items.map((x) => `"${x}"`)
  return q.length < 2 ? q.join('') : q.slice(0, -1).join(', ') + ' or ' + q[q.length - 1]
}

// unknownFields reports the fields an object has beyond the allowed ones.
function unknownFields (obj, allowed, where, problems) {
  Object.keys(obj).forEach((k) => {
    if (!allowed.includes(k)) {
      problems.add(`${where} has a field "${cut(k, 40)}", which an assessment does not have. The fields allowed there are ${listOr(allowed)}.`)
    }
  })
}

function checkText (obj, field, where, max, problems) {
  const v = obj[field]
  if (typeof v !== 'string') {
    problems.add(`${where}: "${field}" is ${describe(v)}, but must be text${v === undefined ? '' : ' (in double quotes)'}.`)
    return false
  }
  if (length(v) > max) {
    problems.add(`${where}: "${field}" is ${length(v).toLocaleString('en-GB')} characters long; at most ${max.toLocaleString('en-GB')} are allowed.`)
    return false
  }
  return true
}

// checkDocument checks the shape of a parsed file against the format,
// whatever edition it is for, and returns the answers it holds by ID.
function checkDocument (doc, tool, problems) {
  const limits = tool.limits
  if (!isObject(doc)) {
    problems.add(`The file holds ${describe(doc)}, not an assessment: an assessment file is one JSON object, starting with {.`)
    return null
  }
  if (doc.tool !== tool.tool) {
    problems.add(`The file is not a self-assessment exported from this page: its "tool" field should be "${tool.tool}", but it is ${has(doc, 'tool') ? describe(doc.tool) : 'missing'}.`)
    return null
  }
  if (typeof doc.tool_version === 'number' && doc.tool_version > tool.tool_version) {
    problems.add(`The file was made by a newer version of the self-assessment (format ${doc.tool_version}); this page reads format ${tool.tool_version}. Open the file on the site it came from.`)
    return null
  }
  if (doc.tool_version !== tool.tool_version) {
    problems.add(`"tool_version" is ${describe(doc.tool_version)}, but must be the number ${tool.tool_version}.`)
  }
  unknownFields(doc, FIELDS, 'The file', problems)
  if (checkText(doc, 'edition', 'The file', 100, problems) && doc.edition === '') {
    problems.add('The file: "edition" is empty; it must name the edition assessed, such as "2021".')
  }
  ;['$schema', 'edition_title', 'exported'].forEach((f) => {
    if (has(doc, f)) {
      checkText(doc, f, 'The file', f === '$schema' ? 2000 : f === 'exported' ? 100 : 500, problems)
    }
  })
  if (!Array.isArray(doc.standards)) {
    problems.add(`The file: "standards" is ${has(doc, 'standards') ? describe(doc.standards) : 'missing'}, but must be a list of answers, one per standard.`)
    return null
  }
  if (doc.standards.length > limits.standards) {
    problems.add(`The file lists ${doc.standards.length} standards; an edition has at most ${limits.standards}.`)
    return null
  }
  const answers = new Map()
  doc.standards.forEach((s, i) => {
    let where = `Item ${i + 1} of "standards"`
    if (!isObject(s)) {
      problems.add(`${where} is ${describe(s)}, but must be a group of fields (id, rating, notes, actions, fingerprint).`)
      return
    }
    const before = problems.length
    if (typeof s.id === 'string' && ID.test(s.id)) {
      where = `Standard ${s.id}`
      if (answers.has(s.id)) {
        problems.add(`Standard ${s.id} is in the file twice; each standard may have one answer.`)
      }
    } else {
      problems.add(`${where}: "id" is ${has(s, 'id') ? describe(s.id) : 'missing'}, but must be a standard's ID such as "1.3".`)
    }
    unknownFields(s, STANDARD_FIELDS, where, problems)
    const keys = tool.ratings.map((r) => r.key).concat([NOT_ASSESSED])
    if (!keys.includes(s.rating)) {
      problems.add(`${where}: "rating" is ${has(s, 'rating') ? describe(s.rating) : 'missing'}, but must be one of ${listOr(keys)}.`)
    }
    checkText(s, 'notes', where, limits.notes, problems)
    if (has(s, 'title')) {
      checkText(s, 'title', where, 500, problems)
    }
    if (checkText(s, 'fingerprint', where, 16, problems) && !FINGERPRINT.test(s.fingerprint)) {
      problems.add(`${where}: "fingerprint" is ${describe(s.fingerprint)}, but must be 16 letters and digits (0 to 9, a to f) as the page wrote it, or empty.`)
    }
    let carried = []
    if (has(s, 'carried_from')) {
      if (!Array.isArray(s.carried_from) || s.carried_from.length > MAX_CARRIED ||
        !s.carried_from.every((r) => typeof r === 'string' && r.length <= 120 && REF.test(r))) {
        problems.add(`${where}: "carried_from" is ${describe(s.carried_from)}, but must be a list of up to ${MAX_CARRIED} standards such as "2019:1.3".`)
      } else {
        carried = s.carried_from.slice()
      }
    }
    const actions = []
    if (!Array.isArray(s.actions)) {
      problems.add(`${where}: "actions" is ${has(s, 'actions') ? describe(s.actions) : 'missing'}, but must be a list (empty when there are no actions).`)
    } else if (s.actions.length > limits.actions) {
      problems.add(`${where} has ${s.actions.length} actions; at most ${limits.actions} are allowed.`)
    } else {
      s.actions.forEach((x, j) => {
        const at = `${where}, action ${j + 1}`
        if (!isObject(x)) {
          problems.add(`${at} is ${describe(x)}, but must be a group of fields (action, owner_role, due).`)
          return
        }
        unknownFields(x, ACTION_FIELDS, at, problems)
        checkText(x, 'action', at, limits.action, problems)
        checkText(x, 'owner_role', at, limits.owner_role, problems)
        if (checkText(x, 'due', at, 10, problems) && x.due !== '' && !isDate(x.due)) {
          problems.add(`${at}: "due" is ${describe(x.due)}, but must be a date written YYYY-MM-DD, such as "2027-03-31", or empty.`)
        }
        actions.push({ action: x.action, owner_role: x.owner_role, due: x.due })
      })
    }
    if (problems.length === before && typeof s.id === 'string') {
      answers.set(s.id, { rating: s.rating, notes: s.notes, actions, fingerprint: s.fingerprint, carried_from: carried })
    }
  })
  return problems.length > 0 ? null : answers
}

// parse reads a file's text as JSON.
function parse (text, problems) {
  try {
    return JSON.parse(text)
  } catch (err) {
    problems.add(`The file is not valid JSON, so it cannot be an assessment exported from this page (${cut(String(err.message), 120)}).`)
    return undefined
  }
}

// readFile reads an exported assessment into a new state for this edition:
// answers for this edition as they are, answers for an earlier edition
// carried through the lineage. It returns { state, report } or, when the
// file cannot be used, { problems } and no state.
export function readFile (text, tool) {
  const problems = new Problems()
  const doc = parse(text, problems)
  const answers = problems.length === 0 ? checkDocument(doc, tool, problems) : null
  if (!answers) {
    return { problems: problems.result() }
  }
  if (doc.edition === tool.edition) {
    return same(answers, tool, problems)
  }
  const from = tool.editions.find((e) => e.key === doc.edition)
  if (!from) {
    const known = tool.editions.filter((e) => !e.later).map((e) => e.key).concat([tool.edition])
    problems.add(`The file is an assessment of the edition "${cut(doc.edition, 40)}", which this framework does not have. This page can import assessments of the ${listOr(known).replace(/"/g, '')} ${known.length === 1 ? 'edition' : 'editions'}.`)
    return { problems: problems.result() }
  }
  if (from.later) {
    problems.add(`The file is an assessment of the ${from.key} edition, which is later than this one (${tool.edition}). ${from.tool ? 'Import it into the ' + from.key + ' edition\'s self-assessment.' : 'An assessment cannot be moved to an earlier edition.'}`)
    return { problems: problems.result() }
  }
  return carry(answers, tool, from, problems)
}

// readStored reads the document the page keeps in localStorage, which must
// be for this edition.
export function readStored (text, tool) {
  const problems = new Problems()
  const doc = parse(text, problems)
  const answers = problems.length === 0 ? checkDocument(doc, tool, problems) : null
  if (answers && doc.edition !== tool.edition) {
    problems.add(`The saved answers are for the ${cut(String(doc.edition), 40)} edition, not ${tool.edition}.`)
  }
  if (problems.length > 0) {
    return { problems: problems.result() }
  }
  return same(answers, tool, problems)
}

function emptyReport (from) {
  return { from, answered: 0, carried: [], merged: [], split: [], review: [], removed: [], added: [], trimmed: [] }
}

// same takes the answers of a file for this edition.
function same (answers, tool, problems) {
  const known = new Set(tool.standards.map((s) => s.id))
  answers.forEach((_, id) => {
    if (!known.has(id)) {
      problems.add(`Standard ${id} is not a standard of the ${tool.edition} edition.`)
    }
  })
  if (problems.length > 0) {
    return { problems: problems.result() }
  }
  const state = newState(tool)
  const report = emptyReport(null)
  tool.standards.forEach((s) => {
    const a = answers.get(s.id)
    if (a && !isBlank(a)) {
      state.answers.set(s.id, a)
      report.answered++
      if (needsReview(a, s)) {
        report.review.push(s.id)
      }
    }
  })
  return { state, report }
}

// carry brings the answers of an earlier edition into this one, following
// where each of its standards went: a standard continued as one keeps its
// answer; standards merged into one combine theirs (the least favourable
// rating, every note under the ID it came from, every action); a split
// standard's answer goes to each part. The fingerprints then say which
// answers were given for other wording, and so need review.
function carry (answers, tool, from, problems) {
  const known = new Map(from.standards.map((s) => [s.id, s]))
  answers.forEach((_, id) => {
    if (!known.has(id)) {
      problems.add(`Standard ${id} is not a standard of the ${from.key} edition, which the file says it assesses.`)
    }
  })
  if (problems.length > 0) {
    return { problems: problems.result() }
  }
  const sources = new Map()
  from.standards.forEach((o) => o.into.forEach((id) => {
    if (!sources.has(id)) {
      sources.set(id, [])
    }
    sources.get(id).push(o)
  }))
  const state = newState(tool)
  const report = emptyReport(from.key)
  tool.standards.forEach((s) => {
    const olds = sources.get(s.id) || []
    if (olds.length === 0) {
      report.added.push(s.id)
      return
    }
    const parts = olds.map((o) => ({ id: o.id, into: o.into, answer: answers.get(o.id) })).filter((p) => p.answer && !isBlank(p.answer))
    if (parts.length === 0) {
      return
    }
    const a = combine(parts, from.key, tool.limits)
    if (a.trimmed) {
      report.trimmed.push(s.id)
      delete a.trimmed
    }
    state.answers.set(s.id, a)
    report.answered++
    if (olds.length > 1) {
      report.merged.push({ id: s.id, from: olds.map((o) => o.id) })
    } else if (olds[0].into.length > 1) {
      if (!report.split.some((x) => x.from === olds[0].id)) {
        report.split.push({ from: olds[0].id, into: olds[0].into.slice() })
      }
    } else {
      report.carried.push({ id: s.id, from: olds[0].id })
    }
    if (needsReview(a, s)) {
      report.review.push(s.id)
    }
  })
  from.standards.forEach((o) => {
    if (o.into.length === 0) {
      const a = answers.get(o.id)
      report.removed.push({ id: o.id, title: o.title, answered: Boolean(a && !isBlank(a)) })
    }
  })
  return { state, report }
}

function combine (parts, key, limits) {
  if (parts.length === 1) {
    const a = cloneAnswer(parts[0].answer)
    a.carried_from = [key + ':' + parts[0].id]
    return a
  }
  const ratings = parts.map((p) => p.answer.rating)
  const ranked = RANK.filter((r) => ratings.includes(r))
  let rating = ranked.length > 0 ? ranked[0] : NOT_ASSESSED
  if (ranked.length === 0 && ratings.includes('not-applicable')) {
    rating = 'not-applicable'
  }
  let notes = parts.filter((p) => p.answer.notes.trim() !== '').map((p) => `From standard ${p.id} of the ${key} edition:\n${p.answer.notes}`).join('\n\n')
  let actions = parts.flatMap((p) => p.answer.actions.map((x) => ({ action: x.action, owner_role: x.owner_role, due: x.due })))
  let trimmed = false
  if (length(notes) > limits.notes) {
    notes = cut(notes, limits.notes)
    trimmed = true
  }
  if (actions.length > limits.actions) {
    actions = actions.slice(0, limits.actions)
    trimmed = true
  }
  const a = { rating, notes, actions, fingerprint: '', carried_from: parts.map((p) => key + ':' + p.id) }
  if (trimmed) {
    a.trimmed = true
  }
  return a
}
