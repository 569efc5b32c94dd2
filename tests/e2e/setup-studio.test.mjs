// The setup studio (dist/setup/, SPEC §8) in Chromium: a clinic edits its config from the
// default, sees the core's diagnostics beside each field, watches a typical visitor's price and
// first session change, and downloads a file the CLI accepts with exactly its changes; imports
// round-trip; a broken file shows every problem with its pointer; the draft survives a reload.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'node:test'

import { openPage, screenshot, seriousAxeViolations } from './helpers/browser.mjs'
import { root } from './helpers/server.mjs'
import { useDemoSite } from './helpers/site.mjs'

const site = useDemoSite({ browser: {} })
const cli = process.env.SMP_CONSULT_BIN || path.join(root, 'build/ci/src/cli/smp-consult')
const work = mkdtempSync(path.join(tmpdir(), 'smp-studio-'))
process.on('exit', () => rmSync(work, { recursive: true, force: true }))

const field = (pointer) => `[data-pointer="${pointer}"]`
const errorFor = (pointer) => `[data-error-for="${pointer}"]`
const persona = (id) => `[data-persona="${id}"]`
const TODAY = '2026-03-02' // a Monday: booking lead 7 days -> Monday 2026-03-09

function runCli(args, input) {
  const run = spawnSync(cli, args, { input, encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

function cliFile(name, document) {
  const file = path.join(work, name)
  writeFileSync(file, typeof document === 'string' ? document : JSON.stringify(document))
  return file
}

async function openStudio() {
  const opened = await openPage(site.context, `${site.url}/setup/`)
  await opened.page.locator('body[data-ready="true"]').waitFor()
  return opened
}

async function download(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="download"]').click()])
  const saved = path.join(work, `download-${Date.now()}.json`)
  await file.saveAs(saved)
  return { file: saved, text: readFileSync(saved, 'utf8') }
}

async function importFile(page, file) {
  const panel = page.locator('[data-studio="import-panel"]')
  if (await panel.isHidden()) await page.locator('[data-action="import"]').click()
  const before = await page.evaluate(() => Number(document.body.dataset.checked))
  await page.locator('[data-import="file"]').setInputFiles(file)
  await page.waitForFunction((n) => Number(document.body.dataset.checked) > n, before)
}

const firstSession = (page, id) => page.locator(`${persona(id)} [data-field="first-session"]`).getAttribute('datetime')

test('from the default: the core’s errors beside the field, personas follow, the download holds exactly the changes', async () => {
  const requests = []
  const { page, problems } = await openStudio()
  page.on('request', (request) => requests.push({ url: request.url(), method: request.method() }))

  // Basic accessibility of the page (axe-core from package-lock): no serious or critical issue.
  const axe = await seriousAxeViolations(page)
  assert.deepEqual(
    axe.map((v) => `${v.id}: ${v.help} ${v.nodes.join(', ')}`),
    [],
  )
  assert.ok((await page.locator('h1').count()) === 1)
  assert.equal(await page.locator('[data-persona]').count() >= 6, true)

  await page.locator('[data-studio="today"]').fill(TODAY)
  await page.waitForFunction(([sel]) => document.querySelector(sel)?.getAttribute('datetime') === '2026-03-09', [`${persona('norwood_iii_shaved')} [data-field="first-session"]`])
  const defaultPrice = await page.locator(`${persona('norwood_iii_shaved')} [data-field="estimate"]`).textContent()
  assert.match(defaultPrice, /\$/)

  await page.locator(field('/pricing/currency')).fill('EUR')
  await page.locator(field('/sessions/interval_days')).fill('3')
  const intervalError = page.locator(errorFor('/sessions/interval_days'))
  await intervalError.waitFor({ state: 'visible' })
  // The text is the core's: the CLI says the same for the same document.
  const cliSays = runCli(['validate', cliFile('interval.json', { sessions: { interval_days: 3 } })])
  assert.equal(cliSays.status, 1)
  assert.equal(`/sessions/interval_days: ${(await intervalError.textContent()).trim()}`, cliSays.stderr.trim())
  assert.equal(await page.locator(field('/sessions/interval_days')).getAttribute('aria-invalid'), 'true')
  // The summary links to the field, by keyboard too.
  const summaryLink = page.locator('[data-studio="summary-list"] [data-summary-pointer="/sessions/interval_days"] a')
  await summaryLink.focus()
  await page.keyboard.press('Enter')
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.pointer), '/sessions/interval_days')
  await screenshot(page, 'setup-studio-interval-error', { fullPage: true })

  await page.locator(field('/sessions/interval_days')).fill('21')
  await intervalError.waitFor({ state: 'hidden' })

  await page.locator('[data-action="add-closed-range"]').click()
  await page.locator(field('/sessions/closed_dates/0/from')).fill('2026-03-09')
  await page.locator(field('/sessions/closed_dates/0/to')).fill('2026-03-13')

  await page.locator(field('/pricing/packages/frontal/low')).fill('1700')
  await page.locator(field('/pricing/packages/frontal/high')).fill('2600')

  // Norwood III (frontal): the new price in euros, and its first session after the closed week.
  await page.waitForFunction(([sel]) => document.querySelector(sel)?.getAttribute('datetime') === '2026-03-14', [`${persona('norwood_iii_shaved')} [data-field="first-session"]`])
  await page.waitForFunction(([sel]) => /€/.test(document.querySelector(sel)?.textContent || ''), [`${persona('norwood_iii_shaved')} [data-field="estimate"]`])
  const shownPrice = (await page.locator(`${persona('norwood_iii_shaved')} [data-field="estimate"]`).textContent()).trim()
  assert.equal(await page.locator('[data-studio="summary"]').getAttribute('data-count'), '0')

  const { file, text } = await download(page)
  assert.match(text, /^\{\n {2}"schema"/, 'pretty-printed')
  const validated = runCli(['validate', file])
  assert.equal(validated.stdout.trim(), 'ok', validated.stderr)
  assert.deepEqual(JSON.parse(text), {
    schema: 'smp-consult/config@1',
    sessions: { interval_days: 21, closed_dates: [{ from: '2026-03-09', to: '2026-03-13' }] },
    pricing: { currency: 'EUR', packages: { frontal: { low: 1700, high: 2600 } } },
  })

  // What the panel showed is what the core says natively for that file and that visitor.
  const personas = JSON.parse(readFileSync(path.join(root, 'web/setup/personas.json'), 'utf8')).personas
  const norwood = personas.find((p) => p.id === 'norwood_iii_shaved')
  const evaluated = runCli(['evaluate', '--config', file, '--answers', cliFile('norwood.json', norwood.answers), '--today', TODAY, '--locale', 'en'])
  assert.equal(evaluated.status, 0, evaluated.stderr)
  const result = JSON.parse(evaluated.stdout)
  assert.equal(shownPrice, result.estimate.display.text)
  assert.equal(await firstSession(page, 'norwood_iii_shaved'), result.plan.sessions[0].date)
  assert.match(shownPrice, /1,700/)

  // Every persona shows a verdict; the pregnant visitor waits, blood thinners need clearance.
  for (const p of personas) assert.notEqual((await page.locator(`${persona(p.id)} [data-field="verdict"]`).textContent()).trim(), '')
  assert.equal(await page.locator(persona('pregnant')).getAttribute('data-verdict'), 'defer')
  assert.equal(await page.locator(persona('blood_thinners')).getAttribute('data-verdict'), 'medical_clearance')
  // As in the widget, an estimate under clearance is marked provisional; a good candidate's is not.
  assert.match(await page.locator(`${persona('blood_thinners')} [data-field="provisional"]`).textContent(), /Provisional/)
  assert.equal(await page.locator(`${persona('norwood_iii_shaved')} [data-field="provisional"]`).textContent(), '')

  // The preview is a real widget on the edited config (set once the typing pauses).
  await page.waitForFunction(() => JSON.parse(document.querySelector('[data-studio="preview"]').getAttribute('config-json')).pricing?.currency === 'EUR')

  // Embed code for the README's folder layout.
  await page.locator('[data-action="copy-embed"]').click()
  const embed = await page.locator('[data-studio="embed"]').inputValue()
  assert.match(embed, /<script type="module" src="\/smp\/smp-consult\.js"><\/script>/)
  assert.match(embed, /<smp-consultation config="\/smp\/clinic\.json">/)

  // Nothing typed left the browser: only GETs of the studio's and the widget's own files.
  assert.deepEqual(
    requests.filter((r) => r.method !== 'GET' || !(r.url.startsWith(site.url) || r.url.startsWith('blob:'))),
    [],
  )
  assert.deepEqual(problems.pageErrors, [])
  assert.deepEqual(problems.csp, [])
  await page.locator('[data-action="discard-draft"]').click()
  await page.close()
})

test('import: the demo clinic round-trips; a broken file shows every problem with its pointer; the draft survives a reload', async () => {
  const { page, problems } = await openStudio()
  const demo = path.join(root, 'web/demo/clinic.json')
  await importFile(page, demo)
  assert.equal(await page.locator('[data-studio="summary"]').getAttribute('data-count'), '0')
  assert.equal(await page.locator(field('/clinic/name')).inputValue(), 'Harbor Line Scalp Studio')
  const { file, text } = await download(page)
  assert.equal(runCli(['validate', file]).stdout.trim(), 'ok')
  assert.deepEqual(JSON.parse(text), JSON.parse(readFileSync(demo, 'utf8')))

  // Text that is not JSON: the core's parse error with its pointer; the draft is unchanged.
  await page.locator('[data-import="text"]').fill('{ "clinic": ')
  await page.locator('[data-action="import-text"]').click()
  const unreadable = page.locator('[data-studio="import-errors"] [data-summary-pointer]')
  await unreadable.first().waitFor()
  const parseProblem = runCli(['validate', cliFile('unreadable.json', '{ "clinic": ')])
  assert.equal(parseProblem.status, 1)
  assert.match(await unreadable.first().textContent(), /^\/config/)
  assert.equal(await page.locator(field('/clinic/name')).inputValue(), 'Harbor Line Scalp Studio')

  const broken = path.join(root, 'tests/fixtures/config/invalid/multiple_problems.json')
  const expected = readFileSync(broken.replace(/\.json$/, '.expected'), 'utf8').trim().split('\n')
  await importFile(page, broken)
  const summary = await page.locator('[data-studio="summary-list"] li').allTextContents()
  assert.deepEqual(summary, expected)
  for (const line of expected) {
    const [pointer, ...rest] = line.split(': ')
    const beside = page.locator(`[data-error-pointer="${pointer}"]`)
    assert.equal((await beside.textContent()).trim(), rest.join(': '))
    assert.equal(await page.locator(errorFor(pointer)).isVisible(), true, pointer)
  }
  // With the import panel open and every problem on screen, still no serious axe violation.
  assert.deepEqual(
    (await seriousAxeViolations(page)).map((v) => `${v.id}: ${v.help} ${v.nodes.join(', ')}`),
    [],
  )
  // A file with problems is not downloaded: focus goes to the list of what to fix.
  await page.locator('[data-action="download"]').click()
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.studio), 'summary')

  // Reload: the draft (config only) is still there; discarding it returns to the default.
  await page.reload()
  await page.locator('body[data-ready="true"]').waitFor()
  await page.waitForFunction(() => document.querySelector('[data-studio="summary"]')?.dataset.count === '4')
  await page.locator('[data-action="discard-draft"]').click()
  await page.waitForFunction(() => document.querySelector('[data-studio="summary"]')?.dataset.count === '0')
  assert.equal(await page.locator(field('/sessions/interval_days')).inputValue(), '14')
  assert.deepEqual(problems.pageErrors, [])
  await page.close()
})

