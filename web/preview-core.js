// The result's preview module (smp-preview.wasm: the core's SVG renderer of "what it could look
// like"), loaded once per page when a visitor's result shows; smp-core.wasm, which every visitor
// downloads before the first question, does not carry it.
import SmpPreview from './smp-preview.mjs'

const base = import.meta.url
let previewPromise = null
const loadedTexts = new Set()

function fetchText(name) {
  return fetch(new URL(name, base), { credentials: 'same-origin' }).then((response) =>
    response.ok ? response.text() : Promise.reject(new Error(`${name}: HTTP ${response.status}`)),
  )
}

const broken = (message) => ({ ok: false, errors: [{ pointer: '', code: 'core_failed', message }] })
const parse = (text) => {
  try {
    return JSON.parse(text)
  } catch {
    return broken('invalid JSON')
  }
}

/** The preview module's function with JS values in and out; never throws. */
class PreviewCore {
  constructor(module) {
    this.module = module
    this.dead = false
  }

  /** Loads the preview's texts (preview.<locale>.json, which build-web cuts from the catalogue:
   * English, built into no wasm, and the visitor's language) into this module, once each. `lang`
   * is the locale the page's core resolved, so its file exists. */
  async loadTexts(lang) {
    for (const name of ['preview.en.json', ...(lang !== 'en' ? [`preview.${lang}.json`] : [])]) {
      if (loadedTexts.has(name)) continue
      const loaded = parse(this.module.loadMessages(await fetchText(name)))
      if (loaded.ok !== true) throw new Error(`${name}: ${loaded.errors?.[0]?.message}`)
      loadedTexts.add(name)
    }
  }

  /** The preview's labels (preview.* texts as the core resolves them, clinic copy applied). */
  labels(config, locale) {
    if (this.dead) return {}
    try {
      const texts = parse(this.module.previewTexts(config, locale))
      return texts && texts.ok !== false ? texts : {}
    } catch {
      this.dead = true
      return {}
    }
  }

  /** The core's picture: {ok, svg, view, state, style, styles, areas, alt, change, caption} or
   * {ok: false, errors}. options: {view, style, state}. */
  preview(config, answers, options, locale) {
    if (this.dead) return broken('preview stopped')
    try {
      return parse(this.module.preview(config, JSON.stringify(answers), JSON.stringify(options), locale))
    } catch (error) {
      // An abort leaves the instance unusable: no more pictures on this page.
      this.dead = true
      return broken(String(error?.message || error))
    }
  }
}

/** Resolves to the PreviewCore of the page (texts for `lang` loaded); a failure lets the next call retry. */
export function loadPreviewCore(lang) {
  if (!previewPromise) {
    const wasmUrl = new URL('./smp-preview.wasm', base)
    previewPromise = new Promise((resolve, reject) => {
      // (the glue streams the .wasm from locateFile's URL, as smp-photos.mjs does)
      SmpPreview({ locateFile: (path) => new URL(path, wasmUrl).href, onAbort: (what) => reject(new Error(`preview aborted: ${what}`)), print() {}, printErr() {} }).then(
        (module) => resolve(new PreviewCore(module)),
        reject,
      )
    }).catch((error) => {
      previewPromise = null
      throw error
    })
  }
  return previewPromise.then(async (core) => {
    await core.loadTexts(lang)
    return core
  })
}
