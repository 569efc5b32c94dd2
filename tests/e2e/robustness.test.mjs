// The widget never breaks its host: WebAssembly blocked or failing shows a failure view with the
// clinic's contact; a broken config shows a clear message and fires smp-error; hostile
// host CSS (and root font size) cannot reach the shadow content; strict CSP and Trusted Types
// pages run without violations.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import { launch, openPage, screenshot } from './helpers/browser.mjs'
import { scenario } from './helpers/expected.mjs'
import { root, STRICT_CSP, TRUSTED_TYPES_CSP } from './helpers/server.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start, waitReady } from './helpers/widget.mjs'

const site = useDemoSite({ browser: {} })

async function failureShown(page) {
  const failure = page.locator('smp-consultation .failure')
  await failure.waitFor({ state: 'visible' })
  return {
    text: await failure.textContent(),
    code: await failure.getAttribute('data-code'),
    // The host's light-DOM children (loading copy) as the visitor sees them.
    fallbackVisible: await page.locator('smp-consultation > .fallback, smp-consultation > p').first().isVisible(),
  }
}

test('WebAssembly unavailable: the failure view with the clinic phone replaces the light-DOM loading copy', async () => {
  const { context, close } = await launch()
  try {
    const page = await context.newPage()
    await page.addInitScript(() => {
      delete window.WebAssembly
      window.smpErrors = []
      document.addEventListener('smp-error', (event) => window.smpErrors.push(event.detail))
    })
    await page.goto(`${site.url}/`)
    const shown = await failureShown(page)
    await screenshot(page, 'fallback-no-wasm')
    assert.equal(shown.code, 'wasm_unavailable')
    // regression: the host's "Loading…" copy stayed above the error
    assert.equal(shown.fallbackVisible, false)
    assert.match(shown.text, /\+1 512 555 0142/)
    assert.match(shown.text, /hello@harborline-smp\.example/)
    const errors = await page.evaluate(() => window.smpErrors)
    assert.equal(errors[0].code, 'wasm_unavailable')
  } finally {
    await close()
  }
})

test('the .wasm download blocked: fallback, no uncaught error', async () => {
  const { context, close } = await launch()
  try {
    await context.route('**/*.wasm', (route) => route.abort('blockedbyclient'))
    const { page, problems } = await openPage(context, `${site.url}/`)
    const shown = await failureShown(page)
    assert.equal(shown.fallbackVisible, false)
    assert.match(shown.text, /\+1 512 555 0142/)
    assert.deepEqual(problems.pageErrors, [])
  } finally {
    await close()
  }
})

