// The setup studio: edits a clinic config in the browser, validated by the widget's own wasm core
// (validateConfig), previewed by a real <smp-consultation> and by typical visitors evaluated by
// the core. Nothing leaves the page; the draft lives in localStorage. Runs from dist/setup/, next
// to the widget folder dist/smp/ (served together by `smp-consult serve` at /setup/ and /smp/).
import { loadCatalogue, loadCore, loadLaterTexts } from '../smp/core-loader.js'
import { AA_TEXT, contrastRatio, parseRgb, resolveColour } from './contrast.js'
import { PACKAGE_COLUMNS, SECTIONS, THEME_COLOURS } from './fields.js'
import { clone, deepEqual, getAt, join, leafPointers, pruned, removeAt, setAt, tokens } from './pointer.js'
import TEXTS from './studio-texts.js'

const DRAFT_KEY = 'smp-consult/setup-draft'
const DEBOUNCE_MS = 200
const COPY_ROWS_SHOWN = 40

const state = {
  core: null,
  defaults: {},
  choices: {},
  personas: [],
  catalogues: {},
  doc: {},
  pins: new Set(),
  errors: [],
  lastValid: '{}',
  lang: 'en',
  today: localToday(),
  copyFilter: '',
  ids: new Map(),
}

// ---- small DOM helpers (no HTML sinks) ---------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value)
    else if (key === 'value') el.value = value
    else if (key === 'checked') el.checked = Boolean(value)
    else el.setAttribute(key, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    el.append(typeof child === 'string' ? document.createTextNode(child) : child)
  }
  return el
}

const $ = (selector, root = document) => root.querySelector(selector)
const fill = (text, params = {}) => text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole))

function t(key, params) {
  const text = TEXTS[state.lang]?.[key] ?? TEXTS.en[key]
  return fill(text ?? key, params)
}

function localToday() {
  const now = new Date()
  const pad = (n) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

function idFor(pointer) {
  if (!state.ids.has(pointer)) state.ids.set(pointer, `field-${state.ids.size + 1}`)
  return state.ids.get(pointer)
}

function announce(message) {
  const status = $('[data-studio="status"]')
  status.textContent = ''
  // A fresh text node each time, so the same message is read again.
  requestAnimationFrame(() => (status.textContent = message))
}

// ---- the document --------------------------------------------------------------------------------

const defaultAt = (pointer) => getAt(state.defaults, pointer)
const valueAt = (pointer) => {
  const own = getAt(state.doc, pointer)
  return own === undefined ? defaultAt(pointer) : own
}

function setValue(pointer, value) {
  state.doc = value === undefined ? removeAt(state.doc, pointer) : setAt(state.doc, pointer, value, state.defaults)
  changed()
}

function changed({ rerender = false } = {}) {
  saveDraft()
  if (rerender) renderForm()
  scheduleCheck()
}

function saveDraft() {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ config: state.doc, pins: [...state.pins] }))
  } catch {
    // Storage full or disabled: the studio still works, the draft just does not survive a reload.
  }
}

function restoreDraft() {
  try {
    const saved = JSON.parse(localStorage.getItem(DRAFT_KEY) || 'null')
    if (saved && typeof saved.config === 'object' && saved.config && !Array.isArray(saved.config)) {
      state.doc = saved.config
      state.pins = new Set(Array.isArray(saved.pins) ? saved.pins.filter((p) => typeof p === 'string') : [])
      return true
    }
  } catch {
    // A draft that does not parse is ignored.
  }
  return false
}

// ---- checking, preview, personas ---------------------------------------------------------------

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

/** The deepest element showing errors for `pointer` or one of its parents. */
function errorHost(pointer) {
  const path = tokens(pointer)
  for (let n = path.length; n >= 0; n--) {
    const candidate = join('', ...path.slice(0, n))
    const host = document.querySelector(`[data-error-for="${CSS.escape(candidate)}"]`)
    if (host) return host
  }
  return null
}

