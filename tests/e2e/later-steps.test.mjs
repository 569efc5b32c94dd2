// Code splitting: the intro and the first question need only smp-consult.js (and the core);
// later-steps.js (stage diagrams, result, lead form, their styles) is fetched once the visitor
// starts answering the first question, and if it cannot load the visitor gets a clear message, never a blank
// widget. Holds for the bundled build and for SMP_NO_BUNDLE=1 (modules as they are).
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { launch, openPage, screenshot } from './helpers/browser.mjs'
import { scenario } from './helpers/expected.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, answerCurrent, next, readResult, start, waitReady } from './helpers/widget.mjs'

const W = 'smp-consultation'
const LATER = '**/smp/later-steps.js'
// Their English texts (the wasm compiles those keys without them), fetched with later-steps.js.
const LATER_TEXTS = '**/smp/messages.en.json'
// The core's module for the steps after the questions (evaluate, planIcs, validateLead) and its
// glue, fetched with later-steps.js too.
const LATER_CORE = '**/smp/smp-later.wasm'
// Modules only the later steps use (the unbundled build requests them after later-steps.js), their
// texts and their core.
const LATER_MODULE = /\/smp\/((later-steps|later-styles|result-step|result-view|lead-step|lead-form|stage-diagrams|later-core)\.js|messages\.en\.json|smp-later\.(wasm|mjs))$/
const V01 = { dob: '1991-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', fitzpatrick: 3, requested_start: '2025-06-10' }

const site = useDemoSite()

test('the first question shows without the later steps; they load after it and the flow completes', async () => {
  const fixture = scenario('V01')
  const { context, close } = await launch()
  try {
    // later-steps.js is held until the first question is on screen: that question cannot need it.
    let release
    const held = new Promise((resolve) => {
      release = resolve
    })
    let requestedLater
    const laterRequested = new Promise((resolve) => {
      requestedLater = resolve
    })
    let laterRequests = 0
    await context.route(LATER, async (route) => {
      laterRequests += 1
      requestedLater()
      await held
      await route.continue()
    })
    const { page, problems } = await openPage(context)
    const smp = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname.startsWith('/smp/')) smp.push(pathname)
    })
    await page.goto(`${site.url}/`, { waitUntil: 'load' })
    await waitReady(page)
    await page.waitForLoadState('networkidle')
    assert.deepEqual(smp.filter((p) => LATER_MODULE.test(p)), [], 'nothing of the later steps before Start')

    await start(page, { today: fixture?.today ?? '2025-06-01' })
    await screenshot(page, 'later-steps-first-question')
    const first = await page.locator(`${W} fieldset[data-question]`).first().getAttribute('data-question')
    assert.notEqual(await page.locator(`${W} fieldset[data-question]`).first().getAttribute('data-kind'), 'stage')
    // Not fetched for a visitor who only looks at the first question...
    await page.waitForTimeout(1500)
    assert.equal(laterRequests, 0, 'later-steps.js waits for the visitor to start answering')
    // ...but as soon as they start answering it (a key press here), before any later step.
    await page.keyboard.press('Tab')
    await laterRequested
    assert.equal(await page.locator(`${W} fieldset[data-question="${first}"]`).count(), 1)
    release()

    await answerAll(page, fixture?.answers ?? V01, {
      onStep: async (id) => {
        if (id === 'norwood_stage') assert.ok((await page.locator(`${W} .stages svg`).count()) > 0, 'stage diagrams drawn')
      },
    })
    const shown = await readResult(page)
    assert.equal(shown.verdict, 'good_candidate')
    // The result's texts came with the later steps (messages.en.json): none is a raw key.
    const resultText = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.textContent, W)
    assert.match(resultText, /Good candidate/)
    assert.doesNotMatch(resultText, /\b(ui|verdict|reason|action|advisory|package|precare|aftercare|money|date|longevity)\.[a-z_]+/)
    // The result's rules come with later-steps.js (later-styles.js).
    const border = await page.evaluate((sel) => getComputedStyle(document.querySelector(sel).shadowRoot.querySelector('.verdict')).borderInlineStartWidth, W)
    assert.equal(border, '6px')
    await page.locator(`${W} [data-action="send"]`).click()
    await page.locator(`${W} form.lead-form`).waitFor()
    await screenshot(page, 'later-steps-lead-form')
    assert.equal(laterRequests, 1, 'later-steps.js fetched once')
    assert.equal(smp.filter((p) => p === '/smp/messages.en.json').length, 1, 'the later texts fetched once')
    assert.equal(smp.filter((p) => p === '/smp/smp-later.wasm').length, 1, 'smp-later.wasm fetched once')
    assert.equal(smp.filter((p) => p === '/smp/smp-core.wasm').length, 1)
    assert.deepEqual(problems.pageErrors, [])
    assert.deepEqual(problems.console, [])
  } finally {
    await close()
  }
})

for (const [what, blocked] of [
  ['later steps', LATER],
  ['the later steps\' texts', LATER_TEXTS],
  ['the later steps\' core (smp-later.wasm)', LATER_CORE],
]) test(`${what} that cannot load: the fallback with the clinic contact and smp-error, no blank widget or raw key`, async () => {
  const { context, close } = await launch()
  try {
    await context.route(blocked, (route) => route.abort('internetdisconnected'))
    const { page, problems } = await openPage(context)
    await page.addInitScript(() => {
      window.smpErrors = []
      document.addEventListener('smp-error', (event) => window.smpErrors.push(event.detail))
    })
    await page.goto(`${site.url}/`, { waitUntil: 'load' })
    await start(page, { today: '2025-06-01' })
    const failure = page.locator(`${W} .failure`)
    // The stage picker is the first step that needs later-steps.js.
    for (let step = 0; step < 10 && !(await failure.isVisible()); step += 1) {
      const id = await answerCurrent(page, V01)
      await next(page)
      await page.waitForFunction(
        ([sel, prev]) => {
          const root = document.querySelector(sel).shadowRoot
          return !root.querySelector('.failure').hidden || root.querySelector('fieldset[data-question]')?.dataset.question !== prev
        },
        [W, id],
      )
    }
    await failure.waitFor({ state: 'visible' })
    await screenshot(page, 'later-steps-failed')
    const text = await failure.textContent()
    assert.match(text, /could not load/)
    assert.match(text, /reload the page/)
    assert.match(text, /\+1 512 555 0142/)
    assert.doesNotMatch(text, /\bui\.[a-z_.]+/, 'no raw message key')
    assert.equal(await failure.getAttribute('data-code'), 'later_load_failed')
    // The failure view gives the clinic's contact, so the host's light-DOM loading copy goes.
    assert.equal(await page.locator(`${W} > .fallback`).isVisible(), false, 'light-DOM loading copy hidden')
    const errors = await page.evaluate(() => window.smpErrors)
    assert.equal(errors.length, 1)
    assert.equal(errors[0].code, 'later_load_failed')
    assert.deepEqual(problems.pageErrors, [])
  } finally {
    await close()
  }
})
