// The result page: verdict, reasons, advisories, estimate and plan exactly as the core returned
// them. Only display formatting (Intl) happens here.
import { clinicCard, preparedLine } from './clinic-card.js'
import { h, uid } from './dom.js'
import { date, number, year } from './format.js'

function timeEl(iso, locale, style) {
  return h('time', { datetime: iso }, date(iso, locale, style))
}

function sentence(t, key, params, isoDates, locale) {
  // Texts with a {date} placeholder keep the date in a <time> element for hooks and printing.
  const text = t(key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, `\u0000${k}\u0000`])))
  const out = []
  for (const part of text.split('\u0000')) {
    if (Object.prototype.hasOwnProperty.call(params, part)) {
      out.push(isoDates.includes(part) ? timeEl(params[part], locale) : String(params[part]))
    } else if (part) out.push(part)
  }
  return out
}

function reasonsList(result, t, locale) {
  if (!Array.isArray(result.reasons) || result.reasons.length === 0) return null
  return h(
    'ul',
    { class: 'reasons', part: 'reasons' },
    result.reasons.map((reason) =>
      h(
        'li',
        { 'data-reason': reason.code, 'data-verdict': reason.verdict },
        h('span', null, reason.message),
        reason.eligible_on
          ? h('span', { class: 'when' }, sentence(t, 'ui.result.eligible_on', { date: reason.eligible_on }, ['date'], locale))
          : null,
        reason.action_message ? h('span', { class: 'action', 'data-action': reason.action }, reason.action_message) : null,
      ),
    ),
  )
}

function estimateBlock(result, t, locale) {
  const e = result.estimate
  if (!e) return h('p', { class: 'muted', 'data-estimate': 'none' }, t('ui.result.no_estimate'))
  // The core's display figures (rounded and formatted once for every channel).
  const shown = e.display || {}
  const shownLines = Object.fromEntries((shown.lines || []).map((line) => [line.package, line]))
  const names = Object.fromEntries((result.packages || []).map((p) => [p.id, p]))
  const lines = Array.isArray(e.lines) ? e.lines : []
  return h(
    'div',
    { class: 'estimate', part: 'estimate', 'data-low': e.low, 'data-high': e.high, 'data-currency': e.currency },
    e.provisional ? h('span', { class: 'provisional' }, t('ui.result.provisional')) : null,
    h('p', { class: 'price', 'data-price': '' }, shown.text),
    e.sessions
      ? h('p', null, t('ui.result.sessions', { min: e.sessions.min, max: e.sessions.max, planned: e.sessions.planned }))
      : null,
    e.hours_per_session
      ? h('p', null, t('ui.result.hours', { min: number(e.hours_per_session.min, locale), max: number(e.hours_per_session.max, locale) }))
      : null,
    lines.length
      ? [
          h('h4', null, t('ui.result.includes')),
          h(
            'dl',
            { class: 'lines' },
            lines.map((line) => [
              h('dt', { 'data-package': line.package }, line.name || names[line.package]?.name || line.package,
                names[line.package]?.description ? h('span', { class: 'option-help small muted' }, ' — ', names[line.package].description) : null),
              h('dd', { 'data-price': line.package }, shownLines[line.package]?.text),
            ]),
          ),
        ]
      : null,
    shown.touch_up ? h('p', { class: 'small', 'data-price': 'touch_up' }, t('ui.result.touch_up', { low: shown.touch_up.low_text, high: shown.touch_up.high_text })) : null,
    shown.consultation_fee ? h('p', { class: 'small', 'data-price': 'consultation_fee' }, t('ui.result.consultation_fee', { amount: shown.consultation_fee.text })) : null,
    shown.deposit ? h('p', { class: 'small', 'data-price': 'deposit' }, t('ui.result.deposit', { amount: shown.deposit.text })) : null,
  )
}

function dayLabel(t, day) {
  if (day === -1) return t('ui.result.day_before_one')
  if (day < 0) return t('ui.result.day_before', { n: -day })
  if (day === 0) return t('ui.result.session_day')
  return t('ui.result.day_after', { n: day })
}

