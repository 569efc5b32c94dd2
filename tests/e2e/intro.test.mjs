// The first screen without waiting for the core (issue 14): smp-consult.js paints the intro from
// the clinic config and the catalogue's intro texts while smp-core.wasm is still held back; Start
// pressed then is busy until the core is ready; a core that never arrives ends in the failure
// view with the clinic's contact and smp-error; the clinic's `copy` and the visitor's language
// apply on the intro as they do once the core has loaded.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import { launch, openPage, screenshot } from './helpers/browser.mjs'
import { root } from './helpers/server.mjs'
import { useDemoSite } from './helpers/site.mjs'

const W = 'smp-consultation'
const WASM = '**/smp/smp-core.wasm'
const cli = process.env.SMP_CONSULT_BIN || path.join(root, 'build/ci/src/cli/smp-consult')
const catalogue = (locale) => JSON.parse(execFileSync(cli, ['messages', '--locale', locale], { encoding: 'utf8' })).messages
const demo = JSON.parse(readFileSync(path.join(root, 'web/demo/clinic.json'), 'utf8'))

const site = useDemoSite()

/** Holds every request for `pattern` until release(); fail() aborts them instead. */
async function hold(context, pattern) {
  let open
  const gate = new Promise((resolve) => {
    open = resolve
  })
  let requested
  const seen = new Promise((resolve) => {
    requested = resolve
  })
  await context.route(pattern, async (route) => {
    requested()
    if ((await gate) === 'abort') await route.abort('blockedbyclient')
    else await route.continue()
  })
  return { requested: seen, release: () => open('continue'), fail: () => open('abort') }
}

/** Records the element's events on the page (window.smpEvents). */
async function recordEvents(page) {
  await page.addInitScript(() => {
    window.smpEvents = []
    for (const type of ['smp-ready', 'smp-error', 'smp-step']) {
      document.addEventListener(type, (event) => window.smpEvents.push({ type, detail: event.detail }))
    }
  })
}

/**
 * Opens `path` of the demo site in a fresh browser with the element's events recorded and
 * smp-core.wasm held back (`wasm`: release() / fail(); not with holdWasm: false); `config`
 * replaces the clinic config and `prepare(context)` adds routes before the page opens (its result
 * is `prepared`). The browser closes once `body` is done.
 */
async function visit({ path: page_path = '/', holdWasm = true, config, locale = 'en-US', prepare } = {}, body) {
  const { context, close } = await launch({ locale })
  try {
    if (config) {
      await context.route('**/smp/clinic.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }))
    }
    const wasm = holdWasm ? await hold(context, WASM) : null
    const prepared = prepare ? await prepare(context) : undefined
    const { page, problems } = await openPage(context)
    await recordEvents(page)
    await page.goto(`${site.url}${page_path}`, { waitUntil: 'load' })
    await body({ page, problems, wasm, prepared })
  } finally {
    await close()
  }
}

const events = (page, type) => page.evaluate((t) => window.smpEvents.filter((e) => e.type === t).map((e) => e.detail), type)
const introText = (page) => page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('section.intro')?.textContent ?? null, W)

test('the intro is painted while smp-core.wasm is held back: clinic name and the catalogue intro texts', async () => {
  await visit({}, async ({ page, problems, wasm }) => {
    await page.locator(`${W} [data-action="start"]`).waitFor({ state: 'visible' })
    await wasm.requested
    const en = catalogue('en')
    assert.equal(await page.locator(`${W} .intro h2`).textContent(), en['ui.intro.title'])
    assert.equal(await page.locator(`${W} [data-action="start"]`).textContent(), en['ui.intro.start'])
    const shown = await introText(page)
    assert.ok(shown.includes(en['ui.intro.body']), shown)
    assert.ok(shown.includes(en['ui.intro.privacy'].replace('{clinic}', demo.clinic.name)), shown)
    assert.deepEqual(await events(page, 'smp-ready'), [], 'not ready: the core is still held back')
    await screenshot(page, 'intro-before-core')
    // The consultation takes the painted intro over as it is: the same nodes, nothing repainted.
    await page.evaluate((sel) => {
      window.introNode = document.querySelector(sel).shadowRoot.querySelector('section.intro')
    }, W)
    wasm.release()
    await page.waitForFunction(() => window.smpEvents.some((e) => e.type === 'smp-ready'))
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('section.intro') === window.introNode, W), true)
    assert.deepEqual(problems.pageErrors, [])
    assert.deepEqual(problems.console, [])
  })
})

