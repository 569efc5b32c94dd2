// Behind the clinic's reverse proxy every connection comes from the proxy: the rate limit must
// key on the visitor the trusted proxy names (X-Forwarded-For / Forwarded), and from anyone
// else those headers must be ignored. The real relay over HTTP.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { makeLead, postLead, runCli, startServer, tempDir, writeConfig } from './helpers.mjs';

async function statuses(server, headersList) {
  const out = [];
  for (const headers of headersList) out.push((await postLead(server.url, makeLead(), { headers })).status);
  return out;
}

describe('rate limit behind a trusted reverse proxy (lead.trusted_proxies)', () => {
  let server;
  before(async () => {
    const dir = tempDir('proxy');
    // The tests connect from 127.0.0.1: that is "the proxy" here.
    server = await startServer({
      config: writeConfig(dir, { lead: { rate_limit_per_minute: 2, trusted_proxies: ['127.0.0.1', '10.0.0.0/8'] } }),
    });
  });
  after(async () => { await server?.stop(); });

  test('regression: one visitor behind the proxy no longer blocks every other visitor', async () => {
    const a = { 'X-Forwarded-For': '203.0.113.1' };
    const b = { 'X-Forwarded-For': '203.0.113.2' };
    assert.deepEqual(await statuses(server, [a, a, a]), [202, 202, 429]);
    assert.deepEqual(await statuses(server, [b, b]), [202, 202], 'another visitor has its own budget');
  });

  test('the right-most untrusted address counts: a forged left-hand entry changes nothing', async () => {
    const c = { 'X-Forwarded-For': '203.0.113.3' };
    assert.deepEqual(await statuses(server, [c, c]), [202, 202]);
    const forged = { 'X-Forwarded-For': '198.51.100.77, 203.0.113.3, 10.0.0.5' };
    assert.deepEqual(await statuses(server, [forged]), [429]);
  });

  test('RFC 7239 Forwarded is read when there is no X-Forwarded-For', async () => {
    const d = { Forwarded: 'for="[2001:db8::d]:4711";proto=https' };
    assert.deepEqual(await statuses(server, [d, d, d]), [202, 202, 429]);
    const e = { Forwarded: 'for=203.0.113.5;proto=https' };
    assert.deepEqual(await statuses(server, [e]), [202]);
  });
});

describe('rate limit without trusted proxies', () => {
  let server;
  before(async () => {
    const dir = tempDir('noproxy');
    server = await startServer({ config: writeConfig(dir, { lead: { rate_limit_per_minute: 2 } }) });
  });
  after(async () => { await server?.stop(); });

  test('X-Forwarded-For from an untrusted peer is ignored (anyone could send it)', async () => {
    const got = await statuses(server, [
      { 'X-Forwarded-For': '203.0.113.1' },
      { 'X-Forwarded-For': '203.0.113.2' },
      { 'X-Forwarded-For': '203.0.113.3', Forwarded: 'for=203.0.113.4' },
    ]);
    assert.deepEqual(got, [202, 202, 429]);
  });
});

describe('SMP_TRUSTED_PROXIES', () => {
  test('the environment sets the trusted proxies (over the config)', async () => {
    const dir = tempDir('proxyenv');
    const server = await startServer({
      config: writeConfig(dir, { lead: { rate_limit_per_minute: 1 } }),
      env: { SMP_TRUSTED_PROXIES: '10.9.0.0/16, 127.0.0.1' },
    });
    try {
      const got = await statuses(server, [
        { 'X-Forwarded-For': '203.0.113.1' },
        { 'X-Forwarded-For': '203.0.113.2' },
        { 'X-Forwarded-For': '203.0.113.1' },
      ]);
      assert.deepEqual(got, [202, 202, 429]);
    } finally {
      await server.stop();
    }
  });

  test('an unparsable SMP_TRUSTED_PROXIES stops serve with a message naming it', () => {
    const dir = tempDir('proxybad');
    const result = runCli(['serve', '--listen', '127.0.0.1:0', '--data', `${dir}/data`], undefined,
      { SMP_TRUSTED_PROXIES: '127.0.0.1,proxy.internal' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /^SMP_TRUSTED_PROXIES: "proxy\.internal" is not an IP address or CIDR range/m);
  });
});

describe('lead.trusted_proxies in the config', () => {
  test('every bad entry is reported with its JSON pointer, by validate and by serve', () => {
    const dir = tempDir('proxyconfig');
    const file = `${dir}/clinic.json`;
    fs.writeFileSync(file, JSON.stringify({ lead: { trusted_proxies: ['10.0.0.0/8', 'proxy.internal', '10.0.0.1/33', 7] } }));
    for (const args of [['validate', file], ['serve', '--config', file, '--listen', '127.0.0.1:0', '--data', `${dir}/data`]]) {
      const result = runCli(args);
      assert.equal(result.status, 1, result.stderr);
      const lines = result.stderr.trim().split('\n');
      assert.ok(lines.some((l) => l.startsWith('/lead/trusted_proxies/1: not an IP address or CIDR range')), result.stderr);
      assert.ok(lines.some((l) => l.startsWith('/lead/trusted_proxies/2: ')), result.stderr);
      assert.ok(lines.some((l) => l.startsWith('/lead/trusted_proxies/3: ')), result.stderr);
      assert.ok(!lines.some((l) => l.startsWith('/lead/trusted_proxies/0')), result.stderr);
    }
  });

  test('the trusted proxies are not published in /smp/clinic.json', async () => {
    const dir = tempDir('proxypublic');
    const server = await startServer({ config: writeConfig(dir, { lead: { trusted_proxies: ['10.0.0.0/8'] } }) });
    try {
      const published = await (await fetch(`${server.url}/smp/clinic.json`)).json();
      assert.equal(published.lead.trusted_proxies, undefined);
    } finally {
      await server.stop();
    }
  });
});
