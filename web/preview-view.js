// "What it could look like" on the result screen (issue 17): the core's two pictures of the
// visitor's head, today and with SMP, with a pressed-state toggle between them, a top/front view
// switch and, when the core offers styles (a package with a hairline), the hairline style. The
// core draws and words everything (smp-preview.wasm, loaded by preview-core.js only now); this
// file only places its SVG, its text alternative, its sentence of what changes and its caption.
// If the module or a picture cannot be had, the section stays empty and the result is complete.
import { h, uid } from './dom.js'
import { fill } from './format.js'
import { svgNode } from './svg-node.js'

const STATES = ['today', 'smp']
const VIEWS = ['top', 'front']

/** The visitor's choices, kept on the consultation so a redrawn result keeps them. */
function choiceOf(widget) {
  // With SMP first: the visitor's question is "what would it look like on me?".
  if (!widget.previewChoice) widget.previewChoice = { state: 'smp', view: 'top', style: null }
  return widget.previewChoice
}

/** Both states of the current view and style from the core, or null when it draws none. */
function draw(core, widget, choice) {
  const pictures = {}
  for (const state of STATES) {
    const options = { view: choice.view, state, ...(choice.style ? { style: choice.style } : {}) }
    const picture = core.preview(widget.configText, widget.answers, options, widget.locale)
    if (picture?.ok !== true || typeof picture.svg !== 'string') {
      // A style chosen for an earlier visitor's package: the core's default instead.
      if (choice.style) {
        choice.style = null
        return draw(core, widget, choice)
      }
      return null
    }
    pictures[state] = picture
  }
  return pictures
}

function pressedButtons(group, values, current, label, onChoose) {
  return values.map((value) =>
    h(
      'button',
      { type: 'button', class: 'secondary', 'data-preview-choice': group, value, 'aria-pressed': String(value === current), onclick: () => onChoose(value) },
      label(value),
    ),
  )
}

/**
 * The preview's section of the result: an empty placeholder at once, filled once the preview
 * module has loaded and the core has drawn both states.
 */
export function previewSection(widget) {
  // data-preview-section: loading, shown, or none (no module, no picture for these answers).
  const section = h('section', { class: 'preview-section', 'data-preview-section': 'loading' })
  // The labels come from the preview module (the page's core has no preview.* texts).
  let labels = {}
  const t = (key, params) => fill(typeof labels[key] === 'string' ? labels[key] : key, params)
  const choice = choiceOf(widget)
  const headingId = uid('preview-title')
  let core = null

  function paint(focus) {
    const pictures = draw(core, widget, choice)
    if (!pictures) {
      section.removeAttribute('aria-labelledby')
      section.dataset.previewSection = 'none'
      section.replaceChildren()
      return
    }
    const shown = pictures[choice.state]
    // The style the core drew (its default when the visitor has not chosen one).
    const styles = Array.isArray(shown.styles) ? shown.styles.filter((s) => typeof s === 'string') : []
    const style = styles.includes(shown.style) ? shown.style : null
    const pictureEls = []
    for (const state of STATES) {
      const svg = svgNode(pictures[state].svg, `${uid('pv')}-`)
      if (!svg) {
        section.removeAttribute('aria-labelledby')
        section.dataset.previewSection = 'none'
        section.replaceChildren()
        return
      }
      // The picture's text alternative is the core's (what this picture shows): its <title>,
      // else its alt.
      svg.setAttribute('role', 'img')
      if (!svg.hasAttribute('aria-labelledby')) svg.setAttribute('aria-label', pictures[state].alt || t(`preview.state.${state}`))
      svg.setAttribute('focusable', 'false')
      pictureEls.push(
        h('div', { class: 'preview-picture', 'data-preview-state': state }, svg, h('p', { class: 'preview-label', 'aria-hidden': 'true' }, t(`preview.state.${state}`))),
      )
    }
    const choose = (key) => (value) => {
      if (choice[key] === value) return
      choice[key] = value
      paint({ group: key, value })
    }
    // Today / with SMP: both pictures are drawn already (print shows them side by side).
    const show = (state) => {
      choice.state = state
      figure.dataset.previewState = state
      for (const button of figure.querySelectorAll('[data-preview-choice="state"]')) button.setAttribute('aria-pressed', String(button.value === state))
      const change = figure.querySelector('[data-preview-change]')
      if (change && pictures[state].change) change.textContent = pictures[state].change
    }
    const styleLabelId = uid('preview-style')
    const figure = h(
      'figure',
      { class: 'preview', part: 'preview', 'data-preview-state': choice.state, 'data-preview-view': shown.view || choice.view, 'data-preview-style': style },
      h(
        'div',
        { class: 'preview-controls' },
        h('div', { class: 'preview-group', role: 'group', 'aria-label': t('preview.toggle.label') }, pressedButtons('state', STATES, choice.state, (s) => t(`preview.state.${s}`), show)),
        h('div', { class: 'preview-group', role: 'group' }, pressedButtons('view', VIEWS, choice.view, (v) => t(`preview.view.${v}`), choose('view'))),
        styles.length
          ? h(
              'div',
              { class: 'preview-group', role: 'group', 'aria-labelledby': styleLabelId, 'data-preview-styles': '' },
              h('span', { id: styleLabelId, class: 'preview-group-label' }, t('preview.style.label')),
              pressedButtons('style', styles, style, (s) => t(`preview.style.${s}`), choose('style')),
            )
          : null,
      ),
      h('div', { class: 'preview-pictures' }, pictureEls),
      shown.change ? h('p', { class: 'preview-change', 'data-preview-change': '' }, shown.change) : null,
      h('figcaption', { class: 'preview-caption', 'data-preview-caption': '' }, shown.caption || t('preview.caption')),
    )
    section.setAttribute('aria-labelledby', headingId)
    section.dataset.previewSection = 'shown'
    section.replaceChildren(h('h3', { id: headingId }, t('preview.heading')), figure)
    if (focus) figure.querySelector(`[data-preview-choice="${focus.group}"][value="${focus.value}"]`)?.focus({ preventScroll: true })
  }

  // Fetched only now, with the result (never before the first question); a failure leaves the
  // result as it is.
  import('./preview-core.js')
    .then(({ loadPreviewCore }) => loadPreviewCore(widget.locale))
    .then((loaded) => {
      core = loaded
      labels = core.labels(widget.configText, widget.locale)
      paint(null)
    })
    .catch(() => {
      section.dataset.previewSection = 'none'
    })
  return section
}
