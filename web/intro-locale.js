// The intro's locale and texts from the clinic config as written, before the core has loaded:
// the same as the core's `messages(config, locale)` gives for the locale the element asks for
// (tests/wasm/intro-parity.test.mjs holds them equal). `catalogue` is what
// `smp-consult messages --intro` prints (scripts/build-web writes it as intro-catalogue.js).

/** "es-MX", " ES " -> "es": the language part the widget uses to choose a catalogue file. */
export function language(tag) {
  return String(tag || '').trim().toLowerCase().slice(0, 2)
}

/**
 * The locale the element asks the core for: the locale attribute, the config's default, then the
 * first of the browser's languages the clinic offers. `pubLocales`: publicConfig's locales once
 * the core has validated the config (before that only the raw config is at hand).
 */
export function requestedLocale({ attr, rawConfig, pubLocales, languages, supported }) {
  const locales = pubLocales || rawConfig?.locales
  const available = Array.isArray(locales?.available) ? locales.available : supported
  const fromAttr = language(attr)
  if (fromAttr) return fromAttr
  if (rawConfig?.locales?.default) return String(rawConfig.locales.default)
  for (const tag of languages || []) {
    const short = language(tag)
    if (available.includes(short)) return short
  }
  return pubLocales?.default || 'en'
}

// The core's language_part (src/core/messages.cpp): up to "-" or "_", ASCII lower case.
const languagePart = (tag) => String(tag).split(/[-_]/)[0].replace(/[A-Z]/g, (c) => c.toLowerCase())

/**
 * The core's resolve_locale over the config as written: the requested language when the clinic
 * offers it, else the clinic's default, else English. (A config the core rejects gets the
 * failure view, whatever this says.)
 */
export function resolveLocale(requested, rawConfig, supported) {
  const listed = rawConfig?.locales?.available
  const valid = Array.isArray(listed) ? listed.filter((l) => supported.includes(l)) : []
  const available = valid.length ? valid : supported
  const wanted = languagePart(requested)
  if (supported.includes(wanted) && available.includes(wanted)) return wanted
  const fallback = rawConfig?.locales?.default
  if (typeof fallback === 'string' && supported.includes(fallback) && available.includes(fallback)) return fallback
  return 'en'
}

/** The intro's texts for `locale`: the catalogue's, with the clinic's `copy` of them applied. */
export function introTexts(catalogue, locale, rawConfig) {
  const texts = { ...(catalogue.texts[locale] || catalogue.texts.en) }
  const copy = rawConfig?.copy?.[locale]
  if (copy && typeof copy === 'object') {
    for (const key of Object.keys(texts)) if (typeof copy[key] === 'string') texts[key] = copy[key]
  }
  return texts
}

/** The clinic's name as the core gives it (its default when the config has none). */
export function clinicName(catalogue, rawConfig) {
  const name = rawConfig?.clinic?.name
  return typeof name === 'string' ? name : catalogue.default_clinic_name
}
