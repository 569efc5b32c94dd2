// Floor: the moment a static question is visible.
requestAnimationFrame(() => {
  window.benchFirstQuestion = performance.now()
})
