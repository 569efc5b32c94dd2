// prefill-<question> attributes and smp_<question> URL parameters answer questions ahead, for a
// clinic's page or campaign link ("I want to keep my length": smp_desired_look=keep_length).
// Only the questions the core marks prefill (never a medical one); a value must be one of the
// question's answer values, or a YYYY-MM-DD date for a date question; anything else is ignored.
// The URL wins over the attribute: it is the more specific of the two.

/** The answer value `raw` gives question `q`, or undefined. */
export function prefillValue(q, raw) {
  if (typeof raw !== 'string') return undefined
  const text = raw.trim()
  if (q.kind === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined
  return (q.options || []).find((option) => String(option.value) === text)?.value
}

/** The raw prefill for question `id`: smp_<id> from the URL, else the prefill-<id> attribute. */
export function prefillRaw(host, id) {
  return new URLSearchParams(location.search).get(`smp_${id}`) ?? host.getAttribute(`prefill-${id}`)
}
