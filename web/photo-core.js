// The photo step's WebAssembly module (smp-photos.wasm: the core's photo views and its on-device
// quality check), loaded once per page when a visitor reaches the photos; the module every
// visitor downloads before the first question (smp-core.wasm) does not carry it, nor its texts.
import SmpPhotos from './smp-photos.mjs'

const base = import.meta.url
let photosPromise = null
const loadedTexts = new Set()

function fetchText(name) {
  return fetch(new URL(name, base), { credentials: 'same-origin' }).then((response) =>
    response.ok ? response.text() : Promise.reject(new Error(`${name}: HTTP ${response.status}`)),
  )
}

const parse = (text) => {
  try {
    return JSON.parse(text)
  } catch {
    return { ok: false, errors: [{ pointer: '', code: 'core_failed', message: 'invalid JSON' }] }
  }
}

/** The photo module's functions with JS values in and out. */
class PhotoCore {
  constructor(module) {
    this.module = module
  }

  /** Loads the photo step's texts (photos.<locale>.json: English, built into no wasm, and the
   * visitor's language) into this module, once each. `lang` is the locale the page's core
   * resolved, so its file exists. */
  async texts(lang) {
    for (const name of ['photos.en.json', ...(lang !== 'en' ? [`photos.${lang}.json`] : [])]) {
      if (loadedTexts.has(name)) continue
      const loaded = parse(this.module.loadMessages(await fetchText(name)))
      if (loaded.ok !== true) throw new Error(`${name}: ${loaded.errors?.[0]?.message}`)
      loadedTexts.add(name)
    }
  }

  views(config, answers, today, locale) {
    return parse(this.module.photoViews(config, JSON.stringify(answers), today, locale))
  }

  /** The core's check of RGBA pixels (a canvas's ImageData): one copy into the module's memory. */
  check(config, rgba, width, height, locale) {
    const address = this.module.photoBuffer(rgba.length)
    if (!address) return { ok: false, errors: [{ pointer: '/pixels', code: 'invalid_pixels', message: 'photo too large' }] }
    // HEAPU8 is read after photoBuffer: growing the memory replaces it.
    this.module.HEAPU8.set(rgba, address)
    return parse(this.module.checkPhoto(config, width, height, 4, locale))
  }
}

/** Resolves to the PhotoCore of the page (texts for `lang` loaded); a failure lets the next call retry. */
export function loadPhotoCore(lang) {
  if (!photosPromise) {
    const wasmUrl = new URL('./smp-photos.wasm', base)
    photosPromise = new Promise((resolve, reject) => {
      SmpPhotos({ locateFile: (path) => new URL(path, wasmUrl).href, onAbort: (what) => reject(new Error(`photos aborted: ${what}`)), print() {}, printErr() {} }).then(
        (module) => resolve(new PhotoCore(module)),
        reject,
      )
    }).catch((error) => {
      photosPromise = null
      throw error
    })
  }
  return photosPromise.then(async (core) => {
    await core.texts(lang)
    return core
  })
}
