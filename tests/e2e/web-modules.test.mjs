// The widget's pure helpers, in Node (and todayIn in Chromium too): JSON-pointer answers editing
// and display formatting.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { getAt, removeAt, setAt, withoutMedical } from '../../web/answers.js'
import { date, fill, todayIn, year } from '../../web/format.js'
import { launch } from './helpers/browser.mjs'

test('answers: set, read and remove values by JSON pointer without mutating', () => {
  const empty = {}
  const one = setAt(empty, '/pattern/scale', 'norwood')
  assert.deepEqual(empty, {})
  assert.deepEqual(one, { pattern: { scale: 'norwood' } })
  const two = setAt(one, '/pattern/stage', 'III')
  assert.equal(getAt(two, '/pattern/stage'), 'III')
  assert.equal(getAt(two, '/pattern/extent'), undefined)
  assert.equal(getAt(two, '/medical/keloid_prone'), undefined)
  assert.deepEqual(removeAt(two, '/pattern/stage'), { pattern: { scale: 'norwood' } })
  // Emptied parents go too, so "not answered" really is absent.
  assert.deepEqual(removeAt(setAt({}, '/medical/keloid_prone', true), '/medical/keloid_prone'), {})
  assert.equal(removeAt(two, '/nope/x'), two)
  assert.deepEqual(setAt({}, '/a~1b/c~0d', 1), { 'a/b': { 'c~d': 1 } })
  assert.deepEqual(withoutMedical({ age: 30, medical: { keloid_prone: true } }), { age: 30 })
})

test('format: placeholders, UTC calendar dates (money comes formatted from the core)', () => {
  assert.equal(fill('Question {current} of {total}', { current: 2, total: 21 }), 'Question 2 of 21')
  assert.equal(fill('Keep {unknown}', {}), 'Keep {unknown}')
  assert.equal(date('2025-06-10', 'en'), 'Tue, June 10, 2025')
  assert.equal(date('2025-06-10', 'en', 'short'), 'Jun 10')
  assert.equal(date('2025-02-30x', 'en'), '2025-02-30x')
  assert.equal(year('2029-07-08'), '2029')
  assert.match(todayIn('America/Chicago'), /^\d{4}-\d{2}-\d{2}$/)
  assert.match(todayIn('Not/AZone'), /^\d{4}-\d{2}-\d{2}$/)
})

test("todayIn in Chromium (Temporal) gives Intl's date in each zone, UTC's for an unknown one", async () => {
  const { context, close } = await launch()
  try {
    const page = context.pages()[0] || (await context.newPage())
    const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'Europe/London', 'America/Chicago', 'UTC', '', 'Not/AZone']
    const { temporal, rows } = await page.evaluate(
      ({ source, zones }) => {
        const todayIn = new Function(`return (${source})`)()
        const intl = (zone) => {
          try {
            return new Intl.DateTimeFormat('en-CA', { timeZone: zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
          } catch {
            return new Date().toISOString().slice(0, 10)
          }
        }
        // Intl's date just before and just after: a call across a zone's midnight matches either.
        return { temporal: typeof Temporal === 'object', rows: zones.map((zone) => [zone, intl(zone), todayIn(zone), intl(zone)]) }
      },
      { source: todayIn.toString(), zones },
    )
    assert.equal(temporal, true, 'this Chromium has Temporal: the path under test')
    for (const [zone, before, got, after] of rows) assert.ok(got === before || got === after, `${zone}: ${got}, Intl ${before}`)
    // Kiritimati (UTC+14) and Pago Pago (UTC-11) are 25 hours apart: never the same date.
    assert.notEqual(rows[0][2], rows[1][2])
  } finally {
    await close()
  }
})
