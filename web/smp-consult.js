// <smp-consultation>: the embeddable SMP consultation. Renders what the WebAssembly core returns
// (questions, diagnostics, result); holds no rule, price or date logic of its own.
// Usage: <script type="module" src="/smp/smp-consult.js"></script>
//        <smp-consultation config="/smp/clinic.json">Call us on …</smp-consultation>
import { coreLocales, loadCatalogue, loadCore, prefetchCatalogue } from './core-loader.js'
import { getAt, removeAt, setAt } from './answers.js'
import { h, icon } from './dom.js'
import { fill, todayIn } from './format.js'
import { laterSteps, loadLater, prefetchLater } from './load-later.js'
import { renderQuestion } from './render-question.js'
import { themeSheet, widgetSheet } from './styles.js'


function fetchConfigNow(url) {
  return fetch(url, { credentials: 'same-origin' }).then((response) => {
    if (!response.ok) throw new Error(`config: HTTP ${response.status}`)
    return response.text()
  })
}

// The configs of the elements already in the page are fetched (and read) right away, beside the
// .wasm, instead of after the element is defined: otherwise reading the body waits behind the
// core's instantiation on the main thread. Each prefetch is used once, by the element's first
// start() for that URL; later starts fetch again.
const prefetched = new Map()
for (const el of document.querySelectorAll('smp-consultation[config]:not([config-json])')) {
  try {
    const url = new URL(el.getAttribute('config'), document.baseURI).href
    if (prefetched.has(url)) continue
    const text = fetchConfigNow(url)
    text.catch(() => {})
    prefetched.set(url, text)
  } catch {
    // An unusable URL fails later, in start(), with the element's own error.
  }
}

// The core's fetch starts right after the configs': the small config answers first and is read
// before the module's compilation and instantiation occupy the main thread (started first, its
// body was read 20-40 ms after the core was ready).
const corePromise = loadCore()
corePromise.catch(() => {})

for (const el of document.querySelectorAll('smp-consultation[locale]')) {
  prefetchCatalogue(language(el.getAttribute('locale')))
}

/** "es-MX", " ES " -> "es": the language part the widget uses to choose a catalogue file. */
function language(tag) {
  return String(tag || '').trim().toLowerCase().slice(0, 2)
}

function fetchConfig(url) {
  const text = prefetched.get(url)
  if (text) {
    prefetched.delete(url)
    return text
  }
  return fetchConfigNow(url)
}

/** The element's shadow content, built node by node: no HTML parsing, so Trusted Types pages
 * (`require-trusted-types-for 'script'`) run it too. */
