// The widget's styles as constructable stylesheets (adoptedStyleSheets): no <style> element and no
// style attributes, so pages with `style-src 'self'` work. Themed with --smp-* custom properties.
// What the intro and the questions need; the later steps' rules are in later-styles.js.
import { sharedSheet } from './dom.js'

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
  /* Sizes count in --smp-unit, the widget's own font size, never in rem: a host page's root font
     size (html { font-size: 62.5% }) must not shrink the widget. (Media queries' em is the
     browser's default size, not the page's.) */
  --smp-unit: var(--smp-font-size, 16px);
  font-size: var(--smp-unit);
  line-height: 1.5;
  color: var(--smp-text, #1d2230);
  background: var(--smp-surface, #ffffff);
  border: 1px solid var(--smp-border, #dfe3ea);
  border-radius: var(--smp-radius, 14px);
  box-shadow: var(--smp-shadow, 0 10px 30px rgba(20, 30, 60, 0.08));
  padding: clamp(var(--smp-unit), 4vw, calc(2 * var(--smp-unit)));
  max-width: var(--smp-max-width, calc(46 * var(--smp-unit)));
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
/* Each step's heading (the element scrolls it into view): room for the host's fixed top bar. */
[tabindex="-1"] { scroll-margin-top: calc(var(--smp-scroll-offset, 0px) + 0.5em); }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.muted { color: var(--smp-muted, #5a6275); }
.small { font-size: 0.875em; }

/* Loading and fallback */
.loading { display: flex; gap: 0.75em; align-items: center; min-height: calc(3 * var(--smp-unit)); }
.spinner {
  width: 1.25em; height: 1.25em; border-radius: 50%;
  border: 3px solid var(--smp-border, #dfe3ea); border-top-color: var(--smp-accent, #2454d6);
  animation: spin 0.9s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner, button[aria-busy="true"]::after { animation: none; } }
.failure { border-inline-start: 4px solid var(--smp-danger, #b3261e); padding-inline-start: 1em; margin-block-start: 1em; }
.failure h2 { font-size: 1.2em; }

/* Buttons */
button, .button {
  font: inherit; font-weight: 600; cursor: pointer;
  display: inline-flex; align-items: center; justify-content: center; gap: 0.4em;
  min-height: calc(2.75 * var(--smp-unit)); padding: 0.55em 1.25em;
  border-radius: var(--smp-button-radius, 999px);
  border: 2px solid var(--smp-accent, #2454d6);
  background: var(--smp-accent, #2454d6); color: var(--smp-on-accent, #ffffff);
  text-decoration: none;
}
button:hover, .button:hover { filter: brightness(1.08); }
button.secondary, .button.secondary { background: transparent; color: var(--smp-accent, #2454d6); }
button.link { border: 0; background: none; color: var(--smp-link, var(--smp-accent, #2454d6)); padding: 0.25em 0; min-height: calc(2.75 * var(--smp-unit)); text-decoration: underline; font-weight: 500; }
button[disabled] { opacity: 0.6; cursor: progress; }
/* Start pressed before the core is ready: busy until the first question shows. */
button[aria-busy="true"] { cursor: progress; }
button[aria-busy="true"]::after {
  content: ""; width: 1em; height: 1em; border-radius: 50%;
  border: 2px solid currentColor; border-inline-end-color: transparent; animation: spin 0.9s linear infinite;
}
.actions { display: flex; flex-wrap: wrap; gap: 0.75em; margin-block-start: 1.5em; align-items: center; }
.actions .spacer { flex: 1 1 auto; }

/* The first screen, built and laid out while the visitor reads the intro (shown at Start). */
.step { position: relative; }
.step > .prepared { position: absolute; inset-inline: 0; inset-block-start: 0; visibility: hidden; pointer-events: none; }

/* Intro */
.intro .lead { font-size: 1.1em; }
.badges { list-style: none; padding: 0; display: grid; gap: 0.5em; margin-block: 1em; }
.badges li { display: flex; gap: 0.6em; align-items: flex-start; }
.badges svg { flex: none; width: 1.3em; height: 1.3em; margin-block-start: 0.1em; color: var(--smp-accent, #2454d6); }

/* Progress */
.progress { margin-block-end: 1.25em; }
.progress-meta { display: flex; justify-content: space-between; gap: 1em; font-size: 0.875em; color: var(--smp-muted, #5a6275); margin-block-end: 0.35em; }
.progress-track { height: calc(0.5 * var(--smp-unit)); border-radius: 999px; background: var(--smp-track, #e9edf4); overflow: hidden; }
.progress-fill { height: 100%; width: calc(var(--smp-progress, 0) * 1%); background: var(--smp-accent, #2454d6); border-radius: inherit; transition: width 0.25s ease; }
@media (prefers-reduced-motion: reduce) { .progress-fill { transition: none; } }

/* Questions */
.question { border: 0; min-width: 0; }
.question legend, .question .question-title { font-size: 1.3em; font-weight: 700; line-height: 1.3; margin-block-end: 0.4em; padding: 0; }
.help { color: var(--smp-muted, #5a6275); margin-block-end: 1em; }
.options { display: grid; gap: 0.6em; margin-block-start: 0.75em; }
.options.two { grid-template-columns: repeat(auto-fit, minmax(calc(9 * var(--smp-unit)), 1fr)); }
.step-form > .question + .question { margin-block-start: 1.75em; }
.choice { position: relative; display: block; }
.choice input { position: absolute; opacity: 0; inset-block-start: 1.1em; inset-inline-start: 1em; width: 1.1em; height: 1.1em; margin: 0; }
.choice .card {
  display: flex; flex-direction: column; gap: 0.15em; cursor: pointer;
  padding: 0.8em 1em 0.8em 2.8em; min-height: calc(3 * var(--smp-unit)); position: relative;
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
  min-height: calc(2.75 * var(--smp-unit)); padding: 0.45em 0.75em; width: 100%; max-width: calc(22 * var(--smp-unit));
  border: 2px solid var(--smp-border-strong, #8a93a6); border-radius: var(--smp-radius-small, 10px);
}
input[aria-invalid="true"], select[aria-invalid="true"] { border-color: var(--smp-danger, #b3261e); }
.error { color: var(--smp-danger, #b3261e); font-weight: 600; display: flex; gap: 0.4em; margin-block-start: 0.5em; }
.error:empty { display: none; }
.check { display: flex; gap: 0.6em; align-items: flex-start; margin-block: 0.75em; }
.check input { width: 1.3em; height: 1.3em; margin: 0.15em 0 0; flex: none; accent-color: var(--smp-accent, #2454d6); }

fieldset.group { border: 0; padding: 0; margin: 1em 0 0; min-width: 0; }
fieldset.group legend { font-weight: 600; padding: 0; margin-block-end: 0.25em; }

/* Scar list */
.scar { border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); padding: 0.75em 1em; margin-block: 0.75em; }
.scar legend { font-weight: 700; padding-inline: 0.25em; }

@media (max-width: 26em) {
  .root { padding: calc(0.9 * var(--smp-unit)); border-radius: var(--smp-radius-small, 10px); }
  h2 { font-size: 1.3em; }
  .actions > button, .actions > .button { flex: 1 1 100%; }
}
@media (forced-colors: active) {
  .choice input:checked + .card { outline: 3px solid Highlight; }
  .progress-fill { background: Highlight; }
}
`

/** The shared stylesheet (one per page, adopted by every widget instance). */
export const widgetSheet = sharedSheet(css)

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
