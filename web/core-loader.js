// Loads the WebAssembly core once per page and wraps its JSON-string bindings. The core is two
// modules compiled from the same C++: smp-core.wasm (config, texts, questions: what the widget
// needs up to the first question), fetched as soon as this module runs, in parallel with the
// clinic config; and smp-later.wasm (screening, estimate, plan, .ics, lead checks), fetched with
// later-steps.js once the visitor starts answering (loadLaterCore). smp-core.mjs is the
// Emscripten glue that scripts/build-web places beside this file (and bundles into
// smp-consult.js); later-core.js holds smp-later.wasm's glue, a file of its own.
import { broken, parseAnswer as parse } from './core-answer.js'
import coreLocales from './core-locales.js'
import SmpCore from './smp-core.mjs'

const wasmUrl = new URL('./smp-core.wasm', import.meta.url)
const laterWasmUrl = new URL('./smp-later.wasm', import.meta.url)

let corePromise = null

/** The response to `url` (`request`: its fetch when the caller has started it already), as an
 * error when it is not a 200. */
function fetchWasm(url, request) {
  const name = url.pathname.split('/').pop()
  return (request || fetch(url, { credentials: 'same-origin' })).then((response) => {
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`)
    return response
  })
}

async function instantiate(responsePromise, imports) {
  const response = await responsePromise
  // Streaming compiles while the bytes arrive; it needs the application/wasm type. Hosts that
  // send another type get the bytes compiled instead (no response.clone(): a tee would keep a
  // second copy of the module in memory).
  const type = (response.headers.get('content-type') || '').split(';')[0].trim().toLowerCase()
  if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
    return WebAssembly.instantiateStreaming(response, imports)
  }
  return WebAssembly.instantiate(await response.arrayBuffer(), imports)
}

/** The Emscripten module that glue `factory` makes of the .wasm `responsePromise` fetches. */
function instantiateModule(factory, url, responsePromise) {
  return new Promise((resolve, reject) => {
    factory({
      locateFile: (path) => new URL(path, url).href,
      instantiateWasm(imports, done) {
        instantiate(responsePromise, imports).then((output) => done(output.instance, output.module), reject)
        return {}
      },
      onAbort: (what) => reject(new Error(`core aborted: ${what}`)),
      print() {},
      printErr() {},
    }).then(resolve, reject)
  })
}

/** Resolves to a Core, or rejects with an Error whose `code` says why ("wasm_unavailable", …).
 * `wasmRequest`: smp-core.wasm's fetch when the caller started it already (smp-consult.js does,
 * before this module runs). */
export function loadCore(wasmRequest) {
  if (corePromise) return corePromise
  corePromise = (async () => {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      throw Object.assign(new Error('WebAssembly is not available in this browser'), { code: 'wasm_unavailable' })
    }
    const wasmResponse = fetchWasm(wasmUrl, wasmRequest)
    wasmResponse.catch(() => {})
    return new Core(await instantiateModule(SmpCore, wasmUrl, wasmResponse))
  })().catch((error) => {
    corePromise = null
    if (!error.code) error.code = 'wasm_failed'
    throw error
  })
  return corePromise
}

// The wasm has English built in; other languages' texts sit beside it as messages.<lang>.json
// (written by scripts/build-web), so an English visitor never downloads them. One fetch per page.
const catalogueTexts = new Map()

/** Starts fetching a language's catalogue: only the core's (core-locales.js, which build-web
 * writes from the core); English is built in and an unknown code has no file to ask for. */
export function prefetchCatalogue(lang) {
  if (!coreLocales.catalogues.includes(lang) || catalogueTexts.has(lang)) return
  const text = fetch(new URL(`./messages.${lang}.json`, import.meta.url), { credentials: 'same-origin' }).then((response) =>
    response.ok ? response.text() : Promise.reject(new Error(`messages.${lang}.json: HTTP ${response.status}`)),
  )
  text.catch(() => {})
  catalogueTexts.set(lang, text)
}

/**
 * Gives the core the texts of `lang`; resolves to true when they are loaded. Without them the
 * core answers in the clinic's default language or English, so a failed fetch degrades to that.
 */
export async function loadCatalogue(core, lang) {
  prefetchCatalogue(lang)
  const text = catalogueTexts.get(lang)
  if (!text) return false
  try {
    return core.loadMessages(await text).ok === true
  } catch {
    catalogueTexts.delete(lang) // let a later attempt fetch again
    return false
  }
}

// The steps after the questions (verdict, plan, estimate, lead form) need smp-later.wasm and
// their English texts, which the wasm does not carry either: build-web writes them as
// messages.en.json. load-later.js loads both with later-steps.js, so they are in the core before
// it evaluates; the setup studio loads them before it starts. Once per page.
let laterCore = null

/** Resolves to the page's Core once smp-later.wasm is part of it (evaluate, planIcs and
 * validateLead answer) and the later texts are loaded; rejects when either cannot load (the step
 * shows its failure), and the next call tries again. */
export function loadLaterCore() {
  if (!laterCore) {
    const texts = fetch(new URL('./messages.en.json', import.meta.url), { credentials: 'same-origin' })
    const wasmResponse = fetchWasm(laterWasmUrl)
    texts.catch(() => {})
    wasmResponse.catch(() => {})
    const later = import('./later-core.js').then((glue) => instantiateModule(glue.default, laterWasmUrl, wasmResponse))
    laterCore = Promise.all([loadCore(), later, texts])
      .then(async ([core, module, response]) => {
        if (!response.ok) throw new Error(`messages.en.json: HTTP ${response.status}`)
        core.attachLater(module)
        const loaded = core.loadMessages(await response.text())
        if (loaded.ok !== true) throw new Error(`messages.en.json: ${loaded.errors?.[0]?.message}`)
        return core
      })
      .catch((error) => {
        laterCore = null // let a later attempt fetch again
        throw error
      })
  }
  return laterCore
}

// randomUUID needs a secure context; getRandomValues works on any page.
const randomId = () =>
  globalThis.crypto?.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')

// The bindings smp-later.wasm answers (wasm/bindings_later.cpp); smp-core.wasm answers the rest.
const LATER = new Set(['evaluate', 'planIcs', 'validateLead'])

/** The core's functions with JS values in and out; never throws. */
export class Core {
  constructor(module) {
    this.module = module
    this.laterModule = null
    // Every catalogue smp-core.wasm took, for smp-later.wasm: both answer in the same texts.
    this.catalogues = new Set()
    this.dead = false
  }

  /** Makes smp-later.wasm part of this core, with the catalogues loaded so far. */
  attachLater(module) {
    for (const catalogue of this.catalogues) {
      const loaded = parse(module.loadMessages(catalogue))
      if (loaded.ok !== true) throw new Error(`smp-later.wasm: ${loaded.errors?.[0]?.message}`)
    }
    this.laterModule = module
  }

  call(name, ...args) {
    const module = LATER.has(name) ? this.laterModule : this.module
    // (nothing calls smp-later.wasm's functions before loadLaterCore has resolved)
    if (this.dead || !module) return null
    try {
      return module[name](...args)
    } catch (error) {
      // An abort leaves the instance unusable; the element shows its fallback.
      this.dead = true
      this.lastError = error
      return null
    }
  }

  json(name, ...args) {
    const text = this.call(name, ...args)
    return text === null ? broken(`core ${name} failed`) : parse(text, broken(`core ${name} returned invalid JSON`))
  }

  version() {
    return this.call('version') || ''
  }
  validateConfig(config) {
    return this.json('validateConfig', config)
  }
  publicConfig(config) {
    return this.json('publicConfig', config)
  }
  /** Loads a catalogue into both modules (smp-later.wasm now, or when it arrives). */
  loadMessages(catalogue) {
    const loaded = this.json('loadMessages', catalogue)
    if (loaded.ok !== true) return loaded
    this.catalogues.add(catalogue)
    if (!this.laterModule || this.dead) return loaded
    try {
      return parse(this.laterModule.loadMessages(catalogue), broken('core loadMessages returned invalid JSON'))
    } catch (error) {
      this.dead = true
      this.lastError = error
      return broken('core loadMessages failed')
    }
  }
  messages(config, locale) {
    return this.json('messages', config, locale)
  }
  questions(config, answers, locale, today) {
    return this.json('questions', config, JSON.stringify(answers), locale, today)
  }
  evaluate(config, answers, today, locale) {
    return this.json('evaluate', config, JSON.stringify(answers), today, locale)
  }
  /** The plan's calendar file, stamped now; each file gets its own plan id (unique UIDs). */
  planIcs(config, answers, today, locale, { created = Math.floor(Date.now() / 1000), planId = randomId() } = {}) {
    return this.call('planIcs', config, JSON.stringify(answers), today, locale, created, planId) || ''
  }
  validateLead(config, lead, today, locale) {
    return this.json('validateLead', config, JSON.stringify(lead), today, locale)
  }
}

/** The core's locales and their fallback texts, for when the core itself cannot load. */
export { coreLocales }
