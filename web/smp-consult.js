// <smp-consultation>: the embeddable SMP consultation. This module is the small first download:
// it defines the element, fetches the clinic config and paints the intro from it and the
// catalogue's intro texts (intro-catalogue.js, which scripts/build-web writes from the native
// CLI); the WebAssembly core (core-loader.js and smp-core.wasm) and the questions (quiz-steps.js)
// load behind it once it is painted. Holds no rule, price or date logic.
// Usage: <script type="module" src="/smp/smp-consult.js"></script>
//        <smp-consultation config="/smp/clinic.json">Call us on …</smp-consultation>
import introCatalogue from './intro-catalogue.js'
import { h, icon } from './dom.js'
import { fill } from './format.js'
import { clinicName, introTexts, requestedLocale, resolveLocale } from './intro-locale.js'
import { hasSaved } from './saved.js'
import { themeSheet, widgetSheet } from './styles.js'

function fetchConfigNow(url) {
  return fetch(url, { credentials: 'same-origin' }).then((response) => {
    if (!response.ok) throw new Error(`config: HTTP ${response.status}`)
    return response.text()
  })
}

// The configs of the elements already in the page are fetched right away, before the core's
// module is even requested: the intro is painted from the config alone. Each prefetch is used
// once, by the element's first start() for that URL; later starts fetch again.
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

// The core (its loader and .wasm) and the questions' module are requested once the intro is
// painted, or at once where no intro is painted first (a broken config, a saved visit to resume).
// Requested with the config, their downloads and compilation held up the config's response and
// the intro's frame (with the prepared intro below, the intro is painted +18 ms over the static
// page against +30 ms; Start pressed at its first paint waits ~10 ms longer: bench/web). The
// .wasm's download starts beside the loader's, which compiles it as it streams. A module that
// cannot load rejects with the code the failure view reports.
let runLoader
const coreLoader = new Promise((resolve) => {
  runLoader = resolve
}).then(() => import('./core-loader.js'))
let corePromise = null
function startCore() {
  if (!corePromise) {
    const wasm = typeof WebAssembly === 'object' ? fetch(new URL('./smp-core.wasm', import.meta.url), { credentials: 'same-origin' }) : null
    wasm?.catch(() => {})
    runLoader()
    corePromise = coreLoader.then(
      (loader) => loader.loadCore(wasm),
      (error) => Promise.reject(Object.assign(error, { code: 'wasm_failed' })),
    )
    corePromise.catch(() => {})
  }
  return corePromise
}
let quizModule = null
/** The core and the questions' module: [core, quiz-steps.js]. */
function loadQuiz() {
  const core = startCore()
  quizModule ||= import('./quiz-steps.js').catch((error) => Promise.reject(Object.assign(error, { code: 'wasm_failed' })))
  return Promise.all([core, quizModule])
}

/** Calls `fn` once the current frame is painted (a task queued from requestAnimationFrame), or
 * after 100 ms where no frame comes (a tab in the background). */
function afterPaint(fn) {
  let done = false
  const once = () => {
    if (done) return
    done = true
    fn()
  }
  requestAnimationFrame(() => setTimeout(once))
  setTimeout(once, 100)
}

/** Starts fetching a language's texts for the core (messages.<lang>.json) once its loader is here. */
function prefetchCatalogue(lang) {
  coreLoader.then((loader) => loader.prefetchCatalogue(lang), () => {})
}

function fetchConfig(url) {
  const text = prefetched.get(url)
  if (text) {
    prefetched.delete(url)
    return text
  }
  return fetchConfigNow(url)
}

