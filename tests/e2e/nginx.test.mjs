// The shipped nginx config (deploy/nginx/smp-consult.conf) in front of the real relay, with
// Debian's nginx and Chromium: a visitor's lead arrives through the proxy, the wasm comes as the
// zopfli sibling, the pages carry the promised CSP (and its Trusted Types variant) and the widget
// runs under it, and the relay's rate limit keys on the visitor nginx names, not on what a
// client writes in X-Forwarded-For.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { spawnSync } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'

import { skipUnlessCI } from '../dependency.mjs'
import { binary, makeLead, makeTestCertificate, startServer, tempDir, waitFor } from '../relay/helpers.mjs'
import { launch, openPage } from './helpers/browser.mjs'
import { scenario } from './helpers/expected.mjs'
import { BROTLI_MODULE, NGINX, shippedConf, startNginx, substitute, writeMain } from './helpers/nginx.mjs'
import { root } from './helpers/server.mjs'
import { answerAll, readResult, start } from './helpers/widget.mjs'

const W = 'smp-consultation'
const widgetDir = path.join(root, 'dist/smp')
const siteDir = path.join(root, 'web/demo')
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'"
const missing =
  (!fs.existsSync(NGINX) && `${NGINX} missing (apt-get install nginx)`) ||
  (!fs.existsSync(BROTLI_MODULE) && `${BROTLI_MODULE} missing (apt-get install libnginx-mod-http-brotli-static)`) ||
  (!fs.existsSync(binary) && `${binary} missing (scripts/build-native)`) ||
  (!fs.existsSync(path.join(widgetDir, 'smp-core.wasm.gz')) && 'dist/smp missing (scripts/build-web)')

/** The demo clinic's config, delivering to .eml files, no fill-time quarantine, 2 leads a minute. */
function relayConfig(dir) {
  const config = JSON.parse(fs.readFileSync(path.join(siteDir, 'clinic.json'), 'utf8'))
  config.lead = { ...config.lead, to: 'leads@clinic.example', from: 'relay@clinic.example', min_fill_seconds: 0, rate_limit_per_minute: 2 }
  const file = path.join(dir, 'clinic.json')
  fs.writeFileSync(file, JSON.stringify(config))
  return file
}

/** A raw HTTP request (no decompression), from `localAddress` (another loopback address = another visitor). */
function request(url, { method = 'GET', headers = {}, body, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, localAddress, timeout: 30000 }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)))
    req.on('error', reject)
    req.end(body)
  })
}

function postLead(url, { localAddress, forwardedFor } = {}) {
  const headers = { 'Content-Type': 'application/json' }
  if (forwardedFor) headers['X-Forwarded-For'] = forwardedFor
  return request(`${url}/api/leads`, { method: 'POST', headers, body: JSON.stringify(makeLead()), localAddress })
}

async function completeLead(page) {
  await start(page, { today: '2025-06-01' })
  await answerAll(page, scenario('V05').answers)
  assert.equal((await readResult(page)).verdict, 'medical_clearance')
  await page.locator(`${W} [data-action="send"]`).click()
  await page.locator(`${W} form.lead-form`).waitFor()
  await page.locator(`${W} input[name="name"]`).fill('Nora Proxy')
  await page.locator(`${W} input[name="email"]`).fill('nora@example.com')
  await page.locator(`${W} input[name="consent_contact"]`).check()
  const posted = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/leads' && r.request().method() === 'POST')
  await page.locator(`${W} [data-action="submit-lead"]`).click()
  const response = await posted
  await page.locator(`${W} .done`).waitFor({ timeout: 20000 })
  return response
}

