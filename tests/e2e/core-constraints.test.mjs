// One rule in one place: the lead form's limits and choices and the age field's bounds are the
// core's (handed over in publicConfig / questions JSON), and web/ keeps no copy of the core's
// lists. Each limit the widget renders is checked against what the core really accepts.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import { demoConfig, loadCore } from '../wasm/load-core.mjs'
import { openPage } from './helpers/browser.mjs'
import { root } from './helpers/server.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start } from './helpers/widget.mjs'

const W = 'smp-consultation'
const site = useDemoSite({ browser: {} })

function lead(core, contact) {
  return {
    schema: 'smp-consult/lead@1',
    contact: { name: 'Marco Test', email: 'marco@example.com', preferred_contact: 'email', ...contact },
    consent: { contact: true, health_data: false, marketing: false, text: 'I agree', given_at: '2025-06-01T10:00:00.000Z' },
    answers: { age: 34, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' },
    context: { page_url: 'http://127.0.0.1/', referrer: '', utm: {}, locale: 'en', widget_version: core.version(), started_at: '2025-06-01T09:58:00.000Z' },
    client_id: 'c0ffee00-0000-4000-8000-000000000001',
    hp: '',
  }
}

/** A valid address of exactly n characters (64-character local part, 63-character labels). */
function emailOfLength(n) {
  const labels = ['com']
  for (let rest = n - 65 - 3; rest > 0; ) {
    const size = Math.min(63, rest - 1)
    labels.unshift('b'.repeat(size))
    rest -= size + 1
  }
  return `${'a'.repeat(64)}@${labels.join('.')}`
}

test('the lead form renders the core limits: maxlength is the longest value the core accepts', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  await answerAll(page, { age: 34, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' })
  await readResult(page)
  await page.locator(`${W} [data-action="send"]`).click()
  const form = page.locator(`${W} form.lead-form`)
  await form.waitFor()
  const rendered = await form.evaluate((el) => ({
    name: Number(el.querySelector('input[name="name"]').getAttribute('maxlength')),
    email: Number(el.querySelector('input[name="email"]').getAttribute('maxlength')),
    phone: Number(el.querySelector('input[name="phone"]').getAttribute('maxlength')),
    methods: [...el.querySelectorAll('input[type="radio"]')].map((input) => input.value),
  }))
  const core = await loadCore()
  const errorsAt = (contact) => JSON.parse(core.validateLead(demoConfig(), JSON.stringify(lead(core, contact)), '2025-06-01', 'en')).errors?.map((e) => e.pointer) ?? []
  // regression: the form allowed 200 characters of name and 40 of phone; the core 100 and 32
  assert.deepEqual(errorsAt({ name: 'a'.repeat(rendered.name) }), [])
  assert.ok(errorsAt({ name: 'a'.repeat(rendered.name + 1) }).includes('/contact/name'))
  assert.deepEqual(errorsAt({ email: emailOfLength(rendered.email) }), [])
  assert.ok(errorsAt({ email: emailOfLength(rendered.email + 1) }).includes('/contact/email'))
  assert.deepEqual(errorsAt({ phone: '5'.repeat(rendered.phone) }), [])
  assert.ok(errorsAt({ phone: '5'.repeat(rendered.phone + 1) }).includes('/contact/phone'))
  // Every contact method offered is one the core takes (with a phone for the phone ones).
  assert.ok(rendered.methods.length > 1, rendered.methods.join(' '))
  for (const method of rendered.methods) assert.deepEqual(errorsAt({ preferred_contact: method, phone: '+15125550100' }), [], method)
})

test('the age field carries the bounds the core checks', async () => {
  const { page } = await openPage(site.context, `${site.url}/`)
  await start(page, { today: '2025-06-01' })
  await page.locator(`${W} [data-question="dob"] button.link`).click()
  const input = page.locator(`${W} [data-question="dob"] input[type="number"]`)
  const [min, max] = [Number(await input.getAttribute('min')), Number(await input.getAttribute('max'))]
  const core = await loadCore()
  const ageErrors = (age) => JSON.parse(core.questions(demoConfig(), JSON.stringify({ age }), 'en', '2025-06-01')).errors?.filter((e) => e.pointer === '/age') ?? []
  assert.deepEqual(ageErrors(min), [])
  assert.deepEqual(ageErrors(max), [])
  assert.equal(ageErrors(min - 1).length, 1)
  assert.equal(ageErrors(max + 1).length, 1)
})

test("web/ keeps no copy of the core's lists (locales, contact methods, UTM keys, limits)", () => {
  const dir = path.join(root, 'web')
  const copies = [
    [/\[\s*['"]en['"]\s*,\s*['"]es['"]/, 'locale list'],
    [/['"]whatsapp['"]/, 'contact methods'],
    [/['"]campaign['"]/, 'UTM keys'],
    [/maxlength:\s*\d/, 'a field limit'],
    [/['"]\/age['"],\s*\d/, 'age bounds'],
    [/\[\s*['"]I['"]\s*,\s*['"]II['"]/, 'Norwood stage list'],
  ]
  const found = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(path.join(dir, file), 'utf8')
    for (const [pattern, what] of copies) if (pattern.test(text)) found.push(`${file}: ${what}`)
  }
  assert.deepEqual(found, [])
})
