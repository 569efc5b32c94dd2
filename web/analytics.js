// analytics.data_layer (config): the widget's milestones pushed to the page's window.dataLayer,
// the Google Tag Manager / GA4 convention. Only these fields, picked from the element's own
// events: never an answer, never a question id (a health question's id would reveal a condition).
const FIELDS = {
  'smp-ready': [],
  'smp-step': ['section', 'index', 'total'],
  'smp-result': ['verdict', 'low', 'high', 'currency'],
  'smp-lead': [],
}

/** Pushes {event: "smp_step", section, index, total}-style entries for the events above. */
export function pushDataLayer(type, detail) {
  const fields = FIELDS[type]
  if (!fields) return
  const entry = { event: type.replace('-', '_') }
  for (const field of fields) if (detail?.[field] !== undefined) entry[field] = detail[field]
  try {
    window.dataLayer = window.dataLayer || []
    window.dataLayer.push(entry)
  } catch {
    // A page's own dataLayer that throws is the page's problem, never the visitor's.
  }
}
