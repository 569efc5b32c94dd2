// Accessibility: axe-core finds no serious or critical violation on any step (intro, every
// question, result, lead form, confirmation); focus moves to each step's heading; the widget
// works at 320 px wide and at 200 % zoom without horizontal scrolling.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

import { launch, openPage, screenshot, seriousAxeViolations } from './helpers/browser.mjs'
import { scenario } from './helpers/expected.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start, waitReady } from './helpers/widget.mjs'

const W = 'smp-consultation'
const site = useDemoSite()

const focusedTag = (page) => page.evaluate((sel) => document.querySelector(sel).shadowRoot.activeElement?.tagName ?? null, W)

test('axe: no serious or critical violations on every step', async () => {
  const { context, close } = await launch()
  try {
    const { page } = await openPage(context, `${site.url}/`)
    await waitReady(page)
    const found = []
    const check = async (step) => {
      for (const v of await seriousAxeViolations(page)) found.push(`${step}: ${v.id} (${v.impact}) ${v.help} ${v.nodes.join(', ')}`)
    }
    await check('intro')
    await start(page, { today: '2025-06-01' })
    const answers = { ...(scenario('V10')?.answers ?? {}), medical: { diabetes: 'controlled' } }
    await answerAll(page, answers, {
      onShow: async (step) => assert.equal(await focusedTag(page), 'H2', `focus on the heading at step ${step}`),
      onStep: async (id) => check(id),
    })
    await readResult(page)
    assert.equal(await focusedTag(page), 'H2')
    await check('result')
    await page.locator(`${W} [data-action="send"]`).click()
    await page.locator(`${W} form.lead-form`).waitFor()
    await check('lead form')
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    await page.locator(`${W} form.lead-form .error:not(:empty)`).first().waitFor()
    await check('lead form with errors')
    assert.deepEqual(found, [])
  } finally {
    await close()
  }
})

for (const [name, viewport, scale] of [
  ['320px', { width: 320, height: 640 }, 1],
  ['zoom-200', { width: 640, height: 450 }, 2],
]) {
  test(`narrow screens: ${name} has no horizontal scrolling`, async () => {
    const { context, close } = await launch({ viewport })
    try {
      const { page } = await openPage(context, `${site.url}/`)
      if (scale !== 1) {
        // 200 % zoom of a 1280 px window = a 640 CSS px viewport at device scale 2.
        const cdp = await context.newCDPSession(page)
        await cdp.send('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height, deviceScaleFactor: scale, mobile: false })
      }
      await waitReady(page)
      await start(page, { today: '2025-06-01' })
      await answerAll(page, scenario('V01')?.answers ?? { age: 34, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' }, {
        onStep: async (id) => {
          if (id === 'norwood_stage') await page.locator(`${W} [data-question="norwood_stage"]`).screenshot({ path: `test-artifacts/narrow-${name}-stage.png` }).catch(() => {})
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
          assert.ok(overflow <= 1, `${id}: page scrolls sideways by ${overflow}px`)
        },
      })
      await readResult(page)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert.ok(overflow <= 1, `result: page scrolls sideways by ${overflow}px`)
      await page.locator(`${W} article.result`).screenshot({ path: `test-artifacts/narrow-${name}-result.png` })
    } finally {
      await close()
    }
  })
}

test('print stylesheet: result without buttons or the progress bar', async () => {
  const { context, close } = await launch()
  try {
    const { page } = await openPage(context, `${site.url}/`)
    await start(page, { today: '2025-06-01' })
    await answerAll(page, scenario('V01')?.answers ?? { age: 34, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' })
    await readResult(page)
    // "Add to calendar" downloads the core's .ics for the plan.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${W} [data-action="calendar"]`).click()])
    assert.equal(download.suggestedFilename(), 'smp-plan.ics')
    const ics = readFileSync(await download.path(), 'utf8')
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/)
    assert.match(ics, /DTSTART;VALUE=DATE:20250610/)
    await page.emulateMedia({ media: 'print' })
    const buttons = await page.locator(`${W} article.result button`).evaluateAll((els) => els.filter((el) => getComputedStyle(el).display !== 'none').length)
    assert.equal(buttons, 0)
    assert.equal(await page.locator('.site-header').isVisible(), false)
    const pdf = await page.pdf({ format: 'A4', printBackground: false })
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length
    assert.ok(pages >= 1 && pages <= 2, `print gives ${pages} pages`)
    await screenshot(page, 'print-result')
  } finally {
    await close()
  }
})
