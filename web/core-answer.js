// The core's JSON answers as JS values, for every loader of a core module (core-loader.js,
// side-core.js): its {ok: false, errors} shape for what goes wrong outside the core (an abort,
// an answer that is not JSON). esbuild bundles this file into each loader: no request of its own.

/** The core's error shape, code `core_failed`. */
export const broken = (message) => ({ ok: false, errors: [{ pointer: '', code: 'core_failed', message }] })

/** A binding's JSON answer as a value; `fallback` when it is not JSON. */
export function parseAnswer(text, fallback = broken('invalid JSON')) {
  try {
    return JSON.parse(text)
  } catch {
    return fallback
  }
}
