// Where a page's renderer memory goes, by Chromium's own allocators (memory-infra dumps over CDP):
//   node bench/web/memory-infra.mjs [--runs 3] /bench/empty.html "/bench/widget.html?start=paint" \
//     "/bench/widget.html?start=100000 hold=core-loader.js" "/bench/probe/core.html?steps=pub,msg,q"
// For each page (served as run.mjs serves it), a cold load in a fresh profile; once the page has
// set window.benchFirstQuestion (or at load for pages without one) and 2.5 s more, a detailed dump
// of the page's renderer: v8 (heap spaces), blink_gc (Oilpan: DOM, style), partition_alloc (Blink's
// buffers and strings), malloc (everything else: V8's wasm engine, fonts, ICU, cc, Skia), plus the
// process's RssAnon (run.mjs's measure; here with DevTools attached). Options after a page, space
// separated: block=<suffix> (those requests fail), hold=<suffix> (never answered: what comes
// before them), wait=<ms> (instead of 2.5 s), --chromium-flag. Prints each allocator's median size
// (KB) per page and its difference from the first page. Figures for the notes, not tests.
import { readFileSync } from 'node:fs'

import { launch } from '../../tests/e2e/helpers/browser.mjs'
import { startServer } from '../../tests/e2e/helpers/server.mjs'
import { median } from './median.mjs'

const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3
const pages = args.length ? args : ['/bench/empty.html', '/bench/widget.html?start=paint']

// The page renderer's allocator sizes from a detailed memory dump, { name: bytes }: each
// allocator and its children (malloc/allocated_objects), v8 down to its heap spaces
// (v8/main/heap/old_space), and the process's RssAnon.
async function dump(context, tab) {
  const session = await context.newCDPSession(tab)
  const events = []
  session.on('Tracing.dataCollected', (e) => events.push(...e.value))
  const done = new Promise((r) => session.once('Tracing.tracingComplete', r))
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], memoryDumpConfig: { triggers: [] } },
    transferMode: 'ReportEvents',
  })
  await session.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' })
  await session.send('Tracing.end')
  await done
  // The page's renderer: a process with Blink (blink_gc) and a compositor (cc; spare renderers
  // have none), the one with the most v8 heap.
  let best = null
  for (const e of events) {
    const allocators = e.args?.dumps?.allocators
    if (!allocators || !allocators.cc || !allocators.blink_gc) continue
    const sizes = {}
    for (const [name, d] of Object.entries(allocators)) {
      const depth = name.split('/').length
      const size = parseInt(d.attrs?.size?.value ?? '0', 16)
      if (!size) continue
      const top = name.split('/')[0]
      if (depth <= 2 || (top === 'v8' && depth <= 4)) sizes[name] = (sizes[name] || 0) + size
    }
    // The process as the OS sees it, read now: RssAnon (run.mjs's headline measure, taken there
    // with no DevTools).
    try {
      const status = readFileSync(`/proc/${e.pid}/status`, 'utf8')
      sizes['(RssAnon)'] = Number(/^RssAnon:\s+(\d+)/m.exec(status)[1]) * 1024
    } catch {
      // the process has gone
    }
    const v8 = sizes.v8 || 0
    if (!best || v8 > (best.v8 || 0)) best = sizes
  }
  return best || {}
}

const server = await startServer({ brotli: true })
try {
  const results = pages.map(() => [])
  for (let i = 0; i < runs; i += 1) {
    for (const [n, page] of pages.entries()) {
      const [url, ...options] = page.split(' ')
      const option = (name) => options.filter((o) => o.startsWith(`${name}=`)).map((o) => o.slice(name.length + 1))
      const { context, close } = await launch({ extraArgs: options.filter((o) => o.startsWith('--')) })
      try {
        const tab = context.pages()[0] || (await context.newPage())
        await new Promise((r) => setTimeout(r, 1500))
        for (const suffix of option('block')) await context.route((u) => u.pathname.endsWith(suffix), (route) => route.abort())
        for (const suffix of option('hold')) await context.route((u) => u.pathname.endsWith(suffix), () => {})
        await tab.goto(`${server.url}${url}`, { waitUntil: 'load' })
        // A page whose first question cannot come (a request blocked or held) is dumped 1.5 s
        // after its load instead.
        const stopped = option('block').length + option('hold').length > 0
        await tab.waitForFunction((s) => window.benchFirstQuestion || s || !document.querySelector('smp-consultation'), stopped, { timeout: 30000 })
        if (stopped) await tab.waitForTimeout(1500)
        await tab.waitForTimeout(Number(option('wait')[0]) || 2500)
        results[n].push(await dump(context, tab))
      } finally {
        await close()
      }
    }
  }
  const names = [...new Set(results.flatMap((r) => r.flatMap((d) => Object.keys(d))))].sort()
  const table = names.map((name) => [name, ...results.map((r) => median(r.map((d) => d[name] || 0)) / 1024)])
  console.log(['allocator (KB)', ...pages].join('\t'))
  for (const [name, ...kb] of table) {
    if (kb.every((v) => v < 16)) continue
    console.log([name, ...kb.map((v, i) => (i ? `${v.toFixed(0)} (${v - kb[0] >= 0 ? '+' : ''}${(v - kb[0]).toFixed(0)})` : v.toFixed(0)))].join('\t'))
  }
} finally {
  await server.close()
}
