// The lead form: validation messages from the core, the POSTed smp-consult/lead@1 body (no
// medical answers without the health-data consent), retries, failure with a mailto: fallback, and
// nothing stored or sent before submission.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { launch, openPage, screenshot, seriousAxeViolations } from './helpers/browser.mjs'
import { scenario } from './helpers/expected.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start } from './helpers/widget.mjs'

const W = 'smp-consultation'
const V05 = { age: 45, sex: 'male', pattern: { scale: 'norwood', stage: 'V' }, desired_look: 'shaved', medical: { blood_thinners_or_bleeding_disorder: true } }
const LEAD_KEYS = ['answers', 'client_id', 'consent', 'contact', 'context', 'hp', 'schema', 'summary']

const site = useDemoSite()

async function toLeadForm(page) {
  const answers = scenario('V05')?.answers ?? V05
  await start(page, { today: '2025-06-01' })
  await answerAll(page, answers)
  assert.equal((await readResult(page)).verdict, 'medical_clearance')
  await page.locator(`${W} [data-action="send"]`).click()
  await page.locator(`${W} form.lead-form`).waitFor()
}

async function fill(page, { name = 'Frank Tester', email = 'frank@example.com', phone = '', consent = true, health = false } = {}) {
  await page.locator(`${W} input[name="name"]`).fill(name)
  await page.locator(`${W} input[name="email"]`).fill(email)
  if (phone) await page.locator(`${W} input[name="phone"]`).fill(phone)
  if (consent) await page.locator(`${W} input[name="consent_contact"]`).check()
  if (health) await page.locator(`${W} input[name="consent_health"]`).check()
}

async function capture(context, reply = () => ({ status: 202, body: { lead_id: 'L-777' } })) {
  const bodies = []
  await context.route('**/api/leads', async (route) => {
    bodies.push(JSON.parse(route.request().postData()))
    const { status, body, abort } = reply(bodies.length)
    if (abort) return route.abort('connectionreset')
    return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) })
  })
  return bodies
}

