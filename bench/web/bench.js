// In-page timing for bench/web/run.mjs. Records when the widget's first screen (the intro) is
// painted, presses Start (?start=paint: at once; ?start=<ms>: that long after the intro was
// painted, a visitor who reads it), and records when the first question is painted; then times
// the core's evaluate(). Every "painted" is a task queued from requestAnimationFrame, which runs
// after that frame's style, layout and paint (static.js does the same for the floor).
const el = document.querySelector('smp-consultation')
const param = new URLSearchParams(location.search).get('start') || 'paint'
const delay = param === 'paint' ? 0 : Number(param) || 0
const painted = (fn) => requestAnimationFrame(() => setTimeout(fn))

function startButton() {
  const button = el.shadowRoot?.querySelector('[data-action="start"]')
  // visibilityProperty: the intro laid out hidden while the config loads (.prepared) is not shown.
  return button?.checkVisibility({ visibilityProperty: true }) ? button : null
}

// Each frame until the intro's Start is there: this frame paints it, so the task queued now runs
// after that paint. (Until issue 14's last step this waited for painted(), i.e. the frame after:
// it charged the widget one frame more than static.js, and the core's boot, which runs once the
// intro is painted, delayed that frame further.)
function watchIntro() {
  const button = startButton()
  if (!button) {
    requestAnimationFrame(watchIntro)
    return
  }
  setTimeout(() => {
    window.benchIntro = performance.now()
    const press = () => {
      window.benchStart = performance.now()
      startButton()?.click()
    }
    if (delay) setTimeout(press, delay)
    else press()
  })
}
requestAnimationFrame(watchIntro)

el.addEventListener('smp-ready', () => {
  window.benchReady ??= performance.now()
})
el.addEventListener('smp-step', () => {
  if (window.benchFirstStep) return
  window.benchFirstStep = true
  painted(() => {
    window.benchFirstQuestion = performance.now()
    // When the widget's script had arrived, and the clinic's config was asked for and had arrived
    // (resource timing), for (b)'s breakdown: the intro can be painted no sooner than the config.
    const entry = (file) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(file))
    const marks = {
      intro: window.benchIntro,
      start: window.benchStart,
      first: window.benchFirstQuestion,
      ready: window.benchReady,
      script: entry('/smp-consult.js')?.responseEnd,
      asked: entry('/clinic.json')?.startTime,
      config: entry('/clinic.json')?.responseEnd,
    }
    // For run.mjs's loads without DevTools: tells the server the question is on screen.
    const query = Object.entries(marks).map(([k, v]) => `${k}=${Math.round((v ?? 0) * 10) / 10}`).join('&')
    fetch(`/bench/mark?${query}`).catch(() => {})
  })
})

window.benchEvaluate = async (runs) => {
  // The same two modules the element uses, in an instance of their own: the studio's loader, which
  // loads smp-later.wasm (evaluate) at once, where the element waits for the visitor to answer.
  const { loadLaterCore } = await import('/smp/core-loader.js')
  const core = await loadLaterCore()
  const config = await (await fetch('/smp/clinic.json')).text()
  const answers = { dob: '1991-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', fitzpatrick: 3, requested_start: '2025-06-10' }
  // (a core that cannot evaluate would time its failure: 0 ms)
  if (core.evaluate(config, answers, '2025-06-01', 'en').ok !== true) throw new Error('evaluate failed')
  const times = []
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now()
    core.evaluate(config, answers, '2025-06-01', 'en')
    times.push(performance.now() - t0)
  }
  const qtimes = []
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now()
    core.questions(config, answers, 'en', '2025-06-01')
    qtimes.push(performance.now() - t0)
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  return { evaluate: median(times), questions: median(qtimes) }
}
