// The result's preview module (smp-preview.wasm: the core's SVG renderer of "what it could look
// like"), loaded once per page when a visitor's result shows; smp-core.wasm, which every visitor
// downloads before the first question, does not carry it.
import { broken, parseAnswer as parse } from './core-answer.js'
import { sideCore } from './side-core.js'
import SmpPreview from './smp-preview.mjs'

/** The preview module's function with JS values in and out; never throws. */
class PreviewCore {
  constructor(module) {
    this.module = module
    this.dead = false
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

/** Resolves to the PreviewCore of the page, with the preview.* texts (which build-web cuts from
 * the catalogue) for `lang` loaded. */
export const loadPreviewCore = sideCore({ factory: SmpPreview, wasm: 'smp-preview.wasm', texts: 'preview', base: import.meta.url, wrap: (module) => new PreviewCore(module) })
