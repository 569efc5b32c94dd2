// "What it could look like" (issue 17) in headless Chromium: the result's figure (part="preview")
// with the core's pictures today and with SMP, switched by keyboard, the top/front view, the
// hairline style only for a package with a hairline, the caption and labels from the catalogue
// (en, es), axe, the print view, strict CSP + Trusted Types, and a result that stays complete
// when smp-preview.wasm cannot load. Nothing of the preview is fetched before the result.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'

import { demoConfig, loadPreview } from '../wasm/load-core.mjs'
import { launch, openPage, screenshot, seriousAxeViolations } from './helpers/browser.mjs'
import { root } from './helpers/server.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start, waitReady } from './helpers/widget.mjs'

const W = 'smp-consultation'
const FIGURE = `${W} figure[part="preview"]`
const NORWOOD_V = { dob: '1985-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'V' }, desired_look: 'shaved', fitzpatrick: 3 }
// The crown package: no hairline, so no style to choose.
const CROWN = { dob: '1985-03-14', sex: 'male', pattern: { scale: 'crown_only' }, desired_look: 'shaved', fitzpatrick: 2 }
// What the preview alone downloads (the module, its loader): never before the result.
const PREVIEW_FILE = /\/smp\/(smp-preview\.(wasm|mjs)|preview-core\.js|preview-view\.js|svg-node\.js|preview\.[a-z]+\.json)$/

const site = useDemoSite({ browser: {} })

let previewModule = null
/** What the core says for these answers (the same smp-preview.wasm in Node, every catalogue loaded). */
async function expectedPreview(answers, options, locale) {
  previewModule ||= await loadPreview()
  const out = JSON.parse(previewModule.preview(demoConfig(), JSON.stringify(answers), JSON.stringify(options), locale))
  assert.equal(out.ok, true, JSON.stringify(out.errors))
  return out
}

/** The widget's catalogue texts as build-web wrote them (smp-consult messages). */
function catalogue(file) {
  const doc = JSON.parse(readFileSync(path.join(root, 'dist/smp', file), 'utf8'))
  return doc.texts ?? doc.messages ?? doc
}

/** What the figure shows now: its state hooks, the buttons, the shown picture and the texts. */
function readPreview(page) {
  return page.evaluate((sel) => {
    const figure = document.querySelector(sel).shadowRoot.querySelector('figure[part="preview"]')
    const shown = (el) => el && getComputedStyle(el).display !== 'none'
    const pictures = [...figure.querySelectorAll('.preview-picture')]
    const visible = pictures.filter(shown)
    const buttons = (group) => [...figure.querySelectorAll(`[data-preview-choice="${group}"]`)].map((b) => ({ value: b.value, text: b.textContent, pressed: b.getAttribute('aria-pressed'), shown: shown(b) }))
    return {
      state: figure.dataset.previewState,
      view: figure.dataset.previewView,
      style: figure.dataset.previewStyle ?? null,
      heading: figure.closest('section')?.querySelector('h3')?.textContent,
      visible: visible.map((p) => p.dataset.previewState),
      svg: visible.map((p) => p.querySelector('svg')?.outerHTML),
      viewBox: visible.map((p) => p.querySelector('svg')?.getAttribute('viewBox')),
      // The picture's accessible name: its labelling <title> (the core's alt) or aria-label.
      alt: visible.map((p) => {
        const svg = p.querySelector('svg')
        const ids = (svg?.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
        return ids.length ? ids.map((id) => svg.getRootNode().getElementById(id)?.textContent).join(' ') : svg?.getAttribute('aria-label')
      }),
      role: visible.map((p) => p.querySelector('svg')?.getAttribute('role')),
      states: buttons('state'),
      views: buttons('view'),
      styles: buttons('style'),
      styleGroup: Boolean(figure.querySelector('[data-preview-styles]')),
      controlsShown: shown(figure.querySelector('.preview-controls')),
      change: figure.querySelector('[data-preview-change]')?.textContent ?? null,
      caption: figure.querySelector('figcaption')?.textContent,
      captionShown: shown(figure.querySelector('figcaption')),
      toggleLabel: figure.querySelector('[data-preview-choice="state"]')?.parentElement.getAttribute('aria-label'),
      styleLabel: figure.querySelector('[data-preview-styles] .preview-group-label')?.textContent ?? null,
    }
  }, W)
}

const focusedChoice = (page) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel).shadowRoot.activeElement
    return el?.dataset?.previewChoice ? `${el.dataset.previewChoice}:${el.value}` : (el?.tagName ?? null)
  }, W)

