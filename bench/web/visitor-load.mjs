// One cold load as a visitor's browser makes it (no DevTools), shared by run.mjs and ab.mjs: the
// page's marks (when its first screen and question were painted) and its renderer's memory.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ARGS, CHROMIUM } from '../../tests/e2e/helpers/browser.mjs'

// The processes of the browser started with `profile` (their command lines name it): [pid, cmd].
export function processesOf(profile) {
  const found = []
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      if (cmd.includes(profile)) found.push([pid, cmd])
    } catch {
      // process ended meanwhile
    }
  }
  return found
}

// A /proc file's "Name:   123 kB" field, or 0 when the process has gone.
export function procField(pid, file, name) {
  try {
    return Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

// Loads as a visitor's browser makes them: Chromium with no DevTools session (Playwright's adds
// work to every request and keeps every response body in the renderer: +1.5 MB for the widget),
// already started (launch.html waits LAUNCH_DELAY_MS: a browser that is still starting up shares the 2
// cores with the page) and opening the page from another site, so it gets a renderer of its own.
// Measured: when the first question is painted (the page reports performance.now() to
// /bench/mark) and the page renderer's anonymous resident memory (RssAnon), which is what Chrome's
// task manager calls its "Memory footprint" less a constant ~1.4 MB; it is the measure that gives
// SurveyJS 2.5 the +13-15 MB of the requirement's "about 16 MB" (bench/web/README.md), while
// PSS also charges shares of Chromium's code pages that move with the other processes running.
/** What the pages under test report (/bench/mark?…): give recordMark to the server's onRequest. */
const marks = []
export function recordMark(url) {
  if (url.pathname === '/bench/mark') marks.push(url.search)
}
export const LAUNCH_DELAY_MS = 1500
export async function quietLoad(server, page, { waitFirst = true, settleMs = 2500 } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'smp-bench-quiet-'))
  const seen = marks.length
  const launcher = `${server.url.replace('127.0.0.1', 'localhost')}/bench/launch.html?after=${LAUNCH_DELAY_MS}&to=${encodeURIComponent(server.url + page)}`
  const child = spawn(CHROMIUM, [...ARGS, `--user-data-dir=${profile}`, '--window-size=1100,900', launcher], { stdio: 'ignore' })
  try {
    // The page's bench script requests /bench/mark once its question is painted (bounded wait).
    for (let t = 0; waitFirst && marks.length === seen && t < 300; t += 1) await new Promise((r) => setTimeout(r, 50))
    if (waitFirst && marks.length === seen) throw new Error(`${page}: no first question within 15 s`)
    // bench.js reports intro, start, first and ready (ms from navigation); static.js first only.
    const mark = waitFirst ? Object.fromEntries([...new URLSearchParams(marks[seen])].map(([k, v]) => [k, Number(v)])) : {}
    // Then the page sits as a visitor reading the question (or the empty page after loading).
    await new Promise((r) => setTimeout(r, settleMs + (waitFirst ? 0 : LAUNCH_DELAY_MS)))
    // The page's renderer: the largest non-WebUI one (a spare renderer stays small).
    const anon = processesOf(profile)
      .filter(([, cmd]) => cmd.includes('--type=renderer') && !cmd.includes('--top-chrome-webui'))
      .map(([pid]) => procField(pid, 'status', 'RssAnon'))
    return { ...mark, memory: anon.length ? Math.max(...anon) : null }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
    // Its renderers and helpers outlive the browser process briefly; the next load must not
    // share the CPU with them.
    for (let t = 0; t < 50 && processesOf(profile).length; t += 1) await new Promise((r) => setTimeout(r, 100))
    for (let t = 0; t < 20; t += 1) {
      try {
        rmSync(profile, { recursive: true, force: true })
        break
      } catch {
        await new Promise((r) => setTimeout(r, 250))
      }
    }
  }
}
