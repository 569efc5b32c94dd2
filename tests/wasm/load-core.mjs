// Loads the real wasm modules in Node (dist/node, written by scripts/build-web beside dist/smp).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const dist = path.join(root, 'dist/node')
export const widgetDist = path.join(root, 'dist/smp')

// The bindings of smp-later.wasm (wasm/bindings_later.cpp); smp-core.wasm has the others.
export const LATER_BINDINGS = ['evaluate', 'planIcs', 'validateLead']

/** A fresh instance of one shipped module (dist/node/<name>.cjs + .wasm). */
export async function loadModule(name) {
  const glue = path.join(dist, `${name}.cjs`)
  const wasm = path.join(dist, `${name}.wasm`)
  if (!existsSync(glue) || !existsSync(wasm)) {
    throw new Error(`${glue} or ${wasm} missing: run scripts/build-web first`)
  }
  const factory = createRequire(import.meta.url)(glue)
  // Node 20's fetch cannot read file paths, so the bytes are handed over directly.
  return factory({ wasmBinary: readFileSync(wasm), print() {}, printErr() {} })
}

/**
 * A fresh instance of the core as the widget loads it: smp-core.wasm and smp-later.wasm joined
 * the way web/core-loader.js joins them (each binding from the module that has it; catalogues
 * into both), as one object of Embind functions. The wasm has English built in; like the
 * widget for a Spanish visitor, the other locales' catalogues (dist/smp/messages.<locale>.json)
 * are loaded unless `catalogues` is false.
 */
export async function loadCore({ catalogues = true } = {}) {
  const [first, later] = await Promise.all([loadModule('smp-core'), loadModule('smp-later')])
  const core = {}
  for (const name of ['version', 'validateConfig', 'publicConfig', 'messages', 'questions']) core[name] = (...args) => first[name](...args)
  for (const name of LATER_BINDINGS) core[name] = (...args) => later[name](...args)
  core.loadMessages = (catalogue) => {
    const loaded = first.loadMessages(catalogue)
    return JSON.parse(loaded).ok === true ? later.loadMessages(catalogue) : loaded
  }
  return catalogues ? withTexts(core, /^messages\.[a-z]+\.json$/) : core
}

/** Loads every dist/smp text file whose name matches `pattern` into `module` (its loadMessages). */
function withTexts(module, pattern) {
  for (const file of readdirSync(widgetDist).filter((f) => pattern.test(f))) {
    const loaded = JSON.parse(module.loadMessages(readFileSync(path.join(widgetDist, file), 'utf8')))
    if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.errors)}`)
  }
  return module
}

/** A fresh instance of the photo step's module (smp-photos.wasm) with the widget's texts loaded. */
export async function loadPhotos() {
  return withTexts(await loadModule('smp-photos'), /^photos\.[a-z]+\.json$/)
}

export function demoConfig() {
  return readFileSync(path.join(root, 'web/demo/clinic.json'), 'utf8')
}

/**
 * A fresh instance of the result picture's module (smp-preview.wasm). Its preview.* texts are
 * later texts, as on the page: the widget's messages.en.json (and the other locales'
 * messages.<locale>.json) are loaded into it unless `catalogues` is false.
 */
export async function loadPreview({ catalogues = true } = {}) {
  const preview = await loadModule('smp-preview')
  return catalogues ? withTexts(preview, /^messages\.[a-z]+\.json$/) : preview
}