async function toResult(page, answers) {
  await start(page, { today: '2025-06-01' })
  await answerAll(page, answers)
  await readResult(page)
}

test('a Norwood V visitor: today and with SMP by keyboard, top and front, hairline style, caption, axe, print', async () => {
  const { context, close } = await launch()
  try {
    const fetched = []
    context.on('request', (request) => fetched.push(new URL(request.url()).pathname))
    const { page, problems } = await openPage(context, `${site.url}/`)
    await waitReady(page)
    await page.waitForLoadState('networkidle')
    assert.deepEqual(fetched.filter((p) => PREVIEW_FILE.test(p)), [], 'nothing of the preview before Start')
    await start(page, { today: '2025-06-01' })
    await page.waitForLoadState('networkidle')
    assert.deepEqual(fetched.filter((p) => PREVIEW_FILE.test(p)), [], 'nothing of the preview with the first question')
    await answerAll(page, NORWOOD_V)
    await readResult(page)
    await page.locator(FIGURE).waitFor()
    // Fetched with the result, once: the module, its loader (bundled build) and its English texts;
    // the later steps' texts are not fetched a second time.
    assert.deepEqual(fetched.filter((p) => PREVIEW_FILE.test(p)).sort(), ['/smp/preview-core.js', '/smp/preview.en.json', '/smp/smp-preview.wasm'])
    assert.equal(fetched.filter((p) => p === '/smp/messages.en.json').length, 1)

    const en = catalogue('messages.en.json')
    const smp = await readPreview(page)
    assert.equal(smp.state, 'smp', 'with SMP first')
    assert.deepEqual(smp.visible, ['smp'])
    assert.equal(smp.view, 'top')
    assert.match(smp.viewBox[0], /^[\d.\s-]+$/)
    assert.equal(smp.role[0], 'img')
    const core = await expectedPreview(NORWOOD_V, { view: 'top', state: 'smp' }, 'en')
    assert.equal(smp.alt[0], core.alt)
    assert.equal(smp.change, core.change)
    assert.equal(smp.heading, en['preview.heading'])
    assert.equal(smp.caption, en['preview.caption'])
    assert.ok(smp.captionShown)
    assert.equal(smp.toggleLabel, en['preview.toggle.label'])
    assert.deepEqual(smp.states.map((b) => [b.value, b.text, b.pressed]), [['today', en['preview.state.today'], 'false'], ['smp', en['preview.state.smp'], 'true']])
    assert.deepEqual(smp.views.map((b) => [b.value, b.text, b.pressed]), [['top', en['preview.view.top'], 'true'], ['front', en['preview.view.front'], 'false']])
    // The full top includes the hairline: its style is the visitor's choice.
    assert.ok(smp.styleGroup)
    assert.deepEqual(smp.styles.map((b) => [b.value, b.text]), [['soft', en['preview.style.soft']], ['defined', en['preview.style.defined']]])
    assert.equal(smp.styleLabel, en['preview.style.label'])
    await screenshot(page, 'preview-norwood-v-smp')

    // Keyboard: from "With SMP" back to "Today" (Shift+Tab, Space), and on again (Tab, Enter).
    await page.locator(`${FIGURE} [data-preview-choice="state"][value="smp"]`).focus()
    await page.keyboard.press('Shift+Tab')
    assert.equal(await focusedChoice(page), 'state:today')
    await page.keyboard.press('Space')
    const today = await readPreview(page)
    assert.equal(today.state, 'today')
    assert.deepEqual(today.visible, ['today'])
    assert.deepEqual(today.states.map((b) => b.pressed), ['true', 'false'])
    assert.notEqual(today.svg[0], smp.svg[0], 'the picture changes between the states')
    assert.notEqual(today.alt[0], smp.alt[0])
    assert.equal(await focusedChoice(page), 'state:today', 'focus stays on the toggle')
    await screenshot(page, 'preview-norwood-v-today')
    await page.keyboard.press('Tab')
    assert.equal(await focusedChoice(page), 'state:smp')
    await page.keyboard.press('Enter')
    assert.equal((await readPreview(page)).svg[0], smp.svg[0])

    // The front view, then the defined hairline: new pictures from the core, focus kept.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    assert.equal(await focusedChoice(page), 'view:front')
    await page.keyboard.press('Enter')
    const front = await readPreview(page)
    assert.equal(front.view, 'front')
    assert.equal(front.state, 'smp')
    assert.notEqual(front.svg[0], smp.svg[0])
    assert.equal(await focusedChoice(page), 'view:front')
    await page.locator(`${FIGURE} [data-preview-choice="style"][value="defined"]`).focus()
    await page.keyboard.press('Enter')
    const defined = await readPreview(page)
    assert.equal(defined.style, 'defined')
    assert.deepEqual(defined.styles.map((b) => b.pressed), ['false', 'true'])
    assert.notEqual(defined.svg[0], front.svg[0])
    await screenshot(page, 'preview-norwood-v-front-defined')

    assert.deepEqual(await seriousAxeViolations(page), [])
    await page.locator(`${FIGURE} [data-preview-choice="state"][value="today"]`).click()
    assert.deepEqual(await seriousAxeViolations(page), [])

    // Print: with SMP (and today beside it), named; no controls, the caption kept.
    await page.emulateMedia({ media: 'print' })
    const printed = await readPreview(page)
    assert.deepEqual(printed.visible, ['today', 'smp'])
    assert.equal(printed.controlsShown, false)
    assert.ok(printed.captionShown)
    const printInfo = await page.evaluate((sel) => {
      const figure = document.querySelector(sel).shadowRoot.querySelector('figure[part="preview"]')
      return [...figure.querySelectorAll('.preview-picture')].map((p) => ({ state: p.dataset.previewState, label: p.querySelector('.preview-label').textContent, labelShown: getComputedStyle(p.querySelector('.preview-label')).display !== 'none', width: p.getBoundingClientRect().width, top: p.getBoundingClientRect().top }))
    }, W)
    assert.deepEqual(printInfo.map((p) => [p.state, p.label, p.labelShown]), [['today', en['preview.state.today'], true], ['smp', en['preview.state.smp'], true]])
    assert.ok(printInfo.every((p) => p.width > 50), JSON.stringify(printInfo))
    assert.equal(printInfo[0].top, printInfo[1].top, 'side by side')
    await screenshot(page, 'preview-print')
    // The printout stays within the two A4 pages of tests/e2e/a11y.test.mjs's print check.
    const pdf = await page.pdf({ format: 'A4', printBackground: false })
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length
    assert.ok(pages >= 1 && pages <= 2, `print gives ${pages} pages`)
    await page.emulateMedia({ media: 'screen' })

    assert.deepEqual(problems.csp, [])
    assert.deepEqual(problems.pageErrors, [])
    assert.deepEqual(problems.console, [])
  } finally {
    await close()
  }
})