function parseJson(text) {
  try {
    const value = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

const text = (value) => (typeof value === 'string' ? value : '')

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

const ICON_LOCK = 'M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4'
const ICON_CLOCK = 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2'
const ICON_INFO = 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5v.5'

/**
 * The element's own part: its shadow root, the intro, the failure view and the embedding
 * (mode="dialog", open()). Once the core and quiz-steps.js are loaded it hands the element to a
 * consultation (quiz-steps.js attach()), which holds the visitor's answers; only a module-scoped
 * WeakMap holds this object, so no page script can read them off the element.
 */
class Shell {
  constructor(host) {
    this.host = host
    const root = host.attachShadow({ mode: 'open' })
    this.shadowRoot = root
    root.adoptedStyleSheets = [widgetSheet()]
    this.els = shadowContent()
    root.append(this.els.root)
    this.generation = 0
    this.quiz = null
    this.texts = null
  }

  getAttribute(name) {
    return this.host.getAttribute(name)
  }

  connected() {
    this.applyMode()
    if (!this.started) {
      this.started = true
      this.start()
    }
  }

  disconnected() {
    this.quiz?.disconnected()
  }

  attributeChanged(name, oldValue, newValue) {
    if (!this.started || oldValue === newValue) return
    if (name === 'mode' || name === 'launcher-text') {
      this.applyMode()
    } else if (name === 'config' || name === 'config-json') {
      this.start()
    } else if (this.quiz) {
      this.quiz.attributeChanged(name)
    } else if (name === 'locale' && !this.failed && this.configText !== undefined) {
      // Before the core: the intro again in the new language.
      this.chooseTexts()
      if (this.introShown) this.paintIntro()
    }
  }

  // ---- loading -----------------------------------------------------------------------------

  /** Config, then the intro; then the consultation once the core and the questions are loaded.
   * Whatever goes wrong ends in the failure view and smp-error. */
  async start() {
    const generation = ++this.generation
    this.quiz?.detach()
    this.quiz = null
    this.failed = false
    this.introShown = false
    this.startPending = false
    this.configText = undefined
    this.rawConfig = null
    this.els.boot.hidden = false
    this.els.slot.hidden = false
    this.els.loading.hidden = false
    this.els.failure.hidden = true
    this.els.app.hidden = true
    this.chooseTexts()
    // Read while the config is on its way, not between its arrival and the intro (a page's first
    // storage read loads the storage synchronously: 1-4 ms).
    const saved = hasSaved(this.host)
    let configText = '{}'
    try {
      if (this.host.hasAttribute('config-json')) {
        configText = this.getAttribute('config-json') || '{}'
      } else if (this.getAttribute('config')) {
        const url = new URL(this.getAttribute('config'), document.baseURI).href
        if (!saved) this.prepareIntro()
        configText = await fetchConfig(url)
      }
    } catch (error) {
      if (generation === this.generation) this.fail('config_load_failed', String(error.message || error), 'config')
      return
    }
    if (generation !== this.generation) return
    this.configText = configText
    this.rawConfig = parseJson(configText)
    this.chooseTexts()
    // A visitor reading another language than English gets its texts fetched beside the core.
    prefetchCatalogue(this.requestedLocale())
    // Not over a config that is not even a JSON object (the core explains it), nor over a saved
    // visit that goes straight back to its step: those wait for the core.
    let loaded
    if (this.rawConfig && !saved) {
      this.setTheme(this.rawConfig.theme)
      this.paintIntro()
      loaded = new Promise((resolve) => afterPaint(() => resolve(loadQuiz())))
    } else {
      loaded = loadQuiz()
    }
    let core
    let quiz
    try {
      ;[core, quiz] = await loaded
    } catch (error) {
      if (generation === this.generation) this.fail(error.code || 'wasm_failed', String(error.message || error), 'wasm')
      return
    }
    if (generation !== this.generation) return
    this.quiz = quiz.attach(this, core)
  }

  requestedLocale() {
    return requestedLocale({
      attr: this.getAttribute('locale'),
      rawConfig: this.rawConfig,
      languages: navigator.languages || [navigator.language || ''],
      supported: introCatalogue.locales,
    })
  }

  /** The locale and texts the core will give this config (intro-locale.js), for the intro and
   * for the failure view while the core is not there. */
  chooseTexts() {
    this.locale = resolveLocale(this.requestedLocale(), this.rawConfig, introCatalogue.locales)
    this.texts = introTexts(introCatalogue, this.locale, this.rawConfig)
    this.relabel()
  }

  t(key, params) {
    const value = this.texts?.[key]
    return fill(typeof value === 'string' ? value : key, params)
  }

  // ---- the intro ---------------------------------------------------------------------------

  /** The intro for these texts: always the same nodes (keeping focus), its texts replaced where
   * they change, so the consultation taking over, or the config replacing the catalogue's texts of
   * a prepared intro, costs no new layout. */
  introView(t, clinic) {
    const strings = [
      t('ui.intro.title'),
      t('ui.intro.body'),
      text(clinic?.practitioner_copy),
      t('ui.intro.time'),
      t('ui.intro.privacy', { clinic: text(clinic?.name) }),
      t('ui.intro.disclaimer'),
      t('ui.intro.start'),
    ]
    if (!this.intro) {
      // One node per string, in the order of `strings`.
      const parts = [
        h('h2', { tabindex: '-1' }),
        h('p', { class: 'lead' }),
        h('p', { class: 'practitioner', 'data-clinic': 'practitioner' }),
        h('span'),
        h('span'),
        h('span'),
        h('button', { type: 'button', 'data-action': 'start', onclick: () => this.pressStart() }),
      ]
      const [heading, lead, practitioner, time, privacy, disclaimer, start] = parts
      const element = h(
        'section',
        { class: 'intro', part: 'intro' },
        heading,
        lead,
        practitioner,
        h('ul', { class: 'badges' }, h('li', null, icon(ICON_CLOCK), time), h('li', null, icon(ICON_LOCK), privacy), h('li', null, icon(ICON_INFO), disclaimer)),
        h('div', { class: 'actions' }, start),
      )
      this.intro = { heading, element, start, parts }
    }
    const { parts, element } = this.intro
    strings.forEach((value, i) => {
      if (parts[i].textContent !== value) parts[i].textContent = value
    })
    // The practitioner's line only for a clinic that has one.
    parts[2].hidden = !strings[2]
    element.classList.remove('prepared')
    element.inert = false
    if (this.startPending) this.showBusy(true)
    return this.intro
  }

  /** While the config is on its way: the intro from the catalogue's texts, laid out in the step
   * but hidden and inert (styles.js .prepared), so the frame that shows it with the config's texts
   * has little style, layout and font loading left to do (bench/web). */
  prepareIntro() {
    const view = this.introView((key, params) => this.t(key, params), { name: clinicName(introCatalogue, null) })
    view.element.classList.add('prepared')
    view.element.inert = true
    const { step, app } = this.els
    if (step.firstChild !== view.element) step.replaceChildren(view.element)
    step.dataset.phase = 'loading'
    app.hidden = false
  }

  /** The intro from the config as written and the catalogue, before the core has checked it. */
  paintIntro() {
    const clinic = { name: clinicName(introCatalogue, this.rawConfig), practitioner_copy: this.rawConfig?.clinic?.practitioner_copy }
    const view = this.introView((key, params) => this.t(key, params), clinic)
    const { step, progress, boot, app, root } = this.els
    root.setAttribute('lang', this.locale)
    step.dataset.phase = 'intro'
    if (step.childNodes.length !== 1 || step.firstChild !== view.element) step.replaceChildren(view.element)
    progress.hidden = true
    boot.hidden = true
    app.hidden = false
    this.introShown = true
  }

  /** Start before the core (or the config's check) is done: busy, and the first question as soon
   * as the consultation is ready (it calls takeStart()). */
  pressStart() {
    const quiz = this.quiz
    if (quiz?.isReady) {
      if (quiz.phase === 'intro') quiz.guard(() => quiz.startQuiz())
      return
    }
    if (this.failed) return
    this.startPending = true
    this.showBusy(true)
  }

  showBusy(busy) {
    const start = this.intro?.start
    if (!start) return
    if (busy) start.setAttribute('aria-busy', 'true')
    else start.removeAttribute('aria-busy')
  }

  /** True once if Start was pressed while the consultation was loading. */
  takeStart() {
    const pending = this.startPending
    this.startPending = false
    this.showBusy(false)
    return pending
  }

  // ---- views shared with the consultation ---------------------------------------------------

  setTheme(theme) {
    this.theme = themeSheet(theme)
    this.adoptSheets()
  }

  /** The shared sheet, the later steps' once loaded, the dialog's, and this clinic's theme (last:
   * it wins). */
  adoptSheets(laterSheet = this.laterSheet) {
    this.laterSheet = laterSheet
    this.shadowRoot.adoptedStyleSheets = [widgetSheet(), laterSheet, this.dialogSheet, this.theme].filter(Boolean)
  }

  relabel() {
    this.dialogMode?.relabel()
  }

  emit(type, detail) {
    // analytics.js is fetched only for a config that turns the data layer on; pushes keep order.
    if (this.quiz?.pub?.analytics?.data_layer === true) {
      this.analytics ||= import('./analytics.js')
      this.analytics.then(({ pushDataLayer }) => pushDataLayer(type, detail), () => {})
    }
    try {
      this.host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }))
    } catch {
      // A listener's failure is the host's, never ours.
    }
  }

  /** kind: 'config', 'wasm' (the core) or 'network' (later-steps.js did not load). */
  fail(code, message, kind) {
    this.failed = true
    this.startPending = false
    const copy = this.rawConfig?.copy?.[this.locale] || {}
    // The consultation's texts from the core when it is there, else the catalogue's (with the
    // clinic's copy) as build-web wrote them.
    const say = (key) => this.quiz?.texts?.[key] || text(copy[key]) || this.texts?.[key] || key
    const clinic = this.rawConfig?.clinic || {}
    const phone = text(clinic.phone)
    const email = text(clinic.email)
    const contact = h(
      'ul',
      { class: 'contact' },
      phone ? h('li', null, h('a', { href: `tel:${phone.replace(/[^+\d]/g, '')}` }, phone)) : null,
      email ? h('li', null, h('a', { href: `mailto:${email}` }, email)) : null,
    )
    const network = kind === 'network'
    const body = kind === 'config' ? say('ui.fallback.config') : network ? say('ui.fallback.network') : say('ui.fallback.body')
    this.els.failure.replaceChildren(
      h('h2', null, network ? say('ui.fallback.network_title') : say('ui.fallback.title')),
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

  // ---- embedding ---------------------------------------------------------------------------

  /** mode="dialog": a launcher button and a modal dialog (dialog-mode.js, fetched only for this
   * mode; the content stays hidden until it is there); anything else is inline (the default). */
  applyMode() {
    const dialog = (this.getAttribute('mode') || '').trim().toLowerCase() === 'dialog'
    if (!dialog && !this.dialogMode) return
    if (!this.dialogMode) {
      this.els.root.hidden = true
      import('./dialog-mode.js').then(
        ({ DialogMode, dialogSheet }) => {
          this.dialogSheet = dialogSheet()
          this.adoptSheets()
          this.dialogMode ||= new DialogMode(this.shadowRoot, this.els.root, {
            label: () => this.getAttribute('launcher-text') || this.quiz?.texts?.['ui.launcher.open'] || this.texts?.['ui.launcher.open'] || '',
            closeLabel: () => this.quiz?.texts?.['ui.launcher.close'] || this.texts?.['ui.launcher.close'] || '',
            onOpen: () => this.opened(),
          })
          this.els.root.hidden = false
          this.applyMode()
        },
        (error) => {
          // Without the dialog the consultation shows inline: never a page without it.
          this.els.root.hidden = false
          console.warn(`<smp-consultation> mode="dialog" unavailable: ${error?.message || error}`)
        },
      )
      return
    }
    this.dialogMode.apply(dialog)
    if (this.wantOpen) this.open()
  }

  /** el.open(): the dialog in dialog mode; inline, the consultation scrolled to and focused. */
  open() {
    this.wantOpen = false
    if (this.dialogMode?.active) {
      this.dialogMode.open()
      return
    }
    // Called before dialog-mode.js has arrived: opened once it is there.
    if (!this.dialogMode && (this.getAttribute('mode') || '').trim().toLowerCase() === 'dialog') {
      this.wantOpen = true
      return
    }
    this.opened()
  }

  opened() {
    if (this.quiz?.isReady) {
      this.quiz.opened()
      return
    }
    const heading = this.introShown ? this.intro?.heading : null
    if (!heading || this.els.app.hidden) return
    heading.focus({ preventScroll: true })
    this.reveal(heading)
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
}

// Element -> its Shell, in module scope: private like a #field, without the helper code the
// es2020 build would add for one.
const shells = new WeakMap()

export class SmpConsultationElement extends HTMLElement {
  static get observedAttributes() {
    return ['config', 'config-json', 'locale', 'today', 'mode', 'launcher-text']
  }

  constructor() {
    super()
    shells.set(this, new Shell(this))
  }

  connectedCallback() {
    shells.get(this).connected()
  }

  disconnectedCallback() {
    shells.get(this).disconnected()
  }

  attributeChangedCallback(name, oldValue, newValue) {
    shells.get(this).attributeChanged(name, oldValue, newValue)
  }

  /** Opens the consultation: the modal in mode="dialog" (for the host's own buttons). */
  open() {
    shells.get(this).open()
  }
}

/** The page-wide core (bench/web times it): it holds configs and texts, never a visitor's answers. */
export function loadCore() {
  return startCore()
}

if (!customElements.get('smp-consultation')) {
  customElements.define('smp-consultation', SmpConsultationElement)
}
