// Tiny DOM builder: elements are made with properties and text nodes, never from HTML strings,
// so nothing a visitor or a config supplies can become markup.
const SVG_NS = 'http://www.w3.org/2000/svg'

function apply(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value)
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value)
    } else if (name === 'text') {
      el.textContent = value
    } else {
      el.setAttribute(name, value === true ? '' : String(value))
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue
    el.append(child instanceof Node ? child : String(child))
  }
}

/** An HTML element: h('button', {type: 'button', onclick}, 'Next'). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag)
  apply(el, attrs)
  append(el, children)
  return el
}

/** An SVG element (same signature as h). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag)
  apply(el, attrs)
  append(el, children)
  return el
}

/** A decorative 24×24 line icon, hidden from assistive technology. */
export function icon(d) {
  return s(
    'svg',
    { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    s('path', { d, fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }),
  )
}

/** A getter for one constructable stylesheet of `css`, made on first use and shared by every
 * widget instance in the page. */
export function sharedSheet(css) {
  let sheet = null
  return () => {
    if (!sheet) {
      sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
    }
    return sheet
  }
}

// The bundled build has two copies of this module (smp-consult.js and later-steps.js), each with
// its own counter: a per-copy tag keeps their ids apart.
const idScope = Math.random().toString(36).slice(2, 6)
let idCounter = 0
/** A document-unique id for label/aria wiring inside the shadow root. */
export function uid(prefix = 'smp') {
  idCounter += 1
  return `${prefix}-${idScope}${idCounter}`
}

/** A clinic URL the core has validated (http(s) or a /path), resolved against the host page. */
export function absoluteUrl(url) {
  try {
    return url ? new URL(url, document.baseURI).href : ''
  } catch {
    return ''
  }
}