test('a crown visitor (no hairline in the package) gets the preview without a style choice', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}/`)
  await toResult(page, CROWN)
  await page.locator(FIGURE).waitFor()
  const shown = await readPreview(page)
  assert.deepEqual(shown.visible, ['smp'])
  assert.equal(shown.styleGroup, false)
  assert.deepEqual(shown.styles, [])
  assert.equal(shown.style, null)
  await screenshot(page, 'preview-crown')
  assert.deepEqual(problems.pageErrors, [])
})

test('a Spanish visitor reads the preview in Spanish (labels, caption, text alternative)', async () => {
  const { page, problems } = await openPage(site.context, null)
  const fetched = []
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname))
  await page.goto(`${site.url}/es.html`, { waitUntil: 'load' })
  await toResult(page, NORWOOD_V)
  await page.locator(FIGURE).waitFor()
  // English and Spanish preview texts with the result; the Spanish catalogue still once.
  assert.deepEqual(fetched.filter((p) => /\/preview\.[a-z]+\.json$/.test(p)).sort(), ['/smp/preview.en.json', '/smp/preview.es.json'])
  assert.equal(fetched.filter((p) => p === '/smp/messages.es.json').length, 1)
  const es = catalogue('messages.es.json')
  const en = catalogue('messages.en.json')
  const shown = await readPreview(page)
  for (const key of ['preview.heading', 'preview.caption', 'preview.state.smp']) assert.notEqual(es[key], en[key], key)
  assert.equal(shown.heading, es['preview.heading'])
  assert.equal(shown.caption, es['preview.caption'])
  assert.equal(shown.toggleLabel, es['preview.toggle.label'])
  assert.deepEqual(shown.states.map((b) => b.text), [es['preview.state.today'], es['preview.state.smp']])
  assert.deepEqual(shown.views.map((b) => b.text), [es['preview.view.top'], es['preview.view.front']])
  assert.deepEqual(shown.styles.map((b) => b.text), [es['preview.style.soft'], es['preview.style.defined']])
  assert.equal(shown.styleLabel, es['preview.style.label'])
  // The core's own sentences in Spanish too (smp-preview.wasm got messages.es.json).
  const core = await expectedPreview(NORWOOD_V, { view: 'top', state: 'smp' }, 'es')
  assert.equal(core.caption, es['preview.caption'])
  assert.equal(shown.alt[0], core.alt)
  assert.equal(shown.change, core.change)
  assert.notEqual(core.alt, (await expectedPreview(NORWOOD_V, { view: 'top', state: 'smp' }, 'en')).alt)
  await screenshot(page, 'preview-spanish')
  assert.deepEqual(problems.pageErrors, [])
})

test('strict CSP with Trusted Types enforced: the preview is placed with zero violations', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}/fixtures/trusted-types.html`)
  await toResult(page, NORWOOD_V)
  await page.locator(FIGURE).waitFor()
  const shown = await readPreview(page)
  assert.deepEqual(shown.visible, ['smp'])
  assert.ok(shown.svg[0].length > 200)
  await page.locator(`${FIGURE} [data-preview-choice="state"][value="today"]`).click()
  assert.deepEqual((await readPreview(page)).visible, ['today'])
  assert.deepEqual(problems.csp, [])
  assert.deepEqual(problems.console, [])
  assert.deepEqual(problems.pageErrors, [])
})

