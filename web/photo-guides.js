// Small line drawings of each photo view's angle: a head seen as the camera should see it, the
// area to capture in the accent colour. Built with SVG nodes and classes (no style attributes).
import { s } from './dom.js'

const HEAD_FRONT = 'M20 34c0-14 9-22 20-22s20 8 20 22v8c0 12-9 22-20 22s-20-10-20-22z'
const HEAD_SIDE = 'M22 36c0-14 9-23 21-23 11 0 18 8 18 19v6l4 6-4 2v6c0 6-5 10-11 10h-6l-2 6H28l-2-10c-3-4-4-9-4-14z'
const HEAD_TOP = 'M40 12c13 0 22 11 22 26s-9 28-22 28-22-13-22-28 9-26 22-26z'

// view -> [outline, highlighted area, mirrored]
const GUIDES = {
  front: [HEAD_FRONT, 'M20 32c2-12 10-18 20-18s18 6 20 18c-6-3-13-5-20-5s-14 2-20 5z', false],
  left: [HEAD_SIDE, 'M24 34c1-11 9-19 19-19 8 0 14 5 16 12-9-2-19 0-26 7z', true],
  right: [HEAD_SIDE, 'M24 34c1-11 9-19 19-19 8 0 14 5 16 12-9-2-19 0-26 7z', false],
  top: [HEAD_TOP, 'M40 16c10 0 17 9 17 21s-7 22-17 22-17-10-17-22 7-21 17-21z', false],
  crown: [HEAD_TOP, 'M40 40c7 0 12 5 12 11s-5 11-12 11-12-5-12-11 5-11 12-11z', false],
  back: [HEAD_FRONT, 'M22 40c4 2 11 4 18 4s14-2 18-4v4c0 10-8 18-18 18s-18-8-18-18z', false],
  scar: [HEAD_SIDE, 'M30 52c6 3 16 3 24 0', false],
}

/** The guide drawing of a view id (scar_N use the scar drawing); decorative, hidden from AT. */
export function photoGuide(viewId) {
  const [outline, area, mirrored] = GUIDES[viewId.startsWith('scar_') ? 'scar' : viewId] || GUIDES.front
  const scar = viewId.startsWith('scar_')
  return s(
    'svg',
    { class: 'photo-guide', viewBox: '0 0 80 80', 'aria-hidden': 'true', focusable: 'false' },
    s(
      'g',
      mirrored ? { transform: 'matrix(-1 0 0 1 80 0)' } : null,
      s('path', { class: 'guide-head', d: outline }),
      s('path', { class: scar ? 'guide-scar' : 'guide-area', d: area }),
    ),
  )
}
