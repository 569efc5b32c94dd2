// The on-device photo check in headless Chromium (figures for the notes, not test thresholds):
//   scripts/build-web && node bench/web/photos.mjs [--runs 5]
// A 12-megapixel JPEG (4000 x 3000, EXIF GPS, from tests/e2e/photo_files.py) is added to the
// photo step of the demo site through its file input, and the time until the view shows the
// core's verdict is measured (decode with EXIF orientation, downscale to 1600 px, JPEG re-encode,
// RGBA read-back, the core's check, thumbnail). Then, in the same page, each stage alone with the
// browser APIs the widget uses and the page's photo module (smp-photos.wasm). Medians of --runs.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { launch, openPage } from '../../tests/e2e/helpers/browser.mjs'
import { root, startServer } from '../../tests/e2e/helpers/server.mjs'
import { answerAll, readResult, start } from '../../tests/e2e/helpers/widget.mjs'
import { median } from './median.mjs'

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5
const W = 'smp-consultation'
const dir = mkdtempSync(path.join(os.tmpdir(), 'smp-photo-bench-'))
execFileSync('/usr/bin/python3', [path.join(root, 'tests/e2e/photo_files.py'), 'make', dir, '--12mp'])
const file = path.join(dir, 'twelve.jpg')

const server = await startServer()
const { context, close } = await launch()
const { page } = await openPage(context, `${server.url}/`)
await start(page, { today: '2025-06-01' })
await answerAll(page, { age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' })
await readResult(page)
await page.locator(`${W} [data-action="send"]`).click()
await page.locator(`${W} [data-photo-view="front"]`).waitFor({ timeout: 30000 })

const ui = []
for (let i = 0; i < runs; i += 1) {
  const t0 = Date.now()
  await page.locator(`${W} [data-photo-input="front"]`).setInputFiles(file)
  await page.locator(`${W} [data-photo-view="front"]:is([data-photo-state="ok"],[data-photo-state="warning"])`).waitFor({ timeout: 60000 })
  ui.push(Date.now() - t0)
  await page.locator(`${W} [data-photo-view="front"] [data-action="remove-photo"]`).click()
  await page.locator(`${W} [data-photo-view="front"][data-photo-state="empty"]`).waitFor()
}

// The stages alone, in the page (the same calls as web/photo-image.js and web/photo-core.js).
const bytes = readFileSync(file).toString('base64')
const stages = await page.evaluate(
  async ([b64, n]) => {
    const { loadPhotoCore } = await import('/smp/photo-core.js')
    const core = await loadPhotoCore('en')
    const config = await (await fetch('/smp/clinic.json')).text()
    const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' })
    const out = { decode: [], resize: [], encode: [], check: [] }
    let verdict = null
    for (let i = 0; i < n; i += 1) {
      let t = performance.now()
      const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' })
      out.decode.push(performance.now() - t)
      t = performance.now()
      const scale = 1600 / Math.max(bitmap.width, bitmap.height)
      const w = Math.round(bitmap.width * scale)
      const h = Math.round(bitmap.height * scale)
      const canvas = new OffscreenCanvas(w, h)
      const ctx = canvas.getContext('2d', { willReadFrequently: true })
      ctx.imageSmoothingQuality = 'high'
      ctx.drawImage(bitmap, 0, 0, w, h)
      const rgba = ctx.getImageData(0, 0, w, h).data
      out.resize.push(performance.now() - t)
      bitmap.close()
      t = performance.now()
      await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })
      out.encode.push(performance.now() - t)
      t = performance.now()
      verdict = core.check(config, rgba, w, h, 'en')
      out.check.push(performance.now() - t)
    }
    return { out, verdict }
  },
  [bytes, runs],
)
await close()
await server.close()

const ms = (xs) => `${median(xs).toFixed(1)} ms`
console.log(`12 MP JPEG (4000 x 3000, ${(readFileSync(file).length / 1e6).toFixed(1)} MB), median of ${runs}:`)
console.log(`  file chosen -> verdict shown (widget, end to end): ${ms(ui)}`)
console.log(`  decode (createImageBitmap, EXIF orientation):       ${ms(stages.out.decode)}`)
console.log(`  resize to 1600 x 1200 + RGBA read-back:             ${ms(stages.out.resize)}`)
console.log(`  JPEG re-encode (0.85):                              ${ms(stages.out.encode)}`)
console.log(`  core check (copy into wasm + measure):              ${ms(stages.out.check)}`)
console.log(`  verdict: ${JSON.stringify(stages.verdict.issues.map((i) => i.code))} ${JSON.stringify(stages.verdict.measures)}`)
