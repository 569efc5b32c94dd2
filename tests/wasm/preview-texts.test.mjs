// The preview's labels from smp-preview.wasm (previewTexts, the widget's controls): every preview.*
// text the CLI's catalogue has, in the visitor's language after loadMessages, with the clinic's
// copy applied; smp-core.wasm's messages() carries none of them (nothing added before the first
// question).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { test } from 'node:test'

import { demoConfig, loadCore, loadPreview, root } from './load-core.mjs'

const cli = process.env.SMP_CONSULT_BIN || path.join(root, 'build/ci/src/cli/smp-consult')
const LABELS = ['preview.heading', 'preview.caption', 'preview.state.today', 'preview.state.smp', 'preview.view.top', 'preview.view.front', 'preview.style.label', 'preview.style.soft', 'preview.style.defined', 'preview.toggle.label']

/** The catalogue's preview.* texts of a locale, as the native CLI prints them. */
function cliTexts(locale) {
  const doc = JSON.parse(execFileSync(cli, ['messages', '--locale', locale], { encoding: 'utf8' }))
  return Object.fromEntries(Object.entries(doc.messages).filter(([key]) => key.startsWith('preview.')))
}

test('previewTexts: every preview.* text in English and Spanish, as the catalogue has them', async () => {
  const module = await loadPreview()
  for (const locale of ['en', 'es']) {
    const texts = JSON.parse(module.previewTexts(demoConfig(), locale))
    assert.equal(texts.locale, locale)
    const { locale: _, ...labels } = texts
    assert.deepEqual(labels, cliTexts(locale), locale)
    for (const key of LABELS) assert.ok(typeof labels[key] === 'string' && labels[key] && labels[key] !== key, `${locale} ${key}`)
  }
  // An unknown locale gets the clinic's default; a broken config still gets the built-in texts.
  assert.equal(JSON.parse(module.previewTexts(demoConfig(), 'xx')).locale, 'en')
  assert.equal(JSON.parse(module.previewTexts('{', 'es'))['preview.heading'], cliTexts('es')['preview.heading'])
})

test('previewTexts: the clinic copy overrides a label', async () => {
  const module = await loadPreview()
  const config = JSON.parse(demoConfig())
  config.copy = { ...(config.copy || {}), en: { ...(config.copy?.en || {}), 'preview.heading': 'Your head, drawn' } }
  const texts = JSON.parse(module.previewTexts(JSON.stringify(config), 'en'))
  assert.equal(texts['preview.heading'], 'Your head, drawn')
  assert.equal(texts['preview.caption'], cliTexts('en')['preview.caption'])
})

test("smp-core.wasm's messages() carries no preview.* text (the first download is unchanged)", async () => {
  const core = await loadCore()
  const texts = JSON.parse(core.messages(demoConfig(), 'en'))
  assert.deepEqual(Object.keys(texts).filter((key) => key.startsWith('preview.')), [])
  assert.equal(typeof core.previewTexts, 'undefined')
})
