// Resume on this device: the visitor's place and answers survive a reload. By default they live in
// sessionStorage (gone with the tab); resume="local" also keeps them in localStorage for 7 days,
// without the health answers (`medical`), which never leave the tab's own storage; resume="off"
// keeps nothing. "Start over" (data-action="forget") clears both.
import { resumeMode } from './saved.js'

const LOCAL_DAYS = 7
const DAY_MS = 86400000

function store(kind) {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage
  } catch {
    return null // storage blocked (privacy settings, sandboxed frame): resume just does not happen
  }
}

function read(kind, key) {
  try {
    const value = JSON.parse(store(kind)?.getItem(key) || 'null')
    return value && typeof value === 'object' && value.answers && typeof value.answers === 'object' ? value : null
  } catch {
    return null
  }
}

/** Saves {answers, skipped, at, phase}; in localStorage without the medical part. */
export function saveState(host, key, state) {
  const mode = resumeMode(host)
  if (mode === 'off') return
  try {
    store('session')?.setItem(key, JSON.stringify(state))
    if (mode === 'local') {
      const answers = { ...state.answers }
      delete answers.medical
      // The health items' "skipped" marks are health answers too.
      store('local')?.setItem(key, JSON.stringify({ answers, saved: Date.now() }))
    }
  } catch {
    // Full or blocked storage: the consultation goes on without resume.
  }
}

/** The saved state (the tab's first, else a local one younger than 7 days), or null. */
export function loadState(host, key) {
  const mode = resumeMode(host)
  if (mode === 'off') return null
  const session = read('session', key)
  if (session) return session
  if (mode !== 'local') return null
  const local = read('local', key)
  if (local && Date.now() - Number(local.saved) < LOCAL_DAYS * DAY_MS) return local
  forgetState(host, key)
  return null
}

/** Removes what this consultation saved, in both storages. */
export function forgetState(host, key) {
  for (const kind of ['session', 'local']) {
    try {
      store(kind)?.removeItem(key)
    } catch {
      // nothing to remove where storage is blocked
    }
  }
}
