// Scalp photos (SPEC §8) in headless Chromium: the views the core asks for, the on-device check
// flagging a dark photo, retake, the photo consent, and the lead POSTed as multipart/form-data
// with JPEGs at most 1600 px that carry no EXIF or GPS; then the same against the real relay, whose
// clinic .eml (parsed as MIME) holds both photos. Test photos come from tests/e2e/photo_files.py
// (Debian's python3-pil): a 12 MP dark one and two sharp ones, each with EXIF GPS.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'

import { startServer as startRelay, tempDir, waitFor } from '../relay/helpers.mjs'
import { launch, openPage, screenshot, seriousAxeViolations } from './helpers/browser.mjs'
import { root } from './helpers/server.mjs'
import { useDemoSite } from './helpers/site.mjs'
import { answerAll, readResult, start } from './helpers/widget.mjs'

const W = 'smp-consultation'
const PY = '/usr/bin/python3'
const TOOL = path.join(root, 'tests/e2e/photo_files.py')
// Norwood III: the core asks for the front and both temples.
const ANSWERS = { dob: '1985-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', fitzpatrick: 3 }

const site = useDemoSite()
const photos = mkdtempSync(path.join(tmpdir(), 'smp-photos-'))
before(() => execFileSync(PY, [TOOL, 'make', photos]))

/** JSON facts about the JPEGs (size, EXIF, GPS, APP1) in an .eml file. */
function inspectEml(file) {
  return JSON.parse(execFileSync(PY, [TOOL, 'inspect', file], { encoding: 'utf8' }))
}

const view = (id) => `${W} [data-photo-view="${id}"]`

async function toPhotos(page) {
  await start(page, { today: '2025-06-01' })
  await answerAll(page, ANSWERS)
  await readResult(page)
  await page.locator(`${W} [data-action="send"]`).click()
  await page.locator(`${W} form.lead-form`).waitFor()
  await page.locator(view('front')).waitFor()
}

/** A file through the view's button and the browser's file chooser, as a visitor picks one. */
async function pick(page, id, action, file) {
  const chooser = page.waitForEvent('filechooser')
  await page.locator(`${view(id)} [data-action="${action}"]`).click()
  await (await chooser).setFiles(path.join(photos, file))
}

async function photoState(page, id, state) {
  await page.locator(`${view(id)}[data-photo-state="${state}"]`).waitFor({ timeout: 30000 })
}

/** Adds a dark front photo (flagged), retakes it, adds the left one; checks what the visitor sees. */
async function addPhotos(page) {
  const ids = await page.locator(`${W} [data-photo-view]`).evaluateAll((els) => els.map((el) => el.dataset.photoView))
  assert.deepEqual(ids, ['front', 'left', 'right'])
  assert.match(await page.locator(`${view('front')} h4`).textContent(), /Front/)
  assert.equal(await page.locator(`${W} [data-photo-input="front"]`).getAttribute('accept'), 'image/*')
  assert.equal(await page.locator(`${W} input[name="consent_photos"]`).isChecked(), false)

  await pick(page, 'front', 'add-photo', 'dark.jpg')
  await photoState(page, 'front', 'warning')
  assert.equal(await page.locator(`${view('front')} [data-photo-issue]`).getAttribute('data-photo-issue'), 'too_dark')
  await page.waitForFunction((sel) => /too dark/i.test(document.querySelector(sel).shadowRoot.querySelector('[data-photo-status]')?.textContent || ''), W)
  assert.equal(await page.locator(`${view('front')} canvas.photo-thumb`).getAttribute('role'), 'img')
  assert.equal(await page.locator(`${view('front')} [data-action="keep-photo"]`).count(), 1)
  await screenshot(page, 'photos-dark-flagged')

  await pick(page, 'front', 'retake-photo', 'front.jpg')
  await photoState(page, 'front', 'ok')
  assert.equal(await page.locator(`${view('front')} [data-photo-issue]`).count(), 0)
  await pick(page, 'left', 'add-photo', 'left.jpg')
  await photoState(page, 'left', 'ok')
  // A photo can be removed again.
  await pick(page, 'right', 'add-photo', 'front.jpg')
  await photoState(page, 'right', 'ok')
  await page.locator(`${view('right')} [data-action="remove-photo"]`).click()
  await photoState(page, 'right', 'empty')
}

