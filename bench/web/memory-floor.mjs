// What the widget's memory at its first question, (e), is made of, in the visitor pass (run.mjs's
// measure: the page renderer's RssAnon, no DevTools, 2.5 s after the page's first question or its
// load), each page's median over the empty page's:
//   node bench/web/memory-floor.mjs [--runs 5] [--smp DIR]
// The floor is what any page pays that shows the first question's date input (static.html) and
// compiles and boots the core before it (probe/core.html, the core with no UI): the two together
// are what is left of (e)'s +5 MB for the widget's own intro, styles and controls. --smp serves
// another build of the widget folder (e.g. a variant of dist/smp) for the widget's row.
import { startServer } from '../../tests/e2e/helpers/server.mjs'
import { median } from './median.mjs'
import { quietLoad, recordMark } from './visitor-load.mjs'

const option = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined)
const runs = Number(option('--runs')) || 5
// [page, what it holds, whether it reports a first question (bench.js / static.js)]
const pages = [
  ['/bench/empty.html', 'empty page', false],
  ['/bench/probe/text.html', "the static page's text, no input, no script", false],
  ['/bench/static.html', 'the static page: its text and one date question', true],
  ['/bench/probe/core.html?steps=load', 'the core loaded and instantiated, no UI', false],
  ['/bench/probe/core.html?steps=pub,msg,q', "and booted (the widget's three boot calls)", false],
  ['/bench/probe/core.html?steps=pub,msg,q,again', 'and the three calls three times more', false],
  ['/bench/widget.html?start=paint', 'the widget at its first question: (e)', true],
]
const server = await startServer({ onRequest: recordMark, ...(option('--smp') ? { smpDir: option('--smp') } : {}) })
try {
  const memory = pages.map(() => [])
  for (let i = 0; i < runs; i += 1) {
    for (const [n, [page, , first]] of pages.entries()) memory[n].push((await quietLoad(server, page, { waitFirst: first })).memory)
  }
  const mb = (kb) => (kb / 1024).toFixed(1)
  const over = memory.map((list) => median(list) - median(memory[0]))
  for (const [n, [page, what]] of pages.entries()) {
    const spread = Math.max(...memory[n]) - Math.min(...memory[n])
    console.log(`${page}: ${mb(median(memory[n]))} MB, +${mb(over[n])} over the empty page (spread ${mb(spread)}): ${what}`)
  }
  console.log(`floor (the static page's date question + the core booted, no UI): +${mb(over[2] + over[4])} MB; the widget: +${mb(over[6])} MB`)
} finally {
  await server.close()
}
