// Visitors answer every scenario (../shared/scenarios.md, V01–V15 and V13's follow-on) through
// the demo site's UI, screen by screen; the result page must show the verdict, reasons, price
// range and session dates, in at most 9 screens.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { skipOrFail } from '../dependency.mjs'
import { openPage, screenshot } from './helpers/browser.mjs'
import { expectedResult, scenario } from './helpers/expected.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, answerCurrent, readResult, start } from './helpers/widget.mjs'

const site = useDemoSite({ browser: {} })

describe('scenarios answered through the UI', () => {
  for (const id of ['V01', 'V02', 'V03', 'V04', 'V05', 'V06', 'V07', 'V08', 'V09', 'V10', 'V11', 'V12', 'V13', 'V13b', 'V14', 'V15']) {
    test(id, async (t) => {
      const fixture = scenario(id)
      if (!fixture) return skipOrFail(t, `tests/fixtures/scenarios/${id}.json missing`)
      const { page, problems } = await openPage(site.context, `${site.url}/`)
      await start(page, { today: fixture.today })
      const asked = await answerAll(page, fixture.answers, {
        onStep: id === 'V01' ? async (question, step) => screenshot(page, `scenario-V01-step${String(step + 1).padStart(2, '0')}-${question}`) : undefined,
      })
      assert.ok(asked.length <= 9, `${asked.length} screens`)
      const shown = await readResult(page)
      await screenshot(page, `scenario-${id}-result`)
      const expected = await expectedResult(fixture.answers, fixture.today)

      assert.equal(shown.verdict, fixture.expect.verdict)
      assert.deepEqual([...shown.reasons].sort(), [...fixture.expect.reasons].sort())
      assert.deepEqual(shown.reasons, expected.reasons.map((r) => r.code))
      for (const reason of expected.reasons) assert.ok(shown.reasonTexts.some((text) => text.includes(reason.message)), reason.code)
      assert.match(shown.live, new RegExp(expected.headline))

      if (fixture.expect.verdict === 'not_suitable') {
        assert.equal(shown.price, null)
        assert.deepEqual(shown.sessions, [])
      } else if (expected.estimate) {
        const e = expected.estimate
        assert.equal(shown.price, e.display.text)
        if (fixture.expect.cost_band) {
          const [low, high] = fixture.expect.cost_band
          const mid = (e.low + e.high) / 2
          assert.ok(mid >= low && mid <= high && e.low <= high && e.high >= low, `${e.low}-${e.high} vs band ${low}-${high}`)
        }
      }
      const dated = (expected.plan?.sessions || []).filter((s) => s.date).map((s) => s.date)
      assert.deepEqual(shown.sessions, dated)
      if (id === 'V01') {
        // The demo clinic is open Mon–Sat; V01's Tuesdays are unaffected, so the scenario's dates hold.
        assert.deepEqual(shown.sessions, fixture.expect.session_dates)
        assert.deepEqual(shown.sessionTexts, ['Tue, June 10, 2025', 'Tue, June 24, 2025', 'Tue, July 8, 2025'])
        assert.equal(shown.touchUpYear, fixture.expect.touch_up_reminder.slice(0, 4))
      }
      if (id === 'V05') assert.equal(shown.pending, true)
      assert.deepEqual(problems.pageErrors, [])
      assert.deepEqual(problems.console, [])
    })
  }
})

test('editing an earlier answer from the result re-evaluates at once', async () => {
  const fixture = scenario('V01')
  const answers = fixture?.answers ?? { dob: '1991-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', requested_start: '2025-06-10' }
  const { page } = await openPage(site.context, `${site.url}/`)
  const W = 'smp-consultation'
  await start(page, { today: '2025-06-01' })
  await answerAll(page, answers)
  assert.equal((await readResult(page)).verdict, 'good_candidate')
  await page.locator(`${W} details.review summary`).click()
  await page.locator(`${W} [data-action="change"][data-question="keloid_prone"]`).click()
  await page.locator(`${W} fieldset[data-question="keloid_prone"] label.choice`).filter({ has: page.locator('input[value="true"]') }).click()
  await page.locator(`${W} [data-action="update-result"]`).click()
  await page.locator(`${W} article.result[data-verdict="not_suitable"]`).waitFor()
  const shown = await readResult(page)
  assert.deepEqual(shown.reasons, ['keloid_prone'])
  assert.equal(shown.price, null)
  await screenshot(page, 'edit-keloid-result')
})

test('"Not sure" in the stage picker answers the scale as unsure and moves on', async () => {
  const W = 'smp-consultation'
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  const answers = { age: 40, sex: 'male', pattern: { scale: 'norwood' }, desired_look: 'shaved' }
  for (let step = 0; step < 10; step += 1) {
    const id = await page.locator(`${W} fieldset[data-question]`).first().getAttribute('data-question')
    if (id === 'norwood_stage') break
    await answerCurrent(page, answers)
    await page.locator(`${W} [data-action="next"]`).click()
    await page.waitForFunction(([sel, prev]) => document.querySelector(sel).shadowRoot.querySelector('fieldset[data-question]')?.dataset.question !== prev, [W, id])
  }
  await page.locator(`${W} [data-action="not-sure"]`).click()
  await page.locator(`${W} fieldset[data-question="cause"]`).waitFor()
  await answerAll(page, answers)
  const shown = await readResult(page)
  const expected = await expectedResult({ ...answers, pattern: { scale: 'unsure' } }, '2025-06-01')
  assert.equal(shown.verdict, expected.verdict)
  assert.equal(shown.estimate?.low, expected.estimate?.low)
})