async function fillLead(page, name) {
  await page.locator(`${W} input[name="name"]`).fill(name)
  await page.locator(`${W} input[name="email"]`).fill('visitor@example.org')
  await page.locator(`${W} input[name="consent_contact"]`).check()
}

/** The parts of a multipart body, parsed by Node's own (undici) form-data reader. */
async function multipartParts(request) {
  const form = await new Response(request.postDataBuffer(), { headers: { 'content-type': request.headers()['content-type'] } }).formData()
  return [...form.entries()]
}

test('a dark photo is flagged and retaken; the lead goes as multipart with clean JPEGs and its consent', async () => {
  const { context, close } = await launch()
  try {
    const posts = []
    await context.route('**/api/leads', async (route) => {
      posts.push({ type: route.request().headers()['content-type'], parts: await multipartParts(route.request()).catch(() => null), text: route.request().postData() })
      return route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ lead_id: 'L-PHOTO' }) })
    })
    const { page, problems } = await openPage(context, `${site.url}/strict.html`)
    await toPhotos(page)
    await addPhotos(page)
    assert.deepEqual(await seriousAxeViolations(page), [])

    await fillLead(page, 'Photo Visitor')
    // Photos without their own consent: not sent, the box says why.
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    await page.locator(`${W} input[name="consent_photos"][aria-invalid="true"]`).waitFor()
    assert.equal(posts.length, 0)
    await page.locator(`${W} input[name="consent_photos"]`).check()
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    await page.locator(`${W} .done`).waitFor({ timeout: 20000 })
    assert.deepEqual(problems.csp, [], 'no CSP violations under the strict policy')
    assert.deepEqual(problems.pageErrors, [])

    assert.equal(posts.length, 1)
    assert.match(posts[0].type, /^multipart\/form-data; boundary=/)
    const parts = posts[0].parts
    assert.deepEqual(
      parts.map(([name, value]) => [name, value.name, value.type]),
      [
        ['lead', 'lead.json', 'application/json'],
        ['photo', 'front.jpg', 'image/jpeg'],
        ['photo', 'left.jpg', 'image/jpeg'],
      ],
    )
    const lead = JSON.parse(await parts[0][1].text())
    assert.equal(lead.schema, 'smp-consult/lead@1')
    assert.equal(lead.consent.photos, true)
    assert.match(lead.consent.text, /photos/)
    // Each JPEG as the clinic would get it: written out and read by PIL through an .eml.
    const eml = ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'x']
    for (const [, file] of parts.slice(1)) {
      eml.push('--b', 'Content-Type: image/jpeg', `Content-Disposition: attachment; filename="${file.name}"`, 'Content-Transfer-Encoding: base64', '', Buffer.from(await file.arrayBuffer()).toString('base64'))
    }
    eml.push('--b--', '')
    const emlFile = path.join(photos, 'posted.eml')
    writeFileSync(emlFile, eml.join('\r\n'))
    const images = inspectEml(emlFile).images
    assert.equal(images.length, 2)
    for (const image of images) {
      assert.equal(image.format, 'JPEG')
      assert.ok(Math.max(image.width, image.height) <= 1600, JSON.stringify(image))
      assert.deepEqual([image.exif, image.gps, image.app1], [false, false, false], JSON.stringify(image))
    }
    // The 3000 x 2250 front photo is 1600 x 1200 now; the portrait left one 1200 x 1600.
    assert.deepEqual(images.map((i) => [i.width, i.height]), [[1600, 1200], [1200, 1600]])
    // Nothing of the photos stays in the page after sending.
    assert.equal(await page.locator(`${W} canvas.photo-thumb`).count(), 0)
  } finally {
    await close()
  }
})

