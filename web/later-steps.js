// Everything the widget needs only after its first question, loaded by load-later.js as one
// module (one file in the bundled build): the stage picker's diagrams, the result, lead and done
// steps, and their styles.
export { stageDiagram } from './stage-diagrams.js'
export { laterSheet } from './later-styles.js'
export { renderChecklist } from './checklist.js'
export { notSure, showResult } from './later-flow.js'
export { resultStep } from './result-step.js'
export { doneStep, leadStep } from './lead-step.js'
