// The consultation behind the intro: questions, answers, the core's diagnostics and the steps
// after them. smp-consult.js (the element, the intro and the failure view) import()s this module
// beside the core and hands each element over with attach() once both are there; it renders what
// the WebAssembly core returns and holds no rule, price or date logic of its own.
import { coreLocales, loadCatalogue } from './core-loader.js'
import { getAt, removeAt, setAt } from './answers.js'
import { h } from './dom.js'
import { fill, todayIn } from './format.js'
import { requestedLocale } from './intro-locale.js'
import { laterSteps, loadLater, prefetchLater } from './load-later.js'
import { renderQuestion } from './render-question.js'
import { hasSaved, resumeKey } from './saved.js'

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

// resume.js (sessionStorage / resume="local") is fetched when there is something to restore, or
// once the visitor has answered: a first visit pays nothing for it before the first question.
let resumeModule = null
const resume = () => (resumeModule ||= import('./resume.js'))

// The first screen is built while the visitor reads the intro, so Start only shows it.
const idle = (fn) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 500 }) : setTimeout(fn, 50))

/**
 * One consultation: its state (the visitor's answers, the result), its steps and their views.
 * Only a module-scoped WeakMap holds it, so no page script (analytics, session replay) can
 * read the answers off the element; the host gets the documented events and attributes.
 * The later steps (later-steps.js) are handed this object.
 */
class Consultation {
  /** `shell`: the element's part in smp-consult.js (its shadow root, views, intro and failure). */
  constructor(shell) {
    this.shell = shell
    this.host = shell.host
    this.shadowRoot = shell.shadowRoot
    this.els = shell.els
    this.configText = shell.configText
    this.rawConfig = shell.rawConfig
    this.generation = 0
    this.reset()
  }

  /** The shell has started over (a new config): nothing pending here touches its views again. */
  detach() {
    this.detached = true
    this.generation += 1
    this.leadAbort?.abort()
  }

  reset() {
    this.phase = 'loading'
    this.answers = {}
    this.writers = {}
    this.skipped = new Set()
    this.qdoc = null
    this.currentId = null
    this.result = null
    this.ics = ''
    this.startedAt = ''
    this.clientId = ''
    this.leadAbort?.abort()
    this.leadAbort = null
    this.focusNext = false
    this.refocus = null
  }

  getAttribute(name) {
    return this.host.getAttribute(name)
  }

  hasAttribute(name) {
    return this.host.hasAttribute(name)
  }

  disconnected() {
    this.leadAbort?.abort()
  }

