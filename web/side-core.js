// What photo-core.js and preview-core.js share: a module of the core other than smp-core.wasm
// (its Emscripten glue and .wasm), loaded once per page when a visitor first needs it, and its
// texts (<texts>.en.json, built into no wasm, and the visitor's language), each file loaded once.
// esbuild bundles this file into each of them: no request of its own.

import { parseAnswer } from './core-answer.js'

/**
 * `load(lang)` for one side module: resolves to `wrap(module)`, made once per page from the glue
 * `factory` and `wasm` (a file name beside `base`, the caller's import.meta.url), with the texts
 * for `lang` loaded (`lang`: the locale the page's core resolved, so its file exists). A failure
 * lets the next call retry.
 */
export function sideCore({ factory, wasm, texts, base, wrap }) {
  let corePromise = null
  const loadedTexts = new Set()
  const fetchText = (name) =>
    fetch(new URL(name, base), { credentials: 'same-origin' }).then((response) =>
      response.ok ? response.text() : Promise.reject(new Error(`${name}: HTTP ${response.status}`)),
    )
  return async function load(lang) {
    if (!corePromise) {
      const wasmUrl = new URL(`./${wasm}`, base)
      corePromise = new Promise((resolve, reject) => {
        // (the glue streams the .wasm from locateFile's URL)
        factory({ locateFile: (path) => new URL(path, wasmUrl).href, onAbort: (what) => reject(new Error(`${wasm} aborted: ${what}`)), print() {}, printErr() {} }).then(
          (module) => resolve({ module, core: wrap(module) }),
          reject,
        )
      }).catch((error) => {
        corePromise = null
        throw error
      })
    }
    const { module, core } = await corePromise
    for (const name of [`${texts}.en.json`, ...(lang !== 'en' ? [`${texts}.${lang}.json`] : [])]) {
      if (loadedTexts.has(name)) continue
      const loaded = parseAnswer(module.loadMessages(await fetchText(name)))
      if (loaded.ok !== true) throw new Error(`${name}: ${loaded.errors?.[0]?.message}`)
      loadedTexts.add(name)
    }
    return core
  }
}
