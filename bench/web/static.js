// Floor: the moment a static question is visible.
requestAnimationFrame(() => {
  window.benchFirstQuestion = performance.now()
  // For run.mjs's loads without DevTools: tells the server the question is on screen.
  fetch('/bench/mark?first').catch(() => {})
})