test('the core and the questions are requested only once the intro is painted', async () => {
  // Requested with the config, their downloads and compilation held up the config's response and
  // the intro's frame (bench/web): with the config held, nothing of the core is asked for.
  await visit(
    {
      holdWasm: false,
      prepare: async (context) => {
        const config = await hold(context, '**/smp/clinic.json')
        // When the intro's Start is first in a frame.
        await context.addInitScript(() => {
          const watch = () => {
            const start = document.querySelector('smp-consultation')?.shadowRoot?.querySelector('[data-action="start"]')
            if (start?.checkVisibility({ visibilityProperty: true })) window.introPaintedAt = performance.now()
            else requestAnimationFrame(watch)
          }
          requestAnimationFrame(watch)
        })
        const requested = new Set()
        context.on('request', (request) => requested.add(new URL(request.url()).pathname.split('/').pop()))
        return { config, requested }
      },
    },
    async ({ page, problems, prepared: { config, requested } }) => {
      await config.requested
      const files = ['smp-core.wasm', 'core-loader.js', 'quiz-steps.js']
      await page.waitForTimeout(500)
      assert.deepEqual(files.filter((f) => requested.has(f)), [], 'nothing of the core while the config is held')
      config.release()
      await page.waitForFunction(() => window.smpEvents.some((e) => e.type === 'smp-ready'))
      const { painted, asked } = await page.evaluate((names) => {
        const entries = performance.getEntriesByType('resource')
        return { painted: window.introPaintedAt, asked: names.map((name) => entries.find((e) => e.name.endsWith(`/${name}`))?.startTime ?? null) }
      }, files)
      assert.ok(painted > 0, 'the intro was painted')
      for (const [i, at] of asked.entries()) assert.ok(at !== null && at >= painted, `${files[i]} asked for at ${at} ms, the intro painted at ${painted} ms`)
      assert.deepEqual(problems.pageErrors, [])
      assert.deepEqual(problems.console, [])
    },
  )
})

test('while the config is on its way the intro is laid out hidden and inert; its texts then change in place', async () => {
  await visit(
    { prepare: async (context) => hold(context, '**/smp/clinic.json') },
    async ({ page, problems, prepared: config, wasm }) => {
      await config.requested
      // Laid out from the catalogue's texts (its fonts loaded), invisible to the hooks.
      await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('section.intro.prepared[inert]'), W)
      assert.equal(await page.locator(`${W} [data-action="start"]`).isVisible(), false)
      const before = await page.evaluate((sel) => {
        const intro = document.querySelector(sel).shadowRoot.querySelector('section.intro')
        window.preparedIntro = intro
        return { height: intro.getBoundingClientRect().height, visibility: getComputedStyle(intro).visibility }
      }, W)
      assert.ok(before.height > 0, 'laid out')
      assert.equal(before.visibility, 'hidden')
      config.release()
      await page.locator(`${W} [data-action="start"]`).waitFor({ state: 'visible' })
      const after = await page.evaluate((sel) => {
        const root = document.querySelector(sel).shadowRoot
        const intro = root.querySelector('section.intro')
        return { same: intro === window.preparedIntro, intros: root.querySelectorAll('section.intro').length, prepared: root.querySelectorAll('.prepared').length, inert: intro.inert }
      }, W)
      assert.deepEqual(after, { same: true, intros: 1, prepared: 0, inert: false })
      // The config's clinic name, not the catalogue's default.
      assert.ok((await introText(page)).includes(catalogue('en')['ui.intro.privacy'].replace('{clinic}', demo.clinic.name)))
      wasm.release()
      await page.waitForFunction(() => window.smpEvents.some((e) => e.type === 'smp-ready'))
      assert.deepEqual(problems.pageErrors, [])
      assert.deepEqual(problems.console, [])
    },
  )
})

