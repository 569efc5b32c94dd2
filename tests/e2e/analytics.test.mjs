// analytics.data_layer (issue 13): the widget pushes smp_ready, smp_step {section, index, total},
// smp_result {verdict, low, high, currency} and smp_lead to window.dataLayer — never an answer,
// never a question id; without the setting it pushes nothing.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import { openPage } from './helpers/browser.mjs'
import { root } from './helpers/server.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start } from './helpers/widget.mjs'

const W = 'smp-consultation'
const site = useDemoSite({ browser: {} })
const PERSONA = { dob: '1991-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', medical: { keloid_prone: false } }

test('the data layer gets the milestones and nothing the visitor answered', async () => {
  const demo = JSON.parse(readFileSync(path.join(root, 'web/demo/clinic.json'), 'utf8'))
  await site.context.route('**/fixtures/analytics-clinic.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...demo, analytics: { data_layer: true } }) }))
  await site.context.route('**/api/leads', (route) => route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ lead_id: 'L-1' }) }))
  try {
    const { page } = await openPage(site.context, `${site.url}/fixtures/analytics.html`)
    await start(page)
    await answerAll(page, PERSONA)
    const shown = await readResult(page)
    await page.locator(`${W} [data-action="send"]`).click()
    await page.locator(`${W} input[name="name"]`).fill('Marco Tester')
    await page.locator(`${W} input[name="email"]`).fill('marco@example.com')
    await page.locator(`${W} input[name="consent_contact"]`).check()
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    await page.waitForFunction(() => (window.dataLayer || []).some((e) => e.event === 'smp_lead'))
    const layer = await page.evaluate(() => window.dataLayer)
    assert.deepEqual(layer.map((e) => e.event), ['smp_ready', ...Array(8).fill('smp_step'), 'smp_result', 'smp_lead'])
    const steps = layer.filter((e) => e.event === 'smp_step')
    assert.deepEqual(steps.map((e) => e.index), [0, 1, 2, 3, 4, 5, 6, 7])
    assert.deepEqual([...new Set(steps.map((e) => e.total))], [8])
    assert.deepEqual(steps.map((e) => Object.keys(e).sort().join()), Array(8).fill('event,index,section,total'))
    assert.deepEqual([...new Set(steps.map((e) => e.section))], ['about_you', 'hair_loss', 'scars', 'health', 'timing'])
    const result = layer.find((e) => e.event === 'smp_result')
    assert.deepEqual(result, { event: 'smp_result', verdict: shown.verdict, low: shown.estimate.low, high: shown.estimate.high, currency: 'USD' })
    assert.deepEqual(layer.find((e) => e.event === 'smp_lead'), { event: 'smp_lead' })
    // No answer and no question id, health or other.
    assert.doesNotMatch(JSON.stringify(layer), /1991|male|norwood|shaved|keloid|medical|question|Marco|example\.com/)
  } finally {
    await site.context.unrouteAll()
  }
})

test('without analytics.data_layer nothing is pushed', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  assert.equal(await page.evaluate(() => window.dataLayer), undefined)
})
