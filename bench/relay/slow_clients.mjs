// Durable leads per second and their latency while SLOW slow-or-idle connections are held open
// (half trickle a request head one byte a second, half send nothing; any the relay closes are
// reopened at once, as an attacker would). Then GETs of a widget file under the same siege.
// usage: node bench/relay/slow_clients.mjs [SLOW=1000] [SECONDS=10] [CONCURRENCY=4]
//        (env SMP_CONSULT_BIN overrides the binary). Figures for the notes, not test thresholds.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

import { makeLead, sleep, startServer, tempDir, writeConfig } from '../../tests/relay/helpers.mjs';

const slowCount = Number(process.argv[2] ?? 1000);
const seconds = Number(process.argv[3] ?? 10);
const concurrency = Number(process.argv[4] ?? 4);
const kRequestTimeoutMs = 30000;

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function request(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(url, { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
    });
    req.setTimeout(kRequestTimeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ error: error.code ?? error.message, ms: performance.now() - started }));
    req.end(body);
  });
}

function siege(url, count) {
  const { hostname, port } = new URL(url);
  let reopened = 0;
  let stopped = false;
  const sockets = new Set();
  const openOne = (slow) => {
    if (stopped) return;
    const socket = net.connect({ host: hostname, port: Number(port) });
    sockets.add(socket);
    socket.on('connect', () => {
      if (slow) socket.write('POST /api/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      if (!stopped) {
        reopened += 1;
        setTimeout(() => openOne(slow), 10);
      }
    });
    socket.slow = slow;
  };
  for (let i = 0; i < count; i += 1) openOne(i % 2 === 0);
  const trickle = setInterval(() => {
    for (const socket of sockets) if (socket.slow && !socket.connecting && !socket.destroyed) socket.write('a');
  }, 1000);
  return {
    open: () => sockets.size,
    reopened: () => reopened,
    stop() {
      stopped = true;
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
    },
  };
}

async function load(label, worker) {
  const latencies = [];
  const errors = {};
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      const reply = await worker();
      if (reply.error || reply.status >= 300) {
        const key = reply.error ?? reply.status;
        errors[key] = (errors[key] ?? 0) + 1;
      } else {
        latencies.push(reply.ms);
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const fmt = (v) => `${v.toFixed(1)} ms`;
  console.log(`${label}: ${(latencies.length / elapsed).toFixed(0)}/s (${latencies.length} in ${elapsed.toFixed(1)} s), ` +
    `p50 ${fmt(percentile(latencies, 50))}, p99 ${fmt(percentile(latencies, 99))}, ` +
    `max ${fmt(latencies.at(-1) ?? NaN)}, failed ${JSON.stringify(errors)}`);
}

function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return (Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024).toFixed(1);
}

const dir = tempDir('slowbench');
const widget = path.join(dir, 'smp');
fs.mkdirSync(widget);
fs.writeFileSync(path.join(widget, 'smp-consult.js'), 'export const widget = "smp";\n'.repeat(2000));
const server = await startServer({
  config: writeConfig(dir, { lead: { min_fill_seconds: 0 } }),
  args: ['--widget', widget],
  env: { SMP_RATE_LIMIT_PER_MINUTE: '0' },
});
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const post = () => request(agent, `${server.url}/api/leads`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(makeLead()),
});
const get = () => request(agent, `${server.url}/smp/smp-consult.js`, { headers: { 'Accept-Encoding': 'gzip' } });
try {
  console.log(`server ${server.url}, ${slowCount} slow/idle connections, ${concurrency} visitors, ${seconds} s each`);
  await load('no siege, leads', post);
  const held = siege(server.url, slowCount);
  await sleep(2000);
  console.log(`held ${held.open()} connections, server RSS ${rssMb(server.child.pid)} MB`);
  await load('siege, leads', post);
  await load('siege, widget GET', get);
  console.log(`held ${held.open()} at the end, ${held.reopened()} reopened after the relay closed them, ` +
    `server RSS ${rssMb(server.child.pid)} MB`);
  held.stop();
} finally {
  agent.destroy();
  await server.stop();
}
