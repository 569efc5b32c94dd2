// What the edited config does: typical visitors evaluated by the core, the live widget, the
// embed snippet and the theme's contrast warnings. All read state.lastValid (the last config the
// core accepted), so a half-typed value never blanks them.
import { $, h } from './dom.js'
import { AA_TEXT, contrastRatio, parseRgb, resolveColour } from './contrast.js'
import { getAt } from './pointer.js'
import { DEBOUNCE_MS, state, t, valueAt } from './studio-state.js'

function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '')
  if (!match) return iso || ''
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return new Intl.DateTimeFormat(state.lang, { timeZone: 'UTC', weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(date)
}

export function renderPersonas() {
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
    // The widget marks a defer or clearance estimate provisional: the same words here.
    $('[data-field="provisional"]', card).textContent = result?.estimate?.provisional ? texts['ui.result.provisional'] || '' : ''
    const firstEl = $('[data-field="first-session"]', card)
    firstEl.textContent = firstText
    if (first?.date) firstEl.setAttribute('datetime', first.date)
    else firstEl.removeAttribute('datetime')
  }
}

let previewTimer = 0

export function renderPreview() {
  const preview = $('[data-studio="preview"]')
  clearTimeout(previewTimer)
  // The widget restarts on each new config: wait until the typing pauses.
  previewTimer = setTimeout(() => {
    if (preview.getAttribute('config-json') !== state.lastValid) preview.setAttribute('config-json', state.lastValid)
    if (preview.getAttribute('locale') !== state.lang) preview.setAttribute('locale', state.lang)
    if (preview.getAttribute('today') !== state.today) preview.setAttribute('today', state.today)
  }, DEBOUNCE_MS * 2)
}

export function embedSnippet() {
  const phone = valueAt('/clinic/phone')
  const fallback = phone ? t('embed.loading', { phone }) : t('embed.loading_no_phone')
  return [
    '<script type="module" src="/smp/smp-consult.js"></script>',
    '<smp-consultation config="/smp/clinic.json">',
    `  <p>${fallback.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</p>`,
    '</smp-consultation>',
  ].join('\n')
}

export function renderEmbed() {
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

export function renderContrast() {
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

export function renderChrome() {
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
          h('dd', {}, h('span', { 'data-field': 'estimate' }), h('span', { class: 'provisional', 'data-field': 'provisional' })),
          h('dt', {}, t('personas.first')),
          h('dd', {}, h('time', { 'data-field': 'first-session' })),
        ),
      ),
    ),
  )
}
