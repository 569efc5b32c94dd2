// Display formatting only (Intl): the core has already decided every figure and date.
const cache = new Map()

function memo(key, make) {
  if (!cache.has(key)) cache.set(key, make())
  return cache.get(key)
}

/** Replaces {name} placeholders from params. */
export function fill(text, params = {}) {
  return String(text ?? '').replace(/\{(\w+)\}/g, (m, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m,
  )
}

/** A plain number (hours: 2.5). */
export function number(value, locale) {
  if (typeof value !== 'number') return String(value ?? '')
  return memo(`n|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(value)
}

function utcDate(iso) {
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) ? null : d
}

/** A YYYY-MM-DD calendar date as text, e.g. "Tue, 10 Jun 2025" (always UTC: it is a calendar day). */
export function date(iso, locale, style = 'long') {
  const d = utcDate(iso)
  if (!d) return String(iso ?? '')
  const options =
    style === 'short'
      ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
      : { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
  return memo(`d|${locale}|${style}`, () => new Intl.DateTimeFormat(locale, options)).format(d)
}

/** A year (touch-up reminder "2029"). */
export function year(iso) {
  const d = utcDate(iso)
  return d ? String(d.getUTCFullYear()) : ''
}

/** Today's YYYY-MM-DD in a time zone (the clinic's), falling back to UTC. Temporal where the
 * browser has it: an Intl.DateTimeFormat also loads ICU's date patterns, +0.8 MB of the page's
 * memory on every visit without a `today` attribute (bench/web). */
export function todayIn(timeZone) {
  const now = new Date()
  try {
    if (typeof Temporal === 'object') return String(Temporal.Now.plainDateISO(timeZone || 'UTC'))
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return now.toISOString().slice(0, 10)
  }
}
