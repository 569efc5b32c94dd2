// Widget benchmarks in headless Chromium on 127.0.0.1 (figures for the notes, not test thresholds):
//   node bench/web/run.mjs [--runs 10] [--gzip]
// Each cold load uses a fresh browser profile. Reports medians of: bytes transferred until the
// first screen (the intro) is painted and until the first question is (brotli, or gzip with --gzip; by file), the intro
// painted over a static one-question page, Start pressed at the intro's first paint and 1 s later
// -> first question painted, renderer memory over an empty page, time to answer every question
// (V01), and the wasm evaluate()/questions() latency in the page.
import { launch } from '../../tests/e2e/helpers/browser.mjs'
import { startServer } from '../../tests/e2e/helpers/server.mjs'
import { answerAll, start } from '../../tests/e2e/helpers/widget.mjs'
import { median } from './median.mjs'
import { LAUNCH_DELAY_MS, processesOf, procField, quietLoad, recordMark } from './visitor-load.mjs'

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10
// The server sends build-web's .br siblings to Chromium (it accepts br on 127.0.0.1 too); --gzip
// serves the .gz ones instead, the budget's measure.
const encoding = process.argv.includes('--gzip') ? 'gzip' : 'br'

function rendererMemory(profile) {
  // Proportional set size of this browser's renderer processes (kB), from /proc, and the private
  // part (Private_Clean + Private_Dirty: pages no other process maps). PSS also charges a share of
  // the Chromium binary's code pages, which shrinks when other Chromium processes run on the
  // machine; the private figure does not depend on them.
  let pss = 0
  let priv = 0
  for (const [pid, cmd] of processesOf(profile)) {
    if (!cmd.includes('--type=renderer')) continue
    pss += procField(pid, 'smaps_rollup', 'Pss')
    priv += procField(pid, 'smaps_rollup', 'Private_Clean') + procField(pid, 'smaps_rollup', 'Private_Dirty')
  }
  return { pss, priv }
}

/** Counts what `tab` transfers from now on, uncached: each request's URL and its bytes on the
 * wire (CDP encodedDataLength: compressed body + headers), keyed by request id. */
async function countTransfers(context, tab) {
  const cdp = await context.newCDPSession(tab)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const urls = new Map()
  const bytes = new Map()
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url))
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength))
  return { urls, bytes }
}

async function coldLoad(server, page, { measureBytes = false, waitFirst = true } = {}) {
  const { context, close, profile } = await launch()
  try {
    const tab = context.pages()[0] || (await context.newPage())
    // As in quietLoad: the page opens once the browser has finished starting.
    await new Promise((r) => setTimeout(r, LAUNCH_DELAY_MS))
    const { urls, bytes } = await countTransfers(context, tab)
    await tab.goto(`${server.url}${page}`, { waitUntil: 'load' })
    if (waitFirst) await tab.waitForFunction(() => window.benchFirstQuestion, null, { timeout: 30000 })
    const timing = await tab.evaluate(() => ({ first: window.benchFirstQuestion, intro: window.benchIntro ?? null, start: window.benchStart ?? null, ready: window.benchReady ?? null }))
    // Requests started before the first question was painted; later-steps.js is fetched after it.
    const beforeFirst = new Set(
      await tab.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.startTime <= window.benchFirstQuestion).map((e) => e.name)),
    )
    await tab.waitForTimeout(1500)
    const byKind = {}
    let later = 0
    if (measureBytes) {
      for (const [id, url] of urls) {
        const pathname = new URL(url).pathname
        if (!pathname.startsWith('/smp/')) continue
        if (!beforeFirst.has(url)) {
          later += bytes.get(id) || 0
          continue
        }
        const kind = pathname.slice('/smp/'.length)
        byKind[kind] = (byKind[kind] || 0) + (bytes.get(id) || 0)
      }
    }
    const { pss: memory, priv } = rendererMemory(profile)
    return { ...timing, byKind, later, memory, priv }
  } finally {
    await close()
  }
}

