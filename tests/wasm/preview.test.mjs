// The result picture's module in Node (smp-preview.wasm, SPEC §8): the result shape the widget
// reads, errors with pointers, Spanish after loadMessages, the same SVG as the native CLI, and
// none of it in smp-core.wasm (no byte before the first question).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'

import { demoConfig, loadCore, loadPreview, root } from './load-core.mjs'

const cli = process.env.SMP_CONSULT_BIN || path.join(root, 'build/ci/src/cli/smp-consult')
const norwoodV = { pattern: { scale: 'norwood', stage: 'V' }, desired_look: 'shaved', fitzpatrick: 3, scars: [{ type: 'fut_strip' }] }

let module
let work
before(async () => {
  module = await loadPreview()
  work = mkdtempSync(path.join(tmpdir(), 'smp-preview-'))
})
after(() => rmSync(work, { recursive: true, force: true }))

const call = (answers, options = {}, locale = 'en', config = demoConfig()) =>
  JSON.parse(module.preview(config, typeof answers === 'string' ? answers : JSON.stringify(answers), JSON.stringify(options), locale))

describe('preview in wasm', () => {
  test('an ok result has the agreed shape', () => {
    const out = call(norwoodV, { view: 'top', state: 'smp', style: 'defined' })
    assert.deepEqual(Object.keys(out).sort(), ['alt', 'areas', 'caption', 'change', 'ok', 'state', 'style', 'styles', 'svg', 'view'])
    assert.equal(out.ok, true)
    assert.match(out.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 100 112" role="img"/)
    assert.ok(out.svg.length <= 12 * 1024, `${out.svg.length} bytes`)
    assert.equal(out.view, 'top')
    assert.equal(out.state, 'smp')
    assert.equal(out.style, 'defined')
    assert.deepEqual(out.styles, ['soft', 'defined'])
    assert.deepEqual(out.areas, ['hairline', 'front', 'top', 'crown', 'scars'])
    assert.equal(out.caption, 'An illustration, not a simulation of your result')
    assert.match(out.alt, /^From the top: the same head with SMP\./)
    assert.match(out.change, /stubble/)
    for (const area of out.areas) assert.ok(out.svg.includes(`data-area="${area}"`), area)
  })

  test('defaults: top, smp, soft; no style choice without a hairline', () => {
    const out = call({ pattern: { scale: 'ludwig', stage: 'II' }, desired_look: 'keep_length' })
    assert.equal(out.ok, true)
    assert.equal(out.view, 'top')
    assert.equal(out.state, 'smp')
    assert.equal(out.style, 'soft')
    assert.deepEqual(out.styles, [])
    assert.deepEqual(out.areas, ['top', 'crown'])
  })

  test('problems come back as errors with pointers', () => {
    const pointers = (out) => {
      assert.equal(out.ok, false)
      for (const e of out.errors) assert.ok(e.message.length > 0)
      return out.errors.map((e) => `${e.pointer} ${e.code}`)
    }
    assert.deepEqual(pointers(call(norwoodV, { view: 'side' })), ['/options/view invalid_value'])
    assert.deepEqual(pointers(call(norwoodV, { colour: 'red' })), ['/options/colour unknown_option'])
    assert.deepEqual(pointers(call({ pattern: { scale: 'unsure' } })), ['/answers/pattern/scale not_drawable'])
    assert.deepEqual(pointers(call({ pattern: { scale: 'norwood', stage: 'VIII' } })).map((p) => p.split(' ')[0]), ['/answers/pattern/stage'])
    assert.deepEqual(pointers(call('{"pattern":')).map((p) => p.split(' ')[0]), ['/answers'])
    assert.equal(call(norwoodV, {}, 'en', '{"pricing":{"currency":7}}').ok, false)
    // Options given as "" are the defaults, as the widget may pass them.
    assert.equal(JSON.parse(module.preview(demoConfig(), JSON.stringify(norwoodV), '', 'en')).ok, true)
  })

  test('Spanish texts once messages.es.json is loaded', () => {
    const out = call(norwoodV, { state: 'today' }, 'es')
    assert.equal(out.caption, 'Una ilustración, no una simulación de tu resultado')
    assert.match(out.alt, /^Desde arriba: una cabeza con alopecia de patrón masculino \(Etapa 5\), hoy\./)
    assert.ok(out.svg.includes(`<title id="${/aria-labelledby="([^"]+)"/.exec(out.svg)[1]}">${out.alt}</title>`))
  })

  test('without the catalogues the texts are keys, so a page loads messages.en.json first', async () => {
    const bare = await loadPreview({ catalogues: false })
    const out = JSON.parse(bare.preview(demoConfig(), JSON.stringify(norwoodV), '{}', 'en'))
    assert.equal(out.ok, true)
    assert.equal(out.caption, 'preview.caption')
  })

  test('the same SVG as the native CLI, byte for byte', () => {
    const file = path.join(work, 'answers.json')
    writeFileSync(file, JSON.stringify(norwoodV))
    for (const view of ['top', 'front']) {
      for (const state of ['today', 'smp']) {
        const native = execFileSync(cli, ['preview', '--answers', file, '--view', view, '--state', state], { encoding: 'utf8' })
        const wasm = call(norwoodV, { view, state }, 'en', '{}')
        assert.equal(wasm.svg + '\n', native, `${view} ${state}`)
      }
    }
  })

  test('smp-core.wasm has no preview binding', async () => {
    const core = await loadCore({ catalogues: false })
    assert.equal(core.preview, undefined)
    assert.equal(typeof module.preview, 'function')
  })
})
