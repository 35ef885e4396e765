/*
 * The provider self-assessment (/framework/EDITION/self-assessment/). Load
 * it on that page only, as
 *   <script src="…" integrity="…" defer></script>
 *
 * Progressive enhancement: without this script the page is a checklist of
 * the standards. The script shows the parts marked [data-sa-app] (the
 * summary, saving, importing and clearing), hides [data-sa-nojs], copies
 * the form of <template id="sa-form"> under each standard, and keeps the
 * answers in localStorage under the edition's key, saving as the provider
 * types. Nothing is sent anywhere: files are exported as downloads made in
 * the browser and imported with a file picker.
 *
 * It writes no markup and no styles (the site's Content-Security-Policy
 * allows no inline script or style): elements come from the page's
 * templates or document.createElement, words go in with textContent, and
 * answers with form properties, so whatever a file holds is shown as text.
 * The rules (reading files, carrying answers across editions, the summary,
 * the CSV) are in self-assessment-core.mjs; what the page shows of the
 * answers is written by self-assessment-view.mjs.
 */
import {
  blankAnswer, cloneState, needsReview, newState, readFile, readStored, reviewed, toCSV, toDocument, toJSON, touched
} from './self-assessment-core.mjs'
import { and, render as renderView, renderReport, reportList } from './self-assessment-view.mjs'

let tool // the data island
let state // the answers
let store // window.localStorage, or null when the browser refuses it
let undo = null // the state before the last import, until the next change
const forms = new Map() // standard ID → { el, std, prefix }

function init () {
  const island = document.getElementById('sa-data')
  const app = document.querySelector('[data-sa-app]')
  const formTemplate = document.getElementById('sa-form')
  if (!island || !app || !formTemplate) {
    return
  }
  try {
    tool = JSON.parse(island.textContent)
  } catch (err) {
    return
  }
  store = openStorage()
  state = load()
  document.querySelectorAll('[data-sa-standard]').forEach((el) => {
    const std = tool.standards.find((s) => s.id === el.getAttribute('data-sa-standard'))
    const slot = el.querySelector('[data-sa-slot]')
    if (!std || !slot) {
      return
    }
    const form = formTemplate.content.firstElementChild.cloneNode(true)
    const prefix = 'sa-' + std.id.replace('.', '-')
    name(form, prefix)
    form.querySelectorAll('[data-sa-field="rating"]').forEach((r) => { r.name = prefix + '-rating' })
    text(form, 'legend', `How well do your placements meet standard ${std.id}?`)
    text(form, 'about', ` for standard ${std.id}`)
    slot.append(form)
    forms.set(std.id, { el: form, std, prefix })
  })
  forms.forEach((_, id) => fill(id))
  const main = document.getElementById('maincontent') || document.body
  main.addEventListener('input', edited)
  main.addEventListener('change', edited)
  main.addEventListener('click', clicked)
  window.addEventListener('beforeprint', () => renderReport(tool, state))
  document.querySelectorAll('[data-sa-nojs]').forEach((el) => { el.hidden = true })
  document.querySelectorAll('[data-sa-app]').forEach((el) => { el.hidden = false })
  render()
}

// openStorage returns localStorage if the browser lets the page use it.
function openStorage () {
  try {
    const s = window.localStorage
    const probe = tool.storage_prefix + 'probe'
    s.setItem(probe, '1')
    s.removeItem(probe)
    return s
  } catch (err) {
    storageError('This browser does not let the page keep anything (it may be in private mode, or block site data). You can still fill in the form and export it as a file before you leave the page.')
    return null
  }
}

// load reads this edition's saved answers. Answers that cannot be read
// are left where they are until the provider changes something.
function load () {
  const raw = store ? store.getItem(tool.storage_key) : null
  if (raw === null) {
    return newState(tool)
  }
  const r = readStored(raw, tool)
  if (r.problems) {
    storageError('The answers saved in this browser for this edition cannot be read, so the page starts empty; they will be replaced when you change an answer. ' + r.problems[0])
    return newState(tool)
  }
  return r.state
}

function save () {
  if (!store) {
    return
  }
  try {
    store.setItem(tool.storage_key, JSON.stringify(toDocument(state, tool)))
  } catch (err) {
    storageError('The browser refused to save your latest change (its storage for this site may be full). Export your answers as a file so as not to lose them.')
  }
}

function storageError (message) {
  const box = document.getElementById('sa-storage-error')
  if (!box) {
    return
  }
  box.querySelector('[data-sa-storage-message]').textContent = message
  box.hidden = false
}

// name gives a copy of a template its ids, prefixed so they are unique.
function name (root, prefix) {
  root.querySelectorAll('[data-sa-id]').forEach((el) => { el.id = prefix + '-' + el.getAttribute('data-sa-id') })
  root.querySelectorAll('[data-sa-for]').forEach((el) => { el.htmlFor = prefix + '-' + el.getAttribute('data-sa-for') })
  root.querySelectorAll('[data-sa-describedby]').forEach((el) => {
    el.setAttribute('aria-describedby', el.getAttribute('data-sa-describedby').split(' ').map((x) => prefix + '-' + x).join(' '))
  })
}