function renderErrors() {
  for (const host of document.querySelectorAll('[data-error-for]')) {
    host.replaceChildren()
    host.hidden = true
  }
  for (const field of document.querySelectorAll('[data-pointer][aria-invalid]')) field.removeAttribute('aria-invalid')
  for (const error of state.errors) {
    const host = errorHost(error.pointer)
    if (!host) continue
    host.hidden = false
    host.append(h('span', { class: 'error-line', 'data-error-pointer': error.pointer }, error.message))
    const pointer = host.dataset.errorFor
    for (const field of document.querySelectorAll(`[data-pointer="${CSS.escape(pointer)}"]`)) field.setAttribute('aria-invalid', 'true')
  }
  const summary = $('[data-studio="summary"]')
  const list = $('[data-studio="summary-list"]')
  list.replaceChildren(
    ...state.errors.map((error) => {
      const host = errorHost(error.pointer)
      const target = host ? document.querySelector(`[data-pointer="${CSS.escape(host.dataset.errorFor)}"]`) : null
      const label = `${error.pointer || '/'}: ${error.message}`
      return h(
        'li',
        { 'data-summary-pointer': error.pointer },
        target
          ? h('a', { href: `#${target.id}`, onclick: (event) => (event.preventDefault(), target.focus(), target.scrollIntoView({ block: 'center' })) }, label)
          : label,
      )
    }),
  )
  $('[data-studio="summary-count"]').textContent = state.errors.length === 0 ? t('errors.none') : state.errors.length === 1 ? t('errors.one') : t('errors.count', { count: state.errors.length })
  summary.dataset.count = String(state.errors.length)
}

