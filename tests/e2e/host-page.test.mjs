// The widget inside a real host page: sticky headers never hide a new step's heading (the host's
// scroll-padding-top or the element's --smp-scroll-offset), a locale the core does not have
// costs no request, and page scripts find no visitor answers on the element.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { launch, openPage, screenshot } from './helpers/browser.mjs'
import { scenario } from './helpers/expected.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start, waitReady } from './helpers/widget.mjs'

const W = 'smp-consultation'
const site = useDemoSite({ browser: {} })

/** Where the focused step heading sits relative to the host's sticky header and the viewport. */
function headingPlacement(page, headerSelector) {
  return page.evaluate(
    ([sel, header]) => {
      const heading = document.querySelector(sel).shadowRoot.activeElement
      const rect = heading?.getBoundingClientRect()
      return {
        tag: heading?.tagName ?? null,
        text: heading?.textContent ?? '',
        top: rect?.top ?? NaN,
        bottom: rect?.bottom ?? NaN,
        headerBottom: document.querySelector(header).getBoundingClientRect().bottom,
        viewport: window.innerHeight,
      }
    },
    [W, headerSelector],
  )
}

function assertClear(where, placement) {
  assert.equal(placement.tag, 'H2', `${where}: focus on the step heading`)
  assert.ok(placement.top >= placement.headerBottom, `${where}: "${placement.text}" at ${placement.top}px is under the header (bottom ${placement.headerBottom}px)`)
  assert.ok(placement.bottom <= placement.viewport, `${where}: "${placement.text}" ends at ${placement.bottom}px, below the viewport (${placement.viewport}px)`)
}

for (const [name, url, header] of [
  ['the demo site (scroll-padding-top)', '/', '.site-header'],
  ['a host with --smp-scroll-offset', '/fixtures/sticky-header.html', 'header'],
]) {
  test(`phone 360×740, sticky header, ${name}: every new question and the verdict are visible`, async () => {
    const { context, close } = await launch({ viewport: { width: 360, height: 740 } })
    try {
      const { page } = await openPage(context, `${site.url}${url}`)
      await waitReady(page)
      // The visitor scrolled to the consultation, its Start button at the bottom of the screen.
      await page.evaluate((sel) => {
        const startButton = document.querySelector(sel).shadowRoot.querySelector('[data-action="start"]')
        window.scrollBy(0, startButton.getBoundingClientRect().bottom - window.innerHeight + 8)
      }, W)
      await start(page, { today: '2025-06-01' })
      await answerAll(page, scenario('V01')?.answers ?? { age: 34, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' }, {
        onShow: async (step) => assertClear(`step ${step}`, await headingPlacement(page, header)),
      })
      await readResult(page)
      assertClear('result', await headingPlacement(page, header))
      await screenshot(page, `sticky-${url === '/' ? 'demo' : 'offset'}-result`, { fullPage: false })
    } finally {
      await close()
    }
  })
}

test('a heading already in view is not scrolled to', async () => {
  const { page } = await openPage(site.context, `${site.url}/fixtures/sticky-header.html`)
  await waitReady(page)
  // Room for the whole first question below the header: no scroll needed.
  await page.evaluate((sel) => {
    const host = document.querySelector(sel)
    window.scrollBy(0, host.getBoundingClientRect().top - 120)
  }, W)
  const before = await page.evaluate(() => window.scrollY)
  await page.locator(`${W} [data-action="start"]`).click()
  await page.locator(`${W} [data-question]`).first().waitFor()
  assert.equal(await page.evaluate(() => window.scrollY), before)
})

test('an unknown locale (fr) fetches no catalogue and logs no error; the clinic default is used', async () => {
  const { page, problems } = await openPage(site.context, null)
  const urls = []
  page.on('request', (request) => urls.push(new URL(request.url()).pathname))
  const failed = []
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`)
  })
  await page.goto(`${site.url}/fixtures/unknown-locale.html`, { waitUntil: 'load' })
  await waitReady(page)
  assert.equal(await page.locator(`${W} [data-action="start"]`).textContent(), 'Start')
  // A later switch to another unknown code asks for nothing either.
  await page.evaluate((sel) => document.querySelector(sel).setAttribute('locale', 'de-DE'), W)
  await page.evaluate((sel) => document.querySelector(sel).setAttribute('locale', 'es'), W)
  await page.locator(`${W} [data-action="start"]`, { hasText: 'Empezar' }).waitFor()
  assert.deepEqual(urls.filter((u) => u.startsWith('/smp/messages.')), ['/smp/messages.es.json'])
  assert.deepEqual(failed, [])
  assert.deepEqual(problems.console, [])
  assert.deepEqual(problems.pageErrors, [])
})

test('a page script finds no answers or result on the element (state is private)', async () => {
  const answers = { ...(scenario('V10')?.answers ?? { age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' }), medical: { diabetes: 'controlled' } }
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  await answerAll(page, answers)
  await readResult(page)
  // What analytics or session replay could read: every own property (enumerable or not, symbols
  // too), everything for…in reaches, and the names the element used to expose.
  const exposed = await page.evaluate((sel) => {
    const el = document.querySelector(sel)
    const keys = [...Reflect.ownKeys(el), ...(() => { const all = []; for (const k in el) all.push(k); return all })()]
    const seen = new WeakSet()
    const dump = (value, depth = 0) => {
      if (depth > 4 || value === null || typeof value !== 'object' || value instanceof Node || seen.has(value)) return typeof value === 'string' ? value : ''
      seen.add(value)
      try {
        return Object.entries(value).map(([k, v]) => `${k}:${dump(v, depth + 1)}`).join(',')
      } catch {
        return ''
      }
    }
    const own = Reflect.ownKeys(el).map((k) => `${String(k)}=${dump(el[k])}`)
    const legacy = ['answers', 'result', 'qdoc', 'core', 'pub', 'texts', 'configText', 'writers', 'ics', 'stepView'].filter((k) => el[k] !== undefined)
    return { ownKeys: Reflect.ownKeys(el).map(String), own: own.join(' '), legacy, forIn: keys.map(String).filter((k) => !k.startsWith('on') && !(k in HTMLElement.prototype)) }
  }, W)
  assert.deepEqual(exposed.ownKeys, [])
  assert.deepEqual(exposed.legacy, [])
  assert.deepEqual(exposed.forIn, [])
  assert.doesNotMatch(exposed.own, /diabetes|controlled|verdict/)
  // The documented hooks still work: data-question, answer values, data-action, events.
  assert.equal(await page.locator(`${W} [data-action="send"]`).count(), 1)
})
