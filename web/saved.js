// Whether a consultation has a saved visit to resume (resume.js writes it): the intro is not
// painted over a visit that goes straight back to its step.

/** Where one consultation keeps its state: per config, so two clinics on a page never mix. */
export function resumeKey(host) {
  return `smp-consult:${host.getAttribute('config') || 'inline'}`
}

export function hasSaved(key) {
  try {
    return Boolean(sessionStorage.getItem(key) || localStorage.getItem(key))
  } catch {
    return false // storage blocked: nothing to resume
  }
}
