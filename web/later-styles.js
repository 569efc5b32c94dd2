// Styles of the steps after the first question (stage picker, result, lead form and photos, done,
// print), adopted beside styles.js once later-steps.js has loaded; same rules as there (no style
// attributes, themed with --smp-* custom properties).
import { sharedSheet } from './dom.js'

const css = String.raw`
/* A checklist screen: compact items, "None of these apply to me", pressed skip / not sure */
.checklist { display: grid; gap: 1.1em; }
.question.item { box-shadow: inset 0 1px 0 var(--smp-border, #d9dde6); padding-block-start: 1em; }
.question.item .question-title { font-size: 1.05em; }
.question.item .help { margin-block-end: 0.4em; font-size: 0.95em; }
.options.row { grid-template-columns: repeat(auto-fit, minmax(calc(8 * var(--smp-unit)), 1fr)); margin-block-start: 0.4em; }
[aria-pressed="true"] { border-color: var(--smp-accent, #2454d6); background: var(--smp-selected, #eef3ff); }

/* Stage picker */
.stages { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(calc(8.5 * var(--smp-unit)), calc(50% - 0.3em)), 1fr)); gap: 0.6em; margin-block-start: 0.75em; }
.stages .choice .card { padding: 0.5em; align-items: center; text-align: center; }
.stages .choice .card::before { inset-inline-start: 0.5em; inset-block-start: 0.5em; width: 1em; height: 1em; }
.stages .choice input { inset-block-start: 0.5em; inset-inline-start: 0.5em; }
.stages svg { width: 100%; max-width: calc(6.5 * var(--smp-unit)); height: auto; display: block; }
.stages .choice-button { display: flex; flex-direction: column; align-items: center; justify-content: flex-start; gap: 0.15em; padding: 0.5em; border: 2px dashed var(--smp-border-strong, #8a93a6); border-radius: var(--smp-radius-small, 10px); background: var(--smp-surface, #fff); color: inherit; font-weight: 600; min-height: calc(3 * var(--smp-unit)); }
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

/* Result */
.verdict { border-radius: var(--smp-radius-small, 10px); padding: 1em 1.25em; margin-block-end: 1em; border-inline-start: 6px solid var(--verdict-color); background: var(--verdict-bg); }
.verdict h2 { margin: 0; }
.verdict[data-verdict="good_candidate"] { --verdict-color: var(--smp-good, #1b7f4c); --verdict-bg: var(--smp-good-bg, #e8f6ee); }
.verdict[data-verdict="medical_clearance"] { --verdict-color: var(--smp-caution, #a15c00); --verdict-bg: var(--smp-caution-bg, #fff4e2); }
.verdict[data-verdict="defer"] { --verdict-color: var(--smp-defer, #6b4fbb); --verdict-bg: var(--smp-defer-bg, #f1edfb); }
.verdict[data-verdict="not_suitable"] { --verdict-color: var(--smp-danger, #b3261e); --verdict-bg: var(--smp-danger-bg, #fdecea); }
/* Under the minimum age "not suitable" means "not yet": the waiting colour, not the warning one. */
.verdict[data-verdict-variant="not_yet"] { --verdict-color: var(--smp-defer, #6b4fbb); --verdict-bg: var(--smp-defer-bg, #f1edfb); }
.aftercare-session .restart { font-style: italic; color: var(--smp-muted, #5a6275); }
.aftercare-session h5 { margin-block: 0.75em 0.25em; font-size: 0.95em; }
.guardrails { list-style: none; padding: 0; margin-block: 0.75em; font-weight: 600; }
.reasons { display: grid; gap: 0.6em; list-style: none; padding: 0; margin-block: 0.5em 1em; }
.reasons li { padding: 0.6em 0.8em; border-radius: 8px; background: var(--smp-surface-alt, #f6f7fa); }
.reasons .when, .reasons .action { display: block; font-weight: 600; margin-block-start: 0.25em; }
.estimate { display: grid; gap: 0.3em; padding: 1em 1.25em; border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); }
.price { font-size: 1.8em; font-weight: 800; letter-spacing: -0.01em; }
.provisional { display: inline-block; font-size: 0.85em; font-weight: 600; padding: 0.1em 0.6em; border-radius: 999px; background: var(--smp-caution-bg, #fff4e2); color: var(--smp-caution, #8a4d00); justify-self: start; }
.lines { display: grid; grid-template-columns: 1fr auto; gap: 0.25em 1em; margin-block: 0.5em; }
.lines dd { text-align: end; font-variant-numeric: tabular-nums; }
.sessions { display: grid; grid-template-columns: repeat(auto-fill, minmax(calc(11 * var(--smp-unit)), 1fr)); gap: 0.75em; list-style: none; padding: 0; }
.session { border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); padding: 0.75em 1em; display: grid; gap: 0.2em; }
.session.if-needed { border-style: dashed; }
.session .number { font-size: 0.85em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--smp-accent, #2454d6); }
.session time { font-weight: 700; font-size: 1.05em; }
.tag { font-size: 0.8em; font-weight: 600; padding: 0.05em 0.55em; border-radius: 999px; background: var(--smp-surface-alt, #f0f2f6); justify-self: start; }
.tag.full-day { background: var(--smp-caution-bg, #fff4e2); color: var(--smp-caution, #8a4d00); }
.timeline { list-style: none; padding: 0; margin-block: 0.75em; display: grid; grid-template-columns: repeat(auto-fill, minmax(calc(9 * var(--smp-unit)), 1fr)); gap: 0.5em 0; position: relative; }
.timeline li { position: relative; padding: 1.6em 0.75em 0.4em 0; }
.timeline li::before { content: ""; position: absolute; inset-block-start: 0.55em; inset-inline: 0; height: 3px; background: var(--smp-track, #dfe3ea); }
.timeline li::after { content: ""; position: absolute; inset-block-start: 0.2em; inset-inline-start: 0; width: 0.8em; height: 0.8em; border-radius: 50%; background: var(--smp-accent, #2454d6); }
.timeline li.session-day::after { background: var(--smp-good, #1b7f4c); width: 1em; height: 1em; inset-block-start: 0.1em; }
.timeline .day { display: block; font-size: 0.8em; font-weight: 700; color: var(--smp-muted, #5a6275); }
.timeline .what { display: block; font-size: 0.9em; }
.facts { list-style: none; padding: 0; display: grid; gap: 0.3em; margin-block-start: 0.75em; }
.clinic { margin-block-start: 1.5em; padding: 0.75em 1em; border-radius: var(--smp-radius-small, 10px); background: var(--smp-surface-alt, #f6f7fa); }
.clinic h3 { margin-block: 0 0.3em; }
.clinic-contact { display: grid; grid-template-columns: auto 1fr; gap: 0.2em 1em; margin: 0; }
.clinic-contact dt { color: var(--smp-muted, #5a6275); }
.clinic-contact dd { margin: 0; }
.prepared { margin-block: 0 0.5em; }
.disclaimer { margin-block-start: 1.5em; font-size: 0.9em; color: var(--smp-muted, #5a6275); }

.review { margin-block-start: 1.5em; border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); padding: 0.5em 1em; }
.review summary { cursor: pointer; font-weight: 700; padding-block: 0.6em; }
.review-list { display: grid; grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr); gap: 0.35em 1em; margin-block: 0.5em; }
.review-list dt { color: var(--smp-muted, #5a6275); }
.review-list dd { margin: 0; font-weight: 600; }
.review-list button.link { min-height: 0; padding: 0; }
@media (max-width: 26em) { .review-list { grid-template-columns: 1fr; } .review-list dd { margin-block-end: 0.5em; } }

/* Preview ("what it could look like"): one state on screen, both in print */
.preview-section h3 { margin-block: 1.25em 0.4em; }
.preview { margin: 0; display: grid; gap: 0.6em; padding: 0.75em 1em; border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); }
.preview-controls { display: flex; flex-wrap: wrap; gap: 0.5em 1.25em; align-items: center; }
.preview-group { display: flex; flex-wrap: wrap; gap: 0.35em; align-items: center; }
.preview-group button { padding-inline: 0.9em; }
.preview-group-label { font-weight: 600; margin-inline-end: 0.2em; }
.preview-pictures { display: grid; grid-template-columns: minmax(0, 1fr); justify-items: center; }
.preview-picture { width: 100%; max-width: calc(18 * var(--smp-unit)); }
.preview-picture svg { display: block; width: 100%; height: auto; }
.preview-label { display: none; margin: 0.2em 0 0; text-align: center; font-weight: 600; }
.preview[data-preview-state="today"] .preview-picture[data-preview-state="smp"],
.preview[data-preview-state="smp"] .preview-picture[data-preview-state="today"] { display: none; }
.preview-change { margin: 0; }
.preview-caption { font-size: 0.9em; color: var(--smp-muted, #5a6275); }

/* Lead form */
.hp { position: absolute; inset-inline-start: -10000px; width: 1px; height: 1px; overflow: hidden; }
.form-error { padding: 0.75em 1em; border-radius: 8px; background: var(--smp-danger-bg, #fdecea); color: var(--smp-danger, #b3261e); font-weight: 600; }
.status { margin-block-start: 1em; font-weight: 600; }
.done { text-align: center; padding-block: 1em; }

/* Photos (inside the lead form) */
.photos { margin-block: 1.25em; padding: 0.75em 1em; border: 2px solid var(--smp-border, #dfe3ea); border-radius: var(--smp-radius-small, 10px); }
.photos h3 { margin-block: 0 0.3em; }
.photo-views { list-style: none; padding: 0; margin: 0.75em 0; display: grid; gap: 0.75em; }
.photo-view { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 0.5em 0.75em; align-items: start; padding: 0.6em; border-radius: 8px; background: var(--smp-surface-alt, #f6f7fa); }
.photo-view h4 { margin: 0; font-size: 1em; }
.photo-view p { margin-block: 0.2em; }
.photo-guide { width: calc(3.5 * var(--smp-unit)); height: auto; display: block; }
.guide-head { fill: var(--smp-surface, #fff); stroke: var(--smp-diagram-line, #6b5647); stroke-width: 2; }
.guide-area { fill: var(--smp-accent, #2454d6); opacity: 0.45; }
.guide-scar { fill: none; stroke: var(--smp-accent, #2454d6); stroke-width: 3; stroke-linecap: round; }
.photo-thumb { grid-column: 1 / -1; max-width: 100%; width: calc(10 * var(--smp-unit)); height: auto; border-radius: 6px; }
.photo-actions { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.5em; }
.photo-issues { color: var(--smp-caution, #8a4d00); font-weight: 600; }
.photo-issues ul { margin: 0.25em 0; padding-inline-start: 1.1em; }
.photo-view[data-photo-state="warning"] { outline: 2px solid var(--smp-caution, #a15c00); }
.done svg { width: 3.5em; height: 3.5em; color: var(--smp-good, #1b7f4c); }

@media print {
  :host { contain: none; }
  .root { border: 0; box-shadow: none; padding: 0; max-width: none; font-size: 10.5pt; color: #000; }
  .actions, .progress, .lead-section, button, .no-print { display: none !important; }
  h3 { margin-block: 0.9em 0.3em; break-after: avoid; }
  .session, .reasons li, .estimate { break-inside: avoid; }
  .timeline { grid-template-columns: repeat(5, 1fr); }
  .sessions { grid-template-columns: repeat(4, 1fr); }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  .clinic { break-inside: avoid; background: none; border: 1px solid #999; }
  /* The preview: today beside with SMP, each named, without the controls */
  /* (small, with the sentence and caption beside them: the result stays within two A4 pages) */
  .preview { break-inside: avoid; border: 1px solid #999; grid-template-columns: auto minmax(0, 1fr); align-items: center; gap: 0.3em 1.25em; padding: 0.5em 0.75em; }
  .preview-controls { display: none !important; }
  .preview-pictures { grid-row: span 2; grid-template-columns: repeat(2, 2.2cm); gap: 0.6em; }
  .preview-picture { display: block !important; }
  .preview-label { display: block; font-size: 0.85em; margin: 0; }
  .preview-section h3 { margin-block: 0.6em 0.2em; }
}
`

/** The shared stylesheet of the later steps (one per page, adopted by every widget instance). */
export const laterSheet = sharedSheet(css)
