// Keyboard only: Tab/arrow keys/Space/Enter take a visitor from the intro to the result (V01),
// with visible focus on every control reached.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { launch, openPage, screenshot } from './helpers/browser.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { readResult, waitReady } from './helpers/widget.mjs'

const W = 'smp-consultation'
const site = useDemoSite()

const active = (page) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel).shadowRoot.activeElement
    if (!el) return null
    const style = getComputedStyle(el)
    const card = el.matches('input[type="radio"]') ? getComputedStyle(el.nextElementSibling) : null
    return {
      tag: el.tagName,
      type: el.getAttribute('type'),
      value: el.value,
      action: el.dataset.action ?? null,
      question: el.closest('[data-question]')?.dataset.question ?? null,
      outline: (card || style).outlineStyle !== 'none' && parseFloat((card || style).outlineWidth) >= 2,
    }
  }, W)

async function tabUntil(page, predicate, what) {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab')
    const el = await active(page)
    if (el && predicate(el)) return el
  }
  throw new Error(`Tab never reached ${what}`)
}

async function pressNext(page) {
  const el = await tabUntil(page, (e) => e.action === 'next', 'Next')
  assert.ok(el.outline, 'Next has a visible focus ring')
  await page.keyboard.press('Enter')
  await page.waitForTimeout(50)
}

async function chooseRadio(page, value, question) {
  // Several questions share a screen: Tab passes the other radio groups by.
  const el = await tabUntil(page, (e) => e.type === 'radio' && (!question || e.question === question), `the ${question || 'radio'} group`)
  assert.ok(el.outline, 'the focused choice shows a focus ring')
  for (let i = 0; i < 14; i += 1) {
    const now = await active(page)
    if (now.value === value) {
      await page.keyboard.press('Space')
      return
    }
    await page.keyboard.press('ArrowRight')
  }
  throw new Error(`arrow keys never reached ${value}`)
}

async function typeDate(page, iso) {
  const el = await tabUntil(page, (e) => e.type === 'date', 'a date field')
  assert.ok(el.outline)
  const [y, m, d] = iso.split('-')
  await page.keyboard.type(`${m}${d}${y}`)
}

test('keyboard only: intro to result for V01', async () => {
  const { context, close } = await launch({ locale: 'en-US' })
  try {
    const { page } = await openPage(context, `${site.url}/`)
    await waitReady(page)
    await page.evaluate((sel) => document.querySelector(sel).setAttribute('today', '2025-06-01'), W)
    await tabUntil(page, (e) => e.action === 'start', 'Start')
    await page.keyboard.press('Enter')
    const plan = {
      dob: async () => typeDate(page, '1991-03-14'),
      sex: async () => chooseRadio(page, 'male', 'sex'),
      fitzpatrick: async () => chooseRadio(page, '3', 'fitzpatrick'),
      pattern_scale: async () => chooseRadio(page, 'norwood', 'pattern_scale'),
      norwood_stage: async () => chooseRadio(page, 'III', 'norwood_stage'),
      desired_look: async () => chooseRadio(page, 'shaved', 'desired_look'),
      requested_start: async () => typeDate(page, '2025-06-10'),
    }
    const seen = []
    for (let step = 0; step < 20; step += 1) {
      if (await page.locator(`${W} article.result`).count()) break
      const heading = await active(page)
      assert.equal(heading?.tag, 'H2', `focus starts on the step heading (step ${step})`)
      const ids = await page.locator(`${W} fieldset[data-question]`).evaluateAll((all) => all.map((f) => f.dataset.question))
      seen.push(ids.join('+'))
      if (await page.locator(`${W} [data-action="none"]`).count()) {
        // A health checklist: "None of these apply to me" answers every item No at once (an
        // unanswered one would mean "not sure", SPEC §8).
        const none = await tabUntil(page, (e) => e.action === 'none', 'None of these apply')
        assert.ok(none.outline, 'the none control shows a focus ring')
        await page.keyboard.press('Space')
        await page.locator(`${W} [data-action="none"]:checked`).waitFor()
      } else {
        for (const id of ids) if (plan[id]) await plan[id]()
      }
      if (ids.includes('norwood_stage')) await screenshot(page, 'keyboard-stage')
      await pressNext(page)
    }
    const shown = await readResult(page)
    await screenshot(page, 'keyboard-result')
    assert.equal(shown.verdict, 'good_candidate', seen.join(','))
    assert.deepEqual(shown.sessions, ['2025-06-10', '2025-06-24', '2025-07-08'])
  } finally {
    await close()
  }
})
