// Prefill and attribution (issue 13): prefill-<question> attributes and smp_<question> URL
// parameters answer the non-medical questions the core marks prefill (never a medical one, never
// an invalid value); utm_*, gclid and fbclid from the page URL travel in the lead's context.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { launch, openPage } from './helpers/browser.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start } from './helpers/widget.mjs'

const W = 'smp-consultation'
const site = useDemoSite({ browser: {} })

const checked = (page, id) => page.locator(`${W} fieldset[data-question="${id}"] input:checked`).evaluateAll((all) => all.map((i) => i.value))
const fieldsets = (page) => page.locator(`${W} fieldset[data-question]`).evaluateAll((all) => all.map((f) => f.dataset.question))

async function nextScreen(page) {
  const first = (await fieldsets(page))[0]
  await page.locator(`${W} [data-action="next"]`).click()
  await page.waitForFunction(([sel, prev]) => document.querySelector(sel).shadowRoot.querySelector('fieldset[data-question]')?.dataset.question !== prev, [W, first])
}

test('attributes and URL parameters prefill non-medical answers only; the URL wins', async () => {
  const { page } = await openPage(site.context, `${site.url}/fixtures/prefill.html?smp_pattern_scale=norwood&smp_norwood_stage=IV&smp_chemotherapy=current&smp_requested_start=2025-07-01`)
  await start(page, { today: '2025-06-01' })
  // prefill.js arrives on its own (only pages that prefill fetch it).
  await page.locator(`${W} fieldset[data-question="sex"] input[value="female"]:checked`).waitFor()
  assert.deepEqual(await checked(page, 'sex'), ['female'])
  await page.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).fill('1980-05-05')
  await nextScreen(page)
  assert.deepEqual(await checked(page, 'pattern_scale'), ['norwood'], 'smp_pattern_scale beats prefill-pattern_scale')
  await nextScreen(page)
  assert.deepEqual(await checked(page, 'norwood_stage'), ['IV'])
  await nextScreen(page)
  assert.deepEqual(await checked(page, 'desired_look'), ['keep_length'])
  assert.deepEqual(await checked(page, 'cause'), [])
  await nextScreen(page)
  await nextScreen(page)
  // Health answers are never prefilled: prefill-keloid_prone and smp_chemotherapy are ignored.
  assert.ok((await fieldsets(page)).includes('keloid_prone'))
  assert.deepEqual(await checked(page, 'keloid_prone'), [])
  await page.locator(`${W} label.choice:has([data-action="none"])`).click()
  await nextScreen(page)
  assert.deepEqual(await checked(page, 'chemotherapy'), [])
  await page.locator(`${W} label.choice:has([data-action="none"])`).click()
  await nextScreen(page)
  assert.equal(await page.locator(`${W} fieldset[data-question="requested_start"] input[type="date"]`).inputValue(), '2025-07-01')
  assert.deepEqual(await checked(page, 'fitzpatrick'), [], 'an invalid value (9) is ignored')
})

test('utm_*, gclid and fbclid from the page URL are in the lead context', async () => {
  const { context, close } = await launch()
  try {
    const bodies = []
    await context.route('**/api/leads', async (route) => {
      bodies.push(JSON.parse(route.request().postData()))
      return route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ lead_id: 'L-1' }) })
    })
    const { page } = await openPage(context, `${site.url}/?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_bogus=x&gclid=Cj0K-1&fbclid=IwAR-2`)
    await start(page, { today: '2025-06-01' })
    await answerAll(page, { age: 34, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' })
    await readResult(page)
    await page.locator(`${W} [data-action="send"]`).click()
    await page.locator(`${W} input[name="name"]`).fill('Marco Tester')
    await page.locator(`${W} input[name="email"]`).fill('marco@example.com')
    await page.locator(`${W} input[name="consent_contact"]`).check()
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    for (let i = 0; i < 100 && bodies.length === 0; i += 1) await page.waitForTimeout(100)
    assert.equal(bodies.length, 1)
    const ctx = bodies[0].context
    assert.deepEqual(ctx.utm, { source: 'google', medium: 'cpc', campaign: 'spring' })
    assert.equal(ctx.gclid, 'Cj0K-1')
    assert.equal(ctx.fbclid, 'IwAR-2')
  } finally {
    await close()
  }
})