// The bytes the first screen needs: one load in which everything the intro must not wait for
// (the core's loader and .wasm, the questions' module, other languages' texts) is held back until
// the intro is painted; what had arrived by then (/smp/*, compressed + headers) is what it needed.
const HELD = /\/smp\/(smp-core\.wasm|core-loader\.js|quiz-steps\.js|messages\.[a-z]+\.json)$/
async function introBytes(server) {
  const { context, close } = await launch()
  try {
    const tab = context.pages()[0] || (await context.newPage())
    await new Promise((r) => setTimeout(r, LAUNCH_DELAY_MS))
    let release
    const painted = new Promise((r) => {
      release = r
    })
    await context.route(HELD, async (route) => {
      await painted
      await route.continue()
    })
    const { urls, bytes } = await countTransfers(context, tab)
    await tab.goto(`${server.url}/bench/widget.html?start=0`, { waitUntil: 'load' })
    await tab.waitForFunction(() => window.benchIntro, null, { timeout: 30000 })
    const byFile = {}
    for (const [id, size] of bytes) {
      const pathname = new URL(urls.get(id) || 'http://x/').pathname
      if (pathname.startsWith('/smp/')) byFile[pathname.slice(5)] = (byFile[pathname.slice(5)] || 0) + size
    }
    release()
    await tab.waitForFunction(() => window.benchFirstQuestion, null, { timeout: 30000 })
    return byFile
  } finally {
    await close()
  }
}

