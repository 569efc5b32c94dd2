// What the core says for a scenario with the demo clinic's config (computed with the same wasm in
// Node), so the UI can be checked against it; scenario fixtures give the config-independent parts.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { demoConfig, loadCore } from '../../wasm/load-core.mjs'
import { root } from './server.mjs'

let corePromise = null

export function scenario(id) {
  const dir = path.join(root, 'tests/fixtures/scenarios')
  const file = readdirSync(dir).find((f) => f === `${id}.json`)
  if (!file) return null
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8'))
}

export async function expectedResult(answers, today, locale = 'en') {
  corePromise ||= loadCore()
  const core = await corePromise
  const out = JSON.parse(core.evaluate(demoConfig(), JSON.stringify(answers), today, locale))
  if (!out.ok) throw new Error(JSON.stringify(out.errors))
  return out.result
}
