// Debian's real nginx with the shipped deploy/nginx/smp-consult.conf: placeholders substituted,
// the "# tls" lines dropped, Debian's brotli_static module loaded (libnginx-mod-http-brotli-static,
// as its modules-enabled file does in /etc/nginx/nginx.conf), run as the test user in a temporary
// prefix (pid, logs, temp files), on 127.0.0.1 at an ephemeral port. Every wait is bounded.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { freePort, sleep, tempDir, waitFor } from '../../relay/helpers.mjs'
import { root } from './server.mjs'

export const NGINX = process.env.SMP_NGINX || '/usr/sbin/nginx'
export const shippedConf = path.join(root, 'deploy/nginx/smp-consult.conf')
export const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'

/** The shipped config with its placeholders replaced and (unless `tls`) the TLS lines left out. */
export function substitute(text, values, { tls = false } = {}) {
  let out = text
    .split('\n')
    .filter((line) => tls || !/# tls$/.test(line))
    .join('\n')
  for (const [name, value] of Object.entries(values)) out = out.replaceAll(`@${name}@`, value)
  const left = out.match(/@[A-Z_]+@/)
  if (left) throw new Error(`placeholder ${left[0]} not substituted`)
  return out
}

/**
 * Writes `server` (a server block file) and the main nginx.conf around it into `dir`: what
 * Debian's /etc/nginx/nginx.conf gives a sites-available file, in a temporary prefix, one process
 * (no user switch: it runs as whoever runs the test), in the foreground. Returns nginx's {args}.
 */
export function writeMain(dir, server) {
  const serverFile = path.join(dir, 'smp-consult.conf')
  fs.writeFileSync(serverFile, server)
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, sub), { recursive: true })
  const main = `load_module ${BROTLI_MODULE};
daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${serverFile};
}
`
  const conf = path.join(dir, 'nginx.conf')
  fs.writeFileSync(conf, main)
  return { args: ['-p', `${dir}/`, '-e', `${dir}/error.log`, '-c', conf] }
}

/**
 * Starts nginx in front of `relay` (host:port). `edit(conf)` may change the substituted server
 * block (the Trusted Types variant). Resolves {url, port, dir, conf, log(), stop()}.
 */
export async function startNginx({ relay, widgetDir, siteDir, edit = (c) => c }) {
  const dir = tempDir('nginx')
  const port = await freePort()
  const server = edit(
    substitute(fs.readFileSync(shippedConf, 'utf8'), {
      LISTEN: `127.0.0.1:${port}`,
      SERVER_NAME: '127.0.0.1',
      WIDGET_DIR: widgetDir,
      SITE_DIR: siteDir,
      RELAY: relay,
    }),
  )
  const { args } = writeMain(dir, server)
  const check = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8', timeout: 30000 })
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}\n---\n${server}`)
  const child = spawn(NGINX, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => { output += d })
  child.stderr.on('data', (d) => { output += d })
  const log = () => `${output}${fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, 'utf8') : ''}`
  const url = `http://127.0.0.1:${port}`
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${log()}`)
    return fetch(`${url}/healthz`).then((r) => r.status === 200, () => false)
  }, 15000, 'nginx to answer /healthz')
  return {
    url,
    port,
    dir,
    conf: server,
    log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGQUIT') // graceful shutdown
      await Promise.race([exited, sleep(5000)])
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    },
  }
}
