// Screens and automated time to the result for persona (a) of issue 13 — a 34-year-old man,
// Norwood III, no health issues — driven by the public hooks only (data-question, input values,
// data-action), on the demo site in headless Chromium (figures for the notes, not thresholds):
//   node bench/web/time-to-result.mjs [--runs 5] [--widget DIR]
// --widget serves another build's widget folder at /smp/ (e.g. a copy of main's dist/smp), so the
// same drive measures before and after. Time: from pressing Start to the result on screen, with
// the bot's own clicks (no human reading time: it counts what the widget costs per screen).
import path from 'node:path'
import { readFileSync } from 'node:fs'

import { launch, openPage } from '../../tests/e2e/helpers/browser.mjs'
import { startServer } from '../../tests/e2e/helpers/server.mjs'
import { median } from './median.mjs'

const W = 'smp-consultation'
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback)
const runs = Number(arg('--runs', 5))
const widgetDir = arg('--widget', null)
const CHOICES = { sex: 'male', pattern_scale: 'norwood', norwood_stage: 'III', cause: 'androgenetic', desired_look: 'shaved', chemotherapy: 'none', diabetes: 'none', skin_cancer: 'none' }
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' }

async function drive(page) {
  const screen = () => page.locator(`${W} fieldset[data-question]`).evaluateAll((all) => all.map((f) => [f.dataset.question, f.dataset.kind]))
  let screens = 0
  for (let step = 0; step < 40; step += 1) {
    if (await page.locator(`${W} article.result`).count()) return screens
    const items = await screen()
    if (!items.length) {
      await page.waitForTimeout(20)
      continue
    }
    screens += 1
    const first = items[0][0]
    if (await page.locator(`${W} [data-action="none"]`).count()) {
      await page.locator(`${W} label.choice:has([data-action="none"])`).click()
    } else {
      for (const [id, kind] of items) {
        const q = page.locator(`${W} fieldset[data-question="${id}"]`)
        if (id === 'dob') await q.locator('input[type="date"]').fill('1991-03-14')
        else if (CHOICES[id]) await q.locator('label.choice').filter({ has: page.locator(`input[value="${CHOICES[id]}"]`) }).first().click()
        else if (kind === 'yes_no') await q.locator('label.choice').filter({ has: page.locator('input[value="false"]') }).first().click()
        else if (id === 'isotretinoin_last_dose') await q.locator('[data-action="skip"]').click()
      }
    }
    // A skip alone on its screen has moved on already.
    if ((await screen())[0]?.[0] === first) await page.locator(`${W} [data-action="next"]`).click()
    await page.waitForFunction(
      ([sel, prev]) => {
        const root = document.querySelector(sel).shadowRoot
        return root.querySelector('article.result') || root.querySelector('fieldset[data-question]')?.dataset.question !== prev
      },
      [W, first],
    )
  }
  throw new Error('no result after 40 screens')
}

const server = await startServer()
const browser = await launch()
try {
  if (widgetDir) {
    await browser.context.route('**/smp/**', (route) => {
      const file = path.join(widgetDir, new URL(route.request().url()).pathname.replace(/^\/smp\//, ''))
      try {
        return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] || 'application/octet-stream', body: readFileSync(file) })
      } catch {
        return route.fulfill({ status: 404, body: '' })
      }
    })
  }
  const times = []
  let screens = 0
  for (let run = 0; run < runs; run += 1) {
    const { page } = await openPage(browser.context, `${server.url}/`)
    await page.locator(`${W} [data-action="start"]`).waitFor({ timeout: 20000 })
    await page.evaluate((sel) => document.querySelector(sel).setAttribute('today', '2025-06-01'), W)
    const t0 = Date.now()
    await page.locator(`${W} [data-action="start"]`).click()
    screens = await drive(page)
    await page.locator(`${W} article.result`).waitFor()
    times.push(Date.now() - t0)
    const verdict = await page.locator(`${W} article.result`).getAttribute('data-verdict')
    if (verdict !== 'good_candidate') throw new Error(`verdict ${verdict}`)
  }
  console.log(JSON.stringify({ widget: widgetDir || 'dist/smp', runs, screens_after_intro: screens, time_to_result_ms_median: median(times), times_ms: times }))
} finally {
  await browser.close()
  await server.close()
}
