// Loads the WebAssembly core once per page and wraps its JSON-string bindings. The .wasm fetch
// starts as soon as this module runs, in parallel with the clinic config. smp-core.mjs is the
// Emscripten glue that scripts/build-web places beside this file (and bundles into smp-consult.js).
import coreLocales from './core-locales.js'
import SmpCore from './smp-core.mjs'

const wasmUrl = new URL('./smp-core.wasm', import.meta.url)

let corePromise = null

function fetchWasm() {
  return fetch(wasmUrl, { credentials: 'same-origin' }).then((response) => {
    if (!response.ok) throw new Error(`smp-core.wasm: HTTP ${response.status}`)
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

/** Resolves to a Core, or rejects with an Error whose `code` says why ("wasm_unavailable", …). */
export function loadCore() {
  if (corePromise) return corePromise
  corePromise = (async () => {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      throw Object.assign(new Error('WebAssembly is not available in this browser'), { code: 'wasm_unavailable' })
    }
    const wasmResponse = fetchWasm()
    wasmResponse.catch(() => {})
    const factory = SmpCore
    const module = await new Promise((resolve, reject) => {
      factory({
        locateFile: (path) => new URL(path, wasmUrl).href,
        instantiateWasm(imports, done) {
          instantiate(wasmResponse, imports).then((output) => done(output.instance, output.module), reject)
          return {}
        },
        onAbort: (what) => reject(new Error(`core aborted: ${what}`)),
        print() {},
        printErr() {},
      }).then(resolve, reject)
    })
    return new Core(module)
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

// The English texts of the steps after the questions (verdict, plan, estimate, lead form) are
// not in the wasm either: build-web writes them as messages.en.json, which load-later.js fetches
// with later-steps.js, so they are in the core before it evaluates. Once per page.
let laterTexts = null

/** Loads them into the page's core; rejects when they cannot load (the step shows its failure). */
export function loadLaterTexts() {
  if (!laterTexts) {
    const url = new URL('./messages.en.json', import.meta.url)
    laterTexts = Promise.all([fetch(url, { credentials: 'same-origin' }), loadCore()])
      .then(async ([response, core]) => {
        if (!response.ok) throw new Error(`messages.en.json: HTTP ${response.status}`)
        const loaded = core.loadMessages(await response.text())
        if (loaded.ok !== true) throw new Error(`messages.en.json: ${loaded.errors?.[0]?.message}`)
      })
      .catch((error) => {
        laterTexts = null // let a later attempt fetch again
        throw error
      })
  }
  return laterTexts
}

function parse(text, fallback) {
  try {
    return JSON.parse(text)
  } catch {
    return fallback
  }
}

// randomUUID needs a secure context; getRandomValues works on any page.
const randomId = () =>
  globalThis.crypto?.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
const broken = (message) => ({ ok: false, errors: [{ pointer: '', code: 'core_failed', message }] })

/** The core's functions with JS values in and out; never throws. */
export class Core {
  constructor(module) {
    this.module = module
    this.dead = false
  }

  call(name, ...args) {
    if (this.dead) return null
    try {
      return this.module[name](...args)
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
  loadMessages(catalogue) {
    return this.json('loadMessages', catalogue)
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
