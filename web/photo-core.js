// The photo step's WebAssembly module (smp-photos.wasm: the core's photo views and its on-device
// quality check), loaded once per page when a visitor reaches the photos; the module every
// visitor downloads before the first question (smp-core.wasm) does not carry it, nor its texts.
import { parseAnswer as parse } from './core-answer.js'
import { sideCore } from './side-core.js'
import SmpPhotos from './smp-photos.mjs'

/** The photo module's functions with JS values in and out. */
class PhotoCore {
  constructor(module) {
    this.module = module
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

/** Resolves to the PhotoCore of the page, with the photos.* texts for `lang` loaded. */
export const loadPhotoCore = sideCore({ factory: SmpPhotos, wasm: 'smp-photos.wasm', texts: 'photos', base: import.meta.url, wrap: (module) => new PhotoCore(module) })
