// Where a page's renderer memory goes, by mapping (headless Chromium, fresh profile per load):
//   node bench/web/smaps-diff.mjs /bench/empty.html /bench/widget.html "/bench/widget.html block=.wasm"
// Each argument is a page served like run.mjs does (/smp/, /bench/, /), optionally followed by
// Chromium flags (--js-flags=...) and block=<suffix> (requests ending so are aborted). Prints, per
// mapping (binary, [anon], fonts, ICU data, shared memory), the median over N loads (env N, default
// 3) of the field FIELD (env, default Pss; Rss or Private_Dirty are steadier when other Chromium
// processes share the binary's pages), largest differences first (env TOP, default 20).
import { readFileSync } from 'node:fs'

import { launch } from '../../tests/e2e/helpers/browser.mjs'
import { startServer } from '../../tests/e2e/helpers/server.mjs'
import { median } from './median.mjs'
import { processesOf } from './visitor-load.mjs'

// The renderers' mappings of the browser started with `profile`: FIELD summed per mapping name.
function breakdown(profile) {
  const groups = {}
  let total = 0
  for (const [pid, cmd] of processesOf(profile)) {
    if (!cmd.includes('--type=renderer')) continue
    try {
      let name = ''
      for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
        const m = /^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ \d+\s*(.*)$/.exec(line)
        if (m) {
          name = (m[2] || '[anon]').replace(/.*\//, '') + ' ' + m[1]
          continue
        }
        const p = new RegExp('^' + (process.env.FIELD || 'Pss') + ':\\s+(\\d+)').exec(line)
        if (p) {
          groups[name] = (groups[name] || 0) + Number(p[1])
          total += Number(p[1])
        }
      }
    } catch {
      // the process ended meanwhile
    }
  }
  groups.TOTAL = total
  return groups
}

const server = await startServer()
const specs = process.argv.slice(2)
const N = Number(process.env.N || 3)
const results = specs.map(() => [])
for (let i = 0; i < N; i++) {
  for (const [k, spec] of specs.entries()) {
    const [page, ...flags] = spec.split(' ')
    const opts = Object.fromEntries(flags.filter(f=>f.includes('=')).map(f=>f.split('=')))
    const extra = flags.filter(f=>f.startsWith('--'))
    const { context, close, profile } = await launch({ extraArgs: extra })
    const tab = context.pages()[0] || (await context.newPage())
    if (opts.block) await tab.route(`**/*${opts.block}`, (r) => r.abort())
    await tab.goto(`${server.url}${page}`, { waitUntil: 'load' })
    if (!page.includes('empty')) await tab.waitForFunction(() => window.benchFirstQuestion, null, { timeout: Number(opts.wait||8000) }).catch(()=>{})
    await tab.waitForTimeout(1500)
    results[k].push(breakdown(profile))
    await close()
  }
}
const keys = new Set(results.flatMap(r => r.flatMap(Object.keys)))
const rows = [...keys].map((key) => [key, results.map((r) => median(r.map((g) => g[key] || 0)))])
rows.sort((a,b)=> Math.max(...b[1]) - Math.min(...b[1]) - (Math.max(...a[1]) - Math.min(...a[1])))
console.log(specs.map((s,i)=>`[${i}] ${s}`).join('\n'))
for (const [key, vals] of rows.slice(0, Number(process.env.TOP||20))) console.log(vals.map(v=>(v/1024).toFixed(2).padStart(8)).join(''), ' ', key)
await server.close()