describe('nginx in front of the relay (deploy/nginx/smp-consult.conf)', { skip: skipUnlessCI(missing) }, () => {
  let relay
  let nginx
  let browser
  before(async () => {
    const dir = tempDir('behind-nginx')
    relay = await startServer({ config: relayConfig(dir), env: { SMP_TRUSTED_PROXIES: '127.0.0.1' }, args: ['--widget', widgetDir, '--site', siteDir] })
    nginx = await startNginx({ relay: new URL(relay.url).host, widgetDir, siteDir })
    browser = await launch()
  })
  after(async () => {
    await browser?.close()
    await nginx?.stop()
    await relay?.stop()
  })

  test('a visitor completes a lead through nginx under its CSP: 202 and the clinic email written', async () => {
    const wasm = []
    browser.context.on('response', (r) => {
      if (r.url().endsWith('/smp-core.wasm')) wasm.push(r)
    })
    const { page, problems } = await openPage(browser.context, `${nginx.url}/`)
    const response = await completeLead(page)
    assert.equal(response.status(), 202)
    const { lead_id: leadId } = await response.json()
    assert.match(leadId, /\S/)
    const mail = path.join(relay.dataDir, 'mail')
    const eml = await waitFor(() => fs.existsSync(mail) && fs.readdirSync(mail).find((f) => f.startsWith(leadId) && f.endsWith('-clinic.eml')), 15000, 'the clinic email')
    assert.match(fs.readFileSync(path.join(mail, eml), 'utf8'), /Nora Proxy/)
    // The page was served with the CSP, and nothing was blocked by it.
    const headers = await (await page.request.get(`${nginx.url}/`)).headers()
    assert.ok(headers['content-security-policy'].startsWith(STRICT), headers['content-security-policy'])
    assert.deepEqual(problems.csp, [])
    assert.deepEqual(problems.pageErrors, [])
    assert.equal(wasm.length, 1)
    // (Chromium asks for br on the loopback over plain HTTP too.)
    assert.equal((await wasm[0].allHeaders())['content-encoding'], 'br')
  })

  /** GETs /smp/<file> taking `accept`, and checks it came as the precompressed sibling `<file>.<ext>`, byte for byte. */
  async function sibling(file, accept, encoding, ext) {
    const expected = fs.readFileSync(path.join(widgetDir, `${file}.${ext}`))
    const res = await request(`${nginx.url}/smp/${file}`, { headers: { 'Accept-Encoding': accept } })
    assert.equal(res.status, 200)
    assert.equal(res.headers['content-encoding'], encoding)
    assert.equal(Number(res.headers['content-length']), expected.length)
    assert.ok(res.body.equals(expected), `the bytes of ${file}.${ext}`)
    assert.equal(res.headers['cache-control'], 'no-cache')
    assert.match(res.headers.vary ?? '', /Accept-Encoding/)
    return res
  }

  test('the wasm and the scripts arrive as their brotli siblings to a client that takes br', async () => {
    const res = await sibling('smp-core.wasm', 'gzip, deflate, br', 'br', 'br')
    assert.equal(res.headers['content-type'], 'application/wasm')
    await sibling('smp-consult.js', 'br', 'br', 'br')
  })

  test('the wasm arrives as the zopfli sibling to a client without br, revalidated with an ETag', async () => {
    const res = await sibling('smp-core.wasm', 'gzip', 'gzip', 'gz')
    assert.equal(res.headers['content-type'], 'application/wasm')
    const again = await request(`${nginx.url}/smp/smp-core.wasm`, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': res.headers.etag } })
    assert.equal(again.status, 304)
    // A client that takes no gzip gets the plain module.
    const plain = await request(`${nginx.url}/smp/smp-core.wasm`)
    assert.equal(plain.headers['content-encoding'], undefined)
    assert.equal(plain.body.length, fs.statSync(path.join(widgetDir, 'smp-core.wasm')).size)
  })

  test('the relay\'s routes are proxied: clinic.json from its config, /embed with its own CSP, /healthz', async () => {
    const config = JSON.parse((await request(`${nginx.url}/smp/clinic.json`)).body)
    assert.equal(config.lead.to, undefined, 'server-only keys stay on the server')
    assert.equal(config.lead.endpoint, '/api/leads')
    const embed = await request(`${nginx.url}/embed?locale=es`)
    assert.equal(embed.status, 200)
    assert.match(embed.headers['content-security-policy'], /frame-ancestors/)
    assert.equal(embed.headers['content-security-policy'].split(';').filter((d) => d.includes('default-src')).length, 1, 'one policy, the relay\'s')
    assert.match(embed.body.toString(), /lang="es"/)
    assert.equal(JSON.parse((await request(`${nginx.url}/healthz`)).body).status, 'ok')
    // /setup/ (the studio) is the relay's: whatever it answers, it is not nginx's own page.
    const setup = await request(`${nginx.url}/setup/`)
    assert.doesNotMatch(setup.body.toString(), /<center>nginx<\/center>/)
    assert.ok((await request(`${nginx.url}/no-such-page`)).body.toString().includes('<center>nginx</center>'), 'nginx\'s own 404 looks like that')
  })

  test('nginx lets a lead body up to 20 MB through to the relay (photos) and refuses a larger one itself', async () => {
    // 2 MB: over nginx's default 1 MB, so only the /api/leads limit lets it through. The relay
    // answers (its own JSON 413 for a JSON body over 32 KB; when it closes before the whole body
    // is sent, nginx says 502); nginx's own 413 page would mean nginx refused it.
    const passed = await request(`${nginx.url}/api/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}` })
    assert.ok(!(passed.status === 413 && /html/.test(passed.headers['content-type'])), `nginx refused 2 MB: ${passed.status}`)
    if (passed.status === 413) assert.match(passed.headers['content-type'], /json/, 'the relay\'s 413')
    // Over 20 MB nginx answers 413 from the Content-Length alone, before any body reaches the relay.
    const refused = await new Promise((resolve, reject) => {
      const req = http.request(`${nginx.url}/api/leads`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(20 * 1024 * 1024 + 1) } }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode))
      })
      req.on('error', reject)
      req.write('--x\r\n')
    })
    assert.equal(refused, 413)
    assert.match(nginx.conf, /location = \/api\/leads \{[^}]*client_max_body_size 20m;/)
  })

  test('two visitors behind nginx have their own rate-limit buckets; a forged X-Forwarded-For picks none', async () => {
    // Each loopback address is another visitor; nginx appends it to X-Forwarded-For.
    const a = { localAddress: '127.0.0.2' }
    const b = { localAddress: '127.0.0.3' }
    const statuses = async (list) => {
      const out = []
      for (const options of list) out.push((await postLead(nginx.url, options)).status)
      return out
    }
    assert.deepEqual(await statuses([a, a, a]), [202, 202, 429])
    assert.deepEqual(await statuses([b, b]), [202, 202], 'another visitor has its own budget')
    // Visitor A names a fresh address, then B's: the relay still counts A's real one.
    assert.deepEqual(await statuses([{ ...a, forwardedFor: '203.0.113.50' }, { ...a, forwardedFor: '127.0.0.4' }]), [429, 429])
    assert.deepEqual(await statuses([{ localAddress: '127.0.0.4' }]), [202], 'the forged address\'s bucket is untouched')
  })
})

