// Where a wasm module's compressed bytes go (run by scripts/wasm-size-map on a build that kept the
// function names; figures for bench/web/README.md, not a test):
//   node bench/web/size-map.mjs MODULE.wasm [--top 25] [--shipped SHIPPED.wasm]
// Every figure is measured on the module without its name section (what a visitor downloads,
// give or take the names' effect on code layout). Two gzip measures per function or section:
// - "removed": gzip(module) - gzip(module without these bytes), i.e. what the visitor would stop
//   downloading: a body that repeats code elsewhere costs little, unique code its full share;
// - "alone": gzip of the bytes on their own (context-free, so it overstates small repetitive
//   bodies by gzip's ~20-byte frame and by everything they share with the rest).
// gzip is zlib level 9 (zopfli, which build-web uses, is ~5 % smaller and far too slow to run per
// function); brotli is quality 11, beside it for the whole module.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a))
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback)
const top = Number(option('--top', 25))
const shipped = option('--shipped', null)
if (!file) {
  console.error('usage: size-map.mjs MODULE.wasm [--top N] [--shipped SHIPPED.wasm]')
  process.exit(2)
}

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length
const br = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length

function reader(bytes, at = 0) {
  return {
    at,
    u8() {
      return bytes[this.at++]
    },
    leb() {
      let result = 0
      let shift = 0
      for (;;) {
        const byte = bytes[this.at++]
        result += (byte & 0x7f) * 2 ** shift
        shift += 7
        if (!(byte & 0x80)) return result
      }
    },
    name() {
      const length = this.leb()
      const text = bytes.subarray(this.at, this.at + length).toString('utf8')
      this.at += length
      return text
    },
  }
}

const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'elem', 'code', 'data', 'datacount']

/** The module's sections ({id, name, start, end} of the whole section, header included). */
function sections(bytes) {
  const found = []
  const r = reader(bytes, 8)
  while (r.at < bytes.length) {
    const start = r.at
    const id = r.u8()
    const size = r.leb()
    const contentStart = r.at
    let name = SECTIONS[id] || `section ${id}`
    if (id === 0) name = `custom "${reader(bytes, contentStart).name()}"`
    found.push({ id, name, start, contentStart, end: contentStart + size })
    r.at = contentStart + size
  }
  return found
}

function importedFunctions(bytes, section) {
  if (!section) return 0
  const r = reader(bytes, section.contentStart)
  let functions = 0
  for (let n = r.leb(); n > 0; n -= 1) {
    r.name()
    r.name()
    const kind = r.u8()
    if (kind === 0) {
      r.leb()
      functions += 1
    } else if (kind === 1) {
      r.u8()
      const flags = r.u8()
      r.leb()
      if (flags & 1) r.leb()
    } else if (kind === 2) {
      const flags = r.u8()
      r.leb()
      if (flags & 1) r.leb()
    } else if (kind === 3) {
      r.u8()
      r.u8()
    }
  }
  return functions
}

function functionNames(bytes, section) {
  const names = new Map()
  if (!section) return names
  const r = reader(bytes, section.contentStart)
  r.name() // "name"
  while (r.at < section.end) {
    const kind = r.u8()
    const size = r.leb()
    const end = r.at + size
    if (kind === 1) {
      for (let n = r.leb(); n > 0; n -= 1) {
        const index = r.leb()
        names.set(index, r.name())
      }
    }
    r.at = end
  }
  return names
}

/** [{index, start, end}] of each function body in the code section (size prefix included). */
function bodies(bytes, section, firstIndex) {
  const found = []
  const r = reader(bytes, section.contentStart)
  const count = r.leb()
  for (let i = 0; i < count; i += 1) {
    const start = r.at
    const size = r.leb()
    found.push({ index: firstIndex + i, start, end: r.at + size })
    r.at += size
  }
  return found
}

function demangle(names) {
  if (!names.length) return []
  const out = execFileSync('c++filt', { input: names.join('\n'), encoding: 'utf8', maxBuffer: 64 << 20 })
  return out.split('\n').slice(0, names.length)
}

// Where a demangled name comes from, for the grouped table.
function area(name) {
  if (/^(nlohmann|smp::)?.*nlohmann::/.test(name) && !name.startsWith('smp::')) return 'nlohmann::json'
  if (name.startsWith('smp::wasm::') || name.startsWith('emscripten::') || /embind|_embind_/.test(name)) return 'bindings (wasm/, Embind)'
  if (name.startsWith('smp::')) return `smp core: ${name.replace(/^smp::(\(anonymous namespace\)::)?/, '').split(/[:(<]/)[0]}`
  if (name.startsWith('std::')) return 'libc++ (std::)'
  if (name.startsWith('$') || /^(func|unnamed)/.test(name)) return 'unnamed'
  return 'libc, malloc, runtime'
}

