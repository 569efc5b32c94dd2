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
// Each page: what it holds, and whether it reports a first question (bench.js / static.js).
const pages = [
  { page: '/bench/empty.html', what: 'empty page' },
  { page: '/bench/probe/text.html', what: "the static page's text, no input, no script" },
  { key: 'question', page: '/bench/static.html', what: 'the static page: its text and one date question', first: true },
  { page: '/bench/probe/core.html?steps=load', what: 'the core loaded and instantiated, no UI' },
  { key: 'core', page: '/bench/probe/core.html?steps=pub,msg,q', what: "and booted (the widget's three boot calls)" },
  { page: '/bench/probe/core.html?steps=pub,msg,q,again', what: 'and the three calls three times more' },
  { key: 'widget', page: '/bench/widget.html?start=paint', what: 'the widget at its first question: (e)', first: true },
]
const server = await startServer({ onRequest: recordMark, ...(option('--smp') ? { smpDir: option('--smp') } : {}) })
try {
  for (const entry of pages) entry.memory = []
  for (let i = 0; i < runs; i += 1) {
    for (const entry of pages) entry.memory.push((await quietLoad(server, entry.page, { waitFirst: Boolean(entry.first) })).memory)
  }
  const mb = (kb) => (kb / 1024).toFixed(1)
  const empty = median(pages[0].memory)
  const over = {}
  for (const { key, page, what, memory } of pages) {
    const above = median(memory) - empty
    if (key) over[key] = above
    console.log(`${page}: ${mb(median(memory))} MB, +${mb(above)} over the empty page (spread ${mb(Math.max(...memory) - Math.min(...memory))}): ${what}`)
  }
  console.log(`floor (the static page's date question + the core booted, no UI): +${mb(over.question + over.core)} MB; the widget: +${mb(over.widget)} MB`)
} finally {
  await server.close()
}