function text (root, key, words) {
  root.querySelectorAll(`[data-sa-text="${key}"]`).forEach((el) => { el.textContent = words })
}

function part (root, key) {
  return root.querySelector(`[data-sa-part="${key}"]`)
}

// fill sets a standard's form from its answer.
function fill (id) {
  const f = forms.get(id)
  const a = state.answers.get(id) || blankAnswer()
  f.el.querySelectorAll('[data-sa-field="rating"]').forEach((r) => { r.checked = r.value === a.rating })
  f.el.querySelector('[data-sa-field="notes"]').value = a.notes
  renderActions(id)
  renderReview(id)
}

function renderActions (id) {
  const f = forms.get(id)
  const a = state.answers.get(id)
  const list = part(f.el, 'actions')
  const template = document.getElementById('sa-action')
  list.replaceChildren()
  a.actions.forEach((x, i) => {
    const li = template.content.firstElementChild.cloneNode(true)
    name(li, `${f.prefix}-action-${i + 1}`)
    text(li, 'action', `Action ${i + 1} for standard ${id}`)
    text(li, 'remove', ` action ${i + 1} for standard ${id}`)
    li.querySelector('[data-sa-field="action"]').value = x.action
    li.querySelector('[data-sa-field="owner_role"]').value = x.owner_role
    li.querySelector('[data-sa-field="due"]').value = x.due
    list.append(li)
  })
  part(f.el, 'add').disabled = a.actions.length >= tool.limits.actions
}

function renderReview (id) {
  const f = forms.get(id)
  const a = state.answers.get(id)
  const box = part(f.el, 'review')
  box.hidden = !needsReview(a, f.std)
  if (box.hidden) {
    return
  }
  const where = box.querySelector('[data-sa-text="review"]')
  const from = a.carried_from.map((r) => r.split(':'))
  const edition = from.length > 0 ? tool.editions.find((e) => e.key === from[0][0]) : null
  if (from.length === 0) {
    where.replaceChildren(`The wording of standard ${id} changed after you answered.`)
    return
  }
  const ids = from.map((r) => r[1])
  where.replaceChildren(from.length === 1
    ? `Your answer was brought over from standard ${ids[0]} of the ${from[0][0]} edition. `
    : `Your answer combines the answers to standards ${and(ids)} of the ${from[0][0]} edition. `)
  if (edition && edition.changes) {
    const link = document.createElement('a')
    link.href = edition.changes
    link.textContent = `What changed between the ${edition.key} and ${tool.edition} editions`
    where.append(link)
  }
}

// edited takes a change to a field into the answers and saves them.
function edited (event) {
  const field = event.target.getAttribute && event.target.getAttribute('data-sa-field')
  const holder = field && event.target.closest('[data-sa-standard]')
  const f = holder && forms.get(holder.getAttribute('data-sa-standard'))
  if (!f) {
    return
  }
  const a = state.answers.get(f.std.id)
  const input = event.target
  if (field === 'rating') {
    if (!input.checked) {
      return
    }
    a.rating = input.value
  } else if (field === 'notes') {
    a.notes = input.value
  } else {
    const li = input.closest('li')
    const i = Array.prototype.indexOf.call(li.parentElement.children, li)
    if (!a.actions[i]) {
      return
    }
    a.actions[i][field] = input.value
  }
  changed(f)
}

function changed (f) {
  touched(state.answers.get(f.std.id), f.std)
  forget()
  save()
  renderReview(f.std.id)
  render()
}

function clicked (event) {
  const button = event.target.closest && event.target.closest('button')
  if (!button) {
    return
  }
  const holder = button.closest('[data-sa-standard]')
  const f = holder && forms.get(holder.getAttribute('data-sa-standard'))
  const role = button.getAttribute('data-sa-part')
  if (f && role) {
    const a = state.answers.get(f.std.id)
    if (role === 'add' && a.actions.length < tool.limits.actions) {
      a.actions.push({ action: '', owner_role: '', due: '' })
      renderActions(f.std.id)
      part(f.el, 'actions').lastElementChild.querySelector('textarea').focus()
    } else if (role === 'remove') {
      const li = button.closest('li')
      a.actions.splice(Array.prototype.indexOf.call(li.parentElement.children, li), 1)
      renderActions(f.std.id)
      part(f.el, 'add').focus()
    } else if (role === 'reviewed') {
      reviewed(a, f.std)
      const rating = f.el.querySelector('[data-sa-field="rating"]:checked') || f.el.querySelector('[data-sa-field="rating"]')
      rating.focus()
    }
    changed(f)
    return
  }
  if (button.hasAttribute('data-sa-export')) {
    exportFile(button.getAttribute('data-sa-export'))
  } else if (button.hasAttribute('data-sa-print')) {
    renderReport(tool, state)
    window.print()
  } else if (button.hasAttribute('data-sa-import')) {
    importFile()
  } else if (button.hasAttribute('data-sa-undo')) {
    undoImport()
  } else if (button.hasAttribute('data-sa-clear')) {
    const confirm = document.getElementById('sa-clear-confirm')
    confirm.hidden = false
    confirm.focus()
  } else if (button.hasAttribute('data-sa-clear-yes')) {
    clearEverything()
  } else if (button.hasAttribute('data-sa-clear-no')) {
    document.getElementById('sa-clear-confirm').hidden = true
    document.querySelector('[data-sa-clear]').focus()
  }
}

