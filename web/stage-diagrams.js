// Head diagrams for the stage picker, drawn for this project: a top view (front of the head at the
// top) with the remaining hair dark and bald scalp in skin tone. Shapes are generated from a few
// numbers per stage so the whole set stays small.
import { s } from './dom.js'

const CX = 50
const CY = 60
const RX = 34
const RY = 44

function onHead(degrees) {
  const t = (degrees * Math.PI) / 180
  return [CX + RX * Math.sin(t), CY - RY * Math.cos(t)]
}

const r1 = (n) => Math.round(n * 10) / 10

// side: how far round the head the bald front reaches (degrees from the front);
// temple / forelock: how far back (y) the hairline sits at the temples and in the middle;
// crown: radius of the bald crown; top: merged bald top (VI, VII).
const NORWOOD = {
  I: { side: 32, temple: 21, forelock: 19 },
  II: { side: 40, temple: 31, forelock: 22 },
  IIA: { side: 40, temple: 29, forelock: 29 },
  III: { side: 46, temple: 40, forelock: 26 },
  IIIA: { side: 50, temple: 43, forelock: 43 },
  III_VERTEX: { side: 46, temple: 38, forelock: 25, crown: 10 },
  IV: { side: 52, temple: 47, forelock: 36, crown: 13 },
  IVA: { side: 56, temple: 55, forelock: 55 },
  V: { side: 56, temple: 54, forelock: 46, crown: 17 },
  VA: { side: 62, temple: 68, forelock: 68 },
  VI: { side: 64, temple: 76, forelock: 76, crown: 21 },
  VII: { side: 78, temple: 92, forelock: 92, crown: 23, narrow: true },
}

function frontBald({ side, temple, forelock }) {
  const [lx, ly] = onHead(-side)
  const [rx, ry] = onHead(side)
  const d = [
    `M${r1(lx)} ${r1(ly)}`,
    `A${RX} ${RY} 0 0 1 ${r1(rx)} ${r1(ry)}`,
    `Q${r1(rx - 3)} ${temple} ${r1(CX + 13)} ${temple}`,
    `Q${r1(CX + 6)} ${forelock} ${CX} ${forelock}`,
    `Q${r1(CX - 6)} ${forelock} ${r1(CX - 13)} ${temple}`,
    `Q${r1(lx + 3)} ${temple} ${r1(lx)} ${r1(ly)}Z`,
  ]
  return s('path', { class: 'diagram-skin', d: d.join(' ') })
}

function head(children, label) {
  return s(
    'svg',
    { viewBox: '0 0 100 112', role: 'img', 'aria-hidden': 'true', focusable: 'false', 'data-diagram': label },
    s('path', { class: 'diagram-skin', d: 'M44 12 L50 3 L56 12Z' }),
    s('ellipse', { class: 'diagram-ear', cx: 15, cy: 62, rx: 5, ry: 9 }),
    s('ellipse', { class: 'diagram-ear', cx: 85, cy: 62, rx: 5, ry: 9 }),
    s('ellipse', { class: 'diagram-hair', cx: CX, cy: CY, rx: RX, ry: RY }),
    children,
    s('ellipse', { class: 'diagram-line', cx: CX, cy: CY, rx: RX, ry: RY }),
  )
}

function norwood(stage) {
  const p = NORWOOD[stage]
  const parts = [frontBald(p)]
  if (p.crown) {
    const cy = p.narrow ? 70 : 80
    parts.push(s('ellipse', { class: 'diagram-skin', cx: CX, cy, rx: p.crown * (p.narrow ? 1.3 : 1), ry: p.crown * 1.1 }))
  }
  if (stage === 'IV') {
    // The bridge of hair between front and crown stays visible.
    parts.push(s('rect', { class: 'diagram-hair', x: 30, y: 57, width: 40, height: 7, rx: 3 }))
  }
  if (stage === 'V') {
    parts.push(s('rect', { class: 'diagram-thin', x: 36, y: 54, width: 28, height: 8, rx: 3 }))
  }
  return head(parts, `norwood-${stage}`)
}

// Front views for the stages where the hairline is what changes: temple / middle height of the
// hairline (smaller y = further back).
const NORWOOD_FRONT = {
  I: { temple: 38, middle: 36 },
  II: { temple: 32, middle: 36 },
  IIA: { temple: 31, middle: 31 },
  III: { temple: 25, middle: 33 },
  IIIA: { temple: 24, middle: 24 },
}

function front(stage) {
  const { temple, middle } = NORWOOD_FRONT[stage]
  const hair = [
    `M17 58 A${RX} ${RY} 0 0 1 83 58`,
    'L80 48',
    `Q77 ${temple} 70 ${temple}`,
    `Q58 ${middle} 50 ${middle}`,
    `Q42 ${middle} 30 ${temple}`,
    `Q23 ${temple} 20 48Z`,
  ].join(' ')
  return s(
    'svg',
    { viewBox: '0 0 100 112', role: 'img', 'aria-hidden': 'true', focusable: 'false', 'data-diagram': `norwood-front-${stage}` },
    s('ellipse', { class: 'diagram-ear', cx: 15, cy: 66, rx: 5, ry: 9 }),
    s('ellipse', { class: 'diagram-ear', cx: 85, cy: 66, rx: 5, ry: 9 }),
    s('ellipse', { class: 'diagram-skin', cx: CX, cy: CY, rx: RX, ry: RY }),
    s('path', { class: 'diagram-hair', d: hair }),
    s('path', { class: 'diagram-line', d: 'M33 66 Q39 63 45 66 M55 66 Q61 63 67 66 M50 72 L47 84 L52 85' }),
    s('ellipse', { class: 'diagram-line', cx: CX, cy: CY, rx: RX, ry: RY }),
  )
}

const LUDWIG = {
  I: { rx: 9, ry: 22, opacity: 0.45, part: 2 },
  II: { rx: 15, ry: 28, opacity: 0.65, part: 3.5 },
  III: { rx: 22, ry: 33, opacity: 0.9, part: 5 },
}

function ludwig(stage) {
  const p = LUDWIG[stage]
  return head(
    [
      s('ellipse', { class: 'diagram-skin', cx: CX, cy: 58, rx: p.rx, ry: p.ry, opacity: p.opacity }),
      s('rect', { class: 'diagram-skin', x: CX - p.part / 2, y: 24, width: p.part, height: 56, rx: p.part / 2 }),
    ],
    `ludwig-${stage}`,
  )
}

function unsure() {
  return s(
    'svg',
    { viewBox: '0 0 100 112', role: 'img', 'aria-hidden': 'true', focusable: 'false', 'data-diagram': 'unsure' },
    s('ellipse', { class: 'diagram-line', cx: CX, cy: CY, rx: RX, ry: RY }),
    s('text', { class: 'diagram-q', x: CX, y: 74, 'text-anchor': 'middle' }, '?'),
  )
}

/**
 * The diagram(s) for a stage option of the norwood or ludwig question: a top view, plus a front
 * view for hairline stages; "unsure" and unknown values get a "?".
 */
export function stageDiagram(scale, stage) {
  if (scale === 'norwood' && NORWOOD_FRONT[stage]) {
    const views = document.createElement('span')
    views.className = 'views'
    views.append(front(stage), norwood(stage))
    return views
  }
  if (scale === 'norwood' && NORWOOD[stage]) return norwood(stage)
  if (scale === 'ludwig' && LUDWIG[stage]) return ludwig(stage)
  return unsure()
}