test('a broken clinic config: fallback, a clear message and smp-error', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}/fixtures/broken-config.html`)
  const shown = await failureShown(page)
  await screenshot(page, 'fallback-broken-config')
  assert.equal(shown.code, 'config_invalid')
  assert.match(shown.text, /not set up correctly/)
  assert.match(shown.text, /\+1 512 555 0199/)
  const errors = await page.evaluate(() => window.smpErrors)
  assert.equal(errors.length, 1)
  assert.equal(errors[0].code, 'config_invalid')
  assert.match(errors[0].message, /\/sessions\/interval_days/)
  assert.deepEqual(problems.pageErrors, [])
})

test('hostile host CSS does not break the shadow content', async () => {
  const { page } = await openPage(site.context, `${site.url}/fixtures/hostile.html`)
  await waitReady(page)
  await page.locator('smp-consultation [data-action="start"]').click()
  const question = page.locator('smp-consultation fieldset[data-question="dob"]')
  await question.waitFor({ state: 'visible' })
  const box = await question.boundingBox()
  assert.ok(box && box.width > 200 && box.height > 40, JSON.stringify(box))
  const color = await page.evaluate(() => getComputedStyle(document.querySelector('smp-consultation').shadowRoot.querySelector('h2')).color)
  assert.notEqual(color, 'rgb(255, 0, 0)')
  await screenshot(page, 'hostile-css')
})

test('strict CSP page: zero violations and zero console errors through a whole consultation', async () => {
  const fixture = scenario('V01')
  const { page, problems } = await openPage(site.context, `${site.url}/strict.html`)
  const response = await page.request.get(`${site.url}/strict.html`)
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP)
  await start(page, { today: '2025-06-01' })
  await answerAll(page, fixture?.answers ?? { age: 34, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' })
  const shown = await readResult(page)
  assert.equal(shown.verdict, 'good_candidate')
  await page.locator('smp-consultation [data-action="send"]').click()
  await page.locator('smp-consultation form.lead-form').waitFor()
  await screenshot(page, 'strict-csp-lead')
  assert.deepEqual(problems.csp, [])
  assert.deepEqual(problems.console, [])
  assert.deepEqual(problems.pageErrors, [])
})

test('the config cannot load: the light DOM stays, the only contact the visitor has', async () => {
  const { context, close } = await launch()
  try {
    await context.route('**/clinic.json', (route) => route.fulfill({ status: 404, body: 'not found' }))
    const page = await context.newPage()
    await page.addInitScript(() => {
      window.smpErrors = []
      document.addEventListener('smp-error', (event) => window.smpErrors.push(event.detail))
    })
    await page.goto(`${site.url}/`)
    const shown = await failureShown(page)
    assert.equal(shown.code, 'config_load_failed')
    assert.equal(shown.fallbackVisible, true)
    assert.match(await page.locator('smp-consultation > .fallback').textContent(), /\+1 512 555 0142/)
    assert.equal((await page.evaluate(() => window.smpErrors))[0].code, 'config_load_failed')
  } finally {
    await close()
  }
})

test('Trusted Types enforced: the whole consultation runs with zero violations', async () => {
  const fixture = scenario('V01')
  const { page, problems } = await openPage(site.context, `${site.url}/fixtures/trusted-types.html`)
  const response = await page.request.get(`${site.url}/fixtures/trusted-types.html`)
  assert.equal(response.headers()['content-security-policy'], TRUSTED_TYPES_CSP)
  await start(page, { today: '2025-06-01' })
  await answerAll(page, fixture?.answers ?? { age: 34, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' })
  assert.equal((await readResult(page)).verdict, 'good_candidate')
  await page.locator('smp-consultation [data-action="send"]').click()
  await page.locator('smp-consultation form.lead-form').waitFor()
  await screenshot(page, 'trusted-types-lead')
  assert.deepEqual(problems.csp, [])
  assert.deepEqual(problems.console, [])
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(await page.evaluate(() => window.smpErrors), [])
  // The policy is really enforced on this page: an HTML sink throws.
  assert.equal(await page.evaluate(() => { try { document.createElement('div').innerHTML = '<b>x</b>'; return 'allowed' } catch (error) { return error.name } }), 'TypeError')
})

test('Trusted Types page whose core cannot load: the failure view and smp-error, never "Loading…" forever', async () => {
  const { context, close } = await launch()
  try {
    await context.route('**/*.wasm', (route) => route.abort('blockedbyclient'))
    const { page, problems } = await openPage(context, `${site.url}/fixtures/trusted-types.html`)
    const shown = await failureShown(page)
    assert.match(shown.text, /could not start/)
    assert.match(shown.text, /\+1 512 555 0142/)
    assert.equal(shown.fallbackVisible, false)
    assert.equal((await page.evaluate(() => window.smpErrors))[0].code, 'wasm_failed')
    assert.deepEqual(problems.pageErrors, [])
  } finally {
    await close()
  }
})

test('the widget folder has no HTML sink and no eval: nothing Trusted Types would block', () => {
  const dir = path.join(root, 'dist/smp')
  const scripts = readdirSync(dir).filter((f) => /\.(m?js)$/.test(f))
  assert.ok(scripts.includes('smp-consult.js') && scripts.includes('later-steps.js'), scripts.join(' '))
  const sinks = /\.(innerHTML|outerHTML|srcdoc)\s*=|insertAdjacentHTML|createContextualFragment|document\.write|DOMParser|\beval\(|new Function\b|\bFunction\(|setTimeout\(\s*["'`]|importScripts\(/
  for (const file of scripts) {
    const match = readFileSync(path.join(dir, file), 'utf8').match(sinks)
    assert.equal(match, null, `${file}: ${match?.[0]}`)
  }
})

test('host root font size (html { font-size: 62.5% }) leaves the widget sizes alone', async () => {
  const { page } = await openPage(site.context, `${site.url}/fixtures/hostile.html`)
  await waitReady(page)
  const measure = () =>
    page.evaluate(() => {
      const root = document.querySelector('smp-consultation').shadowRoot
      const px = (el, prop) => parseFloat(getComputedStyle(el)[prop])
      const start = root.querySelector('[data-action="start"]')
      return {
        rootFont: px(document.documentElement, 'fontSize'),
        text: px(root.querySelector('.root'), 'fontSize'),
        heading: px(root.querySelector('h2'), 'fontSize'),
        buttonMinHeight: px(start, 'minHeight'),
        buttonHeight: start.getBoundingClientRect().height,
        padding: px(root.querySelector('.root'), 'paddingTop'),
      }
    })
  const hostile = await measure()
  assert.equal(hostile.rootFont, 10)
  await page.evaluate(() => { document.querySelector('link[href="hostile.css"]').disabled = true })
  const plain = await measure()
  assert.equal(plain.rootFont, 16)
  const { rootFont: _a, ...widgetHostile } = hostile
  const { rootFont: _b, ...widgetPlain } = plain
  assert.deepEqual(widgetHostile, widgetPlain)
  assert.equal(widgetHostile.text, 16)
  assert.equal(widgetHostile.buttonMinHeight, 44)
})
