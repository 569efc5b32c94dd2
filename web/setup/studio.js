// The setup studio: edits a clinic config in the browser, validated by the widget's own wasm core
// (validateConfig), previewed by a real <smp-consultation> and by typical visitors evaluated by
// the core. Nothing leaves the page; the draft lives in localStorage. Runs from dist/setup/, next
// to the widget folder dist/smp/ (served together by `smp-consult serve` at /setup/ and /smp/).
// This file wires the toolbar (import, download, embed, draft, language) and starts the page.
import { loadCatalogue, loadCore, loadLaterCore } from '../smp/core-loader.js'
import { $, h } from './dom.js'
import { renderErrors, renderForm } from './form.js'
import { embedSnippet, renderChrome, renderContrast, renderEmbed, renderPersonas, renderPreview } from './panels.js'
import { leafPointers, pruned } from './pointer.js'
import { changed, DEBOUNCE_MS, DRAFT_KEY, hooks, restoreDraft, state, t } from './studio-state.js'
import TEXTS from './studio-texts.js'

function announce(message) {
  const status = $('[data-studio="status"]')
  status.textContent = ''
  // A fresh text node each time, so the same message is read again.
  requestAnimationFrame(() => (status.textContent = message))
}

let checkTimer = 0

function scheduleCheck() {
  clearTimeout(checkTimer)
  checkTimer = setTimeout(check, DEBOUNCE_MS)
}

function check() {
  const text = JSON.stringify(state.doc)
  const verdict = state.core.validateConfig(text)
  state.errors = verdict.ok ? [] : verdict.errors || []
  renderErrors()
  if (verdict.ok) state.lastValid = text
  $('[data-studio="stale"]').hidden = verdict.ok
  renderPersonas()
  renderPreview()
  renderEmbed()
  renderContrast()
  document.body.dataset.checked = String(Number(document.body.dataset.checked || 0) + 1)
}

function importText(text, name) {
  const panelErrors = $('[data-studio="import-errors"]')
  panelErrors.replaceChildren()
  let parsed = null
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = null
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    // Not a JSON object: the core says why; the draft stays as it was.
    const verdict = state.core.validateConfig(text)
    panelErrors.append(h('p', {}, t('import.unreadable')), h('ul', {}, (verdict.errors || []).map((e) => h('li', { 'data-summary-pointer': e.pointer }, `${e.pointer || '/'}: ${e.message}`))))
    announce(t('import.unreadable'))
    return
  }
  state.doc = parsed
  // Every key the clinic's file holds stays in the download, default or not.
  state.pins = new Set(leafPointers(parsed))
  changed({ rerender: true })
  check()
  announce(t('import.done', { name: name || 'clinic.json' }))
}

function download() {
  check()
  if (state.errors.length) {
    announce(t('download.invalid'))
    $('[data-studio="summary"]').focus()
    return
  }
  const body = JSON.stringify(pruned(state.doc, state.defaults, state.pins), null, 2) + '\n'
  const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }))
  const link = h('a', { href: url, download: 'clinic.json', hidden: true })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  announce(t('download.done'))
}

async function copyEmbed() {
  const area = $('[data-studio="embed"]')
  area.value = embedSnippet()
  try {
    await navigator.clipboard.writeText(area.value)
    announce(t('embed.copied'))
  } catch {
    area.focus()
    area.select()
    announce(t('embed.select'))
  }
}

function discardDraft() {
  try {
    localStorage.removeItem(DRAFT_KEY)
  } catch {
    // nothing stored
  }
  state.doc = {}
  state.pins = new Set()
  renderForm()
  check()
  announce(t('draft.discarded'))
}

function wireToolbar() {
  const panel = $('[data-studio="import-panel"]')
  $('[data-action="import"]').addEventListener('click', (event) => {
    panel.hidden = !panel.hidden
    event.currentTarget.setAttribute('aria-expanded', String(!panel.hidden))
    if (!panel.hidden) $('[data-import="file"]').focus()
  })
  $('[data-import="file"]').addEventListener('change', async (event) => {
    const file = event.target.files?.[0]
    if (file) importText(await file.text(), file.name)
    event.target.value = ''
  })
  $('[data-action="import-text"]').addEventListener('click', () => importText($('[data-import="text"]').value, ''))
  $('[data-action="close-import"]').addEventListener('click', () => {
    panel.hidden = true
    $('[data-action="import"]').setAttribute('aria-expanded', 'false')
    $('[data-action="import"]').focus()
  })
  $('[data-action="download"]').addEventListener('click', download)
  $('[data-action="copy-embed"]').addEventListener('click', copyEmbed)
  $('[data-action="discard-draft"]').addEventListener('click', discardDraft)
  const lang = $('[data-studio="lang"]')
  lang.replaceChildren(...Object.keys(TEXTS).map((code) => h('option', { value: code, selected: code === state.lang }, TEXTS[code]['lang.name'])))
  lang.addEventListener('change', async () => {
    state.lang = lang.value
    await loadCatalogue(state.core, state.lang)
    renderChrome()
    renderForm()
    check()
  })
  const today = $('[data-studio="today"]')
  today.value = state.today
  today.addEventListener('input', () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today.value)) return
    state.today = today.value
    scheduleCheck()
  })
  $('[data-studio="preview"]').addEventListener('smp-ready', () => renderContrast())
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  $('#timezones').replaceChildren(...zones.map((zone) => h('option', { value: zone })))
}

async function fetchJson(url) {
  const response = await fetch(new URL(url, import.meta.url))
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.json()
}

async function start() {
  hooks.scheduleCheck = scheduleCheck
  hooks.renderForm = renderForm
  const wanted = (navigator.language || 'en').slice(0, 2)
  state.lang = TEXTS[wanted] ? wanted : 'en'
  try {
    const [core, defaults, personas, en, es] = await Promise.all([
      loadCore(),
      fetchJson('./defaults.json'),
      fetchJson('./personas.json'),
      fetchJson('./catalogue.en.json'),
      fetchJson('./catalogue.es.json'),
      // both wasm modules: the personas panel evaluates (smp-later.wasm)
      loadLaterCore(),
    ])
    state.core = core
    state.defaults = defaults.config
    state.choices = defaults.choices
    state.personas = personas.personas
    state.catalogues = { en: en.messages, es: es.messages }
    await loadCatalogue(core, 'es')
  } catch (error) {
    $('[data-studio="boot"]').textContent = String(error?.message || error)
    return
  }
  const restored = restoreDraft()
  wireToolbar()
  renderChrome()
  renderForm()
  check()
  $('[data-studio="boot"]').hidden = true
  $('[data-studio="app"]').hidden = false
  document.body.dataset.ready = 'true'
  if (restored) announce(t('draft.restored'))
}

start()
