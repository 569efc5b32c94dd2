// Spanish: chosen by the locale attribute; every text on the way comes from the core's catalogue.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import { openPage, screenshot } from './helpers/browser.mjs'
import { expectedResult, scenario } from './helpers/expected.mjs'
import { root } from './helpers/server.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, answerCurrent, next, readResult, start, waitReady } from './helpers/widget.mjs'

const W = 'smp-consultation'
const site = useDemoSite({ browser: { locale: 'es-ES' } })

test('Spanish page: intro, questions and result in Spanish (V06)', async () => {
  const fixture = scenario('V06')
  const answers = fixture?.answers ?? { age: 29, sex: 'male', pattern: { scale: 'norwood', stage: 'IV' }, desired_look: 'shaved', last_hair_transplant: '2025-01-10', medical: { active_scalp_condition: true } }
  const { page, problems } = await openPage(site.context, `${site.url}/es.html`)
  await waitReady(page)
  assert.match(await page.locator(`${W} .intro h2`).textContent(), /¿Es la micropigmentación capilar para ti\?/)
  assert.equal(await page.locator(`${W} [data-action="start"]`).textContent(), 'Empezar')
  await start(page, { today: '2025-06-01' })
  assert.equal(await page.locator(`${W} [data-action="next"]`).textContent(), 'Siguiente')
  await screenshot(page, 'spanish-first-question')
  await answerAll(page, answers)
  const shown = await readResult(page)
  await screenshot(page, 'spanish-result')
  const expected = await expectedResult(answers, '2025-06-01', 'es')
  assert.equal(shown.verdict, 'defer')
  assert.equal(shown.headline, expected.headline)
  for (const reason of expected.reasons) assert.ok(shown.reasonTexts.some((t) => t.includes(reason.message)), reason.code)
  assert.match(shown.live, /Tu resultado está listo/)
  assert.deepEqual(problems.pageErrors, [])
})

test('switching the locale attribute re-renders the current step', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  assert.equal(await page.locator(`${W} [data-action="next"]`).textContent(), 'Next')
  await page.evaluate((sel) => document.querySelector(sel).setAttribute('locale', 'es'), W)
  await page.locator(`${W} [data-action="next"]`, { hasText: 'Siguiente' }).waitFor()
})

test('the Spanish catalogue is fetched only for a Spanish visitor, and its loss degrades to English', async () => {
  const requested = (page) => {
    const urls = []
    page.on('request', (request) => urls.push(new URL(request.url()).pathname))
    return urls
  }
  let { page } = await openPage(site.context, null)
  let urls = requested(page)
  await page.goto(`${site.url}/`, { waitUntil: 'load' })
  await waitReady(page)
  assert.ok(!urls.includes('/smp/messages.es.json'), urls.join(' '))
  await page.close()

  ;({ page } = await openPage(site.context, null))
  urls = requested(page)
  await page.goto(`${site.url}/es.html`, { waitUntil: 'load' })
  await waitReady(page)
  // (Start is on screen before the core; the catalogue is fetched beside the core's loader)
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/smp/messages.es.json')), null, { timeout: 20000 })
  assert.equal(urls.filter((u) => u === '/smp/messages.es.json').length, 1, urls.join(' '))
  await page.close()

  // The wasm has English built in: without the file the widget still works, in English.
  let problems
  ;({ page, problems } = await openPage(site.context, null))
  await page.route('**/messages.es.json', (route) => route.abort())
  await page.goto(`${site.url}/es.html`, { waitUntil: 'load' })
  await waitReady(page)
  // The intro is painted in Spanish from the widget's own intro texts before the core is there;
  // once the core has loaded without the Spanish catalogue, the consultation is in English.
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-action="start"]')?.textContent === 'Start', W, { timeout: 20000 })
  await start(page, { today: '2025-06-01' })
  assert.equal(await page.locator(`${W} [data-action="next"]`).textContent(), 'Next')
  assert.deepEqual(problems.pageErrors, [])
  await page.close()
})

test('Spanish copy: one wording for "not sure" (No lo sé), SMP never MPC', async () => {
  // What ships: the widget's catalogue file and, through the CLI, every Spanish text (email, .ics).
  const texts = Object.values(JSON.parse(readFileSync(path.join(root, 'dist/smp/messages.es.json'), 'utf8')).messages ?? {})
  const cli = process.env.SMP_CONSULT_BIN
  if (cli && existsSync(cli)) texts.push(...Object.values(JSON.parse(execFileSync(cli, ['messages', '--locale', 'es'], { encoding: 'utf8' })).messages ?? {}))
  assert.ok(texts.length > 100, `${texts.length} texts`)
  assert.deepEqual(texts.filter((t) => /\bMPC\b/.test(t)), [])
  assert.deepEqual(texts.filter((t) => /no estoy segur/i.test(t)), [])
  assert.ok(texts.includes('No lo sé'))
  // And on screen: the stage picker's "not sure" button.
  const { page } = await openPage(site.context, `${site.url}/es.html`)
  await start(page, { today: '2025-06-01' })
  const answers = { age: 34, sex: 'male', pattern: { scale: 'norwood' } }
  for (let step = 0; step < 10; step += 1) {
    const shown = page.locator(`${W} fieldset[data-question]`).first()
    await shown.waitFor()
    if ((await shown.getAttribute('data-question')) === 'norwood_stage') break
    const asked = await answerCurrent(page, answers)
    await next(page)
    await page.waitForFunction(([sel, prev]) => document.querySelector(sel).shadowRoot.querySelector('[data-question]')?.dataset.question !== prev, [W, asked])
  }
  const notSure = page.locator(`${W} [data-question="norwood_stage"] [data-action="not-sure"]`, { hasText: 'No lo sé' })
  await notSure.waitFor()
  assert.equal(await notSure.count(), 1)
  await page.close()
})

test('the Spanish demo page is in Spanish: no sentence of the English page is left', async () => {
  const { page } = await openPage(site.context, `${site.url}/es.html`)
  // The page's own copy (outside the widget), sentence by sentence.
  const sentences = (html) =>
    html
      .replace(/<smp-consultation[\s\S]*?<\/smp-consultation>/, '')
      .replace(/<svg[\s\S]*?<\/svg>/g, '')
      .replace(/<[^>]+>/g, '\n')
      .split(/\n|(?<=[.!?])\s/)
      .map((s) => s.trim())
      .filter((s) => /[a-z]{3,} [a-z]{3,}/i.test(s))
  const english = new Set(sentences(readFileSync(path.join(root, 'web/demo/index.html'), 'utf8')))
  const spanish = sentences(await page.content())
  const kept = spanish.filter((s) => english.has(s) && !/Harbor Line|Scalp Studio|Austin|Congress Ave/.test(s))
  assert.deepEqual(kept, [])
  assert.equal(await page.getAttribute('html', 'lang'), 'es')
  assert.match(await page.locator('h1').textContent(), /sin cirugía/i)
  await page.close()
})
