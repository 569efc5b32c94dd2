// The intro that smp-consult.js paints before the core has loaded (web/intro-locale.js over the
// catalogue scripts/build-web generated from `smp-consult messages --intro`) says what the core's
// `messages(config, locale)` says for the same element: same locale, same texts, the clinic's
// `copy` applied, the same clinic name.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { before, test } from 'node:test'

import { clinicName, introTexts, requestedLocale, resolveLocale } from '../../web/intro-locale.js'
import { demoConfig, dist, loadCore, root } from './load-core.mjs'

const catalogueFile = path.join(dist, 'intro-catalogue.mjs')
const cli = process.env.SMP_CONSULT_BIN || path.join(root, 'build/ci/src/cli/smp-consult')

let core
let catalogue
before(async () => {
  assert.ok(existsSync(catalogueFile), `${catalogueFile} missing: run scripts/build-web`)
  catalogue = (await import(pathToFileURL(catalogueFile).href)).default
  core = await loadCore()
})

const overrides = {
  clinic: { name: 'Clínica Sur', phone: '+34 600 000 000' },
  locales: { default: 'es', available: ['en', 'es'] },
  copy: {
    en: { 'ui.intro.title': 'Is SMP for you? Ask Clínica Sur', 'ui.intro.start': 'Begin' },
    es: { 'ui.intro.body': 'Unas preguntas breves, sin compromiso.', 'ui.intro.privacy': 'Nada sale de este dispositivo sin tu permiso ({clinic}).' },
  },
}
const configs = {
  empty: {},
  demo: JSON.parse(demoConfig()),
  overrides,
  'English only': { locales: { default: 'en', available: ['en'] }, copy: { en: { 'ui.launcher.open': 'Am I a candidate?' } } },
  'Spanish only': { locales: { default: 'es', available: ['es'] }, clinic: { name: '' } },
}
// What the element may be asked: its locale attribute and the browser's languages.
const visitors = [
  { attr: null, languages: ['en-US'] },
  { attr: null, languages: ['es-ES', 'es'] },
  { attr: null, languages: ['fr-FR', 'de'] },
  { attr: 'es', languages: ['en-US'] },
  { attr: 'es-MX', languages: ['en-US'] },
  { attr: 'EN', languages: ['es-ES'] },
  { attr: 'fr', languages: ['es-ES'] },
]

test('the catalogue has every locale of the core and the intro keys in each', () => {
  assert.deepEqual(catalogue.locales, ['en', 'es'])
  for (const locale of catalogue.locales) {
    for (const key of ['ui.intro.title', 'ui.intro.body', 'ui.intro.time', 'ui.intro.privacy', 'ui.intro.disclaimer', 'ui.intro.start', 'ui.launcher.open', 'ui.fallback.title']) {
      assert.equal(typeof catalogue.texts[locale][key], 'string', `${locale} ${key}`)
    }
  }
  assert.notEqual(catalogue.texts.es['ui.intro.start'], catalogue.texts.en['ui.intro.start'])
})

for (const [name, config] of Object.entries(configs)) {
  test(`intro texts without the core = the core's messages(config, locale): ${name} config`, () => {
    const configText = JSON.stringify(config)
    assert.equal(JSON.parse(core.validateConfig(configText)).ok, true, `${name} is a valid config`)
    const pub = JSON.parse(core.publicConfig(configText))
    assert.equal(clinicName(catalogue, config), pub.clinic.name)
    for (const visitor of visitors) {
      const asked = requestedLocale({ ...visitor, rawConfig: config, supported: catalogue.locales })
      const locale = resolveLocale(asked, config, catalogue.locales)
      const fromCore = JSON.parse(core.messages(configText, asked))
      const label = `${name}, ${JSON.stringify(visitor)} (asked ${asked})`
      assert.equal(locale, fromCore.locale, label)
      // The consultation, once loaded, asks the core the same (with publicConfig's locales).
      assert.equal(requestedLocale({ ...visitor, rawConfig: config, pubLocales: pub.locales, supported: catalogue.locales }), asked, label)
      const texts = introTexts(catalogue, locale, config)
      for (const [key, text] of Object.entries(texts)) assert.equal(text, fromCore[key], `${label}: ${key}`)
    }
  })
}

test('a copy override reaches the intro in its locale only', () => {
  assert.equal(introTexts(catalogue, 'en', overrides)['ui.intro.start'], 'Begin')
  assert.equal(introTexts(catalogue, 'es', overrides)['ui.intro.start'], catalogue.texts.es['ui.intro.start'])
  assert.equal(introTexts(catalogue, 'es', overrides)['ui.intro.body'], overrides.copy.es['ui.intro.body'])
})

test('smp-consult messages --intro: what build-web builds in; other options beside it are a usage error', () => {
  const run = spawnSync(cli, ['messages', '--intro'], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
  const printed = JSON.parse(run.stdout)
  assert.deepEqual(printed.locales, catalogue.locales)
  assert.equal(printed.default_clinic_name, catalogue.default_clinic_name)
  // build-web leaves the network texts out (only the loaded consultation shows them).
  for (const locale of printed.locales) {
    const { 'ui.fallback.network': _n, 'ui.fallback.network_title': _t, ...rest } = printed.texts[locale]
    assert.deepEqual(rest, catalogue.texts[locale])
  }
  for (const args of [['--intro', '--locale', 'es'], ['--intro', '--widget'], ['--intro', '--locales']]) {
    const bad = spawnSync(cli, ['messages', ...args], { encoding: 'utf8' })
    assert.equal(bad.status, 2, args.join(' '))
    assert.match(bad.stderr, /usage: smp-consult messages --intro/)
  }
})