describe('nginx with the Trusted Types variant of the CSP', { skip: skipUnlessCI(missing) }, () => {
  let relay
  let nginx
  let browser
  before(async () => {
    const dir = tempDir('behind-nginx-tt')
    relay = await startServer({ config: relayConfig(dir), env: { SMP_TRUSTED_PROXIES: '127.0.0.1' } })
    // The documented switch: the variant's line in place of the strict one.
    const edit = (conf) => {
      const lines = conf.split('\n')
      const strict = lines.findIndex((l) => /^\s*add_header Content-Security-Policy /.test(l))
      const variant = lines.findIndex((l) => /^\s*#add_header Content-Security-Policy .*trusted-types/.test(l))
      assert.ok(strict >= 0 && variant > strict, 'both policies are in the shipped config')
      lines[strict] = `#${lines[strict]}`
      lines[variant] = lines[variant].replace('#add_header', 'add_header')
      return lines.join('\n')
    }
    nginx = await startNginx({ relay: new URL(relay.url).host, widgetDir, siteDir, edit })
    browser = await launch()
  })
  after(async () => {
    await browser?.close()
    await nginx?.stop()
    await relay?.stop()
  })

  test('the widget runs with Trusted Types enforced', async () => {
    const { page, problems } = await openPage(browser.context, `${nginx.url}/`)
    const csp = (await (await page.request.get(`${nginx.url}/`)).headers())['content-security-policy']
    assert.ok(csp.startsWith(STRICT), csp)
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types 'none'$/)
    await start(page, { today: '2025-06-01' })
    await answerAll(page, scenario('V05').answers)
    assert.equal((await readResult(page)).verdict, 'medical_clearance')
    assert.deepEqual(problems.csp, [])
    assert.deepEqual(problems.pageErrors, [])
  })
})

describe('the production form of the config (TLS lines kept)', { skip: skipUnlessCI(missing) }, () => {
  test('nginx -t accepts it as the README fills it in, with a certificate where certbot puts it', () => {
    const dir = tempDir('nginx-tls')
    const { cert, key } = makeTestCertificate(dir, 'consult.clinic.example')
    const server = substitute(fs.readFileSync(shippedConf, 'utf8'), {
      LISTEN: '443 ssl http2',
      SERVER_NAME: 'consult.clinic.example',
      WIDGET_DIR: '/usr/share/smp-consult/widget',
      SITE_DIR: '/var/www/clinic',
      RELAY: '127.0.0.1:8080',
    }, { tls: true })
    assert.match(server, /ssl_certificate +\/etc\/letsencrypt\/live\/consult\.clinic\.example\/fullchain\.pem;/)
    assert.match(server, /return 301 https:\/\/\$host\$request_uri;/)
    const staged = server
      .replace('/etc/letsencrypt/live/consult.clinic.example/fullchain.pem', cert)
      .replace('/etc/letsencrypt/live/consult.clinic.example/privkey.pem', key)
    const { args } = writeMain(dir, staged)
    const check = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8', timeout: 30000 })
    assert.equal(check.status, 0, check.stderr)
    assert.match(check.stderr, /syntax is ok/)
  })
})
