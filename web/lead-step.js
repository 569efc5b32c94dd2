// The lead and done steps for <smp-consultation>: the lead form wired to the element's state, the
// core's validation of the lead before it is sent, the delivery outcome (or a mailto: fallback)
// and the confirmation.
import { getAt } from './answers.js'
import { clinicCard } from './clinic-card.js'
import { h, icon } from './dom.js'
import { date } from './format.js'
import { buildLead, renderLeadForm, sendLead } from './lead-form.js'
import { photoSection } from './photo-step.js'

const ICON_CHECK = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM7 12.5l3.2 3.2L17 9'

function randomId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID()
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function leadContext(widget) {
  // The UTM keys and lengths the core accepts (publicConfig lead.form).
  const { utm_keys: utmKeys = [], max_length: maxLength = {} } = widget.pub.lead?.form || {}
  const params = new URLSearchParams(location.search)
  const utm = {}
  for (const key of utmKeys) {
    const value = params.get(`utm_${key}`)
    if (value) utm[key] = value.slice(0, maxLength.utm)
  }
  const context = {
    page_url: location.href.slice(0, maxLength.url),
    referrer: document.referrer.slice(0, maxLength.url),
    utm,
    locale: widget.locale,
    widget_version: widget.core.version(),
  }
  // Ad click ids (gclid, fbclid): the keys the core lists, named as in the page URL.
  for (const key of widget.pub.lead?.form?.click_id_keys || []) {
    const value = params.get(key)
    if (value) context[key] = value.slice(0, maxLength.utm)
  }
  // Absent rather than empty when unknown (the relay never drops a lead for a missing one).
  if (widget.startedAt) context.started_at = widget.startedAt
  return context
}

function mailtoHref(widget, form) {
  const t = (key, params) => widget.t(key, params)
  const { locale } = widget
  const r = widget.result || {}
  const e = r.estimate
  const lines = [t('ui.mail.body_intro'), '', `${t('ui.mail.result')}: ${r.headline || t(`verdict.${r.verdict}`)}`]
  if (e?.display) lines.push(`${t('ui.mail.estimate')}: ${e.display.text}`)
  const first = r.plan?.sessions?.find((s) => s.date)
  if (first) lines.push(`${t('ui.result.session', { n: first.number })}: ${date(first.date, locale)}`)
  lines.push('', `${t('ui.mail.contact')}: ${form.name} · ${form.email}${form.phone ? ` · ${form.phone}` : ''} (${t(`ui.lead.preferred.${form.preferred_contact}`)})`)
  if (form.consent_health) {
    lines.push('', `${t('ui.mail.health_included')}:`)
    for (const q of widget.visible().filter((item) => item.section === 'health')) {
      const value = getAt(widget.answers, q.pointer)
      if (value === undefined) continue
      const label = (q.options || []).find((o) => String(o.value) === String(value))?.label ?? (value === q.unanswered_value ? q.unsure_label : undefined) ?? String(value)
      lines.push(`- ${q.text} ${label}`)
    }
  }
  const to = widget.pub.lead?.fallback_email || widget.clinic.email || ''
  const subject = t('ui.mail.subject', { name: form.name })
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(lines.join('\n'))}`
}

async function submitLead(widget, form, photos) {
  const view = widget.stepView
  // Photos first: a warning still open or a missing photo consent is shown there.
  const photoCheck = photos.validate()
  if (!photoCheck.ok) return
  if (photoCheck.photos.length) {
    form.consent_photos = true
    form.consent_text = `${form.consent_text} ${photoCheck.consentText}`
  }
  if (!widget.clientId) widget.clientId = randomId()
  const answers = structuredClone(widget.answers)
  const lead = buildLead({ form, answers, result: widget.result, context: leadContext(widget), clientId: widget.clientId })
  const check = widget.core.validateLead(widget.configText, lead, widget.today, widget.locale)
  if (!check.ok) {
    view.showErrors(check.errors || [])
    return
  }
  view.showErrors([])
  const endpoint = widget.pub.lead?.endpoint
  if (!endpoint) {
    view.showMailto(mailtoHref(widget, form), widget.t('ui.lead.no_endpoint'))
    return
  }
  view.setBusy(true)
  view.setStatus(widget.t('ui.lead.sending'))
  widget.leadAbort?.abort()
  widget.leadAbort = new AbortController()
  const outcome = await sendLead(new URL(endpoint, document.baseURI).href, lead, {
    signal: widget.leadAbort.signal,
    onRetry: (seconds) => view.setStatus(widget.t('ui.lead.retrying', { seconds })),
    photos: photoCheck.photos,
  })
  if (widget.stepView !== view) return
  view.setBusy(false)
  if (outcome.ok) {
    photos.clear()
    widget.leadId = outcome.leadId
    widget.leadName = form.name
    widget.go('done')
    widget.emit('smp-lead', { leadId: outcome.leadId })
    return
  }
  if (outcome.status === 400 && outcome.errors.length) {
    view.setStatus('')
    view.showErrors(outcome.errors)
    return
  }
  view.setStatus(widget.t('ui.lead.failed'))
  view.showMailto(mailtoHref(widget, form), widget.t('ui.lead.failed'))
  widget.emit('smp-error', { code: 'lead_delivery_failed', message: `lead delivery failed (${outcome.status || 'network'})` })
}

/** The lead form view; submitting validates the lead in the core, then delivers it. */
export function leadStep(widget) {
  const photos = photoSection(widget)
  const view = renderLeadForm({
    t: (key, params) => widget.t(key, params),
    pub: widget.pub,
    clinicName: widget.clinic.name || '',
    healthConsent: widget.result?.health_data_consent !== false,
    photos: photos.element,
    onSubmit: (form) => submitLead(widget, form, photos).catch((error) => widget.fail('internal_error', String(error?.message || error), 'wasm')),
    onBack: () => widget.go('result'),
  })
  // Who will get the request, and how to reach them without the form.
  const card = clinicCard(widget.clinic, (key, params) => widget.t(key, params))
  if (card) view.element.append(card)
  return view
}

/** The confirmation after the clinic has the lead. */
export function doneStep(widget) {
  const heading = h('h2', { tabindex: '-1' }, widget.t('ui.done.title', { name: widget.leadName || '' }))
  return {
    heading,
    element: h(
      'section',
      { class: 'done', part: 'done' },
      icon(ICON_CHECK),
      heading,
      h('p', null, widget.t('ui.done.body', { clinic: widget.clinic.name || '' })),
      widget.leadId ? h('p', { class: 'muted small', 'data-lead-id': widget.leadId }, widget.t('ui.done.reference', { id: widget.leadId })) : null,
    ),
  }
}