function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '')
  if (!match) return iso || ''
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return new Intl.DateTimeFormat(state.lang, { timeZone: 'UTC', weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(date)
}

function renderPersonas() {
  const config = state.lastValid
  const texts = state.core.messages(config, state.lang)
  for (const persona of state.personas) {
    const card = $(`[data-persona="${CSS.escape(persona.id)}"]`)
    if (!card) continue
    const reply = state.core.evaluate(config, persona.answers, state.today, state.lang)
    const result = reply.ok ? reply.result : null
    const verdict = result ? texts[`verdict.${result.verdict}`] || result.verdict : (reply.errors || []).map((e) => e.message).join('; ')
    const display = result?.estimate?.display
    const first = result?.plan?.sessions?.[0]
    const firstText = first?.date ? formatDate(first.date) : result?.plan ? t('personas.pending') : t('personas.no_plan')
    card.dataset.verdict = result?.verdict || 'error'
    $('[data-field="verdict"]', card).textContent = verdict
    $('[data-field="estimate"]', card).textContent = display ? display.text : t('personas.none')
    const firstEl = $('[data-field="first-session"]', card)
    firstEl.textContent = firstText
    if (first?.date) firstEl.setAttribute('datetime', first.date)
    else firstEl.removeAttribute('datetime')
  }
}

let previewTimer = 0
function renderPreview() {
  const preview = $('[data-studio="preview"]')
  clearTimeout(previewTimer)
  // The widget restarts on each new config: wait until the typing pauses.
  previewTimer = setTimeout(() => {
    if (preview.getAttribute('config-json') !== state.lastValid) preview.setAttribute('config-json', state.lastValid)
    if (preview.getAttribute('locale') !== state.lang) preview.setAttribute('locale', state.lang)
    if (preview.getAttribute('today') !== state.today) preview.setAttribute('today', state.today)
  }, DEBOUNCE_MS * 2)
}

function embedSnippet() {
  const phone = valueAt('/clinic/phone')
  const fallback = phone ? t('embed.loading', { phone }) : t('embed.loading_no_phone')
  return [
    '<script type="module" src="/smp/smp-consult.js"></script>',
    '<smp-consultation config="/smp/clinic.json">',
    `  <p>${fallback.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p>`,
    '</smp-consultation>',
  ].join('\n')
}

function renderEmbed() {
  $('[data-studio="embed"]').value = embedSnippet()
}

// Unset theme colours are what the preview widget shows (its own defaults), read from its
// rendered shadow tree once it is up.
function previewColours() {
  const root = $('[data-studio="preview"]').shadowRoot
  const frame = root?.querySelector('.root')
  if (!frame) return {}
  const style = getComputedStyle(frame)
  const button = root.querySelector('button:not(.secondary):not(.link)')
  const muted = root.querySelector('.muted')
  return {
    text: parseRgb(style.color),
    background: parseRgb(style.backgroundColor),
    accent: button ? parseRgb(getComputedStyle(button).backgroundColor) : null,
    accent_contrast: button ? parseRgb(getComputedStyle(button).color) : null,
    muted: muted ? parseRgb(getComputedStyle(muted).color) : null,
  }
}

function renderContrast() {
  const list = $('[data-studio="contrast"]')
  const probe = $('[data-studio="colour-probe"]')
  const shown = previewColours()
  const colour = (key) => resolveColour(getAt(state.doc, `/theme/${key}`), probe) || shown[key] || null
  const pairs = [
    ['text', 'text', 'background'],
    ['muted', 'muted', 'background'],
    ['accent_contrast', 'accent_contrast', 'accent'],
    ['accent', 'accent', 'background'],
  ]
  const warnings = []
  for (const host of document.querySelectorAll('[data-contrast-for]')) host.replaceChildren()
  for (const [id, fore, back] of pairs) {
    const a = colour(fore)
    const b = colour(back)
    if (!a || !b) continue
    const ratio = contrastRatio(a, b)
    if (ratio >= AA_TEXT) continue
    const message = t('contrast.low', { pair: t(`contrast.pair.${id}`), ratio: ratio.toFixed(2) })
    warnings.push(h('li', { 'data-contrast-pair': id }, message))
    $(`[data-contrast-for="/theme/${fore}"]`)?.append(h('span', {}, message))
  }
  list.replaceChildren(...(warnings.length ? warnings : [h('li', { class: 'ok' }, t('contrast.ok'))]))
}

// ---- the form ------------------------------------------------------------------------------------

// A choice's name as the clinic reads it (the config keeps the name itself).
function optionLabel(pointer, name) {
  const key = `option.${pointer}.${name}`
  return TEXTS[state.lang]?.[key] ?? TEXTS.en[key] ?? name
}

function describe(pointer) {
  const fallback = defaultAt(pointer)
  if (typeof fallback === 'string' && state.choices[pointer]) return t('default.value', { value: optionLabel(pointer, fallback) })
  const empty = fallback === '' || fallback === undefined || fallback === null || (Array.isArray(fallback) && fallback.length === 0)
  const shown = empty ? t('default.none') : Array.isArray(fallback) ? fallback.join(', ') : String(fallback)
  return t('default.value', { value: shown })
}

function pinButton(pointer, label) {
  const pinned = state.pins.has(pointer)
  return h(
    'button',
    {
      type: 'button',
      class: 'pin',
      'data-pin-for': pointer,
      'aria-pressed': String(pinned),
      title: t('pin.label', { field: label }),
      'aria-label': `${t('pin.short')}: ${label}`,
      onclick: (event) => {
        if (state.pins.has(pointer)) state.pins.delete(pointer)
        else state.pins.add(pointer)
        event.currentTarget.setAttribute('aria-pressed', String(state.pins.has(pointer)))
        saveDraft()
      },
    },
    t('pin.short'),
  )
}

const errorSlot = (pointer) => h('span', { class: 'field-error', 'data-error-for': pointer, hidden: true, id: `${idFor(pointer)}-error` })

function parseNumber(raw) {
  if (raw.trim() === '') return undefined
  const n = Number(raw)
  return Number.isFinite(n) ? n : raw
}

/** A labelled single control bound to one pointer. */
function control(field) {
  const { pointer, kind } = field
  const id = idFor(pointer)
  const label = t(pointer)
  const common = { id, 'data-pointer': pointer, 'aria-describedby': `${id}-help ${id}-error` }
  const current = valueAt(pointer)
  let input
  if (kind === 'number') {
    input = h('input', { ...common, type: 'number', step: 'any', inputmode: 'decimal', value: current ?? '', oninput: (e) => setValue(pointer, parseNumber(e.target.value)) })
  } else if (kind === 'checkbox') {
    input = h('input', { ...common, type: 'checkbox', checked: current === true, onchange: (e) => setValue(pointer, e.target.checked) })
  } else if (kind === 'select') {
    const names = state.choices[pointer] || []
    input = h(
      'select',
      { ...common, onchange: (e) => (setValue(pointer, e.target.value), renderConsequence(field, e.target.value)) },
      names.map((name) => h('option', { value: name, selected: name === current }, optionLabel(pointer, name))),
    )
    if (!names.includes(current) && current !== undefined) input.append(h('option', { value: String(current), selected: true }, String(current)))
  } else if (kind === 'textarea') {
    input = h('textarea', { ...common, rows: 3, value: current ?? '', oninput: (e) => setValue(pointer, e.target.value === '' ? undefined : e.target.value) })
  } else if (kind === 'lines') {
    const lines = Array.isArray(current) ? current.join('\n') : current ?? ''
    input = h('textarea', {
      ...common,
      rows: 3,
      value: lines,
      oninput: (e) =>
        setValue(
          pointer,
          e.target.value
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        ),
    })
  } else {
    const list = kind === 'timezone' ? 'timezones' : kind === 'datalist' ? `choices-${id}` : undefined
    const type = field.type || 'text'
    input = h('input', {
      ...common,
      type,
      list,
      autocomplete: 'off',
      spellcheck: kind === 'colour' || type !== 'text' ? 'false' : undefined,
      value: current ?? '',
      oninput: (e) => {
        setValue(pointer, e.target.value === '' ? undefined : e.target.value)
        if (kind === 'colour') syncPicker(pointer, e.target.value)
      },
    })
  }
  const extras = []
  if (kind === 'datalist') extras.push(h('datalist', { id: `choices-${id}` }, (state.choices[pointer] || []).map((name) => h('option', { value: name }))))
  if (kind === 'colour') {
    extras.push(
      h('input', {
        type: 'color',
        class: 'picker',
        'data-picker-for': pointer,
        'aria-label': label,
        value: hexOf(current) || '#000000',
        oninput: (e) => {
          $(`[data-pointer="${CSS.escape(pointer)}"]`).value = e.target.value
          setValue(pointer, e.target.value)
        },
      }),
    )
  }
  const help = [field.builtin ? t('default.value', { value: state.catalogues[tokens(pointer).pop()]?.[field.builtin] ?? '' }) : describe(pointer)]
  if (kind === 'timezone') help.push(t('timezone.help'))
  if (kind === 'lines') help.push(t('lines.help'))
  const row = h(
    'div',
    { class: `field field-${kind}` },
    kind === 'checkbox' ? h('div', { class: 'check' }, input, h('label', { for: id }, label)) : [h('label', { for: id }, label), h('div', { class: 'control' }, input, extras)],
    h('div', { class: 'meta' }, h('span', { class: 'help', id: `${id}-help` }, help.join(' ')), pinButton(pointer, label)),
    field.consequences ? h('p', { class: 'consequence', 'data-consequence-for': pointer }, t(`choice.${pointer}.${current}`)) : null,
    kind === 'colour' ? h('span', { class: 'field-warning', 'data-contrast-for': pointer, role: 'note' }) : null,
    errorSlot(pointer),
  )
  return row
}

function renderConsequence(field, value) {
  if (!field.consequences) return
  $(`[data-consequence-for="${CSS.escape(field.pointer)}"]`).textContent = t(`choice.${field.pointer}.${value}`)
}

function hexOf(value) {
  if (typeof value !== 'string') return null
  const probe = $('[data-studio="colour-probe"]')
  const rgb = resolveColour(value, probe)
  return rgb ? '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('') : null
}

function syncPicker(pointer, value) {
  const hex = hexOf(value)
  const picker = $(`[data-picker-for="${CSS.escape(pointer)}"]`)
  if (hex && picker) picker.value = hex
}

/** Checkboxes for a list of names (open weekdays, languages offered). */
function setControl(field) {
  const { pointer } = field
  const id = idFor(pointer)
  const names = state.choices[pointer] || []
  const current = valueAt(pointer) || []
  const legendId = `${id}-legend`
  const boxes = names.map((name, index) =>
    h(
      'label',
      { class: 'chip' },
      h('input', {
        type: 'checkbox',
        value: name,
        id: index === 0 ? id : undefined,
        'data-pointer': index === 0 ? pointer : undefined,
        'data-set-for': pointer,
        checked: Array.isArray(current) && current.includes(name),
        onchange: () => {
          const chosen = [...document.querySelectorAll(`[data-set-for="${CSS.escape(pointer)}"]`)].filter((box) => box.checked).map((box) => box.value)
          setValue(pointer, chosen)
        },
      }),
      name,
    ),
  )
  return h(
    'fieldset',
    { class: 'field field-set', 'aria-describedby': `${id}-help ${id}-error` },
    h('legend', { id: legendId }, t(pointer)),
    h('div', { class: 'chips' }, boxes),
    h('div', { class: 'meta' }, h('span', { class: 'help', id: `${id}-help` }, describe(pointer)), pinButton(pointer, t(pointer))),
    errorSlot(pointer),
  )
}

function closedDatesControl(field) {
  const { pointer } = field
  const id = idFor(pointer)
  const entries = valueAt(pointer)
  const rows = []
  if (Array.isArray(entries)) {
    entries.forEach((entry, index) => {
      const at = join(pointer, index)
      const remove = h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          'data-action': 'remove-closed',
          onclick: () => {
            state.doc = setAt(state.doc, pointer, valueAt(pointer).filter((_, i) => i !== index), state.defaults)
            changed({ rerender: true })
            $(`[data-action="add-closed-day"]`)?.focus()
          },
        },
        t('closed.remove'),
      )
      const dateInput = (p, labelKey) =>
        h(
          'span',
          { class: 'date-field' },
          h('label', { for: idFor(p) }, t(labelKey)),
          h('input', { type: 'date', id: idFor(p), 'data-pointer': p, value: getAt(state.doc, p) ?? '', 'aria-describedby': `${idFor(p)}-error`, oninput: (e) => setValue(p, e.target.value) }),
          errorSlot(p),
        )
      if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
        rows.push(h('li', { 'data-closed-index': index }, h('div', { class: 'closed-row' }, dateInput(join(at, 'from'), 'closed.from'), dateInput(join(at, 'to'), 'closed.to'), remove), errorSlot(at)))
      } else {
        rows.push(h('li', { 'data-closed-index': index }, h('div', { class: 'closed-row' }, dateInput(at, 'closed.day'), remove)))
      }
    })
  }
  const add = (kind) => () => {
    const list = Array.isArray(valueAt(pointer)) ? clone(valueAt(pointer)) : []
    list.push(kind === 'range' ? { from: '', to: '' } : '')
    state.doc = setAt(state.doc, pointer, list, state.defaults)
    changed({ rerender: true })
    const last = document.querySelector(`[data-closed-index="${list.length - 1}"] input`)
    last?.focus()
  }
  return h(
    'fieldset',
    { class: 'field field-closed', id, 'data-pointer': pointer, tabindex: '-1', 'aria-describedby': `${id}-help ${id}-error` },
    h('legend', {}, t(pointer)),
    rows.length ? h('ol', { class: 'closed-list' }, rows) : h('p', { class: 'help' }, t('closed.none')),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', class: 'secondary', 'data-action': 'add-closed-day', onclick: add('day') }, t('closed.add_day')),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'add-closed-range', onclick: add('range') }, t('closed.add_range')),
    ),
    h('span', { class: 'help', id: `${id}-help` }, describe(pointer)),
    errorSlot(pointer),
  )
}