test('validation messages, then a POST without medical answers (no health consent)', async () => {
  const { context, close } = await launch()
  try {
    const bodies = await capture(context)
    const requests = []
    context.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`))
    const { page, problems } = await openPage(context, `${site.url}/?utm_source=newsletter&utm_campaign=spring`)
    await page.evaluate(() => {
      window.smpLeads = []
      document.addEventListener('smp-lead', (event) => window.smpLeads.push(event.detail))
    })
    await toLeadForm(page)
    // Nothing left the browser before submitting, and nothing was stored.
    assert.deepEqual(requests.filter((r) => !r.startsWith('GET ')), [])
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    const errors = page.locator(`${W} form.lead-form .error:not(:empty)`)
    await errors.first().waitFor()
    const texts = await errors.allTextContents()
    await screenshot(page, 'lead-validation')
    assert.ok(texts.length >= 3, texts.join(' | '))
    assert.equal(await page.locator(`${W} input[name="name"]`).getAttribute('aria-invalid'), 'true')
    assert.equal(await page.locator(`${W} input[name="consent_contact"]`).getAttribute('aria-invalid'), 'true')
    assert.equal(bodies.length, 0)

    await fill(page, { email: 'not-an-email' })
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    await page.locator(`${W} input[name="email"][aria-invalid="true"]`).waitFor()
    assert.equal(bodies.length, 0)

    await page.locator(`${W} input[name="email"]`).fill('frank@example.com')
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    await page.locator(`${W} .done`).waitFor()
    await screenshot(page, 'lead-done')
    assert.deepEqual(await seriousAxeViolations(page), [])
    assert.equal(bodies.length, 1)
    const lead = bodies[0]
    assert.deepEqual(Object.keys(lead).sort(), LEAD_KEYS)
    assert.equal(lead.schema, 'smp-consult/lead@1')
    assert.equal(lead.answers.medical, undefined)
    assert.equal(lead.consent.contact, true)
    assert.equal(lead.consent.health_data, false)
    assert.equal(lead.contact.name, 'Frank Tester')
    assert.equal(lead.context.utm.source, 'newsletter')
    assert.equal(lead.context.utm.campaign, 'spring')
    assert.ok(lead.context.started_at)
    assert.equal(lead.summary.verdict, 'medical_clearance')
    assert.equal(lead.hp, '')
    assert.match(lead.client_id, /^[0-9a-f-]{16,}$/)
    assert.equal(JSON.stringify(lead).includes('blood_thinners'), false)
    assert.match(await page.locator(`${W} .done`).textContent(), /L-777/)
    assert.deepEqual(await page.evaluate(() => window.smpLeads), [{ leadId: 'L-777' }])
    // Only the tab's own resume state (issue 13: sessionStorage by default), no cookie, nothing
    // in localStorage.
    assert.deepEqual(await page.evaluate(() => [localStorage.length, Object.keys(sessionStorage), document.cookie]), [0, ['smp-consult:/smp/clinic.json'], ''])
    assert.deepEqual(problems.pageErrors, [])
  } finally {
    await close()
  }
})

test('with the health-data box ticked the medical answers are included; a dropped connection is retried', async () => {
  const { context, close } = await launch()
  try {
    const bodies = await capture(context, (n) => (n === 1 ? { abort: true } : { status: 202, body: { lead_id: 'L-778' } }))
    const { page } = await openPage(context, `${site.url}/`)
    await toLeadForm(page)
    await fill(page, { health: true, phone: '+1 512 555 0100' })
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    await page.locator(`${W} .done`).waitFor({ timeout: 20000 })
    assert.equal(bodies.length, 2)
    assert.equal(bodies[0].client_id, bodies[1].client_id)
    assert.equal(bodies[1].answers.medical.blood_thinners_or_bleeding_disorder, true)
    assert.equal(bodies[1].consent.health_data, true)
    assert.equal(bodies[1].contact.phone, '+1 512 555 0100')
  } finally {
    await close()
  }
})

test('delivery refused: a clear failure and a mailto: fallback without health data', async () => {
  const { context, close } = await launch()
  try {
    await capture(context, () => ({ status: 403, body: { errors: [] } }))
    const { page } = await openPage(context, `${site.url}/`)
    await toLeadForm(page)
    await fill(page)
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    const mailto = page.locator(`${W} a[data-action="mailto"]`)
    await mailto.waitFor()
    await screenshot(page, 'lead-failed')
    assert.deepEqual(await seriousAxeViolations(page), [])
    const href = await mailto.getAttribute('href')
    assert.match(href, /^mailto:hello@harborline-smp\.example\?subject=/)
    const body = decodeURIComponent(href.split('body=')[1])
    assert.match(body, /Frank Tester/)
    assert.equal(/blood|thinner/i.test(body), false)
    assert.match(await page.locator(`${W} .status`).textContent(), /couldn't send/)
  } finally {
    await close()
  }
})

test('no lead endpoint configured: the form offers a prefilled mailto: instead', async () => {
  const { context, close } = await launch()
  try {
    const requests = []
    context.on('request', (request) => requests.push(`${request.method()} ${new URL(request.url()).pathname}`))
    const { page } = await openPage(context, `${site.url}/`)
    await page.locator(`${W} [data-action="start"]`).waitFor()
    const config = { clinic: { name: 'Mail Only Clinic', email: 'desk@mail-only.example' }, lead: { phone: 'hidden' } }
    await page.evaluate(([sel, json]) => {
      window.smpResults = []
      document.addEventListener('smp-result', (event) => window.smpResults.push(event.detail))
      document.querySelector(sel).setAttribute('config-json', json)
    }, [W, JSON.stringify(config)])
    await start(page, { today: '2025-06-01' })
    await answerAll(page, scenario('V01')?.answers ?? { age: 34, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' })
    await readResult(page)
    const [detail] = await page.evaluate(() => window.smpResults)
    assert.deepEqual(Object.keys(detail).sort(), ['currency', 'high', 'low', 'packages', 'verdict'])
    await page.locator(`${W} [data-action="send"]`).click()
    assert.equal(await page.locator(`${W} input[name="phone"]`).count(), 0)
    await fill(page)
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    const href = await page.locator(`${W} a[data-action="mailto"]`).getAttribute('href')
    assert.match(href, /^mailto:desk@mail-only\.example\?subject=Consultation%20request%20from%20Frank%20Tester&body=/)
    assert.deepEqual(requests.filter((r) => !r.startsWith('GET ')), [])
  } finally {
    await close()
  }
})