function careStrip(items, t, locale, kind) {
  if (!items.length) return null
  const entries = items.map((item) => ({ day: Number(item.day) || 0, item }))
  if (kind === 'precare' && !entries.some((e) => e.day === 0)) entries.push({ day: 0, item: null })
  entries.sort((a, b) => a.day - b.day)
  return h(
    'ol',
    { class: 'timeline', part: 'timeline', 'data-timeline': kind },
    entries.map(({ day, item }) =>
      item
        ? h(
            'li',
            { 'data-code': item.code },
            h('span', { class: 'day' }, dayLabel(t, day), item.date || item.resume_on ? [' · ', timeEl(item.date || item.resume_on, locale, 'short')] : null),
            h('span', { class: 'what' }, item.message),
          )
        : h('li', { class: 'session-day' }, h('span', { class: 'day' }, t('ui.result.session_day'))),
    ),
  )
}

function planBlock(result, t, locale) {
  const plan = result.plan
  if (!plan) return null
  const sessions = Array.isArray(plan.sessions) ? plan.sessions : []
  const precare = (plan.precare || []).filter((c) => c.session === 1 || c.session === undefined)
  // Aftercare comes per session (each restarts the clocks), in the core's order.
  const aftercare = new Map()
  for (const item of plan.aftercare || []) {
    const n = item.after_session || 0
    if (!aftercare.has(n)) aftercare.set(n, [])
    aftercare.get(n).push(item)
  }
  const sessionDate = (n) => sessions.find((s) => s.number === n)?.date
  return h(
    'section',
    { class: 'plan', part: 'plan', 'data-plan-status': plan.status, 'aria-labelledby': 'plan-title' },
    h('h3', { id: 'plan-title' }, t('ui.result.plan')),
    plan.status === 'pending_clearance' ? h('p', { class: 'muted', 'data-pending': '' }, t('ui.result.pending_clearance')) : null,
    h(
      'ol',
      { class: 'sessions' },
      sessions.map((session) =>
        h(
          'li',
          { class: session.if_needed ? 'session if-needed' : 'session', part: 'session', 'data-session': session.number },
          h('span', { class: 'number' }, t('ui.result.session', { n: session.number })),
          session.date ? timeEl(session.date, locale) : h('span', { 'data-date': 'pending' }, t('ui.result.date_tbd')),
          session.hours
            ? h('span', null, t('ui.result.session_hours', { min: number(session.hours.min, locale), max: number(session.hours.max, locale) }))
            : null,
          session.full_day ? h('span', { class: 'tag full-day' }, t('ui.result.full_day')) : null,
          session.if_needed ? h('span', { class: 'tag' }, t('ui.result.if_needed')) : null,
        ),
      ),
    ),
    precare.length ? [h('h4', null, t('ui.result.precare')), careStrip(precare, t, locale, 'precare')] : null,
    aftercare.size
      ? [
          h('h4', null, t('ui.result.aftercare')),
          [...aftercare].map(([n, items]) => {
            // Milestones the next session comes before are not reached: one line says so.
            const restartedBy = items.find((c) => c.restarted_by_session)?.restarted_by_session
            return h(
              'section',
              { class: 'aftercare-session', 'data-after-session': n },
              h('h5', null, t('ui.result.after_session', { n }), sessionDate(n) ? [' · ', timeEl(sessionDate(n), locale, 'short')] : null),
              careStrip(items.filter((c) => !c.restarted_by_session), t, locale, 'aftercare'),
              restartedBy ? h('p', { class: 'restart small', 'data-restarted-by': restartedBy }, t('ui.result.restarted_by', { n: restartedBy })) : null,
            )
          }),
        ]
      : null,
    h(
      'ul',
      { class: 'facts' },
      plan.patch_test_by ? h('li', null, sentence(t, 'ui.result.patch_test_by', { date: plan.patch_test_by }, ['date'], locale)) : null,
      plan.unrestricted_from ? h('li', { 'data-unrestricted': '' }, sentence(t, 'ui.result.unrestricted_from', { date: plan.unrestricted_from }, ['date'], locale)) : null,
      plan.unrestricted_from_if_needed
        ? h('li', { 'data-unrestricted-if-needed': '' }, sentence(t, 'ui.result.unrestricted_from_if_needed', { date: plan.unrestricted_from_if_needed }, ['date'], locale))
        : null,
      plan.touch_up_reminder
        ? h(
            'li',
            { 'data-touch-up-year': year(plan.touch_up_reminder) },
            t('ui.result.touch_up_reminder', { year: '\u0000' })
              .split('\u0000')
              .flatMap((part, i) => (i === 0 ? [part] : [h('time', { datetime: plan.touch_up_reminder }, year(plan.touch_up_reminder)), part])),
          )
        : null,
    ),
  )
}