function depositControl(field) {
  const { pointer } = field
  const id = idFor(pointer)
  const current = valueAt(pointer)
  const kind = current === null || current === undefined ? 'none' : typeof current === 'object' && 'percent' in current ? 'percent' : 'amount'
  const amount = typeof current === 'object' && current ? current.amount ?? current.percent : current
  const valuePointer = kind === 'percent' ? join(pointer, 'percent') : kind === 'amount' && typeof current === 'object' ? join(pointer, 'amount') : join(pointer, 'amount')
  const write = (nextKind, raw) => {
    const n = parseNumber(raw ?? '')
    if (nextKind === 'none') setValue(pointer, null)
    else if (nextKind === 'percent') setValue(pointer, { percent: n ?? 10 })
    else setValue(pointer, n ?? 0)
  }
  const kindSelect = h(
    'select',
    { id, 'data-pointer': pointer, 'aria-describedby': `${id}-help ${id}-error`, onchange: (e) => (write(e.target.value, $(`#${id}-value`).value), renderForm(), $(`#${id}`).focus()) },
    ['none', 'amount', 'percent'].map((name) => h('option', { value: name, selected: name === kind }, t(`deposit.${name}`))),
  )
  const valueInput = h('input', {
    id: `${id}-value`,
    type: 'number',
    step: 'any',
    'data-pointer': valuePointer,
    'aria-label': t('deposit.value'),
    disabled: kind === 'none',
    value: kind === 'none' ? '' : amount ?? '',
    oninput: (e) => write(kind, e.target.value),
  })
  return h(
    'div',
    { class: 'field field-deposit' },
    h('label', { for: id }, t('deposit.kind')),
    h('div', { class: 'control' }, kindSelect, valueInput),
    h('div', { class: 'meta' }, h('span', { class: 'help', id: `${id}-help` }, describe(pointer)), pinButton(pointer, t('deposit.kind'))),
    errorSlot(valuePointer),
    errorSlot(pointer),
  )
}