const server = await startServer({ brotli: encoding === 'br', onRequest: recordMark })
try {
  const widget = []
  const floor = []
  const empty = []
  const quiet = { paint: [], read: [], live: [], floor: [], empty: [] }
  for (let i = 0; i < runs; i += 1) {
    widget.push(await coldLoad(server, '/bench/widget.html?start=paint', { measureBytes: true }))
    floor.push(await coldLoad(server, '/bench/static.html'))
    empty.push(await coldLoad(server, '/bench/empty.html', { waitFirst: false }))
  }
  for (let i = 0; i < runs; i += 1) {
    quiet.paint.push(await quietLoad(server, '/bench/widget.html?start=paint'))
    quiet.read.push(await quietLoad(server, '/bench/widget.html?start=1000'))
    // As a real visit: no `today` attribute, so the widget takes the clinic's date in the page.
    quiet.live.push(await quietLoad(server, '/bench/widget-live.html?start=paint'))
    quiet.floor.push(await quietLoad(server, '/bench/static.html'))
    quiet.empty.push(await quietLoad(server, '/bench/empty.html', { waitFirst: false }))
  }
  const intro = await introBytes(server)
  const files = [...new Set(widget.flatMap((w) => Object.keys(w.byKind)))]
  const bytes = Object.fromEntries(files.map((k) => [k, median(widget.map((w) => w.byKind[k] || 0))]))
  const totalBytes = median(widget.map((w) => files.reduce((sum, k) => sum + (w.byKind[k] || 0), 0)))
  const emptyMem = median(empty.map((e) => e.memory))
  const widgetMem = median(widget.map((w) => w.memory))

  // Answering every question (V01) and the core's latency, in one warm browser.
  const { context, close } = await launch()
  let answerMs
  let latency
  try {
    const tab = context.pages()[0] || (await context.newPage())
    await tab.goto(`${server.url}/`)
    await start(tab, { today: '2025-06-01' })
    const t0 = Date.now()
    await answerAll(tab, { dob: '1991-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', fitzpatrick: 3, requested_start: '2025-06-10' })
    answerMs = Date.now() - t0
    // A new visitor: not the saved visit (resume.js) of the one just answered.
    await tab.evaluate(() => sessionStorage.clear())
    await tab.goto(`${server.url}/bench/widget.html`)
    await tab.waitForFunction(() => window.benchFirstQuestion)
    latency = await tab.evaluate(() => window.benchEvaluate(200))
  } finally {
    await close()
  }

  const fmt = (n) => n.toFixed(1)
  const kb = (n) => fmt(n / 1024)
  const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0)
  const m = (list, f) => median(list.map(f))
  console.log(`runs: ${runs} cold loads each (fresh profile), medians`)
  // encodedDataLength: compressed body + HTTP headers.
  console.log(`(a) bytes until the first screen is painted (${encoding}, /smp/*, incl. headers; core, questions and other texts held back until then): ${kb(sum(intro))} KB = ${Object.entries(intro).map(([f, n]) => `${f} ${kb(n)}`).join(' + ')}`)
  console.log(`(b) first screen painted (no DevTools): widget intro ${fmt(m(quiet.paint, (r) => r.intro))} ms, static page ${fmt(m(quiet.floor, (r) => r.first))} ms, difference ${fmt(m(quiet.paint, (r) => r.intro) - m(quiet.floor, (r) => r.first))} ms (Playwright pass: ${fmt(m(widget, (r) => r.intro))} vs ${fmt(m(floor, (r) => r.first))} ms)`)
  // Each run loads the widget and the static page one after the other: the median of those pairs'
  // differences is steadier than the difference of the two medians when the machine drifts.
  console.log(`    (b) paired: median of each run's widget intro less its static page: ${fmt(median(quiet.paint.map((r, i) => r.intro - quiet.floor[i].first)))} ms`)
  console.log(`    (b) in the widget: smp-consult.js received at ${fmt(m(quiet.paint, (r) => r.script))} ms, the clinic's config asked for at ${fmt(m(quiet.paint, (r) => r.asked))} ms and received at ${fmt(m(quiet.paint, (r) => r.config))} ms, the intro painted ${fmt(m(quiet.paint, (r) => r.intro - r.config))} ms after it`)
  console.log(`(c) Start at the intro's first paint -> first question painted (no DevTools): ${fmt(m(quiet.paint, (r) => r.first - r.start))} ms (first question at ${fmt(m(quiet.paint, (r) => r.first))} ms, smp-ready at ${fmt(m(quiet.paint, (r) => r.ready))} ms; Playwright pass ${fmt(m(widget, (r) => r.first - r.start))} ms)`)
  console.log(`(d) Start 1 s after the intro was painted -> first question painted (no DevTools): ${fmt(m(quiet.read, (r) => r.first - r.start))} ms (spread ${fmt(Math.min(...quiet.read.map((r) => r.first - r.start)))}-${fmt(Math.max(...quiet.read.map((r) => r.first - r.start)))})`)
  const memOf = (list) => list.map((r) => r.memory)
  const quietOver = (list) => (median(memOf(list)) - median(memOf(quiet.empty))) / 1024
  const spread = (list) => (Math.max(...memOf(list)) - Math.min(...memOf(list))) / 1024
  console.log(`(e) renderer memory footprint over the empty page (RssAnon of the page's renderer, no DevTools, 2.5 s after the first question): widget +${fmt(quietOver(quiet.paint))} MB (spread ${fmt(spread(quiet.paint))}; Start after 1 s: +${fmt(quietOver(quiet.read))}; a real visit's page, without \`today\`: +${fmt(quietOver(quiet.live))}), static page +${fmt(quietOver(quiet.floor))} MB; empty page ${fmt(median(memOf(quiet.empty)) / 1024)} MB`)
  console.log(`(f) bytes until the first question (${encoding}, /smp/*, incl. headers): total ${kb(totalBytes)} KB = ${files.map((k) => `${k} ${kb(bytes[k])}`).join(' + ')}`)
  console.log(`fetched after the first question (/smp/*, within 1.5 s): ${kb(median(widget.map((w) => w.later)))} KB`)
  const floorMem = median(floor.map((f) => f.memory))
  console.log(`renderer memory (PSS): widget ${fmt(widgetMem / 1024)} MB, empty page ${fmt(emptyMem / 1024)} MB, difference ${fmt((widgetMem - emptyMem) / 1024)} MB (static one-question page ${fmt((floorMem - emptyMem) / 1024)} MB over empty)`)
  const privOver = (runsOf) => (median(runsOf.map((r) => r.priv)) - median(empty.map((e) => e.priv))) / 1024
  console.log(`renderer private memory over the empty page: widget +${fmt(privOver(widget))} MB, static page +${fmt(privOver(floor))} MB`)
  console.log(`answering all 21 questions of V01 through the UI (Playwright-driven): ${answerMs} ms`)
  console.log(`core latency in the page: evaluate ${latency.evaluate.toFixed(2)} ms, questions ${latency.questions.toFixed(2)} ms (median of 200)`)
} finally {
  await server.close()
}
