// Clinical safety in the rendered widget: skipped health questions are "not sure", never "no";
// a minor is told "not yet" and is not asked to share health data; "SMP doesn't grow hair" is on
// the result and its printout; every session shows its aftercare.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { openPage, screenshot } from './helpers/browser.mjs'
import { expectedResult } from './helpers/expected.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, answerCurrent, next, readResult, start } from './helpers/widget.mjs'

const W = 'smp-consultation'
const BASE = { age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' }

const site = useDemoSite({ browser: {} })

async function questionId(page) {
  return page.locator(`${W} fieldset[data-question]`).first().getAttribute('data-question')
}

async function waitMovedOn(page, from) {
  await page.waitForFunction(
    ([sel, prev]) => {
      const root = document.querySelector(sel).shadowRoot
      return root.querySelector('article.result') || root.querySelector('fieldset[data-question]')?.dataset.question !== prev
    },
    [W, from],
  )
}

test('regression: pressing Next on every health question never gives "Good candidate"', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  const skipped = []
  for (let step = 0; step < 40 && !(await page.locator(`${W} article.result`).count()); step += 1) {
    const q = page.locator(`${W} fieldset[data-question]`).first()
    const id = await questionId(page)
    if ((await q.getAttribute('data-kind')) === 'yes_no' || ['chemotherapy', 'diabetes', 'skin_cancer', 'isotretinoin_last_dose'].includes(id)) {
      // A health screen: every question on it offers "not sure" (as an option, or a button for a
      // date), and Next with none answered leaves them all unknown.
      for (const item of await page.locator(`${W} fieldset[data-question]`).all()) {
        const itemId = await item.getAttribute('data-question')
        assert.equal(await item.locator('input[value="unsure"], [data-action="not-sure"]').count(), 1, itemId)
        skipped.push(itemId)
      }
      await next(page)
    } else {
      await answerCurrent(page, BASE)
      if (await page.locator(`${W} fieldset[data-question="${id}"]`).count()) await next(page)
    }
    await waitMovedOn(page, id)
  }
  assert.equal(skipped.length, 11, skipped.join(', '))  // a man is not asked about pregnancy
  const shown = await readResult(page)
  await screenshot(page, 'safety-health-skipped')
  assert.equal(shown.verdict, 'medical_clearance')
  assert.doesNotMatch(shown.headline, /Good candidate/)
  assert.ok(shown.pending, 'no dated sessions before the health questions are discussed')
  assert.deepEqual(shown.sessions, [])
  assert.deepEqual(shown.reasons, skipped.map(() => 'health_answer_unsure'))
  assert.ok(shown.reasonTexts.some((text) => text.includes('Have you ever had keloid scars?')), shown.reasonTexts.join('\n'))
  assert.ok(shown.reasonTexts.every((text) => /consultation/.test(text)))
  // The review lists the unknown answers as such.
  const review = await page.locator(`${W} .review-list`).textContent()
  assert.match(review, /Not sure \/ prefer not to say/)
  assert.deepEqual(problems.pageErrors, [])
})

test('"Not sure" chosen on one health question is one reason naming it', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  await answerAll(page, { ...BASE, medical: { diabetes: 'unsure' } })
  const shown = await readResult(page)
  assert.equal(shown.verdict, 'medical_clearance')
  assert.deepEqual(shown.reasons, ['health_answer_unsure'])
  assert.match(shown.reasonTexts[0], /Do you have diabetes\?/)
})

test('regression: a 17-year-old is told "not yet" and is not asked to share health answers', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  await answerAll(page, { ...BASE, age: undefined, dob: '2008-03-12' })
  const shown = await readResult(page)
  await screenshot(page, 'safety-minor-result')
  assert.equal(shown.verdict, 'not_suitable')
  assert.equal(shown.headline, 'Not yet: you can come back from March 12, 2026')
  assert.doesNotMatch(await page.locator(`${W} .verdict`).textContent(), /Not suitable/)
  assert.equal(await page.locator(`${W} .verdict`).getAttribute('data-verdict-variant'), 'not_yet')
  await page.locator(`${W} [data-action="send"]`).click()
  await page.locator(`${W} form.lead-form`).waitFor()
  assert.equal(await page.locator(`${W} input[name="consent_health"]`).count(), 0)
  assert.equal(await page.locator(`${W} input[name="consent_contact"]`).count(), 1)
})

test('an adult is offered the health-data consent', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  await answerAll(page, BASE)
  await readResult(page)
  await page.locator(`${W} [data-action="send"]`).click()
  await page.locator(`${W} form.lead-form`).waitFor()
  assert.equal(await page.locator(`${W} input[name="consent_health"]`).count(), 1)
})

test('regression: "SMP doesn\'t grow hair" is on the result and on its printout', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  await answerAll(page, BASE)
  await readResult(page)
  const guardrail = page.locator(`${W} article.result [data-guardrail="no_regrowth"]`)
  assert.ok(await guardrail.isVisible())
  assert.match(await guardrail.textContent(), /SMP doesn't grow hair/)
  await page.emulateMedia({ media: 'print' })
  try {
    assert.ok(await guardrail.isVisible(), 'printed too')
    assert.equal(await page.locator(`${W} [data-action="print"]`).isVisible(), false)
  } finally {
    await page.emulateMedia({ media: 'screen' })
  }
})

test('regression: every planned session shows its aftercare dates; an extra session its own end', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  // Norwood VII: three planned sessions and a fourth only if needed.
  const answers = { ...BASE, pattern: { scale: 'norwood', stage: 'VII' } }
  await answerAll(page, answers)
  await readResult(page)
  const { plan } = await expectedResult(answers, '2025-06-01')
  const shavingAfter = (n) => plan.aftercare.find((c) => c.after_session === n && c.code === 'shaving').resume_on
  await screenshot(page, 'safety-aftercare-per-session', { fullPage: true })
  const blocks = await page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot
    return [...root.querySelectorAll('[data-after-session]')].map((block) => ({
      session: block.dataset.afterSession,
      title: block.querySelector('h5').textContent,
      shaving: block.querySelector('[data-code="shaving"] time')?.getAttribute('datetime') ?? null,
      sunShown: Boolean(block.querySelector('[data-code="direct_sun"]')),
      restarted: block.querySelector('[data-restarted-by]')?.textContent ?? null,
    }))
  }, W)
  assert.deepEqual(blocks.map((b) => [b.session, b.shaving]), [1, 2, 3].map((n) => [String(n), shavingAfter(n)]))
  assert.notEqual(shavingAfter(1), shavingAfter(3))
  assert.match(blocks[0].title, /After session 1/)
  // Session 2 comes before session 1's day-28 milestones: they are not shown as reached.
  assert.equal(blocks[0].sunShown, false)
  assert.match(blocks[0].restarted, /until session 2/)
  assert.equal(blocks[2].sunShown, true)
  assert.equal(blocks[2].restarted, null)
  const shownDate = async (sel) => page.locator(`${W} ${sel} time`).getAttribute('datetime')
  assert.equal(await shownDate('[data-unrestricted]'), plan.unrestricted_from)
  assert.equal(await shownDate('[data-unrestricted-if-needed]'), plan.unrestricted_from_if_needed)
  assert.ok(plan.unrestricted_from_if_needed > plan.unrestricted_from)
  assert.match(await page.locator(`${W} [data-unrestricted-if-needed]`).textContent(), /only if needed/)
})
