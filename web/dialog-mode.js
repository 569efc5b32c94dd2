// mode="dialog": the consultation behind a launcher button, in a modal <dialog> (SPEC §8
// "Element"). showModal() makes the page inert and closes on Escape; on top of that the dialog
// keeps Tab inside itself, locks the page's scroll while open, and gives focus back to whatever
// opened it. The consultation itself (its answers) lives on while the dialog is closed.
import { h, sharedSheet } from './dom.js'

/** The launcher's and the dialog's styles (adopted before the clinic's theme). */
export const dialogSheet = sharedSheet(String.raw`
/* mode="dialog": the launcher and the modal (full screen on phones) */
dialog { box-sizing: border-box; width: min(calc(48 * var(--smp-unit)), 100vw - 32px); max-width: none; max-height: calc(100dvh - 32px); border: 0; border-radius: var(--smp-radius, 12px); padding: var(--smp-unit); background: var(--smp-surface, #fff); color: inherit; }
dialog::backdrop { background: #0009; }
.dialog-close { float: inline-end; padding: 0 0.6em; font-size: 1.4em; background: none; color: inherit; border-color: transparent; }
@media (max-width: 640px) { dialog { width: 100vw; height: 100dvh; max-height: none; margin: 0; border-radius: 0; } }
`)

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select, textarea, a[href], [tabindex]:not([tabindex="-1"])'

/** Moves `root` (the consultation's content) between the shadow root and a modal dialog. */
export class DialogMode {
  constructor(shadowRoot, root, { label, closeLabel, onOpen }) {
    this.shadowRoot = shadowRoot
    this.root = root
    this.label = label
    this.closeLabel = closeLabel
    this.onOpen = onOpen
    this.launcher = h('button', { type: 'button', class: 'launcher', part: 'launcher', 'data-action': 'open', 'aria-haspopup': 'dialog', onclick: () => this.open() })
    this.closeButton = h('button', { type: 'button', class: 'dialog-close', 'data-action': 'close', onclick: () => this.close() }, h('span', { 'aria-hidden': 'true' }, '×'))
    this.dialog = h('dialog', { class: 'dialog', part: 'dialog' }, this.closeButton)
    this.dialog.addEventListener('close', () => this.closed())
    this.dialog.addEventListener('keydown', (event) => this.trapTab(event))
    this.active = false
    this.returnFocus = null
    this.savedOverflow = null
  }

  /** Switches between inline (the content in place) and dialog (a launcher in its place). */
  apply(dialog) {
    if (dialog === this.active) return this.relabel()
    this.active = dialog
    if (dialog) {
      this.dialog.append(this.root)
      this.shadowRoot.append(this.launcher, this.dialog)
    } else {
      if (this.dialog.open) this.dialog.close()
      this.launcher.remove()
      this.dialog.remove()
      this.shadowRoot.append(this.root)
    }
    return this.relabel()
  }

  relabel() {
    const label = this.label() || ''
    if (this.launcher.textContent !== label) this.launcher.textContent = label
    // No label until the core's texts are there (or launcher-text gives one): no empty button.
    this.launcher.hidden = !label
    this.dialog.setAttribute('aria-label', label)
    this.closeButton.setAttribute('aria-label', this.closeLabel() || '')
  }

  open() {
    if (!this.active || this.dialog.open) return
    // Who opened it (the launcher, or a host's own button calling el.open()) gets focus back.
    let opener = document.activeElement
    while (opener?.shadowRoot?.activeElement) opener = opener.shadowRoot.activeElement
    this.returnFocus = opener
    const page = document.documentElement
    this.savedOverflow = page.style.overflow
    page.style.overflow = 'hidden'
    this.dialog.showModal()
    this.onOpen?.()
  }

  close() {
    if (this.dialog.open) this.dialog.close()
  }

  closed() {
    if (this.savedOverflow !== null) {
      document.documentElement.style.overflow = this.savedOverflow
      this.savedOverflow = null
    }
    const target = this.returnFocus?.isConnected ? this.returnFocus : this.launcher
    this.returnFocus = null
    target?.focus?.({ preventScroll: true })
  }

  // The inert page already keeps focus out of it; this keeps Tab from leaving for the browser's
  // own controls at either end of the dialog.
  trapTab(event) {
    if (event.key !== 'Tab') return
    const all = [...this.dialog.querySelectorAll(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === this.closeButton)
    if (all.length === 0) return
    const first = all[0]
    const last = all[all.length - 1]
    const current = this.shadowRoot.activeElement
    if (event.shiftKey && (current === first || !this.dialog.contains(current))) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && current === last) {
      event.preventDefault()
      first.focus()
    }
  }
}
