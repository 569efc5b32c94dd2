// In-page timing for bench/web/run.mjs: presses Start as soon as the widget is ready and records
// when the first question is visible; then times the core's evaluate().
const el = document.querySelector('smp-consultation')
function go() {
  if (window.benchReady) return
  window.benchReady = performance.now()
  el.shadowRoot.querySelector('[data-action="start"]').click()
}
el.addEventListener('smp-ready', go)
// This module may run after the widget is already ready.
if (el.shadowRoot?.querySelector('[data-action="start"]')) go()
// Timed once the first question's frame is painted (a task queued from requestAnimationFrame
// runs after that frame's style, layout and paint), as static.js does for the floor.
el.addEventListener('smp-step', () => {
  if (window.benchFirstStep) return
  window.benchFirstStep = true
  requestAnimationFrame(() =>
    setTimeout(() => {
      window.benchFirstQuestion = performance.now()
      // For run.mjs's loads without DevTools: tells the server the question is on screen.
      fetch('/bench/mark?first=' + Math.round(window.benchFirstQuestion)).catch(() => {})
    }),
  )
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
