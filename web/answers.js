// The answers document the visitor is building, addressed by the JSON pointers the core gives
// each question. Pure data helpers: no rules live here.
function tokens(pointer) {
  if (typeof pointer !== 'string' || pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** The value at `pointer`, or undefined. */
export function getAt(doc, pointer) {
  let node = doc
  for (const token of tokens(pointer)) {
    if (node === null || typeof node !== 'object' || !(token in node)) return undefined
    node = node[token]
  }
  return node
}

/** A copy of `doc` with `value` written at `pointer` (objects created on the way). */
export function setAt(doc, pointer, value) {
  const path = tokens(pointer)
  if (path.length === 0) return doc
  const root = structuredClone(doc)
  let node = root
  for (const token of path.slice(0, -1)) {
    if (node[token] === null || typeof node[token] !== 'object') node[token] = {}
    node = node[token]
  }
  node[path[path.length - 1]] = value
  return root
}

/** A copy of `doc` without the value at `pointer`; emptied parent objects are removed too. */
export function removeAt(doc, pointer) {
  const path = tokens(pointer)
  if (path.length === 0 || getAt(doc, pointer) === undefined) return doc
  const root = structuredClone(doc)
  const parents = [root]
  for (const token of path.slice(0, -1)) parents.push(parents[parents.length - 1][token])
  delete parents[parents.length - 1][path[path.length - 1]]
  for (let i = parents.length - 1; i > 0; i -= 1) {
    const parent = parents[i]
    if (Array.isArray(parent) || Object.keys(parent).length > 0) break
    delete parents[i - 1][path[i - 1]]
  }
  return root
}

/** The answers without the medical part (what a lead carries without health-data consent). */
export function withoutMedical(doc) {
  const copy = structuredClone(doc)
  delete copy.medical
  return copy
}
