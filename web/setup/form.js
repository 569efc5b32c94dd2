// The form: one control per config key (fields.js says which), each with data-pointer, its
// default, a "keep in file" pin and a [data-error-for] slot; and the core's diagnostics placed
// beside the deepest field their pointer reaches, plus the summary list linking to the fields.
import { $, h } from './dom.js'
import { resolveColour } from './contrast.js'
import { PACKAGE_COLUMNS, SECTIONS } from './fields.js'
import { clone, getAt, join, setAt, tokens } from './pointer.js'
import { changed, defaultAt, idFor, optionLabel, saveDraft, setValue, state, t, valueAt } from './studio-state.js'

const COPY_ROWS_SHOWN = 40

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

export function renderCopyRows() {
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

export function renderForm() {
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
  const panels = [
    ['summary-title', 'errors.title'],
    ['personas-title', 'personas.title'],
    ['preview-title', 'preview.title'],
  ]
  nav.replaceChildren(
    ...SECTIONS.map((section) => h('li', {}, h('a', { href: `#section-${section.id}` }, t(`section.${section.id}`)))),
    ...panels.map(([id, key]) => h('li', { class: 'to-panel' }, h('a', { href: `#${id}` }, t(key)))),
  )
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

export function renderErrors() {
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
