// The size budget scripts/build-web enforces: what a visitor downloads before the first question.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { brotliDecompressSync } from 'node:zlib'

import { root, widgetDist } from './load-core.mjs'

const check = path.join(root, 'scripts/check-budget')

function runCheck(env = {}) {
  return spawnSync('bash', [check, widgetDist], { encoding: 'utf8', env: { ...process.env, ...env } })
}

test('the bundled widget folder is within its first-question budget', () => {
  assert.ok(existsSync(path.join(widgetDist, 'later-steps.js.gz')), 'dist/smp is bundled (run scripts/build-web)')
  const run = runCheck()
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stdout, /\d+ KB gzip until the first question/)
})

test('the budget is 90 KB gzip (issue 14), and brotli is reported beside it', () => {
  const run = runCheck()
  assert.equal(run.status, 0, run.stderr)
  assert.match(run.stdout, /\(budget 92160 gzip\)/)
  assert.match(run.stdout, /brotli \d+ KB\)/)
  // Each counted file's .gz and .br siblings, as build-web wrote them (what the hosts serve).
  const [, gzip, brotli] = run.stdout.match(/total (\d+) \/ (\d+)/).map(Number)
  assert.ok(gzip <= 92160, `${gzip} bytes gzip`)
  assert.ok(brotli > 0 && brotli < gzip, `${brotli} bytes brotli`)
  for (const name of ['smp-consult.js', 'smp-core.wasm']) {
    assert.match(run.stdout, new RegExp(`${name.replace('.', '\\.')} ${statSync(path.join(widgetDist, `${name}.gz`)).size} / ${statSync(path.join(widgetDist, `${name}.br`)).size}`))
    const file = path.join(widgetDist, name)
    assert.deepEqual(brotliDecompressSync(readFileSync(`${file}.br`)), readFileSync(file), `${name}.br`)
  }
})

test('a build over the budget fails', () => {
  const run = runCheck({ SMP_FIRST_QUESTION_BUDGET_BYTES: '1000' })
  assert.equal(run.status, 1, run.stdout)
  assert.match(run.stderr, /over the budget of 1000 bytes/)
})

test('the intro is within its first-screen budget (smp-consult.js and the config, 25 KB gzip); over it the build fails', () => {
  const within = runCheck()
  assert.equal(within.status, 0, within.stderr)
  const shown = /(\d+) KB gzip until the first screen/.exec(within.stdout)
  assert.ok(shown && Number(shown[1]) <= 25, within.stdout)
  const over = runCheck({ SMP_FIRST_SCREEN_BUDGET_BYTES: '1000' })
  assert.equal(over.status, 1, over.stdout)
  assert.match(over.stderr, /before the first screen, over the budget of 1000 bytes/)
})