test('smp-preview.wasm blocked: the result stays complete, without the figure and without an error', async () => {
  const { context, close } = await launch()
  try {
    let failed
    const blocked = new Promise((resolve) => {
      failed = resolve
    })
    await context.route('**/smp-preview.wasm', (route) => {
      failed()
      return route.abort('blockedbyclient')
    })
    const { page, problems } = await openPage(context, `${site.url}/`)
    await toResult(page, NORWOOD_V)
    await blocked
    await page.locator(`${W} [data-preview-section="none"]`).waitFor({ state: 'attached' })
    const shown = await page.evaluate((sel) => {
      const root = document.querySelector(sel).shadowRoot
      const article = root.querySelector('article.result')
      return {
        figure: root.querySelectorAll('[part="preview"]').length,
        section: root.querySelector('[data-preview-section]')?.childElementCount ?? null,
        parts: ['verdict', 'estimate', 'plan', 'actions'].filter((part) => article.querySelector(`[part="${part}"]`)),
        text: article.textContent,
        failure: root.querySelector('.failure')?.hidden === false,
      }
    }, W)
    assert.equal(shown.figure, 0)
    assert.equal(shown.section, 0, 'the empty placeholder only')
    assert.deepEqual(shown.parts, ['verdict', 'estimate', 'plan', 'actions'])
    assert.equal(shown.failure, false)
    assert.doesNotMatch(shown.text, /preview\.|Error|aborted|wasm/)
    await page.locator(`${W} [data-action="send"]`).click()
    await page.locator(`${W} form.lead-form`).waitFor()
    assert.deepEqual(problems.pageErrors, [])
  } finally {
    await close()
  }
})

test('answers the core cannot draw ("not sure" of the pattern): the result without the figure', async () => {
  const { page, problems } = await openPage(site.context, `${site.url}/`)
  await toResult(page, { dob: '1985-03-14', sex: 'male', pattern: { scale: 'unsure' }, desired_look: 'shaved' })
  await page.locator(`${W} [data-preview-section="none"]`).waitFor({ state: 'attached' })
  assert.equal(await page.locator(FIGURE).count(), 0)
  assert.equal(await page.locator(`${W} article.result [part="actions"]`).count(), 1)
  assert.deepEqual(problems.pageErrors, [])
})
