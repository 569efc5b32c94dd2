// Fewer screens, no lost screening (issue 13): persona (a) — a 34-year-old man, Norwood III, no
// health issues — reaches the result in at most 9 screens after the intro, driven only by the
// public hooks (data-question, input values, data-action); the progress total holds steady; the
// health checklists' "None of these apply to me" is exclusive and follow-ups show only when
// their item is ticked.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { openPage, screenshot } from './helpers/browser.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { readResult, start } from './helpers/widget.mjs'

const W = 'smp-consultation'
const site = useDemoSite({ browser: {} })

const fieldsets = (page) => page.locator(`${W} fieldset[data-question]`).evaluateAll((all) => all.map((f) => f.dataset.question))
const choose = (page, id, value) => page.locator(`${W} fieldset[data-question="${id}"] label.choice`).filter({ has: page.locator(`input[value="${value}"]`) }).first().click()
const progressText = (page) => page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('.progress-count')?.textContent ?? '', W)

async function waitScreenChange(page, first) {
  await page.waitForFunction(
    ([sel, prev]) => {
      const root = document.querySelector(sel).shadowRoot
      return root.querySelector('article.result') || root.querySelector('fieldset[data-question]')?.dataset.question !== prev
    },
    [W, first],
  )
}

test('persona (a) reaches the result in at most 9 screens, with a steady progress total', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}/`)
  await page.evaluate((sel) => {
    window.__steps = []
    document.querySelector(sel).addEventListener('smp-step', (event) => window.__steps.push(event.detail))
  }, W)
  await start(page, { today: '2025-06-01' })
  const screens = []
  const totals = new Set()
  for (let step = 0; step < 20; step += 1) {
    if (await page.locator(`${W} article.result`).count()) break
    const ids = await fieldsets(page)
    screens.push(ids)
    totals.add((await progressText(page)).replace(/^\D*\d+\D+/, ''))
    if (await page.locator(`${W} [data-action="none"]`).count()) {
      await page.locator(`${W} label.choice:has([data-action="none"])`).click()
      await page.locator(`${W} [data-action="none"]:checked`).waitFor()
    }
    for (const id of ids) {
      if (id === 'dob') await page.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).fill('1991-03-14')
      if (id === 'sex') await choose(page, id, 'male')
      if (id === 'pattern_scale') await choose(page, id, 'norwood')
      if (id === 'norwood_stage') await choose(page, id, 'III')
      if (id === 'cause') await choose(page, id, 'androgenetic')
      if (id === 'desired_look') await choose(page, id, 'shaved')
    }
    await screenshot(page, `screens-persona-a-${String(step + 1).padStart(2, '0')}`)
    await page.locator(`${W} [data-action="next"]`).click()
    await waitScreenChange(page, ids[0])
  }
  const shown = await readResult(page)
  assert.equal(shown.verdict, 'good_candidate')
  assert.ok(screens.length <= 9, `${screens.length} screens: ${screens.map((s) => s.join('+')).join(' | ')}`)
  assert.equal(screens.length, 8)
  // Every health question was on a screen (as a checklist item), none was dropped.
  const asked = screens.flat()
  for (const id of ['active_scalp_condition', 'keloid_prone', 'blood_thinners_or_bleeding_disorder', 'pigment_or_ink_reaction', 'immunocompromised', 'other_serious_condition', 'chemotherapy', 'diabetes', 'skin_cancer', 'isotretinoin_last_dose']) {
    assert.ok(asked.includes(id), id)
  }
  assert.deepEqual([...totals], ['8'], 'the total never moves')
  const steps = await page.evaluate(() => window.__steps)
  assert.deepEqual(steps.map((s) => s.index), [0, 1, 2, 3, 4, 5, 6, 7])
  assert.deepEqual([...new Set(steps.map((s) => s.total))], [8])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.console, [])
})

test('"None of these apply to me" is exclusive, and a follow-up shows only for its ticked item', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  const answers = { dob: '1991-03-14', sex: 'male', pattern_scale: 'norwood', norwood_stage: 'III', desired_look: 'shaved' }
  for (let step = 0; step < 10; step += 1) {
    const ids = await fieldsets(page)
    if (ids.includes('active_scalp_condition')) break
    for (const id of ids) {
      if (id === 'dob') await page.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).fill(answers.dob)
      else if (answers[id]) await choose(page, id, answers[id])
    }
    await page.locator(`${W} [data-action="next"]`).click()
    await waitScreenChange(page, ids[0])
  }
  const items = await fieldsets(page)
  assert.equal(items.length, 7, items.join(','))
  assert.ok(!items.includes('pregnant_or_breastfeeding'))
  // Each item: Yes / No / Not sure with the SPEC values.
  for (const id of items) {
    const values = await page.locator(`${W} fieldset[data-question="${id}"] input[type="radio"]`).evaluateAll((all) => all.map((i) => i.value))
    assert.deepEqual(values, ['true', 'false', 'unsure'], id)
  }
  const none = page.locator(`${W} [data-action="none"]`)
  await page.locator(`${W} label.choice:has([data-action="none"])`).click()
  await page.locator(`${W} [data-action="none"]:checked`).waitFor()
  for (const id of items) assert.equal(await page.locator(`${W} fieldset[data-question="${id}"] input[value="false"]`).isChecked(), true, id)
  await screenshot(page, 'screens-checklist-none')
  // Ticking one item unticks "none".
  await choose(page, 'keloid_prone', 'true')
  await page.waitForFunction((sel) => !document.querySelector(sel).shadowRoot.querySelector('[data-action="none"]').checked, W)
  assert.equal(await none.isChecked(), false)
  await choose(page, 'keloid_prone', 'false')
  await page.locator(`${W} [data-action="next"]`).click()
  await waitScreenChange(page, items[0])

  // The treatments screen: chemotherapy's end date appears only once "ended" is ticked.
  assert.deepEqual(await fieldsets(page), ['chemotherapy', 'diabetes', 'skin_cancer', 'isotretinoin_last_dose'])
  await choose(page, 'chemotherapy', 'ended')
  await page.locator(`${W} fieldset[data-question="chemotherapy_end"]`).waitFor()
  assert.deepEqual(await fieldsets(page), ['chemotherapy', 'chemotherapy_end', 'diabetes', 'skin_cancer', 'isotretinoin_last_dose'])
  await screenshot(page, 'screens-treatments-follow-up')
  await page.locator(`${W} label.choice:has([data-action="none"])`).click()
  await page.locator(`${W} [data-action="none"]:checked`).waitFor()
  assert.deepEqual(await fieldsets(page), ['chemotherapy', 'diabetes', 'skin_cancer', 'isotretinoin_last_dose'])
  for (const id of ['chemotherapy', 'diabetes', 'skin_cancer']) assert.equal(await page.locator(`${W} fieldset[data-question="${id}"] input[value="none"]`).isChecked(), true, id)
  // The date item's "never" is its skip, shown pressed.
  assert.equal(await page.locator(`${W} fieldset[data-question="isotretinoin_last_dose"] [data-action="skip"]`).getAttribute('aria-pressed'), 'true')
  await page.locator(`${W} [data-action="next"]`).click()
  await waitScreenChange(page, 'chemotherapy')
  await page.locator(`${W} [data-action="next"]`).click()
  const shown = await readResult(page)
  // keloid_prone was answered No in the end, everything else No: no reason fires.
  assert.equal(shown.verdict, 'good_candidate')
  assert.deepEqual(shown.reasons, [])
})