function packagesControl(field) {
  const { pointer } = field
  const ids = Object.keys(defaultAt(pointer) || {})
  const names = state.catalogues[state.lang] || state.catalogues.en || {}
  const head = h('tr', {}, h('th', { scope: 'col' }, t('packages.package')), PACKAGE_COLUMNS.map((column) => h('th', { scope: 'col' }, t(`packages.${column}`))))
  const rows = ids.map((packageId) => {
    const name = names[`package.${packageId}`] || packageId
    const rowHeader = h('th', { scope: 'row', id: `pkg-${packageId}` }, name, h('span', { class: 'code' }, packageId))
    const cells = PACKAGE_COLUMNS.map((column) => {
      const p = join(pointer, packageId, ...column.split('/'))
      const id = idFor(p)
      return h(
        'td',
        {},
        h('input', {
          id,
          type: 'number',
          step: 'any',
          class: 'cell',
          'data-pointer': p,
          'aria-labelledby': `pkg-${packageId} ${id}-col`,
          'aria-describedby': `${id}-error`,
          value: valueAt(p) ?? '',
          oninput: (e) => setValue(p, parseNumber(e.target.value)),
        }),
        h('span', { id: `${id}-col`, class: 'visually-hidden' }, t(`packages.${column}`)),
        errorSlot(p),
      )
    })
    return h('tr', {}, rowHeader, cells, h('td', {}, errorSlot(join(pointer, packageId))))
  })
  return h(
    'div',
    { class: 'field field-table', id: idFor(pointer), 'data-pointer': pointer, tabindex: '-1' },
    h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': `${idFor(pointer)}-caption`, tabindex: '0' }, h('table', {}, h('caption', { id: `${idFor(pointer)}-caption` }, t('packages.caption')), h('thead', {}, head), h('tbody', {}, rows))),
    errorSlot(pointer),
  )
}

