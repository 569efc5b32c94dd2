// A tiny static server with the relay's layout (web/demo at /, dist/smp at /smp/, dist/setup at
// /setup/), gzip, the strict CSP header on /strict.html (plus Trusted Types on /fixtures/trusted-types.html) and a
// minimal POST /api/leads (202 {lead_id}).
import { createServer } from 'node:http'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'"
// The strict policy plus Trusted Types with no policy at all: every HTML/script sink throws.
export const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types 'none'`
// Pages served with a Content-Security-Policy header.
const CSP_PAGES = { '/strict.html': STRICT_CSP, '/fixtures/trusted-types.html': TRUSTED_TYPES_CSP }

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
}

const MOUNTS = [
  ['/smp/', path.join(root, 'dist/smp')],
  ['/setup/', path.join(root, 'dist/setup')],
  ['/fixtures/', path.join(root, 'tests/e2e/fixtures')],
  ['/bench/', path.join(root, 'bench/web')],
  ['/', path.join(root, 'web/demo')],
]

function resolveFile(urlPath, mounts = MOUNTS) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue
    let rel = decodeURIComponent(urlPath.slice(prefix.length))
    if (rel === '' || rel.endsWith('/')) rel += 'index.html'
    const file = path.resolve(dir, rel)
    if (!file.startsWith(dir + path.sep) && file !== dir) return null
    if (existsSync(file) && statSync(file).isFile()) return file
    return null
  }
  return null
}

/** Whether an Accept-Encoding header lists `coding` without refusing it (q=0), as the relay reads it. */
function accepts(header = '', coding) {
  return header.split(',').some((item) => {
    const [name, ...params] = item.split(';').map((part) => part.trim().toLowerCase())
    return name === coding && !params.some((param) => /^q=0(\.0*)?$/.test(param.replace(/\s/g, '')))
  })
}

/**
 * Starts the server on 127.0.0.1:<ephemeral>. Options: {onLead(body) -> {status, json}}, and
 * smpDir: another build of the widget folder at /smp/ (bench/web/ab.mjs). Resolves {url, leads, close()}.
 */
export function startServer({ onLead, onRequest, delayMs = 0, port = 0, brotli = true, smpDir } = {}) {
  const mounts = smpDir ? MOUNTS.map(([prefix, dir]) => [prefix, prefix === '/smp/' ? path.resolve(smpDir) : dir]) : MOUNTS
  const leads = []
  const cache = new Map()
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1')
    onRequest?.(url)
    if (url.pathname === '/api/leads' && req.method === 'POST') {
      const chunks = []
      let size = 0
      req.on('data', (chunk) => {
        size += chunk.length
        if (size <= 64 * 1024) chunks.push(chunk)
      })
      req.on('end', () => {
        let body = null
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          body = null
        }
        leads.push(body)
        const reply = onLead ? onLead(body) : { status: 202, json: { lead_id: `L${String(leads.length).padStart(5, '0')}` } }
        res.writeHead(reply.status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(reply.json))
      })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    const file = resolveFile(url.pathname, mounts)
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }
    if (CSP_PAGES[url.pathname]) headers['content-security-policy'] = CSP_PAGES[url.pathname]
    let body = readFileSync(file)
    const fresh = (sibling) => existsSync(sibling) && statSync(sibling).mtimeMs >= statSync(file).mtimeMs
    if (brotli && accepts(req.headers['accept-encoding'], 'br') && fresh(`${file}.br`)) {
      // Like the relay: build-web's brotli sibling for a browser that takes br.
      body = readFileSync(`${file}.br`)
      headers['content-encoding'] = 'br'
    } else if (accepts(req.headers['accept-encoding'], 'gzip')) {
      // Like the relay (and nginx gzip_static): a precompressed sibling when it is up to date.
      const sibling = `${file}.gz`
      if (fresh(sibling)) {
        body = readFileSync(sibling)
      } else {
        if (!cache.has(file) || cache.get(file).mtime !== statSync(file).mtimeMs) {
          cache.set(file, { mtime: statSync(file).mtimeMs, gz: gzipSync(body, { level: 9 }) })
        }
        body = cache.get(file).gz
      }
      headers['content-encoding'] = 'gzip'
    }
    headers['content-length'] = body.length
    const send = () => {
      res.writeHead(200, headers)
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    if (delayMs) setTimeout(send, delayMs)
    else send()
  })
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const bound = server.address().port
      resolve({
        url: `http://127.0.0.1:${bound}`,
        leads,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.()
            server.close(() => done())
          }),
      })
    })
  })
}

// `node tests/e2e/helpers/server.mjs [port]`: serve the demo for a manual look.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const port = Number(process.argv[2] || 8080)
  startServer({ port }).then(({ url }) => console.log(`demo at ${url}/ (strict CSP page: ${url}/strict.html)`))
}
