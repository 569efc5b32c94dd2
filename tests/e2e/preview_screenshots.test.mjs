// A screenshot per stage of the result's preview (SPEC §8): every row of the core's stage table x
// {today, smp} x {top, front}, drawn by the real smp-preview.wasm, rendered 200 px wide in
// headless Chromium, and compared with tests/fixtures/preview/<row>-<state>-<view>.png by the
// share of pixels that differ (Debian's python3-pil: tests/e2e/png_diff.py), so a geometry
// regression is seen while anti-aliasing noise is not.
//   Regenerate the references after an intended change of the drawing:
//   SMP_UPDATE_PREVIEW_REFERENCES=1 node --test tests/e2e/preview_screenshots.test.mjs
// The screenshots of the last run are in test-artifacts/preview/.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { after, before, test } from 'node:test'

import { loadPreview, root } from '../wasm/load-core.mjs'
import { artifacts, launch } from './helpers/browser.mjs'

const PY = '/usr/bin/python3'
const cli = process.env.SMP_CONSULT_BIN || path.join(root, 'build/ci/src/cli/smp-consult')
const references = path.join(root, 'tests/fixtures/preview')
const shots = path.join(artifacts, 'preview')
const update = process.env.SMP_UPDATE_PREVIEW_REFERENCES === '1'
// A pixel differs when a channel moves by more than THRESHOLD (of 255: the references' 64-colour
// palette moves none by more than 32); a picture matches when at most TOLERANCE of its pixels
// (11 of 44,800) differ. The closest two stages differ by 18 (Norwood VI and VII from the front),
// a missing crown or a moved hairline by thousands.
const THRESHOLD = 48
const TOLERANCE = 0.00025

// Answers for a row of the stage table (smp-consult preview --stage-table).
function answersFor(scale, stage) {
  const base = { desired_look: 'shaved', fitzpatrick: 3 }
  if (scale === 'alopecia_areata') return { ...base, pattern: { scale: 'none' }, cause: scale, alopecia_last_change: '2024-01-01' }
  if (scale === 'alopecia_totalis_universalis') return { ...base, pattern: { scale: 'none' }, cause: scale }
  if (scale === 'diffuse') return { ...base, pattern: { scale, extent: stage } }
  if (stage === '-') return { ...base, pattern: { scale } }
  return { ...base, pattern: { scale, stage } }
}

let browser
let module
before(async () => {
  browser = await launch({ viewport: { width: 400, height: 400 } })
  module = await loadPreview()
  mkdirSync(shots, { recursive: true })
})
after(async () => browser?.close())

test('every stage, today and with SMP, from the top and the front, matches its reference', async () => {
  const table = JSON.parse(execFileSync(cli, ['preview', '--stage-table'], { encoding: 'utf8' }))
  const rows = Object.entries(table).filter(([key]) => key !== 'format').flatMap(([scale, stages]) => Object.keys(stages).map((stage) => [scale, stage]))
  assert.ok(rows.length >= 22, `${rows.length} rows`)
  const page = browser.context.pages()[0] || (await browser.context.newPage())
  const pairs = []
  for (const [scale, stage] of rows) {
    for (const state of ['today', 'smp']) {
      for (const view of ['top', 'front']) {
        const out = JSON.parse(module.preview('{}', JSON.stringify(answersFor(scale, stage)), JSON.stringify({ view, state }), 'en'))
        assert.equal(out.ok, true, `${scale} ${stage}: ${JSON.stringify(out.errors)}`)
        await page.setContent(`<!doctype html><body style="margin:0;background:#fff"><div id="p" style="width:200px;height:224px">${out.svg}</div><style>svg{display:block;width:200px;height:224px}</style></body>`)
        const name = `${scale}-${stage === '-' ? 'all' : stage}-${state}-${view}.png`
        await page.locator('#p').screenshot({ path: path.join(shots, name) })
        pairs.push([path.join(references, name), path.join(shots, name)])
      }
    }
  }
  const results = JSON.parse(execFileSync(PY, [path.join(root, 'tests/e2e/png_diff.py')], { input: JSON.stringify({ mode: update ? 'update' : 'compare', threshold: THRESHOLD, pairs }), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }))
  if (update) {
    assert.equal(results.filter((r) => r.written).length, pairs.length)
    return
  }
  const problems = []
  for (const r of results) {
    const name = path.basename(r.reference)
    if (r.missing) problems.push(`${name}: no reference (run with SMP_UPDATE_PREVIEW_REFERENCES=1)`)
    else if (r.size.join('x') !== r.actual_size.join('x')) problems.push(`${name}: ${r.actual_size.join('x')} instead of ${r.size.join('x')}`)
    else if (r.differing > TOLERANCE * r.total) problems.push(`${name}: ${r.differing} of ${r.total} pixels differ`)
  }
  assert.deepEqual(problems, [], `see ${shots}`)
  assert.equal(results.length, rows.length * 4)
})
