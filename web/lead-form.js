// The lead form (contact details and consents) and the delivery of smp-consult/lead@1 to the
// clinic's endpoint, with retries while the page stays open and a mailto: fallback.
import { absoluteUrl, h, uid } from './dom.js'

function field(label, input, errorId, note) {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label, note ? h('span', { class: 'muted' }, ' ', note) : null), input, h('div', { class: 'error', id: errorId }))
}

/**
 * The form: {element, heading, read(), showErrors(errors), setStatus(text, kind), setBusy(bool),
 * showMailto(href)}. `pub` is the public config; onSubmit is called with read(). `photos` (the
 * photo section's element, or null) goes before the consents.
 */
export function renderLeadForm({ t, pub, clinicName, onSubmit, onBack, healthConsent = true, photos = null }) {
  const lead = pub.lead || {}
  // Limits and contact methods as the core checks them (publicConfig lead.form).
  const { max_length: maxLength = {}, contact_methods: contactMethods = ['email'] } = lead.form || {}
  const phonePolicy = ['required', 'optional', 'hidden'].includes(lead.phone) ? lead.phone : 'optional'
  const ids = { name: uid('lead-name'), email: uid('lead-email'), phone: uid('lead-phone'), consent: uid('lead-consent'), health: uid('lead-health'), marketing: uid('lead-marketing'), hp: uid('lead-hp') }
  const errors = { name: uid('err'), email: uid('err'), phone: uid('err'), consent: uid('err') }
  const name = h('input', { type: 'text', id: ids.name, name: 'name', autocomplete: 'name', required: true, maxlength: maxLength.name, 'aria-describedby': errors.name })
  const email = h('input', { type: 'email', id: ids.email, name: 'email', autocomplete: 'email', required: true, maxlength: maxLength.email, 'aria-describedby': errors.email, spellcheck: 'false' })
  const phone = h('input', { type: 'tel', id: ids.phone, name: 'phone', autocomplete: 'tel', required: phonePolicy === 'required', maxlength: maxLength.phone, 'aria-describedby': errors.phone })
  const methods = phonePolicy === 'hidden' ? ['email'] : contactMethods
  const methodName = uid('preferred')
  const methodBox = h(
    'fieldset',
    { class: 'group' },
    h('legend', { class: 'label' }, t('ui.lead.preferred')),
    h(
      'div',
      { class: 'options two' },
      methods.map((method, index) => {
        const input = h('input', { type: 'radio', name: methodName, value: method })
        input.checked = index === 0
        return h('label', { class: 'choice' }, input, h('span', { class: 'card' }, h('span', { class: 'label' }, t(`ui.lead.preferred.${method}`))))
      }),
    ),
  )
  const consentText = t('ui.lead.consent_contact', { clinic: clinicName })
  const healthText = t('ui.lead.consent_health')
  const consent = h('input', { type: 'checkbox', id: ids.consent, name: 'consent_contact', required: true, 'aria-describedby': errors.consent })
  // The core says whether health answers may be shared at all (not below the minimum age).
  const health = healthConsent ? h('input', { type: 'checkbox', id: ids.health, name: 'consent_health' }) : null
  const marketing = lead.marketing_opt_in ? h('input', { type: 'checkbox', id: ids.marketing, name: 'consent_marketing' }) : null
  const hp = h('input', { type: 'text', id: ids.hp, name: 'website', tabindex: '-1', autocomplete: 'off' })
  const privacy = absoluteUrl(pub.clinic?.privacy_url)
  const headingId = uid('lead-title')
  const heading = h('h2', { id: headingId, tabindex: '-1' }, t('ui.lead.title', { clinic: clinicName }))
  const summary = h('div', { class: 'form-error', role: 'alert', hidden: true })
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' })
  const mailtoBox = h('div', { class: 'mailto', hidden: true })
  const submit = h('button', { type: 'submit', 'data-action': 'submit-lead' }, t('ui.lead.submit'))
  const form = h(
    'form',
    { class: 'lead-form', part: 'lead-form', novalidate: true, 'aria-labelledby': headingId },
    summary,
    field(t('ui.lead.name'), name, errors.name),
    field(t('ui.lead.email'), email, errors.email),
    phonePolicy === 'hidden' ? null : field(t('ui.lead.phone'), phone, errors.phone, phonePolicy === 'optional' ? t('ui.lead.optional') : null),
    methodBox,
    photos,
    h('div', { class: 'check' }, consent, h('label', { for: ids.consent }, consentText)),
    h('div', { class: 'error', id: errors.consent }),
    health ? h('div', { class: 'check' }, health, h('label', { for: ids.health }, healthText)) : null,
    marketing ? h('div', { class: 'check' }, marketing, h('label', { for: ids.marketing }, t('ui.lead.consent_marketing'))) : null,
    privacy ? h('p', { class: 'small' }, h('a', { href: privacy, target: '_blank', rel: 'noopener' }, t('ui.lead.privacy'))) : null,
    h('div', { class: 'hp', 'aria-hidden': 'true' }, h('label', { for: ids.hp }, t('ui.lead.hp')), hp),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', 'data-action': 'back', onclick: onBack }, t('ui.back')),
      submit,
    ),
    status,
    mailtoBox,
  )
  const element = h('section', { class: 'lead-section', part: 'lead' }, heading, h('p', { class: 'muted' }, t('ui.lead.intro', { clinic: clinicName })), form)

  const read = () => ({
    name: name.value.trim(),
    email: email.value.trim(),
    phone: phonePolicy === 'hidden' ? '' : phone.value.trim(),
    preferred_contact: form.querySelector(`input[name="${methodName}"]:checked`)?.value || 'email',
    consent_contact: consent.checked,
    consent_health: Boolean(health?.checked),
    consent_marketing: marketing ? marketing.checked : false,
    consent_text: health?.checked ? `${consentText} ${healthText}` : consentText,
    hp: hp.value,
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    onSubmit(read())
  })

  const targets = {
    '/contact/name': [name, errors.name, 'ui.lead.error.name'],
    '/contact/email': [email, errors.email, 'ui.lead.error.email'],
    '/contact/phone': [phone, errors.phone, 'ui.lead.error.phone'],
    '/consent/contact': [consent, errors.consent, 'ui.lead.error.consent'],
  }
  const showErrors = (list) => {
    for (const [input, errorId] of Object.values(targets)) {
      input.removeAttribute('aria-invalid')
      const box = form.querySelector(`#${errorId}`)
      if (box) box.textContent = ''
    }
    const other = []
    let first = null
    for (const error of list) {
      const target = targets[error.pointer]
      if (target) {
        const [input, errorId] = target
        input.setAttribute('aria-invalid', 'true')
        const box = form.querySelector(`#${errorId}`)
        // Field-specific texts read better than the generic ones for the common problems.
        const generic = ['required', 'invalid_email', 'invalid_value', 'wrong_type', 'missing'].includes(error.code)
        if (box && !box.textContent) box.textContent = generic || !error.message ? t(target[2]) : error.message
        first ||= input
      } else if (error.message) {
        other.push(error.message)
      }
    }
    summary.hidden = list.length === 0
    summary.textContent = list.length ? [t('ui.lead.error.summary'), ...other].join(' ') : ''
    first?.focus()
  }
  const setStatus = (text) => {
    status.textContent = text
  }
  const setBusy = (busy) => {
    submit.disabled = busy
    submit.textContent = busy ? t('ui.lead.sending') : t('ui.lead.submit')
  }
  const showMailto = (href, intro) => {
    mailtoBox.hidden = false
    mailtoBox.replaceChildren(h('p', null, intro), h('a', { class: 'button', href, 'data-action': 'mailto' }, t('ui.lead.mailto')))
  }
  return { element, heading, read, showErrors, setStatus, setBusy, showMailto }
}

