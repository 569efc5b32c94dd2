// The photo part of the lead step (SPEC §8): the views the core asks for, each with its
// instruction, an angle guide, a file input, a thumbnail and retake/remove; every photo is
// prepared on the device (photo-image.js) and checked by the core (photo-core.js), whose
// warnings the visitor answers with "retake" or "send anyway". Photos leave only with the lead
// and their own consent; their state lives on the consultation until the lead is sent.
import { h, uid } from './dom.js'
import { fill } from './format.js'
import { photoGuide } from './photo-guides.js'
import { preparePhoto } from './photo-image.js'

// Views the visitor photographs facing the screen (the front camera); the others need the back one.
const SELFIE_VIEWS = new Set(['front', 'left', 'right'])

function stateOf(widget) {
  if (!widget.photoState) widget.photoState = { entries: new Map(), consent: false }
  return widget.photoState
}

/**
 * The photos section: {element, validate(), clear()}. validate() resolves what the submit may
 * send: {ok:true, photos:[{view, blob}], consentText} or {ok:false} after showing why (focus
 * moved there). The section stays hidden (the lead goes as before) when the clinic takes no
 * photos or the photo module cannot load.
 */
export function photoSection(widget) {
  const state = stateOf(widget)
  const headingId = uid('photos-title')
  const element = h('section', { class: 'photos', part: 'photos', 'aria-labelledby': headingId, hidden: true })
  let core = null
  let doc = null
  let consent = null
  let consentError = null
  const live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-photo-status': '' })
  const t = (key, params) => fill(typeof doc?.texts?.[key] === 'string' ? doc.texts[key] : key, params)
  const announce = (text) => {
    live.textContent = ''
    // (a fresh text node, so screen readers repeat an identical message)
    setTimeout(() => {
      live.textContent = text
    }, 30)
  }
  const painters = new Map()

  function viewItem(view) {
    const item = h('li', { class: 'photo-view', 'data-photo-view': view.id })
    const titleId = uid('photo-title')
    const helpId = uid('photo-help')
    const input = h('input', { type: 'file', accept: 'image/*', hidden: true, 'data-photo-input': view.id, 'aria-labelledby': titleId })
    // On phones the camera opens at once, the one that suits the angle.
    if (globalThis.matchMedia?.('(pointer: coarse)').matches) input.setAttribute('capture', SELFIE_VIEWS.has(view.id) ? 'user' : 'environment')
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.value = ''
      if (file) add(view, file)
    })
    const pick = () => input.click()
    const button = (action, text, onclick, secondary = true) =>
      h('button', { type: 'button', class: secondary ? 'secondary' : null, 'data-action': action, 'aria-describedby': titleId, onclick }, text)
    const paint = (focus) => {
      const entry = state.entries.get(view.id)
      const warned = Boolean(entry?.issues?.length)
      item.dataset.photoState = !entry ? 'empty' : entry.checking ? 'checking' : entry.error ? 'error' : warned && !entry.kept ? 'warning' : warned ? 'kept' : 'ok'
      const actions = []
      if (!entry || entry.error) actions.push(button('add-photo', t('photos.add'), pick))
      else if (!entry.checking) {
        if (warned && !entry.kept) actions.push(button('retake-photo', t('photos.retake'), pick, false), button('keep-photo', t('photos.keep'), () => keep(view)))
        else actions.push(button('retake-photo', t('photos.retake'), pick))
        actions.push(button('remove-photo', t('photos.remove'), () => remove(view)))
      }
      let notes = null
      if (entry?.error) notes = h('p', { class: 'photo-issues' }, entry.error)
      else if (entry?.checking) notes = h('p', { class: 'muted small' }, t('photos.checking', { view: view.title }))
      else if (warned) {
        notes = h(
          'div',
          { class: 'photo-issues' },
          h('ul', null, entry.issues.map((issue) => h('li', { 'data-photo-issue': issue.code }, issue.message))),
          entry.kept ? h('p', { class: 'small' }, t('photos.kept', { view: view.title })) : null,
        )
      }
      const actionBox = h('div', { class: 'photo-actions' }, actions)
      item.replaceChildren(
        photoGuide(view.id),
        h('div', { class: 'photo-text' }, h('h4', { id: titleId }, view.title), h('p', { id: helpId, class: 'small muted' }, view.help), notes),
        ...(entry?.thumb ? [entry.thumb] : []),
        actionBox,
        input,
      )
      if (focus && element.isConnected) actionBox.querySelector('button')?.focus()
    }
    painters.set(view.id, paint)
    paint(false)
    return item
  }

  async function add(view, file) {
    state.entries.set(view.id, { checking: true })
    painters.get(view.id)?.(true)
    announce(t('photos.checking', { view: view.title }))
    let entry
    try {
      const photo = await preparePhoto(file, doc.max_long_side, t('photos.thumbnail', { view: view.title }))
      const checked = core.check(widget.configText, photo.rgba, photo.width, photo.height, widget.locale)
      if (!checked.ok) throw new Error(checked.errors?.[0]?.message || 'check failed')
      entry = { blob: photo.blob, width: photo.width, height: photo.height, thumb: photo.thumb, issues: checked.issues, kept: false }
      announce(checked.issues.length ? t('photos.problem', { view: view.title, problems: checked.issues.map((i) => i.message).join(' ') }) : t('photos.ok', { view: view.title }))
    } catch {
      entry = { error: t('photos.unreadable', { view: view.title }) }
      announce(entry.error)
    }
    state.entries.set(view.id, entry)
    painters.get(view.id)?.(true)
  }

  function keep(view) {
    const entry = state.entries.get(view.id)
    if (entry) entry.kept = true
    painters.get(view.id)?.(true)
    announce(t('photos.kept', { view: view.title }))
  }

  function remove(view) {
    state.entries.delete(view.id)
    painters.get(view.id)?.(true)
    announce(t('photos.removed', { view: view.title }))
  }

  function build() {
    // Photos of views the core no longer asks for (answers changed) are dropped.
    const asked = new Set(doc.views.map((v) => v.id))
    for (const id of [...state.entries.keys()]) if (!asked.has(id)) state.entries.delete(id)
    const consentId = uid('photos-consent')
    const errorId = uid('err')
    consent = h('input', { type: 'checkbox', id: consentId, name: 'consent_photos', 'aria-describedby': errorId })
    consent.checked = state.consent
    consent.addEventListener('change', () => {
      state.consent = consent.checked
      if (consent.checked) {
        consent.removeAttribute('aria-invalid')
        consentError.textContent = ''
      }
    })
    consentError = h('div', { class: 'error', id: errorId })
    const clinic = widget.clinic?.name || ''
    element.replaceChildren(
      h('h3', { id: headingId }, t('photos.step.title')),
      h('p', { class: 'muted' }, t('photos.step.intro', { clinic })),
      h('p', { class: 'muted small' }, t('photos.step.optional')),
      h('ul', { class: 'photo-views' }, doc.views.map(viewItem)),
      h('div', { class: 'check' }, consent, h('label', { for: consentId }, t('photos.consent', { clinic }))),
      consentError,
      live,
    )
    element.hidden = false
  }

  if (widget.pub?.photos?.enabled) {
    import('./photo-core.js')
      .then((module) => module.loadPhotoCore(widget.locale))
      .then((loaded) => {
        const views = loaded.views(widget.configText, widget.answers, widget.today, widget.locale)
        if (!views.ok || !views.enabled || !views.views.length) return
        core = loaded
        doc = views
        build()
      })
      // Without the photo module the visitor sends the lead as before, without photos.
      .catch(() => {})
  }

  function validate() {
    if (!doc) return { ok: true, photos: [] }
    const order = doc.views.map((v) => v.id)
    const entries = [...state.entries].filter(([, e]) => e.blob || e.checking).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    const waiting = entries.find(([, e]) => e.checking || (e.issues.length && !e.kept))
    if (waiting) {
      const view = doc.views.find((v) => v.id === waiting[0])
      const item = element.querySelector(`[data-photo-view="${waiting[0]}"]`)
      item?.querySelector('button')?.focus()
      announce(waiting[1].checking ? t('photos.checking', { view: view.title }) : t('photos.problem', { view: view.title, problems: waiting[1].issues.map((i) => i.message).join(' ') }))
      return { ok: false }
    }
    if (!entries.length) return { ok: true, photos: [] }
    if (!consent.checked) {
      consent.setAttribute('aria-invalid', 'true')
      consentError.textContent = t('photos.error.photos_consent_missing')
      consent.focus()
      return { ok: false }
    }
    return { ok: true, photos: entries.map(([view, e]) => ({ view, blob: e.blob })), consentText: t('photos.consent', { clinic: widget.clinic?.name || '' }) }
  }

  /** After the lead is sent: no photo stays in the page. */
  function clear() {
    widget.photoState = null
    state.entries.clear()
  }

  return { element, validate, clear }
}
