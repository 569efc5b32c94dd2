// The per-file fixture of the browser tests: the demo site on an ephemeral 127.0.0.1 port and,
// when asked, one Chromium shared by the file's tests; both closed after the file.
import { after, before } from 'node:test'

import { launch } from './browser.mjs'
import { startServer } from './server.mjs'

/** Starts the site (and a browser launched with `browser` options) before the file's tests. */
export function useDemoSite({ browser: launchOptions } = {}) {
  let server
  let browser
  before(async () => {
    server = await startServer()
    if (launchOptions) browser = await launch(launchOptions)
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    get url() { return server.url },
    get context() { return browser.context },
  }
}
