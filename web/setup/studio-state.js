// The studio's state: the config document being edited, its pins, the core and what the core
// gave (defaults, choices, texts), and the interface language. Edits go through setValue, which
// saves the draft and asks for a check.
import { fill } from './dom.js'
import { getAt, removeAt, setAt } from './pointer.js'
import TEXTS from './studio-texts.js'

/** What the other modules wire in (studio.js): a debounced check, and a form rebuild. */
export const hooks = { scheduleCheck() {}, renderForm() {} }

export const DRAFT_KEY = 'smp-consult/setup-draft'

export const DEBOUNCE_MS = 200

export const state = {
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

export function t(key, params) {
  const text = TEXTS[state.lang]?.[key] ?? TEXTS.en[key]
  return fill(text ?? key, params)
}

// A choice's name as the clinic reads it (the config keeps the name itself).
export function optionLabel(pointer, name) {
  const key = `option.${pointer}.${name}`
  return TEXTS[state.lang]?.[key] ?? TEXTS.en[key] ?? name
}

function localToday() {
  const now = new Date()
  const pad = (n) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export function idFor(pointer) {
  if (!state.ids.has(pointer)) state.ids.set(pointer, `field-${state.ids.size + 1}`)
  return state.ids.get(pointer)
}

export const defaultAt = (pointer) => getAt(state.defaults, pointer)

export const valueAt = (pointer) => {
  const own = getAt(state.doc, pointer)
  return own === undefined ? defaultAt(pointer) : own
}

export function setValue(pointer, value) {
  state.doc = value === undefined ? removeAt(state.doc, pointer) : setAt(state.doc, pointer, value, state.defaults)
  changed()
}

export function changed({ rerender = false } = {}) {
  saveDraft()
  if (rerender) hooks.renderForm()
  hooks.scheduleCheck()
}

export function saveDraft() {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ config: state.doc, pins: [...state.pins] }))
  } catch {
    // Storage full or disabled: the studio still works, the draft just does not survive a reload.
  }
}

export function restoreDraft() {
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
