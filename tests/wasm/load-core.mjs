// Loads the real dist/smp/smp-core.wasm in Node (built by scripts/build-web).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const dist = path.join(root, 'dist/node')
export const widgetDist = path.join(root, 'dist/smp')

/**
 * A fresh instance of the core module (Embind functions on the returned object). The wasm has
 * English built in; like the widget for a Spanish visitor, the other locales' catalogues
 * (dist/smp/messages.<locale>.json) are loaded unless `catalogues` is false.
 */
export async function loadCore({ catalogues = true } = {}) {
  const glue = path.join(dist, 'smp-core.cjs')
  const wasm = path.join(dist, 'smp-core.wasm')
  if (!existsSync(glue) || !existsSync(wasm)) {
    throw new Error(`${glue} or ${wasm} missing: run scripts/build-web first`)
  }
  const factory = createRequire(import.meta.url)(glue)
  // Node 20's fetch cannot read file paths, so the bytes are handed over directly.
  const core = await factory({ wasmBinary: readFileSync(wasm), print() {}, printErr() {} })
  if (catalogues) {
    for (const file of readdirSync(widgetDist).filter((f) => /^messages\.[a-z]+\.json$/.test(f))) {
      const loaded = JSON.parse(core.loadMessages(readFileSync(path.join(widgetDist, file), 'utf8')))
      if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.errors)}`)
    }
  }
  return core
}

/** A fresh instance of the photo step's module (smp-photos.wasm) with the widget's texts loaded. */
export async function loadPhotos() {
  const glue = path.join(dist, 'smp-photos.cjs')
  const wasm = path.join(dist, 'smp-photos.wasm')
  if (!existsSync(glue) || !existsSync(wasm)) {
    throw new Error(`${glue} or ${wasm} missing: run scripts/build-web first`)
  }
  const photos = await createRequire(import.meta.url)(glue)({ wasmBinary: readFileSync(wasm), print() {}, printErr() {} })
  for (const file of readdirSync(widgetDist).filter((f) => /^photos\.[a-z]+\.json$/.test(f))) {
    const loaded = JSON.parse(photos.loadMessages(readFileSync(path.join(widgetDist, file), 'utf8')))
    if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.errors)}`)
  }
  return photos
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
  const glue = path.join(dist, 'smp-preview.cjs')
  const wasm = path.join(dist, 'smp-preview.wasm')
  if (!existsSync(glue) || !existsSync(wasm)) {
    throw new Error(`${glue} or ${wasm} missing: run scripts/build-web first`)
  }
  const preview = await createRequire(import.meta.url)(glue)({ wasmBinary: readFileSync(wasm), print() {}, printErr() {} })
  if (catalogues) {
    for (const file of readdirSync(widgetDist).filter((f) => /^messages\.[a-z]+\.json$/.test(f))) {
      const loaded = JSON.parse(preview.loadMessages(readFileSync(path.join(widgetDist, file), 'utf8')))
      if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.errors)}`)
    }
  }
  return preview
}