/** The lead@1 document; health answers only with consent; consent.photos only when photos go
 * with it (SPEC §8). */
export function buildLead({ form, answers, result, context, clientId }) {
  const sentAnswers = structuredClone(answers)
  if (!form.consent_health) delete sentAnswers.medical
  const contact = { name: form.name, email: form.email, preferred_contact: form.preferred_contact }
  if (form.phone) contact.phone = form.phone
  const summary = { verdict: result?.verdict || '' }
  if (result?.estimate) {
    summary.low = result.estimate.low
    summary.high = result.estimate.high
    summary.currency = result.estimate.currency
  }
  return {
    schema: 'smp-consult/lead@1',
    contact,
    consent: {
      contact: form.consent_contact,
      health_data: form.consent_health,
      marketing: form.consent_marketing,
      ...(form.consent_photos ? { photos: true } : {}),
      text: form.consent_text,
      given_at: new Date().toISOString(),
    },
    answers: sentAnswers,
    context,
    summary,
    client_id: clientId,
    hp: form.hp,
  }
}

const sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })

/** The request body: the lead as JSON, or with photos multipart/form-data (SPEC §8): part `lead`
 * (application/json) and one part `photo` per photo, named `<view>.jpg`. */
function leadBody(lead, photos) {
  const json = JSON.stringify(lead)
  if (!photos.length) return { body: json, headers: { 'content-type': 'application/json' } }
  const form = new FormData()
  form.append('lead', new Blob([json], { type: 'application/json' }), 'lead.json')
  for (const { view, blob } of photos) form.append('photo', blob, `${view}.jpg`)
  // (fetch writes the multipart content-type with its boundary)
  return { body: form, headers: {} }
}

/**
 * POSTs the lead (with `photos` [{view, blob}] as multipart); retries network errors, 429 and
 * 5xx with exponential backoff (bounded). Resolves {ok:true, leadId} | {ok:false, status, errors}.
 */
export async function sendLead(endpoint, lead, { onRetry, signal, attempts = 6, baseDelayMs = 1000, photos = [] } = {}) {
  let last = { ok: false, status: 0, errors: [] }
  const request = leadBody(lead, photos)
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (signal?.aborted) break
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        credentials: 'same-origin',
        signal,
      })
      let body = {}
      try {
        body = await response.json()
      } catch {
        body = {}
      }
      if (response.ok) return { ok: true, leadId: String(body.lead_id ?? '') }
      last = { ok: false, status: response.status, errors: Array.isArray(body.errors) ? body.errors : [] }
      if (response.status !== 429 && response.status < 500) return last
    } catch {
      last = { ok: false, status: 0, errors: [] }
    }
    if (attempt + 1 < attempts) {
      const delay = baseDelayMs * 2 ** attempt
      onRetry?.(Math.round(delay / 1000))
      await sleep(delay, signal)
    }
  }
  return last
}
