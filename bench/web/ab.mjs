// Two builds of the widget folder side by side, in the visitor pass (no DevTools), for a change
// whose effect on the first screen is within the batch-to-batch drift of run.mjs:
//   cp -r dist/smp /tmp/smp-before && <change> && scripts/build-web
//   node bench/web/ab.mjs /tmp/smp-before dist/smp [--runs 14] [--page /bench/widget-live.html]
// (--page: the widget's page, default /bench/widget.html; widget-live.html has no `today`
// attribute, as a real visit, so the clinic's date is taken in the page.)
// Each run loads, for each build in turn (alternating which goes first), the widget (Start at the
// intro's first paint) and then the static page. Prints each build's medians: the intro painted
// and its difference with the static page loaded right after it, where the widget's time goes,
// (c) Start at the intro's first paint -> first question, and the renderer's memory (RssAnon, 2.5 s
// after the first question, as run.mjs's (e)).
import { startServer } from '../../tests/e2e/helpers/server.mjs'
import { median } from './median.mjs'
import { quietLoad, recordMark } from './visitor-load.mjs'

const dirs = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !['--runs', '--page'].includes(all[i - 1]))
if (dirs.length !== 2) {
  console.error('usage: node bench/web/ab.mjs DIR_A DIR_B [--runs 14] [--page /bench/widget-live.html]')
  process.exit(2)
}
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 14
const page = process.argv.includes('--page') ? process.argv[process.argv.indexOf('--page') + 1] : '/bench/widget.html'

const builds = []
for (const [i, dir] of dirs.entries()) {
  builds.push({ name: 'AB'[i], dir, server: await startServer({ smpDir: dir, onRequest: recordMark }), loads: [] })
}
try {
  for (let i = 0; i < runs; i += 1) {
    for (const build of i % 2 ? [...builds].reverse() : builds) {
      const widget = await quietLoad(build.server, `${page}?start=paint`)
      const floor = await quietLoad(build.server, '/bench/static.html', { settleMs: 0 })
      build.loads.push({ ...widget, floor: floor.first })
    }
  }
  const fmt = (n) => n.toFixed(1)
  for (const { name, dir, loads } of builds) {
    const m = (f) => fmt(median(loads.map(f)))
    console.log(`${name} ${dir} (${loads.length} runs): intro ${m((r) => r.intro)} ms, static page ${m((r) => r.floor)} ms, paired difference ${m((r) => r.intro - r.floor)} ms`)
    console.log(`    smp-consult.js received ${m((r) => r.script)}, config asked for ${m((r) => r.asked)} and received ${m((r) => r.config)}, intro ${m((r) => r.intro - r.config)} ms after it; (c) ${m((r) => r.first - r.start)} ms; memory ${fmt(median(loads.map((r) => r.memory)) / 1024)} MB`)
  }
} finally {
  for (const { server } of builds) await server.close()
}
