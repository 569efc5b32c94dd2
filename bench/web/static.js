// Floor: the moment a static question is visible, i.e. its first frame painted: a task queued
// from requestAnimationFrame runs after that frame's style, layout and paint (bench.js does the
// same for the widget, so both are timed at the same point).
requestAnimationFrame(() =>
  setTimeout(() => {
    window.benchFirstQuestion = performance.now()
    // For run.mjs's loads without DevTools: tells the server the question is on screen.
    fetch('/bench/mark?first=' + Math.round(window.benchFirstQuestion)).catch(() => {})
  }),
)