function status (message) {
  const el = document.querySelector('[data-sa-saved]')
  if (el) {
    el.textContent = message
  }
}

function exportFile (kind) {
  const now = new Date()
  const day = now.toISOString().slice(0, 10)
  const file = `self-assessment-${tool.edition}-${day}.${kind}`
  const body = kind === 'csv' ? toCSV(state, tool) : toJSON(state, tool, now.toISOString())
  const blob = new Blob([body], { type: kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60000)
  status(`Your answers were exported as ${file}, in your downloads.`)
}

function importFile () {
  const input = document.getElementById('sa-import-file')
  const file = input.files && input.files[0]
  if (!file) {
    problems(['Choose a file to import first.'])
    return
  }
  if (file.size > tool.limits.file_bytes) {
    problems([`The file is ${megabytes(file.size)}; an assessment file is at most ${megabytes(tool.limits.file_bytes)}. Choose the JSON file this page exported.`])
    return
  }
  file.text().then((t) => {
    const r = readFile(t, tool)
    if (r.problems) {
      problems(r.problems)
    } else {
      imported(r, input)
    }
  }, () => problems(['The browser could not read the file. Choose it again.']))
}

function megabytes (n) {
  return (n / 1048576).toLocaleString('en-GB', { maximumFractionDigits: 1 }) + ' MB'
}

// problems shows why a file was refused, as an NHS.UK error summary
// linked to the file field; the answers are untouched.
function problems (list) {
  document.getElementById('sa-import-done').hidden = true
  const box = document.getElementById('sa-import-errors')
  const ul = box.querySelector('[data-sa-problems]')
  ul.replaceChildren(...list.map((p) => {
    const li = document.createElement('li')
    const link = document.createElement('a')
    link.href = '#sa-import-file'
    link.textContent = p
    li.append(link)
    return li
  }))
  fieldError(true)
  box.hidden = false
  box.focus()
}

function fieldError (on) {
  document.getElementById('sa-import-group').classList.toggle('nhsuk-form-group--error', on)
  document.getElementById('sa-import-error').hidden = !on
  document.getElementById('sa-import-file').setAttribute('aria-describedby', on ? 'sa-import-hint sa-import-error' : 'sa-import-hint')
}

function imported (r, input) {
  const previous = cloneState(state)
  state = r.state
  save()
  forms.forEach((_, id) => fill(id))
  render()
  undo = previous
  input.value = ''
  fieldError(false)
  document.getElementById('sa-import-errors').hidden = true
  const box = document.getElementById('sa-import-done')
  box.querySelector('[data-sa-import-headline]').textContent = r.report.from
    ? `Your assessment of the ${r.report.from} edition was brought into the ${tool.edition} edition: ${count(r.report.answered, 'standard has', 'standards have')} answers.`
    : `Imported answers to ${count(r.report.answered, 'standard', 'standards')}.`
  box.querySelector('[data-sa-import-report]').replaceChildren(reportList(tool, r.report))
  box.querySelector('[data-sa-undo]').hidden = false
  box.hidden = false
  box.focus()
}

// forget drops the way back from an import once the answers change, since
// undoing it would lose the change.
function forget () {
  undo = null
  document.querySelector('[data-sa-undo]').hidden = true
}

function count (n, one, many) {
  return `${n} ${n === 1 ? one : many}`
}

function undoImport () {
  if (!undo) {
    return
  }
  state = undo
  forget()
  save()
  forms.forEach((_, id) => fill(id))
  render()
  const box = document.getElementById('sa-import-done')
  box.querySelector('[data-sa-import-headline]').textContent = 'The import was undone: your answers are as they were before it.'
  box.querySelector('[data-sa-import-report]').replaceChildren()
  box.focus()
}

function clearEverything () {
  if (store) {
    for (let i = store.length - 1; i >= 0; i--) {
      const key = store.key(i)
      if (key !== null && key.startsWith(tool.storage_prefix)) {
        store.removeItem(key)
      }
    }
  }
  state = newState(tool)
  forget()
  forms.forEach((_, id) => fill(id))
  render()
  ;['sa-clear-confirm', 'sa-import-done', 'sa-import-errors'].forEach((id) => { document.getElementById(id).hidden = true })
  fieldError(false)
  document.querySelector('[data-sa-clear]').focus()
  status('Everything was cleared: this browser holds no self-assessment answers from this site.')
}

// render updates the summary and the print view.
function render () {
  renderView(tool, state)
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', init)
} else {
  init()
}