test('Start pressed while the core loads: busy, then the first question once the core is released', async () => {
  await visit({}, async ({ page, problems, wasm }) => {
    const startButton = page.locator(`${W} [data-action="start"]`)
    await startButton.click()
    await wasm.requested
    assert.equal(await startButton.getAttribute('aria-busy'), 'true')
    assert.equal(await page.locator(`${W} [data-question]`).count(), 0)
    wasm.release()
    const first = page.locator(`${W} fieldset[data-question]`).first()
    await first.waitFor()
    assert.equal(await first.getAttribute('data-question'), 'dob')
    const steps = await events(page, 'smp-step')
    assert.equal(steps[0]?.question, 'dob')
    assert.equal((await events(page, 'smp-ready')).length, 1)
    // Back on the intro, Start is no longer busy.
    await page.locator(`${W} [data-action="back"]`).click()
    await startButton.waitFor()
    assert.equal(await startButton.getAttribute('aria-busy'), null)
    assert.deepEqual(problems.pageErrors, [])
  })
})

test('the .wasm blocked after Start: the failure view with the clinic contact, and smp-error', async () => {
  await visit({}, async ({ page, problems, wasm }) => {
    await page.locator(`${W} [data-action="start"]`).click()
    await wasm.requested
    wasm.fail()
    const failure = page.locator(`${W} .failure`)
    await failure.waitFor({ state: 'visible' })
    await screenshot(page, 'intro-core-blocked')
    const text = await failure.textContent()
    assert.ok(text.includes(demo.clinic.phone), text)
    assert.ok(text.includes(demo.clinic.email), text)
    assert.equal(await page.locator(`${W} [data-action="start"]`).isVisible(), false)
    const errors = await events(page, 'smp-error')
    assert.equal(errors.length, 1)
    assert.equal(errors[0].code, 'wasm_failed')
    assert.equal(typeof errors[0].message, 'string')
    assert.deepEqual(Object.keys(errors[0]).sort(), ['code', 'message'])
    assert.deepEqual(await events(page, 'smp-ready'), [])
    assert.deepEqual(problems.pageErrors, [])
  })
})

test("a clinic's copy override of an intro text is on the intro before and after the core", async () => {
  const config = { ...demo, copy: { ...(demo.copy || {}), en: { ...(demo.copy?.en || {}), 'ui.intro.title': 'Could SMP suit you? Ask Harbor Line', 'ui.intro.start': "Let's begin" } } }
  await visit({ config }, async ({ page, problems, wasm }) => {
    await wasm.requested
    await page.locator(`${W} [data-action="start"]`).waitFor({ state: 'visible' })
    assert.equal(await page.locator(`${W} .intro h2`).textContent(), 'Could SMP suit you? Ask Harbor Line')
    assert.equal(await page.locator(`${W} [data-action="start"]`).textContent(), "Let's begin")
    wasm.release()
    await page.waitForFunction(() => window.smpEvents.some((e) => e.type === 'smp-ready'))
    assert.equal(await page.locator(`${W} .intro h2`).textContent(), 'Could SMP suit you? Ask Harbor Line')
    assert.deepEqual(problems.pageErrors, [])
  })
})

test('a Spanish visitor gets the Spanish intro before the core and its Spanish texts have loaded', async () => {
  // The clinic offers both and sets no default: the browser's language decides.
  const { default: _default, ...locales } = demo.locales
  const config = { ...demo, locales }
  await visit({ locale: 'es-ES', config, prepare: (context) => hold(context, '**/smp/messages.es.json') }, async ({ page, problems, wasm, prepared: texts }) => {
    await page.locator(`${W} [data-action="start"]`).waitFor({ state: 'visible' })
    const es = catalogue('es')
    assert.equal(await page.locator(`${W} .intro h2`).textContent(), es['ui.intro.title'])
    assert.equal(await page.locator(`${W} [data-action="start"]`).textContent(), es['ui.intro.start'])
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('.root').getAttribute('lang'), W), 'es')
    await screenshot(page, 'intro-spanish-before-core')
    wasm.release()
    texts.release()
    await page.waitForFunction(() => window.smpEvents.some((e) => e.type === 'smp-ready'))
    assert.equal((await events(page, 'smp-ready'))[0].locale, 'es')
    await page.locator(`${W} [data-action="start"]`).click()
    await page.locator(`${W} fieldset[data-question]`).first().waitFor()
    assert.equal(await page.locator(`${W} [data-action="next"]`).textContent(), es['ui.next'])
    assert.deepEqual(problems.pageErrors, [])
  })
})

