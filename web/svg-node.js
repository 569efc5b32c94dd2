// The core's SVG text (the preview) as DOM nodes, built with createElementNS like every other
// node of the widget: the browser's markup parsers are Trusted Types sinks (the widget runs with
// `trusted-types 'none'`), and an <img> with a data: URL is refused by `img-src 'self'`. The
// core writes plain SVG (elements, attributes, text); anything else — a <script>, an event
// attribute, a style, a foreign element, an external link, malformed markup — refuses the whole
// picture (null), so nothing the widget places can run or fetch.
const SVG_NS = 'http://www.w3.org/2000/svg'
const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'path', 'circle', 'ellipse', 'rect', 'line', 'polyline', 'polygon',
  'pattern', 'clipPath', 'mask', 'linearGradient', 'radialGradient', 'stop', 'use', 'symbol', 'text', 'tspan',
])
// (style would be refused by the strict CSP's style-src; href may only point inside the picture)
const REFUSED_ATTRIBUTE = /^(on|style$|xlink:(?!href$)|xml:base$)/i
// (attributes naming ids: they follow the prefixed ids)
const IDREFS = new Set(['aria-labelledby', 'aria-describedby'])
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
// A tag, a comment, a processing instruction / declaration, or text up to the next '<'.
const TOKEN = /<!--[\s\S]*?-->|<[?!][^>]*>|<\/([A-Za-z][\w:-]*)\s*>|<([A-Za-z][\w:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|[^<]+|</g
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, name) => {
    if (name[0] !== '#') return ENTITIES[name] ?? all
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all
  })
}

/**
 * The <svg> element of `text`, or null when it is not plain SVG. Ids get `idPrefix` (and the
 * references to them follow), so two pictures in one shadow root never share an id.
 */
export function svgNode(text, idPrefix) {
  if (typeof text !== 'string') return null
  const local = (value) => value.replace(/url\(#([^)\s]+)\)/g, (all, id) => `url(#${idPrefix}${id})`)
  const stack = []
  let rootEl = null
  for (const match of text.matchAll(TOKEN)) {
    const [token, closing, opening, attrs, selfClosing] = match
    if (token.startsWith('<!--') || token.startsWith('<?') || token.startsWith('<!')) {
      if (/^<!(?!--)/.test(token) && /ENTITY|\[/i.test(token)) return null
      continue
    }
    if (closing) {
      if (stack.pop()?.localName !== closing) return null
      continue
    }
    if (opening) {
      if (!ELEMENTS.has(opening) || (rootEl && !stack.length) || (!rootEl && opening !== 'svg')) return null
      const el = document.createElementNS(SVG_NS, opening)
      for (const [, name, double, single] of (attrs || '').matchAll(ATTRIBUTE)) {
        if (REFUSED_ATTRIBUTE.test(name)) return null
        let value = decode(double ?? single)
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue
        if (name === 'href' || name === 'xlink:href') {
          if (!value.startsWith('#')) return null
          value = `#${idPrefix}${value.slice(1)}`
          el.setAttribute('href', value)
          continue
        }
        if (name === 'id') value = `${idPrefix}${value}`
        else if (IDREFS.has(name)) value = value.split(/\s+/).filter(Boolean).map((id) => `${idPrefix}${id}`).join(' ')
        else if (value.includes('url(')) value = local(value)
        el.setAttribute(name, value)
      }
      if (stack.length) stack.at(-1).append(el)
      else rootEl = el
      if (!selfClosing) stack.push(el)
      continue
    }
    if (token === '<') return null
    // Text: only inside an element (whitespace around the root is fine).
    if (!stack.length) {
      if (token.trim()) return null
      continue
    }
    stack.at(-1).append(decode(token))
  }
  return rootEl && !stack.length ? rootEl : null
}