const withNames = readFileSync(file)
const all = sections(withNames)
const nameSection = all.find((s) => s.name === 'custom "name"')
const names = functionNames(withNames, nameSection)
// The module as shipped: every custom section dropped (names, producers, target features).
const keep = all.filter((s) => s.id !== 0)
const bytes = Buffer.concat([withNames.subarray(0, 8), ...keep.map((s) => withNames.subarray(s.start, s.end))])
const layout = sections(bytes)
const imported = importedFunctions(bytes, layout.find((s) => s.name === 'import'))
const code = layout.find((s) => s.name === 'code')
const functions = bodies(bytes, code, imported)
const demangled = demangle(functions.map((f) => names.get(f.index) || `$func${f.index}`))
functions.forEach((f, i) => {
  f.name = demangled[i]
  f.raw = f.end - f.start
})

const whole = gz(bytes)
const removed = (ranges) => {
  const sorted = [...ranges].sort((a, b) => a.start - b.start)
  const parts = []
  let at = 0
  for (const { start, end } of sorted) {
    parts.push(bytes.subarray(at, start))
    at = end
  }
  parts.push(bytes.subarray(at))
  return whole - gz(Buffer.concat(parts))
}
const pct = (n) => `${((100 * n) / whole).toFixed(1)} %`
const kb = (n) => (n / 1024).toFixed(1)
const pad = (text, width) => String(text).padStart(width)

console.log(`${file}: ${bytes.length} bytes without custom sections (${withNames.length} with names), gzip -9 ${whole} (${kb(whole)} KB), brotli 11 ${br(bytes)} (${kb(br(bytes))} KB)`)
if (shipped) {
  const ship = readFileSync(shipped)
  console.log(`${shipped} (shipped): ${ship.length} bytes, gzip -9 ${gz(ship)}, brotli 11 ${br(ship)}`)
}
console.log(`${functions.length} functions defined, ${imported} imported\n`)

console.log('sections               raw  share  gzip removed  share  gzip alone')
for (const s of layout) {
  const raw = s.end - s.start
  const gone = removed([s])
  console.log(`${s.name.padEnd(16)} ${pad(raw, 9)} ${pad(((100 * raw) / bytes.length).toFixed(1), 5)} % ${pad(gone, 12)} ${pad(pct(gone), 7)} ${pad(gz(bytes.subarray(s.start, s.end)), 11)}`)
}

// The largest functions by what removing each would save.
const candidates = [...functions].sort((a, b) => b.raw - a.raw).slice(0, Math.max(top * 8, 200))
for (const f of candidates) f.removed = removed([f])
candidates.sort((a, b) => b.removed - a.removed)
console.log(`\nlargest ${top} functions by gzip removed (of the ${candidates.length} largest raw)`)
console.log('   raw  gzip removed  share  alone  name')
for (const f of candidates.slice(0, top)) {
  const name = f.name.length > 150 ? `${f.name.slice(0, 147)}...` : f.name
  console.log(`${pad(f.raw, 6)} ${pad(f.removed, 13)} ${pad(pct(f.removed), 6)} ${pad(gz(bytes.subarray(f.start, f.end)), 6)}  ${name}`)
}

// The same, grouped by where the code comes from (all of a group's bodies removed at once).
const groups = new Map()
for (const f of functions) {
  const key = area(f.name)
  if (!groups.has(key)) groups.set(key, [])
  groups.get(key).push(f)
}
const grouped = [...groups].map(([key, list]) => ({ key, list, raw: list.reduce((n, f) => n + f.raw, 0), removed: removed(list) }))
grouped.sort((a, b) => b.removed - a.removed)
console.log('\ncode by origin (all its bodies removed at once)')
console.log('     raw  gzip removed  share  functions  origin')
for (const g of grouped.slice(0, Math.max(top, 20))) {
  console.log(`${pad(g.raw, 8)} ${pad(g.removed, 13)} ${pad(pct(g.removed), 6)} ${pad(g.list.length, 10)}  ${g.key}`)
}

// The data section's largest strings (catalogue texts, tables, names): runs between NULs that are
// text (tab, newline or printable ASCII, or UTF-8 continuation), not binary tables.
const data = layout.find((s) => s.name === 'data')
if (data) {
  const text = bytes.subarray(data.contentStart, data.end)
  const runs = []
  let start = 0
  for (let i = 0; i <= text.length; i += 1) {
    if (i === text.length || text[i] === 0) {
      const run = text.subarray(start, i)
      const textual = run.length >= 40 && run.every((b) => b === 9 || b === 10 || (b >= 32 && b < 127) || b >= 0xc2) && run.toString('utf8').indexOf('\ufffd') < 0
      if (textual) runs.push({ start: data.contentStart + start, end: data.contentStart + i })
      start = i + 1
    }
  }
  const total = runs.reduce((n, r) => n + r.end - r.start, 0)
  console.log(`\ndata: ${runs.length} text strings of 40+ bytes, ${total} bytes, gzip removed ${removed(runs)} (${pct(removed(runs))})`)
  runs.sort((a, b) => b.end - b.start - (a.end - a.start))
  for (const r of runs.slice(0, 8)) {
    const s = bytes.subarray(r.start, r.end).toString('utf8').replace(/\s+/g, ' ')
    console.log(`${pad(r.end - r.start, 6)}  ${s.length > 110 ? `${s.slice(0, 107)}...` : s}`)
  }
}