function perStageControl(field) {
  const { pointer } = field
  const rows = []
  for (const scale of ['norwood', 'ludwig']) {
    for (const stage of state.choices[join(pointer, scale)] || []) {
      const base = join(pointer, scale, stage)
      const current = getAt(state.doc, base)
      const keys = Array.isArray(current) ? ['0', '1'] : ['low', 'high']
      const headerId = `stage-${scale}-${stage}`
      rows.push(
        h(
          'tr',
          {},
          h('th', { scope: 'row', id: headerId }, `${scale} ${stage}`),
          keys.map((key, index) => {
            const p = join(base, key)
            const id = idFor(p)
            return h(
              'td',
              {},
              h('input', {
                id,
                type: 'number',
                class: 'cell',
                'data-pointer': p,
                'aria-labelledby': `${headerId} ${id}-col`,
                'aria-describedby': `${id}-error`,
                value: getAt(state.doc, p) ?? '',
                oninput: (e) => {
                  const n = parseNumber(e.target.value)
                  setValue(p, n)
                },
              }),
              h('span', { id: `${id}-col`, class: 'visually-hidden' }, t(index === 0 ? 'stages.low' : 'stages.high')),
              errorSlot(p),
            )
          }),
          h('td', {}, errorSlot(base)),
        ),
      )
    }
  }
  const id = idFor(pointer)
  return h(
    'div',
    { class: 'field field-table', id, 'data-pointer': pointer, tabindex: '-1' },
    h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-labelledby': `${id}-caption`, tabindex: '0' },
      h('table', {}, h('caption', { id: `${id}-caption` }, t('stages.caption')), h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stages.stage')), h('th', { scope: 'col' }, t('stages.low')), h('th', { scope: 'col' }, t('stages.high')))), h('tbody', {}, rows)),
    ),
    errorSlot(pointer),
  )
}

