// The steps after the first question (stage diagrams, result, lead form, done and their styles)
// are one module, later-steps.js, fetched with import() so the first download holds only the
// intro and the questions; their English texts (messages.en.json) and the core's module for them
// (smp-later.wasm: evaluate, planIcs, validateLead) come with it. The element
// starts both once the visitor interacts with the first question (prefetchLater), so a later
// step normally finds them loaded; one that does not waits.
import { loadLaterCore } from './core-loader.js'

let pending = null
let loaded = null
let scheduled = false

/** Resolves to the later-steps module once it, its texts and smp-later.wasm are loaded; after a
 * failure the next call tries again. */
export function loadLater() {
  if (loaded) return Promise.resolve(loaded)
  if (!pending) {
    // Relative to this module's URL in both builds (bundled: beside smp-consult.js).
    pending = Promise.all([import('./later-steps.js'), loadLaterCore()]).then(
      ([module]) => {
        loaded = module
        return module
      },
      (error) => {
        pending = null
        throw error
      },
    )
  }
  return pending
}

/** The module once loaded (with its texts and core), else null: rendering a step stays synchronous. */
export function laterSteps() {
  return loaded
}

/** Starts loading when the browser is next idle, i.e. after the current frame has painted. */
export function prefetchLater() {
  if (loaded || pending || scheduled) return
  scheduled = true
  // A failure here stays quiet: the step that needs the module reports it.
  const start = () => loadLater().catch(() => {})
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 1000 })
  else requestAnimationFrame(() => setTimeout(start))
}
