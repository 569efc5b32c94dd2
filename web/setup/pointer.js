// JSON pointers (RFC 6901) over the config document being edited, and the download's pruning:
// keys equal to the defaults document (`smp-consult defaults`) are left out unless pinned.

export const escapeToken = (token) => String(token).replaceAll('~', '~0').replaceAll('/', '~1')
const unescapeToken = (token) => token.replaceAll('~1', '/').replaceAll('~0', '~')

/** "/a/b~1c" -> ["a", "b/c"]; "" -> []. */
export function tokens(pointer) {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeToken)
}

export const join = (parent, ...keys) => parent + keys.map((key) => '/' + escapeToken(key)).join('')

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value)
export const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)))

export function getAt(document, pointer) {
  let node = document
  for (const token of tokens(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return undefined
    node = node[token]
  }
  return node
}

/**
 * A copy of `document` with `value` at `pointer`. Missing containers are made on the way: an
 * array where the defaults hold one (a copy of it: [low, high] pairs are written whole), else an
 * object.
 */
export function setAt(document, pointer, value, defaults) {
  const path = tokens(pointer)
  const out = isObject(document) ? clone(document) : {}
  let node = out
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]
    if (node[key] === null || typeof node[key] !== 'object') {
      const fallback = getAt(defaults, join('', ...path.slice(0, i + 1)))
      node[key] = Array.isArray(fallback) ? clone(fallback) : {}
    }
    node = node[key]
  }
  const last = path[path.length - 1]
  if (Array.isArray(node) && /^\d+$/.test(last)) node[Number(last)] = value
  else node[last] = value
  return out
}

/** A copy of `document` without `pointer`; emptied objects on the way go too. Array items are spliced. */
export function removeAt(document, pointer) {
  const path = tokens(pointer)
  if (!path.length || getAt(document, pointer) === undefined) return document
  const out = clone(document)
  const parents = [out]
  let node = out
  for (const key of path.slice(0, -1)) {
    node = node[key]
    parents.push(node)
  }
  const last = path[path.length - 1]
  if (Array.isArray(node)) node.splice(Number(last), 1)
  else delete node[last]
  for (let i = path.length - 1; i > 0; i--) {
    const parent = parents[i - 1]
    const child = parents[i]
    if (isObject(child) && Object.keys(child).length === 0) delete parent[path[i - 1]]
    else break
  }
  return out
}

export function deepEqual(a, b) {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b))
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (!isObject(value)) return value
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]))
}

/** Every pointer to a leaf (a scalar or an array: arrays are written whole) of `document`. */
export function leafPointers(document, parent = '') {
  if (!isObject(document)) return [parent]
  return Object.entries(document).flatMap(([key, value]) => (isObject(value) && Object.keys(value).length ? leafPointers(value, join(parent, key)) : [join(parent, key)]))
}

/**
 * The download: the document without the keys whose value equals the default (unless `pinned`
 * holds that pointer), in the defaults' key order, with "schema" first.
 */
export function pruned(document, defaults, pinned) {
  const walk = (value, fallback, pointer) => {
    if (!isObject(value)) {
      const keep = pinned.has(pointer) || fallback === undefined || !deepEqual(value, fallback)
      return keep ? clone(value) : undefined
    }
    const keys = Object.keys(value)
    const order = isObject(fallback) ? Object.keys(fallback) : []
    keys.sort((a, b) => rank(order, a) - rank(order, b))
    const out = {}
    for (const key of keys) {
      const child = walk(value[key], isObject(fallback) ? fallback[key] : undefined, join(pointer, key))
      if (child !== undefined) out[key] = child
    }
    // An object the clinic wrote empty (e.g. "copy": {}) goes unless pinned.
    return Object.keys(out).length || pinned.has(pointer) ? out : undefined
  }
  const body = walk(document, defaults, '') || {}
  delete body.schema
  return { schema: defaults.schema, ...body }
}

function rank(order, key) {
  const at = order.indexOf(key)
  return at < 0 ? order.length : at
}
