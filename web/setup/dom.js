// DOM building without HTML sinks (createElement and text nodes only), for the studio's modules.

/** An element with attributes (on* = listeners; value/checked as properties) and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value)
    else if (key === 'value') el.value = value
    else if (key === 'checked') el.checked = Boolean(value)
    else el.setAttribute(key, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    el.append(typeof child === 'string' ? document.createTextNode(child) : child)
  }
  return el
}

/** The first match of `selector` below `root`. */
export const $ = (selector, root = document) => root.querySelector(selector)

/** `{name}` placeholders filled from `params`. */
export const fill = (text, params = {}) => text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole))
