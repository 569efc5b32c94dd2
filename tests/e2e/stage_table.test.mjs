// The stage picker draws from the core's stage geometry table (issue 17: one source for the
// picker and the preview): every Norwood diagram the widget shows has the crown, bridge and
// thinning band of its row in `smp-consult preview --stage-table`, and the front view exactly for
// the rows that ask for one (picker_front).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { test } from 'node:test'

import { root } from '../wasm/load-core.mjs'
import { openPage } from './helpers/browser.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, start } from './helpers/widget.mjs'

const W = 'smp-consultation'
const cli = process.env.SMP_CONSULT_BIN || path.join(root, 'build/ci/src/cli/smp-consult')
const site = useDemoSite({ browser: {} })

test("the Norwood stage picker's diagrams are the core table's rows", async () => {
  const table = JSON.parse(execFileSync(cli, ['preview', '--stage-table'], { encoding: 'utf8' }))
  assert.equal(table.format, 'smp-consult/stage-table@1')
  const { page, problems } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  let drawn = null
  await answerAll(page, { age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'IV' }, desired_look: 'shaved' }, {
    onStep: async (id) => {
      if (id !== 'norwood_stage' || drawn) return
      drawn = await page.evaluate((sel) => {
        const out = {}
        for (const svg of document.querySelector(sel).shadowRoot.querySelectorAll('svg[data-diagram^="norwood-"]')) {
          const numbers = (el, names) => (el ? Object.fromEntries(names.map((n) => [n, Number(el.getAttribute(n))])) : null)
          const [, front, stage] = /^norwood-(front-)?(.+)$/.exec(svg.dataset.diagram)
          const row = (out[stage] ??= {})
          if (front) {
            row.front = true
            continue
          }
          const skins = [...svg.querySelectorAll('ellipse.diagram-skin')]
          row.crown = numbers(skins.find((e) => Number(e.getAttribute('cy')) >= 70), ['ry'])
          row.bridge = numbers(svg.querySelector('rect.diagram-hair'), ['x', 'y', 'width', 'height'])
          row.thin = numbers(svg.querySelector('rect.diagram-thin'), ['x', 'y', 'width', 'height'])
        }
        return out
      }, W)
    },
  })
  assert.ok(drawn, 'the Norwood stage question was shown')
  assert.deepEqual(Object.keys(drawn).sort(), Object.keys(table.norwood).sort())
  for (const [stage, row] of Object.entries(table.norwood)) {
    const shown = drawn[stage]
    assert.equal(Boolean(shown.front), Boolean(row.picker_front), `${stage}: front view`)
    assert.deepEqual(shown.crown, row.crown ? { ry: row.crown * 1.1 } : null, `${stage}: crown`)
    assert.deepEqual(shown.bridge, row.bridge ?? null, `${stage}: bridge`)
    assert.deepEqual(shown.thin, row.thin ?? null, `${stage}: thinning band`)
  }
  assert.deepEqual(problems.pageErrors, [])
})
