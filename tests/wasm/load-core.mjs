// Loads the real dist/smp/smp-core.wasm in Node (built by scripts/build-web).
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const dist = path.join(root, 'dist/node')

/** A fresh instance of the core module (Embind functions on the returned object). */
export async function loadCore() {
  const glue = path.join(dist, 'smp-core.cjs')
  const wasm = path.join(dist, 'smp-core.wasm')
  if (!existsSync(glue) || !existsSync(wasm)) {
    throw new Error(`${glue} or ${wasm} missing: run scripts/build-web first`)
  }
  const factory = createRequire(import.meta.url)(glue)
  // Node 20's fetch cannot read file paths, so the bytes are handed over directly.
  return factory({ wasmBinary: readFileSync(wasm), print() {}, printErr() {} })
}

export function demoConfig() {
  return readFileSync(path.join(root, 'web/demo/clinic.json'), 'utf8')
}