function answersBlock(review, t) {
  if (!review?.items?.length) return null
  return h(
    'details',
    { class: 'review no-print', part: 'review' },
    h('summary', null, t('ui.result.your_answers')),
    h(
      'dl',
      { class: 'review-list' },
      review.items.map((item) => [
        h('dt', null, item.question),
        h(
          'dd',
          null,
          h('span', null, item.answer),
          ' ',
          h('button', { type: 'button', class: 'link', 'data-action': 'change', 'data-question': item.id, onclick: () => review.change(item.id) }, t('ui.result.change'), h('span', { class: 'visually-hidden' }, `: ${item.question}`)),
        ),
      ]),
    ),
  )
}

/**
 * The result step: {element, heading}. actions: {calendar(), print(), send(), edit()}; hasIcs
 * says whether the core produced a calendar file; preview: the preview's section (an element
 * that fills itself) or null.
 */
export function renderResult(result, { t, locale, clinic, actions, hasIcs, review, preview }) {
  const headingId = uid('result')
  const heading = h('h2', { id: headingId, tabindex: '-1' }, result.headline || t(`verdict.${result.verdict}`))
  const advisories = Array.isArray(result.advisories) ? result.advisories : []
  const element = h(
    'article',
    { class: 'result', part: 'result', 'data-verdict': result.verdict, 'aria-labelledby': headingId },
    h('p', { class: 'muted small' }, t('ui.result.title')),
    preparedLine(clinic, result.as_of, t, locale),
    h(
      'div',
      { class: 'verdict', part: 'verdict', 'data-verdict': result.verdict, 'data-verdict-variant': result.verdict_variant || null },
      heading,
      result.summary ? h('p', null, result.summary) : null,
    ),
    reasonsList(result, t, locale),
    result.earliest_eligible_date
      ? h('p', { 'data-earliest': result.earliest_eligible_date }, sentence(t, 'ui.result.earliest', { date: result.earliest_eligible_date }, ['date'], locale))
      : null,
    result.recheck_required ? h('p', { 'data-recheck': '' }, t('ui.result.recheck')) : null,
    advisories.length
      ? [
          h('h3', null, t('ui.result.advisories')),
          h('ul', { class: 'advisories' }, advisories.map((a) => h('li', { 'data-advisory': a.code }, a.message))),
        ]
      : null,
    result.verdict === 'not_suitable' ? null : [h('h3', null, t('ui.result.estimate')), estimateBlock(result, t, locale)],
    preview || null,
    planBlock(result, t, locale),
    result.longevity ? h('p', { class: 'small muted' }, result.longevity) : null,
    Array.isArray(result.guardrails) && result.guardrails.length
      ? h('ul', { class: 'guardrails', part: 'guardrails' }, result.guardrails.map((g) => h('li', { 'data-guardrail': g.code }, g.message)))
      : null,
    answersBlock(review, t),
    clinicCard(clinic, t),
    h('p', { class: 'disclaimer' }, t('ui.result.disclaimer')),
    h(
      'div',
      { class: 'actions', part: 'actions' },
      hasIcs ? h('button', { type: 'button', class: 'secondary', 'data-action': 'calendar', onclick: actions.calendar }, t('ui.action.calendar')) : null,
      h('button', { type: 'button', class: 'secondary', 'data-action': 'print', onclick: actions.print }, t('ui.action.print')),
      h('button', { type: 'button', 'data-action': 'send', onclick: actions.send }, t('ui.action.send')),
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'link', 'data-action': 'edit', onclick: actions.edit }, t('ui.action.edit')),
      clinic?.booking_url ? h('a', { class: 'button secondary', 'data-action': 'book', href: clinic.booking_url, target: '_blank', rel: 'noopener' }, t('ui.action.book')) : null,
    ),
  )
  return { element, heading }
}
