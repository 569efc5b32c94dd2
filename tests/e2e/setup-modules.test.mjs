// The setup studio's pure helpers, in Node: editing the config by JSON pointer, and the
// download's pruning against the core's defaults document (`smp-consult defaults`).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import { contrastRatio, parseRgb } from '../../web/setup/contrast.js'
import { getAt, leafPointers, pruned, removeAt, setAt } from '../../web/setup/pointer.js'
import { root } from './helpers/server.mjs'

const cli = process.env.SMP_CONSULT_BIN || path.join(root, 'build/ci/src/cli/smp-consult')

test('pointer edits: containers made on the way ([low, high] pairs copied whole), emptied parents removed', () => {
  const defaults = { pricing: { touch_up_price: [300, 600], packages: { frontal: { low: 1500, high: 2500 } } }, sessions: { closed_dates: [] } }
  assert.deepEqual(setAt({}, '/pricing/touch_up_price/1', 700, defaults), { pricing: { touch_up_price: [300, 700] } })
  assert.deepEqual(setAt({}, '/pricing/packages/frontal/low', 1700, defaults), { pricing: { packages: { frontal: { low: 1700 } } } })
  assert.deepEqual(setAt({}, '/sessions/closed_dates/0/from', '2026-03-09', defaults), { sessions: { closed_dates: [{ from: '2026-03-09' }] } })
  assert.deepEqual(setAt({}, '/copy/en/ui.intro.title', 'Hi', defaults), { copy: { en: { 'ui.intro.title': 'Hi' } } })
  assert.deepEqual(setAt({}, '/a~1b/c~0d', 1, defaults), { 'a/b': { 'c~d': 1 } })
  assert.equal(getAt({ 'a/b': { 'c~d': 1 } }, '/a~1b/c~0d'), 1)
  assert.deepEqual(removeAt({ pricing: { packages: { frontal: { low: 1 } } }, x: 1 }, '/pricing/packages/frontal/low'), { x: 1 })
  assert.deepEqual(removeAt({ l: [1, 2, 3] }, '/l/1'), { l: [1, 3] })
  assert.deepEqual(leafPointers({ a: { b: 1, c: [1] }, d: {} }), ['/a/b', '/a/c', '/d'])
})

test('download: keys equal to the core’s defaults go unless pinned; schema first', { skip: !existsSync(cli) && 'no smp-consult binary' }, () => {
  const { config: defaults } = JSON.parse(execFileSync(cli, ['defaults'], { encoding: 'utf8' }))
  const edited = { sessions: { interval_days: 14, max: 5 }, pricing: { currency: 'USD', touch_up_price: [300, 600] }, copy: {} }
  assert.deepEqual(pruned(edited, defaults, new Set()), { schema: 'smp-consult/config@1', sessions: { max: 5 } })
  const pins = new Set(['/pricing/currency', '/copy'])
  const kept = pruned(edited, defaults, pins)
  assert.deepEqual(kept, { schema: 'smp-consult/config@1', sessions: { max: 5 }, pricing: { currency: 'USD' }, copy: {} })
  assert.deepEqual(Object.keys(kept)[0], 'schema')
})

test('contrast: WCAG ratios', () => {
  assert.equal(contrastRatio([0, 0, 0], [255, 255, 255]).toFixed(1), '21.0')
  assert.equal(contrastRatio([187, 187, 187], [255, 255, 255]).toFixed(2), '1.92')
  assert.deepEqual(parseRgb('rgb(15, 92, 110)'), [15, 92, 110])
  assert.equal(parseRgb('rgba(0, 0, 0, 0)'), null)
})
