// The result picture's render time in Node on the real smp-preview.wasm (figures for the notes,
// not test thresholds): scripts/build-web && node bench/web/preview.mjs [--runs 200]
// Every stage x {top, front} x {today, smp} of the demo clinic, after one warm-up call each (the
// page draws the pair once the module has loaded); prints the median, p95 and max of one
// preview() call (JSON in, SVG + texts out) and the largest SVG.
import { performance } from 'node:perf_hooks'

import { demoConfig, loadPreview } from '../../tests/wasm/load-core.mjs'

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 200
const module = await loadPreview()
const config = demoConfig()
const stages = [
  ...['I', 'II', 'IIA', 'III', 'IIIA', 'III_VERTEX', 'IV', 'IVA', 'V', 'VA', 'VI', 'VII'].map((stage) => ({ scale: 'norwood', stage })),
  ...['I', 'II', 'III'].map((stage) => ({ scale: 'ludwig', stage })),
  { scale: 'crown_only' },
  ...['mild', 'moderate', 'extensive'].map((extent) => ({ scale: 'diffuse', extent })),
]
const times = []
let largest = 0
for (const pattern of stages) {
  const answers = JSON.stringify({ pattern, desired_look: 'shaved', fitzpatrick: 3, scars: [{ type: 'fut_strip' }] })
  for (const view of ['top', 'front']) {
    for (const state of ['today', 'smp']) {
      const options = JSON.stringify({ view, state })
      const warm = JSON.parse(module.preview(config, answers, options, 'en'))
      if (!warm.ok) throw new Error(JSON.stringify(warm.errors))
      largest = Math.max(largest, warm.svg.length)
      for (let i = 0; i < runs / 10; i += 1) {
        const t0 = performance.now()
        module.preview(config, answers, options, 'en')
        times.push(performance.now() - t0)
      }
    }
  }
}
times.sort((a, b) => a - b)
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
console.log(`preview() in smp-preview.wasm, ${times.length} calls: median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms; largest SVG ${largest} bytes`)
