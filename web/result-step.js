// The result step for <smp-consultation>: result-view.js fed with the element's state (the
// visitor's answers for review, the calendar file the core produced) and its navigation.
import { getAt } from './answers.js'
import { absoluteUrl, h } from './dom.js'
import { date } from './format.js'
import { previewSection } from './preview-view.js'
import { renderResult } from './result-view.js'

function answerText(widget, q) {
  const value = getAt(widget.answers, q.pointer)
  if (q.id === 'dob' && value === undefined && getAt(widget.answers, '/age') !== undefined) {
    return widget.t('ui.result.age', { age: getAt(widget.answers, '/age') })
  }
  if (value === undefined) return null
  if (q.unsure_label && value === q.unanswered_value) return q.unsure_label
  if (q.kind === 'scar_list') return widget.t('ui.result.scar_count', { n: Array.isArray(value) ? value.length : 0 })
  const option = (q.options || []).find((o) => String(o.value) === String(value))
  if (option) return option.label
  if (q.kind === 'date') return date(String(value), widget.locale)
  return String(value)
}

function reviewItems(widget) {
  return widget
    .visible()
    .map((q) => ({ id: q.id, question: q.text, answer: answerText(widget, q) }))
    .filter((item) => item.answer !== null)
}

function downloadIcs(widget) {
  if (!widget.ics) return
  const url = URL.createObjectURL(new Blob([widget.ics], { type: 'text/calendar;charset=utf-8' }))
  const link = h('a', { href: url, download: 'smp-plan.ics', hidden: true })
  widget.shadowRoot.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

/** The result view ({element, heading}) of the element's last evaluation. */
export function resultStep(widget) {
  return renderResult(widget.result, {
    t: (key, params) => widget.t(key, params),
    locale: widget.locale,
    // The core validated the URL (http(s) or a /path); a path is resolved against the host page.
    clinic: { ...widget.clinic, booking_url: absoluteUrl(widget.clinic.booking_url) },
    hasIcs: Boolean(widget.ics),
    review: { items: reviewItems(widget), change: (id) => widget.go('question', id) },
    preview: previewSection(widget),
    actions: {
      calendar: () => widget.guard(() => downloadIcs(widget)),
      print: () => window.print(),
      send: () => widget.go('lead'),
      edit: () => widget.go('question', widget.visible()[0]?.id ?? null),
    },
  })
}