function shadowContent() {
  const els = {
    loading: h('div', { class: 'loading', 'aria-busy': 'true' }, h('span', { class: 'spinner', 'aria-hidden': 'true' })),
    failure: h('div', { class: 'failure', role: 'alert', hidden: true }),
    live: h('div', { class: 'live visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }),
    progressSection: h('span', { class: 'progress-section' }),
    progressCount: h('span', { class: 'progress-count' }),
    progressFill: h('div', { class: 'progress-fill' }),
    step: h('div', { class: 'step', part: 'step' }),
  }
  els.slot = h('slot')
  els.boot = h('div', { class: 'boot', part: 'fallback' }, els.slot, els.loading, els.failure)
  els.progressTrack = h('div', { class: 'progress-track', role: 'progressbar', 'aria-valuemin': '0' }, els.progressFill)
  els.progress = h(
    'div',
    { class: 'progress', part: 'progress', hidden: true },
    h('div', { class: 'progress-meta' }, els.progressSection, els.progressCount),
    els.progressTrack,
  )
  els.app = h('div', { class: 'app', hidden: true }, els.live, els.progress, els.step)
  els.root = h('div', { class: 'root', part: 'root' }, els.boot, els.app)
  return els
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

function parseJson(text) {
  try {
    const value = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

const ICON_LOCK = 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4'
const ICON_CLOCK = 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2'
const ICON_INFO = 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5v.5'

/**
 * One consultation: its state (the visitor's answers, the result), its steps and their views.
 * Only a module-scoped WeakMap holds it, so no page script (analytics, session replay) can
 * read the answers off the element; the host gets the documented events and attributes.
 * The later steps (later-steps.js) are handed this object.
 */
class Consultation {
  constructor(host) {
    this.host = host
    const root = host.attachShadow({ mode: 'open' })
    this.shadowRoot = root
    root.adoptedStyleSheets = [widgetSheet()]
    this.els = shadowContent()
    root.append(this.els.root)
    this.generation = 0
    this.reset()
  }

  reset() {
    this.phase = 'loading'
    this.answers = {}
    this.writers = {}
    this.qdoc = null
    this.currentId = null
    this.result = null
    this.ics = ''
    this.startedAt = ''
    this.clientId = ''
    this.leadAbort?.abort()
    this.leadAbort = null
    this.focusNext = false
  }

  getAttribute(name) {
    return this.host.getAttribute(name)
  }

  hasAttribute(name) {
    return this.host.hasAttribute(name)
  }

  connected() {
    if (!this.started) {
      this.started = true
      this.start()
    }
  }

  disconnected() {
    this.leadAbort?.abort()
  }

  attributeChanged(name, oldValue, newValue) {
    if (!this.started || oldValue === newValue) return
    if (name === 'config' || name === 'config-json') {
      this.reset()
      this.start()
    } else if (this.core && this.phase !== 'failed') {
      const apply = () =>
        this.guard(() => {
          this.applyLocaleAndToday()
          this.refreshQuestions()
          if (this.phase === 'result') this.evaluateNow()
          this.scheduleRender()
        })
      if (name === 'locale') loadCatalogue(this.core, this.requestedLocale()).then(apply)
      else apply()
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  t(key, params) {
    const text = this.texts?.[key]
    return fill(typeof text === 'string' ? text : key, params)
  }

  emit(type, detail) {
    try {
      this.host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }))
    } catch {
      // A listener's failure is the host's, never ours.
    }
  }

  guard(fn) {
    try {
      return fn()
    } catch (error) {
      this.fail('internal_error', String(error?.message || error), 'wasm')
      return undefined
    }
  }

  scheduleRender() {
    if (this.renderQueued) return
    this.renderQueued = true
    queueMicrotask(() => {
      this.renderQueued = false
      this.guard(() => this.render())
    })
  }

  // ---- loading -----------------------------------------------------------------------------

  /** Loads config, core and texts; whatever goes wrong ends in the failure view and smp-error. */
  start() {
    return this.load().catch((error) => {
      if (this.phase !== 'failed') this.fail('internal_error', String(error?.message || error), 'wasm')
    })
  }

  async load() {
    const generation = ++this.generation
    this.els.boot.hidden = false
    this.els.slot.hidden = false
    this.els.loading.hidden = false
    this.els.failure.hidden = true
    this.els.app.hidden = true
    let configText = '{}'
    try {
      if (this.hasAttribute('config-json')) {
        configText = this.getAttribute('config-json') || '{}'
      } else if (this.getAttribute('config')) {
        configText = await fetchConfig(new URL(this.getAttribute('config'), document.baseURI).href)
      }
    } catch (error) {
      if (generation === this.generation) this.fail('config_load_failed', String(error.message || error), 'config')
      return
    }
    this.configText = configText
    this.rawConfig = parseJson(configText) || {}
    // A visitor reading another language than English gets its texts fetched beside the core.
    prefetchCatalogue(this.requestedLocale())
    let core
    try {
      core = await corePromise
    } catch (error) {
      if (generation === this.generation) this.fail(error.code || 'wasm_failed', String(error.message || error), 'wasm')
      return
    }
    if (generation !== this.generation) return
    await loadCatalogue(core, this.requestedLocale())
    if (generation !== this.generation) return
    this.guard(() => this.boot(core))
  }

  boot(core) {
    this.core = core
    // publicConfig answers an invalid config with the same {ok:false,errors} as validateConfig,
    // so one call (one parse of the config in the core) does both.
    const pub = core.publicConfig(this.configText)
    if (!pub || pub.ok === false) {
      const lines = (pub?.errors || []).map((e) => `${e.pointer || '/'}: ${e.message}`)
      console.warn(`<smp-consultation> invalid clinic config:\n${lines.join('\n')}`)
      this.fail('config_invalid', lines.join('; ') || 'invalid config', 'config')
      return
    }
    this.pub = pub
    this.clinic = this.pub.clinic || {}
    this.theme = themeSheet(this.pub.theme)
    this.adoptSheets()
    this.applyLocaleAndToday()
    if (core.dead || !this.texts) {
      this.fail('wasm_failed', 'core failed', 'wasm')
      return
    }
    this.phase = 'intro'
    this.els.boot.hidden = true
    this.els.app.hidden = false
    this.render()
    this.emit('smp-ready', { version: core.version(), locale: this.locale })
  }

  /** later-steps.js once it is loaded (its sheet adopted, its texts taken from the core), else null. */
  later() {
    const later = laterSteps()
    if (later && !this.laterStyled) {
      this.adoptSheets()
      this.refreshTexts()
    }
    return later
  }

  /** The shared sheets, the later steps' once loaded, and this clinic's theme (last: it wins). */
  adoptSheets() {
    const later = laterSteps()
    this.laterStyled = Boolean(later)
    this.shadowRoot.adoptedStyleSheets = [widgetSheet(), ...(later ? [later.laterSheet()] : []), this.theme]
  }

  requestedLocale() {
    // Before boot (choosing which catalogue to fetch) only the raw config is at hand.
    const locales = this.pub?.locales || this.rawConfig?.locales
    const available = Array.isArray(locales?.available) ? locales.available : coreLocales.locales
    const attr = language(this.getAttribute('locale'))
    if (attr) return attr
    if (this.rawConfig?.locales?.default) return String(this.rawConfig.locales.default)
    for (const tag of navigator.languages || [navigator.language || '']) {
      const short = language(tag)
      if (available.includes(short)) return short
    }
    return this.pub?.locales?.default || 'en'
  }

  applyLocaleAndToday() {
    this.refreshTexts()
    const today = (this.getAttribute('today') || '').trim()
    this.today = DATE_RE.test(today) ? today : todayIn(this.clinic?.timezone)
    // The page's own lang may differ: the widget's content carries its locale inside the shadow root.
    this.els.root.setAttribute('lang', this.locale)
  }

  /** The texts the core has now (the later steps' arrive with later-steps.js). */
  refreshTexts() {
    const messages = this.core.messages(this.configText, this.requestedLocale())
    if (messages && messages.ok !== false) {
      this.texts = messages
      this.locale = messages.locale || 'en'
    }
  }

  /** kind: 'config', 'wasm' (the core) or 'network' (later-steps.js did not load). */
  fail(code, message, kind) {
    this.phase = 'failed'
    const locale = language(this.locale || this.getAttribute('locale') || this.rawConfig?.locales?.default || navigator.language || 'en')
    // Without the core, its fallback texts as build-web wrote them (core-locales.js).
    const boot = coreLocales.fallback[locale] || coreLocales.fallback.en || {}
    const copy = this.rawConfig?.copy?.[locale] || {}
    const text = (key) => this.texts?.[key] || copy[key] || boot[key] || key
    const clinic = this.rawConfig?.clinic || {}
    const phone = typeof clinic.phone === 'string' ? clinic.phone : ''
    const email = typeof clinic.email === 'string' ? clinic.email : ''
    const contact = h(
      'ul',
      { class: 'contact' },
      phone ? h('li', null, h('a', { href: `tel:${phone.replace(/[^+\d]/g, '')}` }, phone)) : null,
      email ? h('li', null, h('a', { href: `mailto:${email}` }, email)) : null,
    )
    const network = kind === 'network'
    const body = kind === 'config' ? text('ui.fallback.config') : network ? text('ui.fallback.network') : text('ui.fallback.body')
    this.els.failure.replaceChildren(
      h('h2', null, network ? text('ui.fallback.network_title') : text('ui.fallback.title')),
      h('p', null, body),
      phone || email ? contact : null,
    )
    this.els.failure.dataset.code = code
    // The host's light DOM is loading copy ("Loading… or call us"): once the failure view gives
    // the clinic's own contact it goes; without one it stays, the visitor's only way to the clinic.
    this.els.slot.hidden = Boolean(phone || email)
    this.els.loading.hidden = true
    this.els.failure.hidden = false
    this.els.boot.hidden = false
    this.els.app.hidden = true
    this.emit('smp-error', { code, message })
  }

  // ---- questions ---------------------------------------------------------------------------

  refreshQuestions() {
    // Answers to questions that are no longer shown (e.g. a Norwood stage after switching to
    // Ludwig) are dropped, so the core never sees stale values. Bounded: visibility settles fast.
    for (let round = 0; round < 6; round += 1) {
      const doc = this.core.questions(this.configText, this.answers, this.locale, this.today)
      if (!doc || doc.ok === false || !Array.isArray(doc.questions)) {
        if (this.core.dead) throw new Error('core stopped answering')
        this.qdoc = { questions: [], sections: [], errors: doc?.errors || [] }
        return
      }
      this.qdoc = doc
      const visible = new Set(doc.questions.map((q) => q.id))
      const stale = Object.entries(this.writers).filter(([, id]) => !visible.has(id))
      if (stale.length === 0) return
      for (const [pointer] of stale) {
        this.answers = removeAt(this.answers, pointer)
        delete this.writers[pointer]
      }
    }
  }

  visible() {
    return this.qdoc?.questions || []
  }

  current() {
    const list = this.visible()
    return list.find((q) => q.id === this.currentId) || list[0] || null
  }

  isAnswered(q) {
    return q.answered === true || getAt(this.answers, q.pointer) !== undefined || (q.id === 'dob' && getAt(this.answers, '/age') !== undefined)
  }

  errorsFor(q) {
    const errors = this.qdoc?.errors || []
    return errors
      .filter((e) => e.pointer === q.pointer || String(e.pointer).startsWith(`${q.pointer}/`) || (q.id === 'dob' && e.pointer === '/age'))
      .map((e) => e.message)
  }

  onAnswer(pointer, value) {
    this.guard(() => {
      if (value === undefined) {
        this.answers = removeAt(this.answers, pointer)
        delete this.writers[pointer]
      } else {
        this.answers = setAt(this.answers, pointer, value)
        if (this.currentId) this.writers[pointer] = this.currentId
      }
      this.refreshQuestions()
      this.updateProgress()
      const q = this.current()
      // Errors show once the visitor has finished an answer; clearing them happens at once.
      if (q && this.stepView && this.stepView.showingErrors) {
        const errors = this.errorsFor(q)
        this.stepView.setErrors(errors)
        this.stepView.showingErrors = errors.length > 0
      }
    })
  }

  go(phase, questionId) {
    this.phase = phase
    if (questionId !== undefined) this.currentId = questionId
    this.focusNext = true
    this.scheduleRender()
  }

  startQuiz() {
    if (!this.startedAt) this.startedAt = new Date().toISOString()
    this.refreshQuestions()
    this.go('question', this.visible()[0]?.id ?? null)
  }

  next() {
    this.guard(() => {
      const q = this.current()
      if (!q) return this.showResult()
      this.stepView?.commit()
      this.answerUnanswered(q)
      this.refreshQuestions()
      const errors = this.errorsFor(q)
      if (errors.length === 0 && q.required && !this.isAnswered(q)) errors.push(this.t('ui.error.required'))
      if (errors.length) {
        this.stepView.setErrors(errors)
        this.stepView.showingErrors = true
        this.stepView.element.querySelector('input')?.focus()
        return undefined
      }
      const list = this.visible()
      const index = list.findIndex((item) => item.id === q.id)
      if (index + 1 < list.length) this.go('question', list[index + 1].id)
      else this.showResult()
      return undefined
    })
  }

  /** Moving on without an answer writes the value the core says that means ("unsure" for health). */
  answerUnanswered(q) {
    if (q.unanswered_value !== undefined && getAt(this.answers, q.pointer) === undefined) this.onAnswer(q.pointer, q.unanswered_value)
  }

  /** From an edited answer straight back to the (re-evaluated) result. */
  updateResult() {
    this.guard(() => {
      const q = this.current()
      if (q) {
        this.stepView?.commit()
        this.answerUnanswered(q)
        this.refreshQuestions()
        const errors = this.errorsFor(q)
        if (errors.length) {
          this.stepView.setErrors(errors)
          this.stepView.showingErrors = true
          return
        }
      }
      this.showResult()
    })
  }

  back() {
    this.guard(() => {
      const list = this.visible()
      const index = list.findIndex((item) => item.id === this.current()?.id)
      if (index > 0) this.go('question', list[index - 1].id)
      else this.go('intro')
    })
  }

  skip() {
    const q = this.current()
    if (!q) return
    this.onAnswer(q.pointer, undefined)
    if (q.id === 'dob') this.onAnswer('/age', undefined)
    const list = this.visible()
    const index = list.findIndex((item) => item.id === q.id)
    if (index + 1 < list.length) this.go('question', list[index + 1].id)
    else this.showResult()
  }

  /** "Not sure" in the stage picker: the scale becomes "unsure" and the quiz moves on. */
  notSure(q) {
    const before = this.visible().map((item) => item.id)
    const from = before.indexOf(q.id)
    this.answers = setAt(removeAt(this.answers, q.pointer), '/pattern/scale', 'unsure')
    delete this.writers[q.pointer]
    this.writers['/pattern/scale'] = 'pattern_scale'
    this.refreshQuestions()
    const visible = new Set(this.visible().map((item) => item.id))
    const nextId = before.slice(from + 1).find((id) => visible.has(id))
    if (nextId) this.go('question', nextId)
    else this.showResult()
  }

  /** "Not sure" on a question without options (a date): the core's unanswered value, then on. */
  unsure(q) {
    this.onAnswer(q.pointer, q.unanswered_value)
    this.next()
  }

  // ---- result ------------------------------------------------------------------------------

  evaluateNow() {
    const outcome = this.core.evaluate(this.configText, this.answers, this.today, this.locale)
    if (!outcome.ok) return outcome.errors || []
    this.result = outcome.result
    this.ics = this.core.planIcs(this.configText, this.answers, this.today, this.locale)
    return null
  }

  showResult() {
    this.guard(() => {
      // The result's texts (verdict, plan, estimate) come with later-steps.js: the core evaluates
      // once they are loaded.
      if (!this.later()) {
        this.waitForLater(() => this.showResult())
        return
      }
      // A required question that became visible after an edit must be answered first.
      const missing = this.visible().find((q) => q.required && !this.isAnswered(q))
      if (missing) {
        this.pendingErrors = [this.t('ui.error.required')]
        this.go('question', missing.id)
        return
      }
      const errors = this.evaluateNow()
      if (errors) {
        if (this.core.dead) throw new Error('core stopped answering')
        // Send the visitor to the first question an error points at.
        const list = this.visible()
        const target = list.find((q) => errors.some((e) => e.pointer === q.pointer || String(e.pointer).startsWith(`${q.pointer}/`) || (q.id === 'dob' && (e.pointer === '/age' || e.pointer === '')))) || list[0]
        this.pendingErrors = errors.map((e) => e.message)
        this.go('question', target?.id ?? null)
        return
      }
      this.go('result')
      const r = this.result
      this.els.live.textContent = ''
      setTimeout(() => {
        this.els.live.textContent = this.t('ui.result.announce', { verdict: r.headline || this.t(`verdict.${r.verdict}`) })
      }, 50)
      const detail = { verdict: r.verdict, packages: (r.packages || []).map((p) => p.id) }
      if (r.estimate) Object.assign(detail, { low: r.estimate.low, high: r.estimate.high, currency: r.estimate.currency })
      this.emit('smp-result', detail)
    })
  }

  // ---- rendering ---------------------------------------------------------------------------

  updateProgress() {
    const { progress, progressSection, progressCount, progressTrack, progressFill } = this.els
    if (this.phase !== 'question') {
      progress.hidden = true
      return
    }
    const list = this.visible()
    const q = this.current()
    const index = Math.max(0, list.findIndex((item) => item.id === q?.id))
    const total = list.length
    const section = this.qdoc.sections?.find((s) => s.id === q?.section)
    progress.hidden = false
    progressSection.textContent = section?.title || ''
    progressCount.textContent = this.t('ui.progress', { current: index + 1, total })
    progressTrack.setAttribute('aria-valuemax', String(total))
    progressTrack.setAttribute('aria-valuenow', String(index + 1))
    progressTrack.setAttribute('aria-label', this.t('ui.progress_label'))
    progressTrack.setAttribute('aria-valuetext', progressCount.textContent)
    progressFill.style.setProperty('--smp-progress', String(total ? Math.round(((index + 1) / total) * 100) : 0))
  }

  /** The stage picker and the steps after the questions come from later-steps.js. */
  needsLater() {
    if (this.phase === 'question') return this.current()?.kind === 'stage'
    return this.phase === 'result' || this.phase === 'lead' || this.phase === 'done'
  }

  /** A spinner in place of the step until later-steps.js is there (then `then`, by default a
   * render); a clear message if it fails. */
  waitForLater(then = () => this.scheduleRender()) {
    const generation = this.generation
    this.stepView = null
    this.els.step.replaceChildren(h('div', { class: 'loading', 'aria-busy': 'true' }, h('span', { class: 'spinner', 'aria-hidden': 'true' })))
    this.updateProgress()
    loadLater().then(
      () => {
        if (generation === this.generation && this.phase !== 'failed') then()
      },
      (error) => {
        if (generation === this.generation && this.phase !== 'failed') this.fail('later_load_failed', String(error?.message || error), 'network')
      },
    )
  }

  render() {
    if (this.phase === 'loading' || this.phase === 'failed') return
    const later = this.later()
    if (!later && this.needsLater()) {
      this.waitForLater()
      return
    }
    let view = null
    if (this.phase === 'intro') view = this.renderIntro()
    else if (this.phase === 'question') view = this.renderStep(later)
    else if (this.phase === 'result') view = later.resultStep(this)
    else if (this.phase === 'lead') view = later.leadStep(this)
    else if (this.phase === 'done') view = later.doneStep(this)
    if (!view) return
    this.stepView = view
    this.els.step.dataset.phase = this.phase
    this.els.step.replaceChildren(view.element)
    this.updateProgress()
    if (this.focusNext) {
      this.focusNext = false
      // focus() would scroll by itself, ignoring the host's sticky header: reveal() decides.
      view.heading.focus({ preventScroll: true })
      this.reveal(view.heading)
    }
    if (this.phase === 'question') {
      const q = this.current()
      if (this.pendingErrors) {
        view.setErrors(this.pendingErrors)
        view.showingErrors = true
        this.pendingErrors = null
      }
      this.emit('smp-step', { question: q?.id ?? null, index: this.visible().findIndex((item) => item.id === q?.id), total: this.visible().length })
      // The first question is on screen: fetch the later steps once the visitor starts answering
      // (several questions before the first that needs them), so one who only looks pays nothing.
      this.prefetchOnInteraction()
    }
  }

  prefetchOnInteraction() {
    if (this.prefetchArmed) return
    this.prefetchArmed = true
    // Not focusin: the element itself moves focus to each step's heading.
    const events = ['pointerdown', 'keydown', 'input']
    const go = () => {
      for (const type of events) this.shadowRoot.removeEventListener(type, go, true)
      prefetchLater()
    }
    for (const type of events) this.shadowRoot.addEventListener(type, go, true)
  }

  /**
   * Scrolls a new step's heading into view only when it is not fully visible below what the host
   * keeps at the top of the viewport: its scroll-padding-top (the usual fix for sticky headers)
   * plus the heading's scroll-margin-top (--smp-scroll-offset, see styles.js). scrollIntoView
   * honours both, so the heading lands just below a sticky header.
   */
  reveal(el) {
    if (typeof el.scrollIntoView !== 'function') return
    const rect = el.getBoundingClientRect()
    const height = window.innerHeight || document.documentElement.clientHeight || 0
    const scroller = document.scrollingElement || document.documentElement
    const padding = getComputedStyle(scroller).scrollPaddingTop
    const top = (padding.endsWith('%') ? (parseFloat(padding) * height) / 100 : parseFloat(padding) || 0) + (parseFloat(getComputedStyle(el).scrollMarginTop) || 0)
    if (rect.top >= top && rect.bottom <= height) return
    el.scrollIntoView({ block: 'start', behavior: 'instant' })
  }

  renderIntro() {
    const heading = h('h2', { tabindex: '-1' }, this.t('ui.intro.title'))
    const start = h('button', { type: 'button', 'data-action': 'start', onclick: () => this.guard(() => this.startQuiz()) }, this.t('ui.intro.start'))
    const element = h(
      'section',
      { class: 'intro', part: 'intro' },
      heading,
      h('p', { class: 'lead' }, this.t('ui.intro.body')),
      this.clinic.practitioner_copy ? h('p', { class: 'practitioner', 'data-clinic': 'practitioner' }, this.clinic.practitioner_copy) : null,
      h(
        'ul',
        { class: 'badges' },
        h('li', null, icon(ICON_CLOCK), h('span', null, this.t('ui.intro.time'))),
        h('li', null, icon(ICON_LOCK), h('span', null, this.t('ui.intro.privacy', { clinic: this.clinic.name || '' }))),
        h('li', null, icon(ICON_INFO), h('span', null, this.t('ui.intro.disclaimer'))),
      ),
      h('div', { class: 'actions' }, start),
    )
    return { heading, element }
  }

  renderStep(later) {
    const q = this.current()
    if (!q) return this.renderIntro()
    this.currentId = q.id
    const list = this.visible()
    const index = list.findIndex((item) => item.id === q.id)
    const isLast = index === list.length - 1
    const view = renderQuestion(q, {
      answers: this.answers,
      t: (key, params) => this.t(key, params),
      onAnswer: (pointer, value) => this.onAnswer(pointer, value),
      onSkip: () => this.guard(() => this.skip()),
      onNotSure: q.kind === 'stage' ? () => this.guard(() => this.notSure(q)) : q.unsure_label ? () => this.guard(() => this.unsure(q)) : null,
      stageDiagram: later?.stageDiagram,
    })
    const nav = h(
      'div',
      { class: 'actions', part: 'nav' },
      h('button', { type: 'button', class: 'secondary', 'data-action': 'back', onclick: () => this.back() }, this.t('ui.back')),
      h('button', { type: 'submit', 'data-action': 'next' }, isLast ? this.t('ui.see_result') : this.t('ui.next')),
      this.result && !isLast
        ? h('button', { type: 'button', class: 'secondary', 'data-action': 'update-result', onclick: () => this.updateResult() }, this.t('ui.update_result'))
        : null,
    )
    const form = h('form', { class: 'step-form', novalidate: true, 'data-step': q.id }, view.element, nav)
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      this.next()
    })
    const existing = this.errorsFor(q)
    if (existing.length && this.isAnswered(q)) {
      view.setErrors(existing)
      view.showingErrors = true
    }
    return { ...view, element: form }
  }
}

// Element -> its Consultation, in module scope: private like a #field, without the helper code
// the es2020 build would add for one.
const consultations = new WeakMap()

export class SmpConsultationElement extends HTMLElement {
  static get observedAttributes() {
    return ['config', 'config-json', 'locale', 'today']
  }

  constructor() {
    super()
    consultations.set(this, new Consultation(this))
  }

  connectedCallback() {
    consultations.get(this).connected()
  }

  disconnectedCallback() {
    consultations.get(this).disconnected()
  }

  attributeChangedCallback(name, oldValue, newValue) {
    consultations.get(this).attributeChanged(name, oldValue, newValue)
  }
}

// The page-wide core (bench/web times it): it holds configs and texts, never a visitor's answers.
export { loadCore }

if (!customElements.get('smp-consultation')) {
  customElements.define('smp-consultation', SmpConsultationElement)
}
