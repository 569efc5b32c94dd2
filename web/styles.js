// The widget's styles as constructable stylesheets (adoptedStyleSheets): no <style> element and no
// style attributes, so pages with `style-src 'self'` work. Themed with --smp-* custom properties.
const css = String.raw`
:host {
  display: block;
  contain: content;
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
.root {
  all: initial;
  display: block;
  box-sizing: border-box;
  font-family: var(--smp-font, system-ui, sans-serif);
  font-size: var(--smp-font-size, 1rem);
  line-height: 1.5;
  color: var(--smp-text, #1d2230);
  background: var(--smp-surface, #ffffff);
  border: 1px solid var(--smp-border, #dfe3ea);
  border-radius: var(--smp-radius, 14px);
  box-shadow: var(--smp-shadow, 0 10px 30px rgba(20, 30, 60, 0.08));
  padding: clamp(1rem, 4vw, 2rem);
  max-width: var(--smp-max-width, 46rem);
  margin: 0 auto;
  text-align: start;
  overflow-wrap: anywhere;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
h2, h3, h4, p, ul, ol, dl, dd, fieldset, legend, figure { margin: 0; padding: 0; }
h2 { font-size: 1.5em; line-height: 1.25; font-weight: 700; margin-block-end: 0.5em; }
h3 { font-size: 1.15em; font-weight: 700; margin-block: 1.5em 0.5em; }
h4 { font-size: 1em; font-weight: 650; margin-block: 1.25em 0.4em; }
p + p { margin-block-start: 0.6em; }
a { color: var(--smp-link, var(--smp-accent, #2454d6)); text-underline-offset: 0.15em; }
ul { padding-inline-start: 1.2em; }
:focus-visible {
  outline: 3px solid var(--smp-focus, var(--smp-accent, #2454d6));
  outline-offset: 2px;
}
[tabindex="-1"]:focus { outline: none; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.muted { color: var(--smp-muted, #5a6275); }
.small { font-size: 0.875em; }

/* Loading and fallback */
.loading { display: flex; gap: 0.75em; align-items: center; min-height: 3rem; }
.spinner {
  width: 1.25em; height: 1.25em; border-radius: 50%;
  border: 3px solid var(--smp-border, #dfe3ea); border-top-color: var(--smp-accent, #2454d6);
  animation: spin 0.9s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
.failure { border-inline-start: 4px solid var(--smp-danger, #b3261e); padding-inline-start: 1em; margin-block-start: 1em; }
.failure h2 { font-size: 1.2em; }

/* Buttons */
button, .button {
  font: inherit; font-weight: 600; cursor: pointer;
  display: inline-flex; align-items: center; justify-content: center; gap: 0.4em;
  min-height: 2.75rem; padding: 0.55em 1.25em;
  border-radius: var(--smp-button-radius, 999px);
  border: 2px solid var(--smp-accent, #2454d6);
  background: var(--smp-accent, #2454d6); color: var(--smp-on-accent, #ffffff);
  text-decoration: none;
}
button:hover, .button:hover { filter: brightness(1.08); }
button.secondary, .button.secondary { background: transparent; color: var(--smp-accent, #2454d6); }
button.link { border: 0; background: none; color: var(--smp-link, var(--smp-accent, #2454d6)); padding: 0.25em 0; min-height: 2.75rem; text-decoration: underline; font-weight: 500; }
button[disabled] { opacity: 0.6; cursor: progress; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75em; margin-block-start: 1.5em; align-items: center; }
.actions .spacer { flex: 1 1 auto; }

/* Intro */
.intro .lead { font-size: 1.1em; }
.badges { list-style: none; padding: 0; display: grid; gap: 0.5em; margin-block: 1em; }
.badges li { display: flex; gap: 0.6em; align-items: flex-start; }
.badges svg { flex: none; width: 1.3em; height: 1.3em; margin-block-start: 0.1em; color: var(--smp-accent, #2454d6); }

/* Progress */
.progress { margin-block-end: 1.25em; }
.progress-meta { display: flex; justify-content: space-between; gap: 1em; font-size: 0.875em; color: var(--smp-muted, #5a6275); margin-block-end: 0.35em; }
.progress-track { height: 0.5rem; border-radius: 999px; background: var(--smp-track, #e9edf4); overflow: hidden; }
.progress-fill { height: 100%; width: calc(var(--smp-progress, 0) * 1%); background: var(--smp-accent, #2454d6); border-radius: inherit; transition: width 0.25s ease; }
@media (prefers-reduced-motion: reduce) { .progress-fill { transition: none; } }

/* Questions */
.question { border: 0; min-width: 0; }
.question legend, .question .question-title { font-size: 1.3em; font-weight: 700; line-height: 1.3; margin-block-end: 0.4em; padding: 0; }
.help { color: var(--smp-muted, #5a6275); margin-block-end: 1em; }
.options { display: grid; gap: 0.6em; margin-block-start: 0.75em; }
.options.two { grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); }
.choice { position: relative; display: block; }
.choice input { position: absolute; opacity: 0; inset-block-start: 1.1em; inset-inline-start: 1em; width: 1.1em; height: 1.1em; margin: 0; }
.choice .card {
  display: flex; flex-direction: column; gap: 0.15em; cursor: pointer;
  padding: 0.8em 1em 0.8em 2.8em; min-height: 3rem; position: relative;
  border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px);
  background: var(--smp-surface, #ffffff);
}
.choice .card::before {
  content: ""; position: absolute; inset-inline-start: 0.95em; inset-block-start: 1.05em;
  width: 1.1em; height: 1.1em; border-radius: 50%; border: 2px solid var(--smp-muted, #5a6275); background: var(--smp-surface, #fff);
}
.choice input[type="checkbox"] + .card::before { border-radius: 4px; }
.choice input:checked + .card { border-color: var(--smp-accent, #2454d6); background: var(--smp-selected, #eef3ff); }
.choice input:checked + .card::before { border: 0.35em solid var(--smp-accent, #2454d6); }
.choice input[type="checkbox"]:checked + .card::before { border: 2px solid var(--smp-accent, #2454d6); background: var(--smp-accent, #2454d6); box-shadow: inset 0 0 0 2px var(--smp-surface, #fff); }
.choice input:focus-visible + .card { outline: 3px solid var(--smp-focus, var(--smp-accent, #2454d6)); outline-offset: 2px; }
.choice .card:hover { border-color: var(--smp-accent, #2454d6); }
.choice .label { font-weight: 600; }
.choice .option-help { font-size: 0.9em; color: var(--smp-muted, #5a6275); }
.field { display: grid; gap: 0.35em; margin-block: 0.75em; }
.field label, .field .label { font-weight: 600; }
input[type="text"], input[type="email"], input[type="tel"], input[type="date"], input[type="number"], select {
  font: inherit; color: inherit; background: var(--smp-input, #fff);
  min-height: 2.75rem; padding: 0.45em 0.75em; width: 100%; max-width: 22rem;
  border: 2px solid var(--smp-border-strong, #8a93a6); border-radius: var(--smp-radius-small, 10px);
}
input[aria-invalid="true"], select[aria-invalid="true"] { border-color: var(--smp-danger, #b3261e); }
.error { color: var(--smp-danger, #b3261e); font-weight: 600; display: flex; gap: 0.4em; margin-block-start: 0.5em; }
.error:empty { display: none; }
.check { display: flex; gap: 0.6em; align-items: flex-start; margin-block: 0.75em; }
.check input { width: 1.3em; height: 1.3em; margin: 0.15em 0 0; flex: none; accent-color: var(--smp-accent, #2454d6); }

fieldset.group { border: 0; padding: 0; margin: 1em 0 0; min-width: 0; }
fieldset.group legend { font-weight: 600; padding: 0; margin-block-end: 0.25em; }

/* Stage picker */
.stages { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(8.5rem, calc(50% - 0.3em)), 1fr)); gap: 0.6em; margin-block-start: 0.75em; }
.stages .choice .card { padding: 0.5em; align-items: center; text-align: center; }
.stages .choice .card::before { inset-inline-start: 0.5em; inset-block-start: 0.5em; width: 1em; height: 1em; }
.stages .choice input { inset-block-start: 0.5em; inset-inline-start: 0.5em; }
.stages svg { width: 100%; max-width: 6.5rem; height: auto; display: block; }
.stages .choice-button { display: flex; flex-direction: column; align-items: center; justify-content: flex-start; gap: 0.15em; padding: 0.5em; border: 2px dashed var(--smp-border-strong, #8a93a6); border-radius: var(--smp-radius-small, 10px); background: var(--smp-surface, #fff); color: inherit; font-weight: 600; min-height: 3rem; }
.stages .choice-button:hover { border-color: var(--smp-accent, #2454d6); filter: none; }
.stages .views { display: flex; gap: 0.2em; justify-content: center; width: 100%; }
.stages .views svg { width: 50%; }
.stages .label { font-size: 0.95em; }
.stages .option-help { font-size: 0.8em; }
.diagram-hair { fill: var(--smp-hair, #3a2d26); }
.diagram-skin { fill: var(--smp-skin, #f1c9a5); }
.diagram-thin { fill: var(--smp-skin, #f1c9a5); opacity: 0.7; }
.diagram-line { fill: none; stroke: var(--smp-diagram-line, #6b5647); stroke-width: 2; }
.diagram-ear { fill: var(--smp-skin-dark, #e2b48d); }
.diagram-q { fill: var(--smp-muted, #5a6275); font: 700 40px system-ui, sans-serif; }

/* Scar list */
.scar { border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); padding: 0.75em 1em; margin-block: 0.75em; }
.scar legend { font-weight: 700; padding-inline: 0.25em; }

/* Result */
.verdict { border-radius: var(--smp-radius-small, 10px); padding: 1em 1.25em; margin-block-end: 1em; border-inline-start: 6px solid var(--verdict-color); background: var(--verdict-bg); }
.verdict h2 { margin: 0; }
.verdict[data-verdict="good_candidate"] { --verdict-color: var(--smp-good, #1b7f4c); --verdict-bg: var(--smp-good-bg, #e8f6ee); }
.verdict[data-verdict="medical_clearance"] { --verdict-color: var(--smp-caution, #a15c00); --verdict-bg: var(--smp-caution-bg, #fff4e2); }
.verdict[data-verdict="defer"] { --verdict-color: var(--smp-defer, #6b4fbb); --verdict-bg: var(--smp-defer-bg, #f1edfb); }
.verdict[data-verdict="not_suitable"] { --verdict-color: var(--smp-danger, #b3261e); --verdict-bg: var(--smp-danger-bg, #fdecea); }
.reasons { display: grid; gap: 0.6em; list-style: none; padding: 0; margin-block: 0.5em 1em; }
.reasons li { padding: 0.6em 0.8em; border-radius: 8px; background: var(--smp-surface-alt, #f6f7fa); }
.reasons .when, .reasons .action { display: block; font-weight: 600; margin-block-start: 0.25em; }
.estimate { display: grid; gap: 0.3em; padding: 1em 1.25em; border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); }
.price { font-size: 1.8em; font-weight: 800; letter-spacing: -0.01em; }
.provisional { display: inline-block; font-size: 0.85em; font-weight: 600; padding: 0.1em 0.6em; border-radius: 999px; background: var(--smp-caution-bg, #fff4e2); color: var(--smp-caution, #8a4d00); justify-self: start; }
.lines { display: grid; grid-template-columns: 1fr auto; gap: 0.25em 1em; margin-block: 0.5em; }
.lines dd { text-align: end; font-variant-numeric: tabular-nums; }
.sessions { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.75em; list-style: none; padding: 0; }
.session { border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); padding: 0.75em 1em; display: grid; gap: 0.2em; }
.session.if-needed { border-style: dashed; }
.session .number { font-size: 0.85em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--smp-accent, #2454d6); }
.session time { font-weight: 700; font-size: 1.05em; }
.tag { font-size: 0.8em; font-weight: 600; padding: 0.05em 0.55em; border-radius: 999px; background: var(--smp-surface-alt, #f0f2f6); justify-self: start; }
.tag.full-day { background: var(--smp-caution-bg, #fff4e2); color: var(--smp-caution, #8a4d00); }
.timeline { list-style: none; padding: 0; margin-block: 0.75em; display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.5em 0; position: relative; }
.timeline li { position: relative; padding: 1.6em 0.75em 0.4em 0; }
.timeline li::before { content: ""; position: absolute; inset-block-start: 0.55em; inset-inline: 0; height: 3px; background: var(--smp-track, #dfe3ea); }
.timeline li::after { content: ""; position: absolute; inset-block-start: 0.2em; inset-inline-start: 0; width: 0.8em; height: 0.8em; border-radius: 50%; background: var(--smp-accent, #2454d6); }
.timeline li.session-day::after { background: var(--smp-good, #1b7f4c); width: 1em; height: 1em; inset-block-start: 0.1em; }
.timeline .day { display: block; font-size: 0.8em; font-weight: 700; color: var(--smp-muted, #5a6275); }
.timeline .what { display: block; font-size: 0.9em; }
.facts { list-style: none; padding: 0; display: grid; gap: 0.3em; margin-block-start: 0.75em; }
.disclaimer { margin-block-start: 1.5em; font-size: 0.9em; color: var(--smp-muted, #5a6275); }

.review { margin-block-start: 1.5em; border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); padding: 0.5em 1em; }
.review summary { cursor: pointer; font-weight: 700; padding-block: 0.6em; }
.review-list { display: grid; grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr); gap: 0.35em 1em; margin-block: 0.5em; }
.review-list dt { color: var(--smp-muted, #5a6275); }
.review-list dd { margin: 0; font-weight: 600; }
.review-list button.link { min-height: 0; padding: 0; }
@media (max-width: 26rem) { .review-list { grid-template-columns: 1fr; } .review-list dd { margin-block-end: 0.5em; } }

/* Lead form */
.hp { position: absolute; inset-inline-start: -10000px; width: 1px; height: 1px; overflow: hidden; }
.form-error { padding: 0.75em 1em; border-radius: 8px; background: var(--smp-danger-bg, #fdecea); color: var(--smp-danger, #b3261e); font-weight: 600; }
.status { margin-block-start: 1em; font-weight: 600; }
.done { text-align: center; padding-block: 1em; }
.done svg { width: 3.5em; height: 3.5em; color: var(--smp-good, #1b7f4c); }

@media (max-width: 26rem) {
  .root { padding: 0.9rem; border-radius: var(--smp-radius-small, 10px); }
  h2 { font-size: 1.3em; }
  .actions > button, .actions > .button { flex: 1 1 100%; }
}
@media (forced-colors: active) {
  .choice input:checked + .card { outline: 3px solid Highlight; }
  .progress-fill { background: Highlight; }
}
@media print {
  :host { contain: none; }
  .root { border: 0; box-shadow: none; padding: 0; max-width: none; font-size: 10.5pt; color: #000; }
  .actions, .progress, .lead-section, button, .no-print { display: none !important; }
  h3 { margin-block: 0.9em 0.3em; break-after: avoid; }
  .session, .reasons li, .estimate { break-inside: avoid; }
  .timeline { grid-template-columns: repeat(5, 1fr); }
  .sessions { grid-template-columns: repeat(4, 1fr); }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
}
`

let sheet = null

/** The shared stylesheet (one per page, adopted by every widget instance). */
export function widgetSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(css)
  }
  return sheet
}

const SAFE_VALUE = /^[^;{}<>\\]*$/
const THEME_PROPERTIES = {
  accent: '--smp-accent',
  accent_contrast: '--smp-on-accent',
  background: '--smp-surface',
  surface: '--smp-surface-alt',
  text: '--smp-text',
  muted: '--smp-muted',
  font: '--smp-font',
  radius: '--smp-radius',
  danger: '--smp-danger',
  success: '--smp-good',
}

/** A stylesheet holding the clinic config's theme as :host defaults (page CSS still wins). */
export function themeSheet(theme) {
  const declarations = []
  for (const [key, value] of Object.entries(theme || {})) {
    const property = THEME_PROPERTIES[key]
    if (!property || typeof value !== 'string' || !SAFE_VALUE.test(value) || value.length > 200) continue
    declarations.push(`${property}: ${value};`)
  }
  const themed = new CSSStyleSheet()
  try {
    themed.replaceSync(`:host { ${declarations.join(' ')} }`)
  } catch {
    // An unparsable value only loses the theme, never the widget.
  }
  return themed
}
