// Slow and idle clients (slowloris) cannot take the relay down: with a thousand of them holding
// connections from 127.0.0.1, a visitor's lead is accepted and the widget's files are served,
// and a client that trickles its request head forever is cut off. Real relay over HTTP.
// (main, thread-per-connection with 64 threads: the lead waited behind them until they left.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { makeLead, sleep, startServer, tempDir, writeConfig } from './helpers.mjs';

const kSlow = 500;  // trickle a request head, one byte a second
const kIdle = 500;  // connect and send nothing
const kVisitorTimeoutMs = 10000;  // generous: the relay answers in milliseconds when it holds

function connect(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

// One request on a connection of its own; rejects when no full reply came within timeoutMs.
function request(url, { method = 'GET', headers = {}, body, timeoutMs = kVisitorTimeoutMs } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: { Connection: 'close', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no reply within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Opens `slow` trickling and `idle` silent connections; release() closes them all. */
async function holdConnections(url, slow, idle) {
  const sockets = [];
  let closedEarly = 0;
  for (let i = 0; i < slow + idle; i += 1) {
    const socket = await connect(url);
    socket.on('error', () => {});
    socket.on('close', () => { if (!released) closedEarly += 1; });
    if (i < slow) socket.write('POST /api/leads HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    sockets.push(socket);
  }
  let released = false;
  const trickle = setInterval(() => {
    for (let i = 0; i < slow; i += 1) if (!sockets[i].destroyed) sockets[i].write('a');
  }, 1000);
  return {
    closedEarly: () => closedEarly,
    release() {
      released = true;
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
    },
  };
}

describe('slow and idle clients', () => {
  let server;
  let widget;
  before(async () => {
    const dir = tempDir('slow');
    widget = path.join(dir, 'smp');
    fs.mkdirSync(widget);
    fs.writeFileSync(path.join(widget, 'smp-consult.js'), 'export const widget = "smp";\n'.repeat(200));
    server = await startServer({
      config: writeConfig(dir), args: ['--widget', widget], env: { SMP_RATE_LIMIT_PER_MINUTE: '0' },
    });
  });
  after(async () => {
    await server?.stop();
  });

  test(`regression: a lead is accepted and the widget served while ${kSlow} slow and ${kIdle} idle connections are held`, async () => {
    const held = await holdConnections(server.url, kSlow, kIdle);
    try {
      await sleep(1500);  // the slow ones have trickled; on main they now hold every thread
      const lead = await request(`${server.url}/api/leads`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(makeLead()),
      });
      assert.equal(lead.status, 202, lead.body.toString());
      const js = await request(`${server.url}/smp/smp-consult.js`);
      assert.equal(js.status, 200);
      assert.equal(js.body.toString(), fs.readFileSync(path.join(widget, 'smp-consult.js'), 'utf8'));
      const health = await request(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      // Served while they were all still held, not after the relay dropped them.
      assert.equal(held.closedEarly(), 0, 'the relay closed held connections before the visitor was served');
    } finally {
      held.release();
    }
  });

  test('regression: a client that trickles its request head forever is cut off', async () => {
    const socket = await connect(server.url);
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    // A byte a second keeps any per-read timeout happy; only a whole-request deadline ends it.
    const trickle = setInterval(() => { if (!socket.destroyed) socket.write('a'); }, 1000);
    let timer;
    try {
      const outcome = await Promise.race([
        closed.then(() => 'closed'),
        new Promise((resolve) => { timer = setTimeout(() => resolve('still open'), 60000); }),
      ]);
      assert.equal(outcome, 'closed');
    } finally {
      clearTimeout(timer);
      clearInterval(trickle);
      socket.destroy();
    }
  });
});