function copyControl(field) {
  const { pointer } = field
  const id = idFor(pointer)
  const locales = state.choices['/locales/available'] || ['en']
  const search = h('input', {
    type: 'search',
    id: `${id}-search`,
    'data-studio': 'copy-search',
    value: state.copyFilter,
    oninput: (e) => {
      state.copyFilter = e.target.value
      renderCopyRows()
    },
  })
  return h(
    'div',
    { class: 'field field-copy', id, 'data-pointer': pointer, tabindex: '-1' },
    h('label', { for: `${id}-search` }, t('copy.search')),
    search,
    h('p', { class: 'help', 'data-studio': 'copy-shown', 'aria-live': 'polite' }),
    h('ul', { class: 'copy-list', 'data-studio': 'copy-list', 'data-locales': locales.join(' ') }),
    errorSlot(pointer),
  )
}

function renderCopyRows() {
  const list = $('[data-studio="copy-list"]')
  if (!list) return
  const locales = list.dataset.locales.split(' ')
  const base = state.catalogues.en || {}
  const query = state.copyFilter.trim().toLowerCase()
  const overridden = (key) => locales.some((locale) => getAt(state.doc, join('/copy', locale, key)) !== undefined)
  const keys = Object.keys(base).filter((key) => {
    if (!query) return true
    if (key.toLowerCase().includes(query)) return true
    return locales.some((locale) => String(state.catalogues[locale]?.[key] ?? '').toLowerCase().includes(query) || String(getAt(state.doc, join('/copy', locale, key)) ?? '').toLowerCase().includes(query))
  })
  // Overridden texts first, so the clinic's own copy is always in view.
  keys.sort((a, b) => Number(overridden(b)) - Number(overridden(a)))
  const shown = keys.slice(0, COPY_ROWS_SHOWN)
  list.replaceChildren(
    ...shown.map((key) =>
      h(
        'li',
        { class: 'copy-row', 'data-copy-key': key },
        h('code', { class: 'copy-key' }, key),
        locales.map((locale) => {
          const p = join('/copy', locale, key)
          const fieldId = idFor(p)
          return h(
            'div',
            { class: 'copy-locale' },
            h('p', { class: 'builtin', lang: locale }, h('span', { class: 'tag' }, t('copy.builtin', { lang: locale })), ' ', String(state.catalogues[locale]?.[key] ?? '')),
            h('label', { for: fieldId }, t('copy.override', { lang: locale })),
            h('textarea', {
              id: fieldId,
              lang: locale,
              rows: 2,
              'data-pointer': p,
              'aria-describedby': `${fieldId}-error`,
              value: getAt(state.doc, p) ?? '',
              oninput: (e) => setValue(p, e.target.value === '' ? undefined : e.target.value),
            }),
            errorSlot(p),
          )
        }),
      ),
    ),
  )
  $('[data-studio="copy-shown"]').textContent = t('copy.shown', { shown: shown.length, total: keys.length })
}