  /** locale and today (config changes start the shell over; mode is the shell's). */
  attributeChanged(name) {
    // Before boot the attributes are read as they are then.
    if (!this.core || this.phase === 'failed') return
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

  /** el.open() inline, or the dialog opened: the current step's heading focused. */
  opened() {
    const heading = this.stepView?.heading
    if (!heading || this.els.app.hidden) return
    heading.focus({ preventScroll: true })
    this.shell.reveal(heading)
  }

  // ---- helpers -----------------------------------------------------------------------------

  t(key, params) {
    const text = this.texts?.[key]
    return fill(typeof text === 'string' ? text : key, params)
  }

  emit(type, detail) {
    if (!this.detached) this.shell.emit(type, detail)
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
      if (this.detached) return
      this.guard(() => this.render())
      this.persist()
    })
  }

  // ---- loading -----------------------------------------------------------------------------

  /** The locale's texts into the core, then boot; whatever goes wrong ends in the failure view. */
  async load(core) {
    const generation = this.generation
    try {
      await loadCatalogue(core, this.requestedLocale())
      if (generation !== this.generation) return
      this.guard(() => this.boot(core))
    } catch (error) {
      if (generation === this.generation && this.phase !== 'failed') this.fail('internal_error', String(error?.message || error), 'wasm')
    }
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
    this.shell.setTheme(this.pub.theme)
    this.adoptSheets()
    this.applyLocaleAndToday()
    if (core.dead || !this.texts) {
      this.fail('wasm_failed', 'core failed', 'wasm')
      return
    }
    this.phase = 'intro'
    const key = resumeKey(this.host)
    if (!hasSaved(this.host)) return this.ready(core)
    const generation = this.generation
    return resume().then(
      ({ loadState }) => {
        if (generation !== this.generation) return
        this.guard(() => {
          const saved = loadState(this.host, key)
          if (saved) this.restore(saved)
          this.ready(core)
        })
      },
      () => this.ready(core),
    )
  }

  /** The intro (or the restored step) on screen, then smp-ready. */
  ready(core) {
    // prefill.js is fetched only by a page that prefills (an attribute or a URL parameter); its
    // answers land before the visitor has read the intro.
    if (this.host.getAttributeNames().some((name) => name.startsWith('prefill-')) || /[?&]smp_/.test(location.search)) {
      import('./prefill.js').then((prefill) => this.guard(() => this.applyPrefill(prefill)), () => {})
    }
    this.els.boot.hidden = true
    this.els.app.hidden = false
    if (this.phase === 'result') this.showResult()
    else this.render()
    // smp-ready keeps its meaning: Start works from now on (the intro itself may have been on
    // screen since the config arrived).
    this.isReady = true
    this.emit('smp-ready', { version: core.version(), locale: this.locale })
    if (this.shell.takeStart() && this.phase === 'intro') this.startQuiz()
  }

  /** What the first screen is drawn from: a prepared one is shown only while this is unchanged. */
  stateKey() {
    return JSON.stringify([this.answers, [...this.skipped], this.today, this.locale, Boolean(this.result), Boolean(laterSteps())])
  }

  /** While the visitor reads the intro: the core's questions and the first screen's DOM, so
   * Start only shows it. A first screen that needs later-steps.js is drawn at Start instead. */
  prepareFirstScreen() {
    if (this.detached || this.phase !== 'intro' || this.prepared) return
    const saved = this.currentId
    this.guard(() => {
      this.refreshQuestions()
      const first = this.visible()[0]?.id ?? null
      if (!first) return
      this.currentId = first
      const later = this.later()
      const screen = this.currentScreen()
      if (!later && (this.current()?.kind === 'stage' || screen?.layout === 'checklist')) return
      const view = this.renderStep(later)
      this.prepared = { key: this.stateKey(), id: first, view }
      // In the step, laid out but hidden and inert (styles.js .prepared): Start's frame then has
      // little style and layout left to do.
      view.element.classList.add('prepared')
      view.element.inert = true
      this.els.step.append(view.element)
    })
    this.currentId = saved
  }

  /** later-steps.js once it is loaded (its sheet adopted, its texts taken from the core), else null. */
  later() {
    const later = laterSteps()
    if (later && !this.laterStyled) {
      this.adoptSheets()
      this.refreshTexts()
      // The checklists' titles are later texts too (messages.en.json).
      if (this.qdoc) this.refreshQuestions()
    }
    return later
  }

  /** The shell's sheets plus the later steps' once loaded. */
  adoptSheets() {
    const later = laterSteps()
    this.laterStyled = Boolean(later)
    this.shell.adoptSheets(later ? later.laterSheet() : null)
  }

  /** The locale asked of the core (intro-locale.js: the intro painted before the core asks the same). */
  requestedLocale() {
    return requestedLocale({
      attr: this.getAttribute('locale'),
      rawConfig: this.rawConfig,
      pubLocales: this.pub?.locales,
      languages: navigator.languages || [navigator.language || ''],
      supported: coreLocales.locales,
    })
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
      this.shell.relabel()
    }
  }

  /** kind: 'config', 'wasm' (the core) or 'network' (later-steps.js did not load). */
  fail(code, message, kind) {
    this.phase = 'failed'
    this.prepared = null
    this.shell.fail(code, message, kind)
  }

  // ---- questions ---------------------------------------------------------------------------

  /** Back to where resume.js saved this visitor (after a reload): answers, skips, the screen. */
  restore(saved) {
    this.answers = saved.answers
    this.skipped = new Set(Array.isArray(saved.skipped) ? saved.skipped : [])
    if (typeof saved.started_at === 'string') this.startedAt = saved.started_at
    this.refreshQuestions()
    for (const q of this.visible()) if (getAt(this.answers, q.pointer) !== undefined) this.writers[q.pointer] = q.id
    if (saved.phase === 'question' && this.visible().some((q) => q.id === saved.at)) {
      this.phase = 'question'
      this.currentId = saved.at
    } else if (saved.phase === 'result' || saved.phase === 'lead' || saved.phase === 'done') {
      this.phase = 'result'
    }
  }

  /** Saves the visitor's place (resume.js decides where, and leaves health answers out of
   * localStorage). */
  persist() {
    if (Object.keys(this.answers).length === 0 && this.skipped.size === 0) return
    if (this.phase === 'loading' || this.phase === 'failed') return
    const state = { answers: this.answers, skipped: [...this.skipped], at: this.currentId, phase: this.phase, started_at: this.startedAt }
    resume().then(({ saveState }) => saveState(this.host, resumeKey(this.host), state), () => {})
  }

  /** "Start over and forget my answers": nothing of this visit stays in the browser. */
  forget() {
    resume().then(({ forgetState }) => forgetState(this.host, resumeKey(this.host)), () => {})
    this.answers = {}
    this.writers = {}
    this.skipped = new Set()
    this.result = null
    this.ics = ''
    this.startedAt = ''
    this.refreshQuestions()
    this.go('intro')
  }

  /** Answers the page gives ahead (prefill.js), for the questions the core allows; a stage
   * becomes visible once its scale is given, hence the rounds (bounded). */
  applyPrefill({ prefillRaw, prefillValue }) {
    if (this.phase === 'failed') return
    this.refreshQuestions()
    for (let round = 0; round < 3; round += 1) {
      let changed = false
      for (const q of this.visible()) {
        if (q.prefill !== true || this.isAnswered(q)) continue
        const value = prefillValue(q, prefillRaw(this.host, q.id))
        if (value === undefined) continue
        this.answers = setAt(this.answers, q.pointer, value)
        this.writers[q.pointer] = q.id
        changed = true
      }
      if (!changed) break
      this.refreshQuestions()
    }
    if (this.phase === 'question') this.redraw()
  }

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

  /** The screens the core groups the visible questions into (one per question without them). */
  screens() {
    return Array.isArray(this.qdoc?.screens) ? this.qdoc.screens : []
  }

  screenOf(id) {
    return this.screens().find((screen) => screen.questions.includes(id)) || null
  }

  /** The screen being shown: the one holding the current question. */
  currentScreen() {
    return this.screenOf(this.current()?.id) || this.screens()[0] || null
  }

  screenQuestions(screen) {
    const ids = new Set(screen?.questions || [])
    return this.visible().filter((q) => ids.has(q.id))
  }

  current() {
    const list = this.visible()
    return list.find((q) => q.id === this.currentId) || list[0] || null
  }

  /** The first question of the screen after (or before) the current one, or null past the ends. */
  neighbour(step) {
    const screens = this.screens()
    const index = screens.findIndex((screen) => screen.id === this.currentScreen()?.id)
    return screens[index + step]?.questions[0] ?? null
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
      const writer = this.visible().find((q) => q.pointer === pointer)?.id || this.currentId
      const before = this.screenQuestions(this.currentScreen()).map((q) => q.id).join()
      if (value === undefined) {
        this.answers = removeAt(this.answers, pointer)
        delete this.writers[pointer]
      } else {
        this.answers = setAt(this.answers, pointer, value)
        if (writer) this.writers[pointer] = writer
        this.skipped.delete(writer)
      }
      this.refreshQuestions()
      this.updateProgress()
      this.persist()
      if (this.phase !== 'question' || !this.stepView?.views) return
      // A follow-up appeared or went on this screen (a date for a ticked item): draw it again,
      // keeping the visitor's place.
      if (this.screenQuestions(this.currentScreen()).map((q) => q.id).join() !== before) {
        this.redraw({ question: writer, value })
        return
      }
      this.stepView.syncNone?.()
      // Errors show once the visitor has finished an answer; clearing them happens at once.
      for (const { q, view } of this.stepView.views) {
        if (!view.showingErrors) continue
        const errors = this.errorsFor(q)
        view.setErrors(errors)
        view.showingErrors = errors.length > 0
      }
    })
  }

  /** Draws the current screen again, then focuses what `refocus` names (or the first field). */
  redraw(refocus) {
    this.refocus = refocus || {}
    this.scheduleRender()
  }

  go(phase, questionId) {
    this.phase = phase
    if (questionId !== undefined) this.currentId = questionId
    this.focusNext = true
    this.scheduleRender()
  }

  startQuiz() {
    if (!this.startedAt) this.startedAt = new Date().toISOString()
    const prepared = this.prepared
    this.prepared = null
    if (prepared && prepared.key === this.stateKey()) {
      this.preparedView = prepared.view
      this.go('question', prepared.id)
      return
    }
    this.refreshQuestions()
    this.go('question', this.visible()[0]?.id ?? null)
  }

  /** Commits the screen's answers; shows each question's errors and returns false if any. */
  commitScreen() {
    const screen = this.currentScreen()
    if (!screen) return true
    this.stepView?.commit?.()
    for (const q of this.screenQuestions(screen)) this.answerUnanswered(q)
    this.refreshQuestions()
    let ok = true
    for (const q of this.screenQuestions(this.currentScreen())) {
      const errors = this.errorsFor(q)
      if (errors.length === 0 && q.required && !this.isAnswered(q)) errors.push(this.t('ui.error.required'))
      const view = this.stepView?.views?.find((item) => item.q.id === q.id)?.view
      if (!view) continue
      view.setErrors(errors)
      view.showingErrors = errors.length > 0
      if (errors.length && ok) view.element.querySelector('input')?.focus()
      ok = ok && errors.length === 0
    }
    return ok
  }

  next() {
    this.guard(() => {
      if (!this.current()) return this.showResult()
      if (!this.commitScreen()) return undefined
      const nextId = this.neighbour(1)
      if (nextId) this.go('question', nextId)
      else this.showResult()
      return undefined
    })
  }

  /** Moving on without an answer writes the value the core says that means ("unsure" for health);
   * a question the visitor skipped on purpose (a date's "never") stays unanswered. */
  answerUnanswered(q) {
    if (this.skipped.has(q.id)) return
    if (q.unanswered_value !== undefined && getAt(this.answers, q.pointer) === undefined) this.onAnswer(q.pointer, q.unanswered_value)
  }

  /** "None of these apply to me" on a checklist: every item gets its none value (or its skip). */
  answerNone(screen, checked) {
    for (const q of this.screenQuestions(screen)) {
      this.onAnswer(q.pointer, checked && q.none_value !== undefined ? q.none_value : undefined)
      if (checked && q.none_value === undefined) this.skipped.add(q.id)
      else this.skipped.delete(q.id)
    }
    this.redraw({ action: 'none' })
  }

  isNone(q) {
    if (q.none_value === undefined) return this.skipped.has(q.id)
    const value = getAt(this.answers, q.pointer)
    return value !== undefined && String(value) === String(q.none_value)
  }

  /** From an edited answer straight back to the (re-evaluated) result. */
  updateResult() {
    this.guard(() => {
      if (this.current() && !this.commitScreen()) return
      this.showResult()
    })
  }

  back() {
    this.guard(() => {
      const previous = this.neighbour(-1)
      if (previous) this.go('question', previous)
      else this.go('intro')
    })
  }

  /** Skip: alone on its screen it moves on; beside other questions it is a pressed state. */
  skip(q = this.current()) {
    if (!q) return
    const alone = this.screenQuestions(this.currentScreen()).length === 1
    const undo = !alone && this.skipped.has(q.id)
    this.onAnswer(q.pointer, undefined)
    if (q.id === 'dob') this.onAnswer('/age', undefined)
    if (undo) this.skipped.delete(q.id)
    else this.skipped.add(q.id)
    if (!alone) {
      this.redraw({ question: q.id, action: 'skip' })
      return
    }
    const nextId = this.neighbour(1)
    if (nextId) this.go('question', nextId)
    else this.showResult()
  }

  /** "Not sure" in the stage picker: the scale becomes "unsure" and the quiz moves on. */
  notSure(q) {
    // The stage picker is drawn once later-steps.js is there.
    this.later()?.notSure(this, q)
  }

  /** "Not sure" on a question without options (a date): the core's unanswered value, then on
   * (beside other questions: a pressed state, pressed again to undo). */
  unsure(q) {
    if (this.screenQuestions(this.currentScreen()).length === 1) {
      this.onAnswer(q.pointer, q.unanswered_value)
      this.next()
      return
    }
    const undo = getAt(this.answers, q.pointer) === q.unanswered_value
    this.onAnswer(q.pointer, undo ? undefined : q.unanswered_value)
    this.skipped.delete(q.id)
    this.redraw({ question: q.id, action: 'not-sure' })
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
      this.later().showResult(this)
    })
  }

  // ---- rendering ---------------------------------------------------------------------------

  updateProgress() {
    const { progress, progressSection, progressCount, progressTrack, progressFill } = this.els
    if (this.phase !== 'question') {
      progress.hidden = true
      return
    }
    const screens = this.screens()
    const screen = this.currentScreen()
    const index = Math.max(0, screens.findIndex((item) => item.id === screen?.id))
    // The core's total counts the screens still possible, so it holds steady as answers arrive.
    const total = Math.max(Number(this.qdoc.progress?.total) || 0, screens.length, index + 1)
    const section = this.qdoc.sections?.find((s) => s.id === (screen?.section || this.current()?.section))
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
    if (this.phase === 'question') return this.current()?.kind === 'stage' || this.currentScreen()?.layout === 'checklist'
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
    const preparedView = this.preparedView
    this.preparedView = null
    const later = this.later()
    if (!later && this.needsLater()) {
      this.waitForLater()
      return
    }
    let view = null
    if (this.phase === 'intro') view = this.renderIntro()
    else if (this.phase === 'question') view = preparedView || this.renderStep(later)
    else if (this.phase === 'result') view = later.resultStep(this)
    else if (this.phase === 'lead') view = later.leadStep(this)
    else if (this.phase === 'done') view = later.doneStep(this)
    if (!view) return
    this.stepView = view
    this.els.step.dataset.phase = this.phase
    const step = this.els.step
    if (view.element.parentNode === step) {
      // Already there (the shell's intro, the prepared first screen): it stays as it is, laid out
      // and keeping its focus; what is beside it goes (but a prepared screen beside the intro).
      const prepared = this.prepared?.view.element
      for (const child of [...step.childNodes]) if (child !== view.element && child !== prepared) child.remove()
    } else {
      step.replaceChildren(view.element)
    }
    if (view.element.classList.contains('prepared')) {
      view.element.classList.remove('prepared')
      view.element.inert = false
    }
    this.updateProgress()
    if (this.phase === 'intro' && !this.prepareQueued) {
      this.prepareQueued = true
      idle(() => {
        this.prepareQueued = false
        this.prepareFirstScreen()
      })
    }
    const refocus = this.refocus
    this.refocus = null
    if (this.focusNext) {
      this.focusNext = false
      // focus() would scroll by itself, ignoring the host's sticky header: reveal() decides.
      view.heading.focus({ preventScroll: true })
      this.shell.reveal(view.heading)
    } else if (refocus) {
      this.focusWithin(view.element, refocus)
    }
    if (this.phase === 'question') {
      const q = this.current()
      if (this.pendingErrors) {
        const target = view.views?.find((item) => item.q.id === q?.id)?.view || view
        target.setErrors(this.pendingErrors)
        target.showingErrors = true
        this.pendingErrors = null
      }
      if (refocus) return
      const screens = this.screens()
      const screen = this.currentScreen()
      // index and total count screens; question is the screen's first (SPEC §2), screen additive.
      this.emit('smp-step', {
        question: screen?.questions[0] ?? q?.id ?? null,
        index: screens.findIndex((item) => item.id === screen?.id),
        total: Number(this.els.progressTrack.getAttribute('aria-valuemax')) || screens.length,
        screen: screen?.id ?? null,
        section: screen?.section ?? q?.section ?? null,
      })
      // The first question is on screen: fetch the later steps once the visitor starts answering
      // (several questions before the first that needs them), so one who only looks pays nothing.
      this.prefetchOnInteraction()
    }
  }

  /** After a redraw: the control the visitor was on (a choice by its value, or a data-action). */
  focusWithin(root, { question, value, action }) {
    const scope = question ? root.querySelector(`[data-question="${question}"]`) : root
    let el = null
    if (scope && action) el = scope.querySelector(`[data-action="${action}"]`)
    if (scope && !el && value !== undefined) el = [...scope.querySelectorAll('input')].find((input) => input.value === String(value))
    if (!el && action) el = root.querySelector(`[data-action="${action}"]`)
    el?.focus({ preventScroll: true })
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

  /** The intro (smp-consult.js draws it; the same view while its texts stay the same). */
  renderIntro() {
    return this.shell.introView((key, params) => this.t(key, params), this.clinic)
  }

  renderStep(later) {
    const screen = this.currentScreen()
    const questions = this.screenQuestions(screen)
    if (!screen || questions.length === 0) return this.renderIntro()
    if (!questions.some((q) => q.id === this.currentId)) this.currentId = questions[0].id
    const screens = this.screens()
    const isLast = screens.findIndex((item) => item.id === screen.id) === screens.length - 1
    const checklist = screen.layout === 'checklist'
    const toggles = questions.length > 1
    const views = questions.map((q) => ({
      q,
      view: renderQuestion(q, {
        answers: this.answers,
        t: (key, params) => this.t(key, params),
        onAnswer: (pointer, value) => this.onAnswer(pointer, value),
        onSkip: () => this.guard(() => this.skip(q)),
        onNotSure: q.kind === 'stage' ? () => this.guard(() => this.notSure(q)) : q.unsure_label ? () => this.guard(() => this.unsure(q)) : null,
        stageDiagram: later?.stageDiagram,
        compact: checklist,
        toggles,
        skipped: this.skipped.has(q.id),
      }),
    }))
    let heading = views[0].view.heading
    let body = views.map(({ view }) => view.element)
    let syncNone = null
    if (checklist) {
      const list = later.renderChecklist(screen, views, {
        isNone: (q) => this.isNone(q),
        onNone: (checked) => this.guard(() => this.answerNone(screen, checked)),
      })
      heading = list.heading
      body = list.element
      // Answering an item Yes or Not sure unticks "None of these apply" (they exclude each other).
      syncNone = () => {
        const none = list.element.querySelector('[data-action="none"]')
        if (none) none.checked = questions.every((q) => this.isNone(q))
      }
    }
    const nav = h(
      'div',
      { class: 'actions', part: 'nav' },
      h('button', { type: 'button', class: 'secondary', 'data-action': 'back', onclick: () => this.back() }, this.t('ui.back')),
      h('button', { type: 'submit', 'data-action': 'next' }, isLast ? this.t('ui.see_result') : this.t('ui.next')),
      this.result && !isLast
        ? h('button', { type: 'button', class: 'secondary', 'data-action': 'update-result', onclick: () => this.updateResult() }, this.t('ui.update_result'))
        : null,
    )
    const forget = h('button', { type: 'button', class: 'link forget', 'data-action': 'forget', onclick: () => this.guard(() => this.forget()) }, this.t('ui.forget'))
    const form = h('form', { class: 'step-form', novalidate: true, 'data-step': screen.id }, body, nav, forget)
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      this.next()
    })
    for (const { q, view } of views) {
      const existing = this.errorsFor(q)
      if (existing.length && this.isAnswered(q)) {
        view.setErrors(existing)
        view.showingErrors = true
      }
    }
    const first = views[0].view
    return {
      element: form,
      heading,
      views,
      syncNone,
      commit: () => views.forEach(({ view }) => view.commit()),
      setErrors: (messages) => first.setErrors(messages),
    }
  }
}

/** Hands an element's shell over to the consultation, once the core and this module are loaded. */
export function attach(shell, core) {
  const consultation = new Consultation(shell)
  consultation.load(core)
  return consultation
}
