// A checklist screen (questions output: screens[].layout "checklist"): the screen's title and
// help, one compact fieldset per item (each keeps its data-question and its Yes/No/Not sure
// values), and an exclusive "None of these apply to me" that answers every item with the value
// the core gives it (none_value; an item without one is skipped, as its own skip means).
import { h } from './dom.js'

/**
 * {heading, element}. items: [{q, view}] rendered by render-question.js; ctx: {isNone(q),
 * onNone(checked)}.
 */
export function renderChecklist(screen, items, ctx) {
  const heading = h('h2', { tabindex: '-1', class: 'question-title', part: 'question-title' }, screen.title || '')
  const none = h('input', { type: 'checkbox', 'data-action': 'none', onchange: () => ctx.onNone(none.checked) })
  none.checked = items.length > 0 && items.every(({ q }) => ctx.isNone(q))
  const element = h(
    'div',
    { class: 'checklist', 'data-screen': screen.id },
    heading,
    screen.help ? h('p', { class: 'help' }, screen.help) : null,
    items.map(({ view }) => view.element),
    h('label', { class: 'choice none', part: 'choice' }, none, h('span', { class: 'card' }, h('span', { class: 'label' }, screen.none_label || ''))),
  )
  return { heading, element }
}