test('Spanish interface, labels on every control, and 360 px without sideways scrolling', async () => {
  const { page } = await openStudio()
  await page.locator('[data-studio="lang"]').selectOption('es')
  await page.waitForFunction(() => document.documentElement.lang === 'es')
  assert.equal(await page.locator('h1').textContent(), 'Estudio de configuración')
  assert.equal((await page.locator('label[for]', { hasText: 'Días entre sesiones' }).count()) > 0, true)
  await page.waitForFunction(() => /[a-záéíóú]/i.test(document.querySelector('[data-persona="pregnant"] [data-field="verdict"]')?.textContent || ''))
  // Every form control has a name a screen reader can read (label, aria-label or aria-labelledby).
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type="hidden"]), select, textarea')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML.slice(0, 120)),
  )
  assert.deepEqual(unnamed, [])
  // Every config field names its pointer (besides the studio's own search box, colour pickers
  // mirroring a text field, and the extra weekday/language boxes of a [data-pointer] group).
  assert.ok((await page.locator('[data-pointer]').count()) > 80)
  const withoutPointer = await page.evaluate(() =>
    [...document.querySelectorAll('[data-studio="form"] :is(input, select, textarea)')]
      .filter((el) => !el.dataset.pointer && !el.dataset.pickerFor && !el.dataset.setFor && el.dataset.studio !== 'copy-search')
      .map((el) => el.outerHTML.slice(0, 120)),
  )
  assert.deepEqual(withoutPointer, [])
  await page.setViewportSize({ width: 360, height: 800 })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px at 360 px`)
  await screenshot(page, 'setup-studio-360-es', { fullPage: true })
  await page.setViewportSize({ width: 1100, height: 900 })
  await page.close()
})

test('copy overrides: found by search beside the built-in texts, and shown by the live preview', async () => {
  const { page } = await openStudio()
  await page.locator('[data-studio="copy-search"]').fill('ui.intro.title')
  const row = page.locator('[data-copy-key="ui.intro.title"]')
  await row.waitFor()
  const builtIn = JSON.parse(readFileSync(path.join(root, 'dist/setup/catalogue.es.json'), 'utf8')).messages['ui.intro.title']
  assert.match(await row.textContent(), new RegExp(builtIn.replace(/[?¿]/g, '.')))
  await page.locator(field('/copy/en/ui.intro.title')).fill('Welcome to Harbor Line')
  await page.waitForFunction(() => document.querySelector('[data-studio="preview"]')?.shadowRoot?.textContent.includes('Welcome to Harbor Line'))
  await page.locator('[data-action="discard-draft"]').click()
  await page.close()
})

test('contrast: a theme colour pair below WCAG AA is flagged beside the colour', async () => {
  const { page } = await openStudio()
  await page.locator(field('/theme/background')).fill('#ffffff')
  await page.locator(field('/theme/text')).fill('#bbbbbb')
  await page.locator('[data-contrast-for="/theme/text"] span').waitFor()
  assert.match(await page.locator('[data-studio="contrast"] [data-contrast-pair="text"]').textContent(), /1\.9\d?:1/)
  await page.locator(field('/theme/text')).fill('#1d2230')
  await page.locator('[data-contrast-for="/theme/text"] span').waitFor({ state: 'detached' })
  await page.locator('[data-action="discard-draft"]').click()
  await page.close()
})

test('smp-consult serve serves the studio at /setup/', async () => {
  const data = mkdtempSync(path.join(work, 'data-'))
  const relay = spawn(cli, ['serve', '--listen', '127.0.0.1:0', '--data', data, '--site', path.join(root, 'web/demo'), '--widget', path.join(root, 'dist/smp'), '--setup', path.join(root, 'dist/setup')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  try {
    const url = await new Promise((resolve, reject) => {
      let out = ''
      relay.stdout.on('data', (chunk) => {
        out += chunk
        const match = /listening on (http:\/\/\S+)/.exec(out)
        if (match) resolve(match[1])
      })
      relay.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
    })
    const bare = await fetch(`${url}/setup`, { redirect: 'manual' })
    assert.equal(bare.status, 301)
    assert.equal(bare.headers.get('location'), '/setup/')
    const page = await (await fetch(`${url}/setup/`)).text()
    assert.match(page, /data-action="download"/)
    const defaults = await (await fetch(`${url}/setup/defaults.json`)).json()
    assert.equal(defaults.config.sessions.interval_days, 14)
    assert.equal((await fetch(`${url}/smp/core-loader.js`)).status, 200)
  } finally {
    relay.kill('SIGTERM')
  }
})
