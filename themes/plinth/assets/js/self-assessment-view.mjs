/*
 * What the self-assessment page shows of the answers: the summary (counts
 * and bars per domain, the standards not met or partly met with their
 * actions, the answers to review), the print view (every standard with its
 * answer) and what an import did. Elements are made with
 * document.createElement and filled with textContent only, so answers
 * read from a file are shown as the text they are. Used by
 * self-assessment.js.
 */
import { NOT_ASSESSED, blankAnswer, needsReview, ratingLabel, summarise } from './self-assessment-core.mjs'

// and joins words as a sentence does ("1.4, 1.5 and 2.1").
export function and (items) {
  return items.length < 2 ? items.join('') : items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1]
}

// render updates the summary and the print view from the answers.
export function render (tool, state) {
  const sum = summarise(state, tool)
  const assessed = sum.total - sum.counts[NOT_ASSESSED]
  document.querySelector('[data-sa-overall]').textContent = assessed === 0
    ? `None of the ${sum.total} standards is assessed yet.`
    : `${assessed} of ${sum.total} standards assessed: ${counts(tool, sum.counts, false)}.`
  sum.domains.forEach((d) => {
    const li = document.querySelector(`[data-sa-domain="${d.number}"]`)
    if (!li) {
      return
    }
    li.querySelector('[data-sa-bar]').replaceChildren(...d.ratings.map((r) => {
      const cell = document.createElement('span')
      cell.className = 'plinth-sa--' + r
      return cell
    }))
    li.querySelector('[data-sa-counts]').textContent = counts(tool, d.counts, true) + '.'
  })
  const attention = document.querySelector('[data-sa-attention]')
  attention.replaceChildren(sum.attention.length === 0
    ? paragraph('No standard is rated not met or partly met.')
    : attentionList(tool, sum.attention))
  const review = document.querySelector('[data-sa-review-list]')
  review.replaceChildren(sum.review.length === 0
    ? paragraph('No answer needs review.')
    : linkList(sum.review.map((x) => x.standard)))
  renderReport(tool, state)
}

// counts writes the counts by rating ("3 met, 1 partly met"), with or
// without the standards not yet assessed.
function counts (tool, c, withUnassessed) {
  const parts = tool.ratings.filter((r) => c[r.key] > 0).map((r) => `${c[r.key]} ${r.label.toLowerCase()}`)
  if (withUnassessed && c[NOT_ASSESSED] > 0) {
    parts.push(`${c[NOT_ASSESSED]} not yet assessed`)
  }
  return parts.length > 0 ? parts.join(', ') : 'none assessed'
}

function paragraph (words) {
  const p = document.createElement('p')
  p.textContent = words
  return p
}

function standardLink (s) {
  const link = document.createElement('a')
  link.href = '#standard-' + s.id.replace('.', '-')
  link.textContent = `${s.id} ${s.title}`
  return link
}

function linkList (standards) {
  const ul = document.createElement('ul')
  standards.forEach((s) => {
    const li = document.createElement('li')
    li.append(standardLink(s))
    ul.append(li)
  })
  return ul
}

function attentionList (tool, items) {
  const ul = document.createElement('ul')
  ul.className = 'nhsuk-list plinth-sa-attention'
  items.forEach(({ standard, answer }) => {
    const li = document.createElement('li')
    const tag = document.createElement('strong')
    tag.className = 'nhsuk-tag ' + (answer.rating === 'not-met' ? 'nhsuk-tag--red' : 'nhsuk-tag--yellow')
    tag.textContent = ratingLabel(tool, answer.rating)
    li.append(standardLink(standard), ' ', tag, actionList(answer.actions))
    ul.append(li)
  })
  return ul
}

function actionList (actions) {
  const planned = actions.filter((x) => x.action.trim() !== '')
  if (planned.length === 0) {
    return paragraph('No action planned yet.')
  }
  const ul = document.createElement('ul')
  ul.className = 'nhsuk-list nhsuk-list--bullet'
  planned.forEach((x) => {
    const li = document.createElement('li')
    const owner = x.owner_role.trim() || 'no owner yet'
    li.textContent = `${x.action} (${owner}; ${x.due ? 'due ' + longDate(x.due) : 'no due date'})`
    ul.append(li)
  })
  return ul
}

function longDate (iso) {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

// renderReport writes the print view: every standard with its answer,
// under its domain.
export function renderReport (tool, state) {
  const out = document.querySelector('[data-sa-report]')
  if (!out) {
    return
  }
  const nodes = []
  tool.domains.forEach((d) => {
    const h = document.createElement('h3')
    h.textContent = `Domain ${d.number}: ${d.title}`
    nodes.push(h)
    tool.standards.filter((s) => s.domain === d.number).forEach((s) => {
      const a = state.answers.get(s.id) || blankAnswer()
      const item = document.createElement('div')
      item.className = 'plinth-sa-report__item'
      const h4 = document.createElement('h4')
      h4.textContent = `${s.id} ${s.title}`
      const dl = document.createElement('dl')
      dl.className = 'nhsuk-summary-list'
      row(dl, 'Rating', ratingLabel(tool, a.rating) + (needsReview(a, s) ? ' (the standard changed since this answer: review it)' : ''))
      row(dl, 'Evidence notes', a.notes.trim() || 'None')
      row(dl, 'Actions', actionList(a.actions))
      item.append(h4, dl)
      nodes.push(item)
    })
  })
  out.replaceChildren(...nodes)
}

function row (dl, key, value) {
  const div = document.createElement('div')
  div.className = 'nhsuk-summary-list__row'
  const dt = document.createElement('dt')
  dt.className = 'nhsuk-summary-list__key'
  dt.textContent = key
  const dd = document.createElement('dd')
  dd.className = 'nhsuk-summary-list__value'
  dd.append(value)
  div.append(dt, dd)
  dl.append(div)
}

function title (tool, id) {
  const s = tool.standards.find((x) => x.id === id)
  return s ? `${id} ${s.title}` : id
}

// reportList says what happened to each standard in an import.
export function reportList (tool, report) {
  const ul = document.createElement('ul')
  ul.className = 'nhsuk-list nhsuk-list--bullet'
  const item = (words) => {
    const li = document.createElement('li')
    li.textContent = words
    ul.append(li)
  }
  const from = report.from
  if (report.carried.length > 0) {
    item(`Carried over: ${report.carried.map((c) => c.id === c.from ? c.id : `${c.id} (was ${c.from})`).join(', ')}.`)
  }
  report.merged.forEach((m) => item(`Merged: ${title(tool, m.id)} combines your answers to standards ${and(m.from)} of ${from}.`))
  report.split.forEach((s) => item(`Split: your answer to standard ${s.from} of ${from} was copied to standards ${and(s.into)}.`))
  if (report.review.length > 0) {
    item(`The standard changed since you assessed it, so review your answer: ${report.review.join(', ')}.`)
  }
  report.removed.forEach((r) => item(`Removed: standard ${r.id} ${r.title} of ${from} is not in the ${tool.edition} edition${r.answered ? ', so your answer to it was not carried over' : ''}.`))
  if (report.added.length > 0) {
    item(`New in the ${tool.edition} edition, not yet assessed: ${report.added.map((id) => title(tool, id)).join('; ')}.`)
  }
  if (report.trimmed.length > 0) {
    item(`Combined notes or actions were cut to fit the limits: ${report.trimmed.join(', ')}.`)
  }
  if (ul.children.length === 0) {
    item(report.answered === 0 ? 'The file had no answers.' : 'Every answer is as it was in the file.')
  }
  return ul
}
