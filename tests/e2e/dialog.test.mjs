// Launcher mode (issue 13, SPEC §8 "Element"): mode="dialog" shows a launcher button that opens
// the consultation in a modal dialog — keyboard only: open, answer, close with Escape (focus
// back on the launcher, page scroll unlocked), reopen with the answers kept; Tab stays inside;
// the host's own button opens it through el.open(); full screen on a phone; axe clean.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { launch, openPage, screenshot, seriousAxeViolations } from './helpers/browser.mjs'
import { useDemoSite } from './helpers/site.mjs'

const W = 'smp-consultation'
const site = useDemoSite({ browser: {} })

const focus = (page) =>
  page.evaluate((sel) => {
    const host = document.querySelector(sel)
    const el = host.shadowRoot.activeElement
    return {
      page: document.activeElement === host ? 'host' : document.activeElement?.id || document.activeElement?.tagName,
      action: el?.dataset.action ?? null,
      tag: el?.tagName ?? null,
      type: el?.getAttribute('type') ?? null,
      inDialog: Boolean(el?.closest('dialog')),
    }
  }, W)

async function tabTo(page, predicate, what) {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab')
    if (predicate(await focus(page))) return
  }
  throw new Error(`Tab never reached ${what}`)
}

const dialogOpen = (page) => page.evaluate((sel) => Boolean(document.querySelector(sel).shadowRoot.querySelector('dialog')?.open), W)
const overflow = (page) => page.evaluate(() => document.documentElement.style.overflow)

test('keyboard only: open, answer, Escape, reopen keeps the answers', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}/fixtures/dialog.html`)
  const launcher = page.locator(`${W} [data-action="open"]`)
  await launcher.waitFor()
  assert.equal(await launcher.textContent(), 'Am I a candidate?')
  assert.equal(await page.locator(`${W} [data-question], ${W} [data-action="start"]`).evaluateAll((all) => all.filter((el) => el.offsetParent !== null).length), 0, 'nothing of the quiz shows inline')
  await page.evaluate((sel) => document.querySelector(sel).setAttribute('today', '2025-06-01'), W)

  await tabTo(page, (f) => f.action === 'open', 'the launcher')
  await page.keyboard.press('Enter')
  assert.equal(await dialogOpen(page), true)
  assert.equal(await overflow(page), 'hidden', 'the page behind does not scroll')
  await page.locator(`${W} dialog [data-action="start"]`).waitFor()
  await tabTo(page, (f) => f.action === 'start', 'Start')
  await page.keyboard.press('Enter')
  await page.locator(`${W} dialog fieldset[data-question="dob"]`).waitFor()
  await tabTo(page, (f) => f.type === 'date', 'the date of birth')
  await page.keyboard.type('03141991')
  await tabTo(page, (f) => f.type === 'radio', 'sex')
  await page.keyboard.press('Space')  // the first choice: male
  await tabTo(page, (f) => f.action === 'next', 'Next')
  await page.keyboard.press('Enter')
  await page.locator(`${W} dialog fieldset[data-question="pattern_scale"]`).waitFor()
  assert.deepEqual(await seriousAxeViolations(page), [])
  await screenshot(page, 'dialog-open', { fullPage: true })

  await page.keyboard.press('Escape')
  await page.waitForFunction((sel) => !document.querySelector(sel).shadowRoot.querySelector('dialog').open, W)
  // The dialog's close event (which unlocks the scroll and gives focus back) follows its closing.
  await page.waitForFunction(() => document.documentElement.style.overflow === '')
  assert.equal(await overflow(page), '', 'scroll unlocked')
  const back = await focus(page)
  assert.equal(back.action, 'open', 'focus is back on the launcher')

  await page.keyboard.press('Enter')
  assert.equal(await dialogOpen(page), true)
  await page.locator(`${W} dialog fieldset[data-question="pattern_scale"]`).waitFor()
  await page.locator(`${W} dialog [data-action="back"]`).click()
  await page.locator(`${W} dialog fieldset[data-question="dob"]`).waitFor()
  assert.equal(await page.locator(`${W} fieldset[data-question="dob"] input[type="date"]`).inputValue(), '1991-03-14')
  assert.equal(await page.locator(`${W} fieldset[data-question="sex"] input[value="male"]`).isChecked(), true)

  // Tab and Shift+Tab cycle inside the dialog.
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab')
    const f = await focus(page)
    assert.ok(f.page === 'host' && f.inDialog, `focus left the dialog at Tab ${i}: ${JSON.stringify(f)}`)
  }
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.console, [])
})

test("the host's own button opens it with el.open(), and gets focus back", async () => {
  const { page } = await openPage(site.context, `${site.url}/fixtures/dialog.html`)
  await page.locator(`${W} [data-action="open"]`).waitFor()
  await page.locator('#host-open').focus()
  await page.keyboard.press('Enter')
  assert.equal(await dialogOpen(page), true)
  await page.locator(`${W} dialog [data-action="start"]`).waitFor()
  await page.locator(`${W} dialog [data-action="close"]`).click()
  await page.waitForFunction((sel) => !document.querySelector(sel).shadowRoot.querySelector('dialog').open, W)
  await page.waitForFunction(() => document.activeElement?.id === 'host-open')
  assert.equal((await focus(page)).page, 'host-open')
})

test('on a phone the dialog fills the screen', async () => {
  const { context, close } = await launch({ viewport: { width: 390, height: 760 } })
  try {
    const { page } = await openPage(context, `${site.url}/fixtures/dialog.html`)
    await page.locator(`${W} [data-action="open"]`).click()
    await page.locator(`${W} dialog [data-action="start"]`).waitFor()
    const box = await page.locator(`${W} dialog`).boundingBox()
    assert.deepEqual([box.x, box.y, Math.round(box.width), Math.round(box.height)], [0, 0, 390, 760])
    await screenshot(page, 'dialog-phone', { fullPage: true })
  } finally {
    await close()
  }
})

test('without mode the consultation stays inline, and open() focuses it', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await page.locator(`${W} [data-action="start"]`).waitFor()
  assert.equal(await page.locator(`${W} [data-action="open"]`).count(), 0)
  assert.equal(await page.locator(`${W} dialog`).count(), 0)
  await page.evaluate((sel) => document.querySelector(sel).open(), W)
  assert.equal((await focus(page)).tag, 'H2')
})