function renderForm() {
  const form = $('[data-studio="form"]')
  const focused = document.activeElement?.dataset?.pointer
  const nav = $('[data-studio="nav"]')
  form.replaceChildren(
    ...SECTIONS.map((section) => {
      const headingId = `section-${section.id}`
      return h(
        'section',
        { class: 'section', 'aria-labelledby': headingId, 'data-section': section.id },
        h('h2', { id: headingId, tabindex: '-1' }, t(`section.${section.id}`)),
        section.fields.map((field) => {
          if (field.kind === 'set') return setControl(field)
          if (field.kind === 'closed-dates') return closedDatesControl(field)
          if (field.kind === 'deposit') return depositControl(field)
          if (field.kind === 'packages') return packagesControl(field)
          if (field.kind === 'per-stage') return perStageControl(field)
          if (field.kind === 'copy') return copyControl(field)
          return control(pairField(field))
        }),
      )
    }),
    h('span', { class: 'field-error general', 'data-error-for': '', hidden: true }),
  )
  nav.replaceChildren(...SECTIONS.map((section) => h('li', {}, h('a', { href: `#section-${section.id}` }, t(`section.${section.id}`)))))
  renderCopyRows()
  renderErrors()
  if (focused) document.querySelector(`[data-pointer="${CSS.escape(focused)}"]`)?.focus()
}

// [low, high] pairs written as {"low", "high"} in the clinic's file keep that shape.
function pairField(field) {
  const match = /^(.*)\/([01])$/.exec(field.pointer)
  if (!match) return field
  const parent = getAt(state.doc, match[1])
  if (parent && typeof parent === 'object' && !Array.isArray(parent)) return { ...field, pointer: join(match[1], match[2] === '0' ? 'low' : 'high') }
  return field
}

function renderChrome() {
  document.documentElement.lang = state.lang
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = t(el.dataset.text)
  for (const el of document.querySelectorAll('[data-label-text]')) el.setAttribute('aria-label', t(el.dataset.labelText))
  const personas = $('[data-studio="personas"]')
  personas.replaceChildren(
    ...state.personas.map((persona) =>
      h(
        'article',
        { class: 'persona', 'data-persona': persona.id, 'aria-labelledby': `persona-${persona.id}` },
        h('h3', { id: `persona-${persona.id}` }, t(`persona.${persona.id}`)),
        h(
          'dl',
          {},
          h('dt', {}, t('personas.verdict')),
          h('dd', { 'data-field': 'verdict' }),
          h('dt', {}, t('personas.estimate')),
          h('dd', { 'data-field': 'estimate' }),
          h('dt', {}, t('personas.first')),
          h('dd', {}, h('time', { 'data-field': 'first-session' })),
        ),
      ),
    ),
  )
}

// ---- import, download, embed, draft --------------------------------------------------------------

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

// ---- start -----------------------------------------------------------------------------------------

async function fetchJson(url) {
  const response = await fetch(new URL(url, import.meta.url))
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.json()
}

async function start() {
  const wanted = (navigator.language || 'en').slice(0, 2)
  state.lang = TEXTS[wanted] ? wanted : 'en'
  try {
    const [core, defaults, personas, en, es] = await Promise.all([
      loadCore(),
      fetchJson('./defaults.json'),
      fetchJson('./personas.json'),
      fetchJson('./catalogue.en.json'),
      fetchJson('./catalogue.es.json'),
      loadLaterTexts(),
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
