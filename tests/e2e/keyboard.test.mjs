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

async function chooseRadio(page, value) {
  const el = await tabUntil(page, (e) => e.type === 'radio', 'a radio group')
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
      sex: async () => chooseRadio(page, 'male'),
      fitzpatrick: async () => chooseRadio(page, '3'),
      pattern_scale: async () => chooseRadio(page, 'norwood'),
      norwood_stage: async () => chooseRadio(page, 'III'),
      desired_look: async () => chooseRadio(page, 'shaved'),
      requested_start: async () => typeDate(page, '2025-06-10'),
      // Health questions are answered No: passing one unanswered means "not sure" (SPEC §8).
      chemotherapy: async () => chooseRadio(page, 'none'),
      diabetes: async () => chooseRadio(page, 'none'),
      skin_cancer: async () => chooseRadio(page, 'none'),
      isotretinoin_last_dose: async () => {
        await tabUntil(page, (e) => e.action === 'skip', 'Never')
        await page.keyboard.press('Enter')
        return 'moved on'
      },
    }
    const answerNo = async () => chooseRadio(page, 'false')
    const seen = []
    for (let step = 0; step < 40; step += 1) {
      if (await page.locator(`${W} article.result`).count()) break
      const heading = await active(page)
      assert.equal(heading?.tag, 'H2', `focus starts on the step heading (step ${step})`)
      const id = await page.locator(`${W} fieldset[data-question]`).getAttribute('data-question')
      seen.push(id)
      const kind = await page.locator(`${W} fieldset[data-question]`).getAttribute('data-kind')
      const answer = plan[id] || (kind === 'yes_no' ? answerNo : null)
      const outcome = answer ? await answer() : null
      if (id === 'norwood_stage') await screenshot(page, 'keyboard-stage')
      if (outcome === 'moved on') await page.waitForTimeout(50)
      else await pressNext(page)
    }
    const shown = await readResult(page)
    await screenshot(page, 'keyboard-result')
    assert.equal(shown.verdict, 'good_candidate', seen.join(','))
    assert.deepEqual(shown.sessions, ['2025-06-10', '2025-06-24', '2025-07-08'])
  } finally {
    await close()
  }
})
