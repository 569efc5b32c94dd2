// Steps of the flow that need later-steps.js loaded anyway, kept out of the first download: the
// stage picker's "Not sure", and showing the result (the core evaluates the answers; a required
// answer missing or one the core refuses sends the visitor back to its question, else the result
// step, its announcement and smp-result).
import { removeAt, setAt } from './answers.js'

/** "Not sure" in the stage picker: the scale becomes "unsure" and the quiz moves on. */
export function notSure(widget, q) {
  const before = widget.visible().map((item) => item.id)
  const from = before.indexOf(q.id)
  widget.answers = setAt(removeAt(widget.answers, q.pointer), '/pattern/scale', 'unsure')
  delete widget.writers[q.pointer]
  widget.writers['/pattern/scale'] = 'pattern_scale'
  widget.refreshQuestions()
  const visible = new Set(widget.visible().map((item) => item.id))
  const nextId = before.slice(from + 1).find((id) => visible.has(id))
  if (nextId) widget.go('question', nextId)
  else widget.showResult()
}

/** widget: the element's Consultation (smp-consult.js). */
export function showResult(widget) {
  // A required question that became visible after an edit must be answered first.
  const missing = widget.visible().find((q) => q.required && !widget.isAnswered(q))
  if (missing) {
    widget.pendingErrors = [widget.t('ui.error.required')]
    widget.go('question', missing.id)
    return
  }
  const errors = widget.evaluateNow()
  if (errors) {
    if (widget.core.dead) throw new Error('core stopped answering')
    // Send the visitor to the first question an error points at.
    const list = widget.visible()
    const target = list.find((q) => errors.some((e) => e.pointer === q.pointer || String(e.pointer).startsWith(`${q.pointer}/`) || (q.id === 'dob' && (e.pointer === '/age' || e.pointer === '')))) || list[0]
    widget.pendingErrors = errors.map((e) => e.message)
    widget.go('question', target?.id ?? null)
    return
  }
  widget.go('result')
  const r = widget.result
  widget.els.live.textContent = ''
  setTimeout(() => {
    widget.els.live.textContent = widget.t('ui.result.announce', { verdict: r.headline || widget.t(`verdict.${r.verdict}`) })
  }, 50)
  const detail = { verdict: r.verdict, packages: (r.packages || []).map((p) => p.id) }
  if (r.estimate) Object.assign(detail, { low: r.estimate.low, high: r.estimate.high, currency: r.estimate.currency })
  widget.emit('smp-result', detail)
}
