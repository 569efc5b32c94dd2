// Headless Chromium (the system build) with a fresh profile per launch, plus collectors for the
// things every e2e test checks: console errors, page errors and CSP violations.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'

import { root } from './server.mjs'

export const CHROMIUM = process.env.SMP_CHROMIUM || '/usr/bin/chromium'
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
export const artifacts = path.join(root, 'test-artifacts')

/** A persistent context in a fresh temporary profile; close() removes the profile. */
export async function launch({ locale = 'en-US', viewport = { width: 1100, height: 900 }, javaScriptEnabled = true, extraArgs = [] } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'smp-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...ARGS, ...extraArgs],
    headless: true,
    locale,
    viewport,
    javaScriptEnabled,
    acceptDownloads: true,
    timeout: 60000,
  })
  context.setDefaultTimeout(15000)
  return {
    context,
    profile,
    close: async () => {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Opens a page that records console errors, page errors and CSP violations. */
export async function openPage(context, url) {
  const page = context.pages()[0] || (await context.newPage())
  // Each test is a new visitor: what the previous one left for resume (web/resume.js) goes.
  await page.evaluate(() => {
    try {
      sessionStorage.clear()
      localStorage.clear()
    } catch {
      // about:blank has no storage
    }
  }).catch(() => {})
  const problems = { console: [], pageErrors: [], csp: [] }
  page.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(message.text())
  })
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)))
  await page.exposeBinding('__smpCsp', (_source, text) => problems.csp.push(text)).catch(() => {})
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__smpCsp?.(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  if (url) await page.goto(url, { waitUntil: 'load' })
  return { page, problems }
}

/** Saves test-artifacts/<name>.png: the widget alone, or the whole page with {fullPage: true}. */
export async function screenshot(page, name, { fullPage = false } = {}) {
  mkdirSync(artifacts, { recursive: true })
  const file = path.join(artifacts, `${name}.png`)
  const widget = page.locator('smp-consultation').first()
  if (!fullPage && (await widget.count()) && (await widget.isVisible())) {
    await widget.screenshot({ path: file, animations: 'disabled' })
  } else {
    await page.screenshot({ path: file, fullPage: true })
  }
}

const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8')

/** axe-core violations of impact serious/critical on the current page (shadow DOM included). */
export async function seriousAxeViolations(page) {
  await page.evaluate(axeSource)
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }))
  })
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}
