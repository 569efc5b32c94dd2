// The photo bindings in the real wasm module (SPEC §8): the views the core asks for with their
// texts, and the quality check on the generated images of tests/fixtures/photos/quality.json,
// whose verdicts and measures the native Catch2 test checks too.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { before, describe, test } from 'node:test'

import { demoConfig, loadModule, loadPhotos, root } from './load-core.mjs'

const fixture = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/photos/quality.json'), 'utf8'))

// The fixture's recipes, RGBA as a canvas's ImageData holds them.
function image({ kind, width, height, value, cell }) {
  const bytes = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const v = kind === 'flat' ? value : (Math.floor(x / cell) + Math.floor(y / cell)) % 2 ? 208 : 48
      bytes.set([v, v, v, 255], (y * width + x) * 4)
    }
  }
  return bytes
}

let core
before(async () => {
  core = await loadPhotos()
})

// As the widget does it: one copy of the pixels into the module's buffer, then the check.
function check(config, bytes, width, height, { channels = 4, locale = 'en' } = {}) {
  const address = core.photoBuffer(bytes.length)
  assert.ok(address > 0)
  core.HEAPU8.set(bytes, address)
  return JSON.parse(core.checkPhoto(config, width, height, channels, locale))
}

describe('photo quality check in wasm', () => {
  for (const item of fixture.cases) {
    test(item.name, () => {
      const config = JSON.stringify({ photos: item.config || {} })
      const out = check(config, image(item.image), item.image.width, item.image.height)
      assert.equal(out.ok, true, JSON.stringify(out))
      assert.deepEqual(
        out.issues.map((i) => i.code),
        item.codes,
      )
      for (const issue of out.issues) assert.notEqual(issue.message, `photos.quality.${issue.code}`)
      assert.equal(out.measures.width, item.image.width)
      // Whole numbers in the binding; the fixture has the native figure to 0.01.
      if (item.blur_variance !== undefined) assert.ok(Math.abs(out.measures.blur_variance - item.blur_variance) <= 0.51, `${out.measures.blur_variance} vs native ${item.blur_variance}`)
    })
  }

  test('the messages are the catalogue texts in the visitor language', () => {
    const black = image({ kind: 'flat', width: 1000, height: 800, value: 0 })
    const en = check('{}', black, 1000, 800)
    const es = check('{}', black, 1000, 800, { locale: 'es' })
    assert.match(en.issues[0].message, /dark/)
    assert.match(es.issues[0].message, /oscura/)
    assert.equal(en.measures.mean_luma, 0)
  })

  test('luma bytes work as RGBA does', () => {
    const rgba = image({ kind: 'checkerboard', width: 900, height: 600, cell: 25 })
    const luma = rgba.filter((_, i) => i % 4 === 0)
    assert.deepEqual(check('{}', luma, 900, 600, { channels: 1 }).measures, check('{}', rgba, 900, 600).measures)
  })

  test('pixels that do not match their size get a diagnostic, and no photo stays in the module', () => {
    const out = check('{}', new Uint8Array(100), 10, 20)
    assert.equal(out.ok, false)
    assert.equal(out.errors[0].pointer, '/pixels')
    assert.equal(out.errors[0].code, 'invalid_pixels')
    // The buffer is released by each check: a second call without new pixels has none.
    check('{}', new Uint8Array(100), 10, 10, { channels: 1 })
    const again = JSON.parse(core.checkPhoto('{}', 10, 10, 1, 'en'))
    assert.equal(again.ok, false)
    assert.equal(core.photoBuffer(0), 0)
    assert.equal(core.photoBuffer(1e12), 0)
  })
})

describe('the module every visitor downloads first', () => {
  test('smp-core.wasm has no photo bindings (they load with the photo step)', async () => {
    const main = await loadModule('smp-core')
    assert.equal(typeof main.checkPhoto, 'undefined')
    assert.equal(typeof main.photoViews, 'undefined')
  })
})

describe('photo views in wasm', () => {
  const views = (answers, config = demoConfig(), locale = 'en') => JSON.parse(core.photoViews(config, JSON.stringify(answers), '2025-06-01', locale))

  test('the views follow the pattern and each scar, with their texts', () => {
    const early = views({ pattern: { scale: 'norwood', stage: 'II' } })
    assert.equal(early.ok, true)
    assert.equal(early.enabled, true)
    assert.equal(early.max, 8)
    assert.deepEqual(
      early.views.map((v) => v.id),
      ['front', 'left', 'right'],
    )
    assert.equal(early.views[0].title, 'Front and hairline')
    assert.match(early.views[0].help, /hairline/)
    const scars = views({ pattern: { scale: 'crown_only' }, scars: [{ type: 'fut_strip', healed_since: '2024-01-01' }] }, '{}', 'es')
    assert.deepEqual(
      scars.views.map((v) => v.id),
      ['crown', 'top', 'scar_1'],
    )
    assert.equal(scars.views[2].title, 'Cicatriz 1')
  })

  test('a clinic without photos gets no views', () => {
    const off = views({}, JSON.stringify({ photos: { enabled: false } }))
    assert.deepEqual([off.ok, off.enabled, off.max, off.views], [true, false, 8, []])
    assert.equal(off.max_long_side, 1600)
    assert.match(off.texts["photos.add"], /photo/)
  })

  test('bad answers and a bad date are diagnostics', () => {
    assert.equal(views({ pattern: { scale: 'martian' } }).ok, false)
    assert.equal(JSON.parse(core.photoViews('{}', '{}', 'soon', 'en')).ok, false)
  })
})
