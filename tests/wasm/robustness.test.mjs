// Thousands of malformed inputs: every binding answers with diagnostics (or "" for planIcs) and
// the module keeps answering correctly afterwards. An abort would throw here and fail the test.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'

import { demoConfig, loadCore } from './load-core.mjs'

let core
before(async () => {
  core = await loadCore()
})

// Deterministic pseudo-random numbers (mulberry32), so a failure is reproducible.
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const goodAnswers = {
  dob: '1991-03-14',
  sex: 'male',
  pattern: { scale: 'norwood', stage: 'III' },
  desired_look: 'shaved',
  fitzpatrick: 3,
  scars: [{ type: 'fut_strip', healed_since: '2022-05-01', raised_or_red: false }],
  medical: { chemotherapy: 'ended', chemotherapy_end: '2025-01-01', diabetes: 'controlled' },
  requested_start: '2025-06-10',
}
const weird = [null, 0, -1, 1.5, 1e308, -1e308, '', 'x', '2025-02-30', '9999-99-99', [], {}, [1, 2], { a: 1 }, true, false, 'I'.repeat(5000)]

function* malformed(seedText) {
  // Truncations of a valid document at every length.
  for (let i = 0; i < seedText.length; i += 1) yield seedText.slice(0, i)
  // Deep nesting, balanced and not.
  for (const depth of [65, 200, 5000, 100000]) {
    yield '['.repeat(depth) + ']'.repeat(depth)
    yield '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
    yield '['.repeat(depth)
  }
  // Huge strings and documents.
  yield JSON.stringify({ dob: 'x'.repeat(900000) })
  yield JSON.stringify({ name: 'é'.repeat(300000) })
  yield ' '.repeat(2 * 1024 * 1024) + '{}'
  yield '"' + 'a'.repeat(100000)
  // Not objects at all.
  for (const value of ['null', '1', '"s"', '[]', 'true', '1e999', '-', 'NaN', '\u0000', '\ud800', '{"a":\ud800}', '{"a":"\\ud800"}']) yield value
}

function* wrongTypes(base, random, count) {
  const keys = []
  const walk = (node, pointer) => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        keys.push([...pointer, k])
        walk(v, [...pointer, k])
      }
    }
  }
  walk(base, [])
  for (let i = 0; i < count; i += 1) {
    const doc = structuredClone(base)
    const path = keys[Math.floor(random() * keys.length)]
    let node = doc
    for (const k of path.slice(0, -1)) node = node[k]
    node[path[path.length - 1]] = weird[Math.floor(random() * weird.length)]
    if (random() < 0.3) doc[`unknown_${i % 7}`] = weird[i % weird.length]
    yield JSON.stringify(doc)
  }
}

function expectDiagnosticsOrValue(text, what) {
  const value = JSON.parse(text)
  assert.equal(typeof value, 'object', what)
  if (value.ok === false) {
    assert.ok(Array.isArray(value.errors) && value.errors.length > 0, `${what}: ok:false without errors`)
    for (const e of value.errors) assert.equal(typeof e.pointer, 'string', what)
  }
}

test('malformed answers, configs and leads never abort the module', () => {
  const random = rng(20250601)
  const config = demoConfig()
  const answerText = JSON.stringify(goodAnswers)
  let calls = 0
  const inputs = [...malformed(answerText), ...wrongTypes(goodAnswers, random, 1500)]
  for (const input of inputs) {
    expectDiagnosticsOrValue(core.evaluate(config, input, '2025-06-01', 'en'), `evaluate ${input.slice(0, 60)}`)
    expectDiagnosticsOrValue(core.questions(config, input, 'es', '2025-06-01'), `questions ${input.slice(0, 60)}`)
    assert.equal(typeof core.planIcs(config, input, '2025-06-01', 'en', 0, ''), 'string')
    calls += 3
  }
  const configInputs = [...malformed(config), ...wrongTypes(JSON.parse(config), random, 1500)]
  for (const input of configInputs) {
    expectDiagnosticsOrValue(core.validateConfig(input), `validateConfig ${input.slice(0, 60)}`)
    expectDiagnosticsOrValue(core.publicConfig(input), `publicConfig ${input.slice(0, 60)}`)
    expectDiagnosticsOrValue(core.messages(input, 'es'), `messages ${input.slice(0, 60)}`)
    calls += 3
  }
  const lead = {
    schema: 'smp-consult/lead@1',
    contact: { name: 'A B', email: 'a@example.com', phone: '+1 555', preferred_contact: 'phone' },
    consent: { contact: true, health_data: true, marketing: false, text: 't', given_at: '2025-06-01T10:00:00Z' },
    answers: goodAnswers,
    context: { page_url: 'http://127.0.0.1/', referrer: '', utm: { source: 'x' }, locale: 'en', widget_version: '0.1.0', started_at: '2025-06-01T09:00:00Z' },
    summary: { verdict: 'good_candidate', low: 1500, high: 2500, currency: 'USD' },
    client_id: 'id-1',
    hp: '',
  }
  for (const input of [...[...malformed(JSON.stringify(lead))].filter((_, i) => i % 2 === 0), ...wrongTypes(lead, random, 1500)]) {
    expectDiagnosticsOrValue(core.validateLead(config, input, '2025-06-01', 'en'), `validateLead ${input.slice(0, 60)}`)
    calls += 1
  }
  for (const today of ['', '2025-13-01', '2025-02-29', 'x'.repeat(10000), '0000-01-01', '9999-12-31']) {
    expectDiagnosticsOrValue(core.evaluate(config, answerText, today, 'en'), `today ${today.slice(0, 20)}`)
    expectDiagnosticsOrValue(core.questions(config, answerText, 'en', today), `today ${today.slice(0, 20)}`)
  }
  for (const locale of ['', 'xx', 'ES', 'e'.repeat(100000), '\u0000']) {
    expectDiagnosticsOrValue(core.evaluate(config, answerText, '2025-06-01', locale), `locale ${locale.slice(0, 10)}`)
  }
  assert.ok(calls > 5000, `only ${calls} calls`)

  // Still healthy afterwards.
  const out = JSON.parse(core.evaluate('{}', JSON.stringify({ dob: '1991-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', requested_start: '2025-06-10' }), '2025-06-01', 'en'))
  assert.equal(out.ok, true)
  assert.equal(out.result.verdict, 'good_candidate')
  assert.deepEqual(out.result.plan.sessions.map((s) => s.date), ['2025-06-10', '2025-06-24', '2025-07-08'])
})
