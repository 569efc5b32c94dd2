// Who the visitor is dealing with: the clinic's name, practitioner text and contact details from
// the core's publicConfig, on the result and lead steps and on the printout.
import { h } from './dom.js'
import { date } from './format.js'

/** The clinic's contact card (part="clinic"); null when the config names no contact at all. */
export function clinicCard(clinic, t) {
  const name = clinic?.name || ''
  const phone = clinic?.phone || ''
  const email = clinic?.email || ''
  const address = clinic?.address || ''
  const practitioner = clinic?.practitioner_copy || ''
  if (!phone && !email && !address && !practitioner) return null
  const row = (key, value, href) =>
    value ? [h('dt', null, t(`ui.clinic.${key}`)), h('dd', { 'data-clinic': key }, href ? h('a', { href }, value) : value)] : null
  return h(
    'section',
    { class: 'clinic', part: 'clinic', 'aria-label': t('ui.clinic.title') },
    h('h3', { 'data-clinic': 'name' }, name || t('ui.clinic.title')),
    practitioner ? h('p', { 'data-clinic': 'practitioner' }, practitioner) : null,
    h(
      'dl',
      { class: 'clinic-contact' },
      row('phone', phone, `tel:${phone.replace(/[^+\d]/g, '')}`),
      row('email', email, `mailto:${email}`),
      row('address', address),
    ),
  )
}

/** "Prepared by {clinic} on {date}": the printout's and the result's consultation date. */
export function preparedLine(clinic, asOf, t, locale) {
  if (!asOf) return null
  return h(
    'p',
    { class: 'prepared small muted', 'data-prepared': asOf },
    t('ui.result.prepared', { clinic: clinic?.name || '', date: '\u0000' })
      .split('\u0000')
      .flatMap((part, i) => (i === 0 ? [part] : [h('time', { datetime: asOf }, date(asOf, locale)), part])),
  )
}