test('without photos the lead is JSON as before; a 360 px phone gets the photo step without overflow', async () => {
  const { context, close } = await launch({ viewport: { width: 360, height: 740 } })
  try {
    const posts = []
    await context.route('**/api/leads', (route) => {
      posts.push({ type: route.request().headers()['content-type'], body: route.request().postData() })
      return route.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ lead_id: 'L-JSON' }) })
    })
    const fetched = []
    context.on('request', (request) => fetched.push(new URL(request.url()).pathname))
    const { page } = await openPage(context, `${site.url}/`)
    await start(page, { today: '2025-06-01' })
    await answerAll(page, ANSWERS)
    await readResult(page)
    // The photo step's files come with the lead form, never before (nor with the first question).
    const photoFiles = (list) => list.filter((p) => /smp-photos|photo-core|\/photos\.[a-z]+\.json/.test(p))
    assert.deepEqual(photoFiles(fetched), [])
    await page.locator(`${W} [data-action="send"]`).click()
    await page.locator(view('front')).waitFor()
    assert.deepEqual(photoFiles(fetched).sort(), ['/smp/photo-core.js', '/smp/photos.en.json', '/smp/smp-photos.wasm'])
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`)
    await screenshot(page, 'photos-360')
    await fillLead(page, 'Json Visitor')
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    await page.locator(`${W} .done`).waitFor({ timeout: 20000 })
    assert.equal(posts.length, 1)
    assert.match(posts[0].type, /^application\/json/)
    assert.equal(JSON.parse(posts[0].body).consent.photos, undefined)
  } finally {
    await close()
  }
})

// End to end with `smp-consult serve` (multipart support: the relay side of issue 10). The
// clinic email goes to DATA/mail/*.eml without SMTP.
describe('with the real relay', () => {
  let relay
  let browser
  before(async () => {
    const dir = tempDir('photos')
    const config = JSON.parse(readFileSync(path.join(root, 'web/demo/clinic.json'), 'utf8'))
    config.lead = { ...config.lead, min_fill_seconds: 0 }
    writeFileSync(path.join(dir, 'clinic.json'), JSON.stringify(config))
    relay = await startRelay({ config: path.join(dir, 'clinic.json'), args: ['--site', path.join(root, 'web/demo'), '--widget', path.join(root, 'dist/smp')] })
    browser = await launch()
  })
  after(async () => {
    await browser?.close()
    await relay?.stop()
  })

  test('the clinic .eml has both JPEGs, no EXIF or GPS, at most 1600 px', async () => {
    const { page, problems } = await openPage(browser.context, `${relay.url}/`)
    await toPhotos(page)
    await addPhotos(page)
    await fillLead(page, 'Relay Photo Visitor')
    await page.locator(`${W} input[name="consent_photos"]`).check()
    await page.locator(`${W} [data-action="submit-lead"]`).click()
    await page.locator(`${W} .done`).waitFor({ timeout: 20000 })
    assert.deepEqual(problems.csp, [])
    const mailDir = path.join(relay.dataDir, 'mail')
    const file = await waitFor(
      () => {
        try {
          return readdirSync(mailDir).find((f) => f.endsWith('.eml') && readFileSync(path.join(mailDir, f), 'utf8').includes('Relay Photo Visitor'))
        } catch {
          return undefined
        }
      },
      20000,
      'the clinic .eml',
    )
    const mail = inspectEml(path.join(mailDir, file))
    const jpegs = mail.images.filter((i) => i.type === 'image/jpeg')
    assert.deepEqual(jpegs.map((i) => i.filename).sort(), ['front.jpg', 'left.jpg'])
    for (const image of jpegs) {
      assert.equal(image.format, 'JPEG')
      assert.ok(Math.max(image.width, image.height) <= 1600, JSON.stringify(image))
      assert.deepEqual([image.exif, image.gps, image.app1], [false, false, false], JSON.stringify(image))
    }
  })
})
