// Spanish: chosen by the locale attribute; every text on the way comes from the core's catalogue.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { openPage, screenshot } from './helpers/browser.mjs'
import { expectedResult, scenario } from './helpers/expected.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start, waitReady } from './helpers/widget.mjs'

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
  assert.equal(urls.filter((u) => u === '/smp/messages.es.json').length, 1, urls.join(' '))
  await page.close()

  // The wasm has English built in: without the file the widget still works, in English.
  let problems
  ;({ page, problems } = await openPage(site.context, null))
  await page.route('**/messages.es.json', (route) => route.abort())
  await page.goto(`${site.url}/es.html`, { waitUntil: 'load' })
  await waitReady(page)
  assert.equal(await page.locator(`${W} [data-action="start"]`).textContent(), 'Start')
  await start(page, { today: '2025-06-01' })
  assert.equal(await page.locator(`${W} [data-action="next"]`).textContent(), 'Next')
  assert.deepEqual(problems.pageErrors, [])
  await page.close()
})