test('Spanish by the locale attribute (es.html): the intro in Spanish while the core is held back', async () => {
  await visit({ path: '/es.html' }, async ({ page, wasm }) => {
    await page.locator(`${W} [data-action="start"]`).waitFor({ state: 'visible' })
    assert.equal(await page.locator(`${W} [data-action="start"]`).textContent(), catalogue('es')['ui.intro.start'])
    wasm.release()
  })
})

test('a broken config never shows a Start that leads nowhere: the failure view once the core has checked it', async () => {
  await visit({ path: '/fixtures/broken-config.html' }, async ({ page, wasm }) => {
    const startButton = page.locator(`${W} [data-action="start"]`)
    // Painted from the config as written; Start waits for the core's check.
    await startButton.click()
    await wasm.requested
    assert.equal(await startButton.getAttribute('aria-busy'), 'true')
    wasm.release()
    const failure = page.locator(`${W} .failure`)
    await failure.waitFor({ state: 'visible' })
    assert.match(await failure.textContent(), /\+1 512 555 0199/)
    assert.equal(await startButton.isVisible(), false)
    assert.equal((await events(page, 'smp-error'))[0].code, 'config_invalid')
    assert.equal(await page.locator(`${W} [data-question]`).count(), 0)
  })
})

test('Start after reading the intro shows the first screen built meanwhile: visible, focused and answerable', async () => {
  await visit({ holdWasm: false }, async ({ page, problems }) => {
    await page.waitForFunction(() => window.smpEvents.some((e) => e.type === 'smp-ready'))
    // Built while the visitor reads: in the step, hidden and inert, invisible to the hooks.
    await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('form.prepared[inert]'), W)
    assert.equal(await page.locator(`${W} fieldset[data-question]`).first().isVisible(), false)
    await page.locator(`${W} [data-action="start"]`).click()
    const first = page.locator(`${W} fieldset[data-question="dob"]`)
    await first.waitFor({ state: 'visible' })
    const state = await page.evaluate((sel) => {
      const root = document.querySelector(sel).shadowRoot
      const form = root.querySelector('form.step-form')
      return { prepared: root.querySelectorAll('.prepared').length, inert: form.inert, intro: root.querySelectorAll('section.intro').length, focused: root.activeElement?.closest('fieldset')?.dataset.question ?? root.activeElement?.tagName }
    }, W)
    assert.deepEqual(state, { prepared: 0, inert: false, intro: 0, focused: 'dob' })
    assert.equal((await events(page, 'smp-step'))[0]?.question, 'dob')
    await first.locator('input[type="date"]').fill('1991-03-14')
    await page.locator(`${W} [data-action="next"]`).click()
    await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('fieldset[data-question]')?.dataset.question !== 'dob', W)
    assert.deepEqual(problems.pageErrors, [])
  })
})

test('a Spanish visitor whose Spanish texts fail to load gets the whole consultation in English, the intro too', async () => {
  const { default: _default, ...locales } = demo.locales
  const config = { ...demo, locales }
  await visit({ locale: 'es-ES', config, prepare: (context) => hold(context, '**/smp/messages.es.json') }, async ({ page, problems, wasm, prepared: texts }) => {
    const heading = page.locator(`${W} .intro h2`)
    await page.locator(`${W} [data-action="start"]`).waitFor({ state: 'visible' })
    assert.equal(await heading.textContent(), catalogue('es')['ui.intro.title'])
    texts.fail()
    wasm.release()
    await page.waitForFunction(() => window.smpEvents.some((e) => e.type === 'smp-ready'))
    // The core answers in English without the Spanish catalogue: the intro follows it, so no
    // screen mixes the two languages.
    const en = catalogue('en')
    assert.equal((await events(page, 'smp-ready'))[0].locale, 'en')
    assert.equal(await heading.textContent(), en['ui.intro.title'])
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('.root').getAttribute('lang'), W), 'en')
    await page.locator(`${W} [data-action="start"]`).click()
    await page.locator(`${W} fieldset[data-question]`).first().waitFor()
    assert.equal(await page.locator(`${W} [data-action="next"]`).textContent(), en['ui.next'])
    assert.deepEqual(problems.pageErrors, [])
  })
})
