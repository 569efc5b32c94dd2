// Clinical safety through the real wasm module (what the widget runs): "unsure" health answers,
// the questions' unanswered value, a minor's "not yet" copy and lead check, the guardrail and
// per-session aftercare, in English and in the loaded Spanish catalogue.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'

import { demoConfig, loadCore } from './load-core.mjs'

const BASE = { age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' }
let core

before(async () => {
  core = await loadCore()
})

function evaluate(answers, locale = 'en') {
  const out = JSON.parse(core.evaluate(demoConfig(), JSON.stringify(answers), '2025-06-01', locale))
  assert.equal(out.ok, true, JSON.stringify(out.errors))
  return out.result
}

test('every health question tells the widget that moving on unanswered means "unsure"', () => {
  const doc = JSON.parse(core.questions(demoConfig(), '{}', 'es', '2025-06-01'))
  const health = doc.questions.filter((q) => q.section === 'health')
  assert.equal(health.length, 12)
  for (const q of health) {
    assert.equal(q.unanswered_value, 'unsure', q.id)
    if (q.options) assert.equal(q.options.at(-1).label, 'No lo sé / prefiero no decirlo', q.id)
    else assert.equal(q.unsure_label, 'No lo sé / prefiero no decirlo', q.id)
  }
})

test('regression: unsure health answers never give good_candidate', () => {
  const result = evaluate({ ...BASE, medical: { keloid_prone: 'unsure', isotretinoin_last_dose: 'unsure' } })
  assert.equal(result.verdict, 'medical_clearance')
  assert.deepEqual(result.reasons.map((r) => [r.code, r.subject, r.action]), [
    ['health_answer_unsure', 'medical.keloid_prone', 'discuss_at_consultation'],
    ['health_answer_unsure', 'medical.isotretinoin_last_dose', 'discuss_at_consultation'],
  ])
  assert.equal(evaluate({ ...BASE, medical: { keloid_prone: false } }).verdict, 'good_candidate')
  const es = evaluate({ ...BASE, medical: { diabetes: 'unsure' } }, 'es')
  assert.match(es.reasons[0].message, /¿Tienes diabetes\?/)
})

test('a minor: "not yet" with the date, and no health answers in a lead', () => {
  const result = evaluate({ ...BASE, age: undefined, dob: '2008-03-12' })
  assert.equal(result.verdict, 'not_suitable')
  assert.equal(result.headline, 'Not yet: you can come back from March 12, 2026')
  assert.equal(result.health_data_consent, false)
  const lead = {
    schema: 'smp-consult/lead@1',
    contact: { name: 'Sam', email: 'sam@example.com' },
    consent: { contact: true, health_data: true },
    answers: { ...BASE, age: 17, medical: { keloid_prone: false } },
    client_id: 'client-12345678',
  }
  const check = JSON.parse(core.validateLead(demoConfig(), JSON.stringify(lead), '2025-06-01', 'en'))
  assert.equal(check.ok, false)
  assert.deepEqual(check.errors.map((e) => e.pointer), ['/answers/medical'])
})

test('the guardrail and every session\'s aftercare come with the result', () => {
  const result = evaluate(BASE)
  assert.deepEqual(result.guardrails.map((g) => g.code), ['no_regrowth'])
  const sessions = new Set(result.plan.aftercare.map((c) => c.after_session))
  assert.deepEqual([...sessions], [1, 2, 3])
})
