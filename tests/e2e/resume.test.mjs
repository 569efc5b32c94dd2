// Resume on the device (issue 13): a reload brings the visitor back to their screen with their
// answers (sessionStorage by default); resume="local" keeps the non-health answers for 7 days in
// localStorage, health answers never; "Start over and forget my answers" (data-action="forget")
// clears both.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { openPage } from './helpers/browser.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { start, waitReady } from './helpers/widget.mjs'

const W = 'smp-consultation'
const KEY = 'smp-consult:/smp/clinic.json'
const site = useDemoSite({ browser: {} })

const fieldsets = (page) => page.locator(`${W} fieldset[data-question]`).evaluateAll((all) => all.map((f) => f.dataset.question))
const choose = (page, id, value) => page.locator(`${W} fieldset[data-question="${id}"] label.choice`).filter({ has: page.locator(`input[value="${value}"]`) }).first().click()
const stored = (page) => page.evaluate((key) => ({ session: sessionStorage.getItem(key), local: localStorage.getItem(key) }), KEY)

async function nextScreen(page) {
  const first = (await fieldsets(page))[0]
  await page.locator(`${W} [data-action="next"]`).click()
  await page.waitForFunction(([sel, prev]) => document.querySelector(sel).shadowRoot.querySelector('fieldset[data-question]')?.dataset.question !== prev, [W, first])
}

/** From the intro to the first health checklist, its "none" ticked. */
async function toHealth(page) {
  await page.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).fill('1991-03-14')
  await choose(page, 'sex', 'male')
  await nextScreen(page)
  await choose(page, 'pattern_scale', 'norwood')
  await nextScreen(page)
  await choose(page, 'norwood_stage', 'III')
  await nextScreen(page)
  await choose(page, 'desired_look', 'shaved')
  await nextScreen(page)
  await nextScreen(page)
  await page.locator(`${W} label.choice:has([data-action="none"])`).click()
  await page.locator(`${W} [data-action="none"]:checked`).waitFor()
}

test('a reload resumes at the same screen with the answers (sessionStorage), and forget clears it', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  await page.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).fill('1991-03-14')
  await choose(page, 'sex', 'male')
  await nextScreen(page)
  await choose(page, 'pattern_scale', 'ludwig')
  const saved = await stored(page)
  assert.equal(saved.local, null, 'nothing in localStorage without resume="local"')
  assert.equal(JSON.parse(saved.session).answers.pattern.scale, 'ludwig')

  await page.reload({ waitUntil: 'load' })
  await page.locator(`${W} fieldset[data-question="pattern_scale"]`).waitFor()
  assert.equal(await page.locator(`${W} fieldset[data-question="pattern_scale"] input[value="ludwig"]`).isChecked(), true)
  await page.locator(`${W} [data-action="back"]`).click()
  await page.locator(`${W} fieldset[data-question="dob"]`).waitFor()
  assert.equal(await page.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).inputValue(), '1991-03-14')

  await page.locator(`${W} [data-action="forget"]`).click()
  await page.locator(`${W} [data-action="start"]`).waitFor()
  assert.deepEqual(await stored(page), { session: null, local: null })
  await page.reload({ waitUntil: 'load' })
  await waitReady(page)
  assert.deepEqual(await stored(page), { session: null, local: null })
  await page.locator(`${W} [data-action="start"]`).click()
  assert.equal(await page.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).inputValue(), '')
})

test('resume="local": non-health answers kept for 7 days in localStorage, health answers never', async () => {
  const { page } = await openPage(site.context, `${site.url}/fixtures/resume-local.html`)
  await start(page)
  await toHealth(page)
  const saved = await stored(page)
  assert.ok(JSON.parse(saved.session).answers.medical, 'the tab keeps the health answers')
  const local = JSON.parse(saved.local)
  assert.equal(local.answers.medical, undefined, 'no health answer in localStorage')
  assert.doesNotMatch(saved.local, /keloid|immuno|medical|blood/)
  assert.equal(local.answers.pattern.stage, 'III')

  // Another tab (no sessionStorage): the non-health answers come back from localStorage.
  const other = await site.context.newPage()
  try {
    await other.goto(`${site.url}/fixtures/resume-local.html`, { waitUntil: 'load' })
    await waitReady(other)
    await other.locator(`${W} [data-action="start"]`).click()
    await other.locator(`${W} fieldset[data-question="dob"]`).waitFor()
    assert.equal(await other.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).inputValue(), '1991-03-14')

    // Older than 7 days: not restored, and removed.
    await other.evaluate((key) => {
      const value = JSON.parse(localStorage.getItem(key))
      value.saved = Date.now() - 8 * 86400000
      localStorage.setItem(key, JSON.stringify(value))
      sessionStorage.clear()
    }, KEY)
    await other.reload({ waitUntil: 'load' })
    await waitReady(other)
    assert.equal(await other.evaluate((key) => localStorage.getItem(key), KEY), null)
    await other.locator(`${W} [data-action="start"]`).click()
    assert.equal(await other.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).inputValue(), '')
  } finally {
    await other.close()
  }
})
