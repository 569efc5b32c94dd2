// Leads can carry health data, so the relay sends them to an SMTP server only over TLS, except
// to a server on this machine (loopback) or with the clinic's explicit SMTP_ALLOW_PLAINTEXT=1.
// The SMTP sink offers no STARTTLS; a "remote" server is the same sink reached through a
// host name (SMP_SMTP_CONNECT_TO), so no network is needed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  makeLead, postLead, runCli, startServer, startSmtp, tempDir, waitFor, writeConfig,
} from './helpers.mjs';

function leadsList(server) {
  return runCli(['leads', 'list', '--data', server.dataDir]).stdout;
}

describe('SMTP TLS rule', () => {
  let smtp;
  before(async () => { smtp = await startSmtp(); });
  after(async () => { await smtp?.stop(); });

  test('a plaintext SMTP server on 127.0.0.1 still gets the leads (loopback)', async () => {
    const dir = tempDir('tls-loopback');
    const server = await startServer({ config: writeConfig(dir), smtpUrl: smtp.url });
    try {
      assert.match(server.log(), /mail via SMTP smtp:\/\/127\.0\.0\.1:\d+ \(STARTTLS if offered: loopback server\)/);
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202, reply.text);
      await waitFor(() => smtp.messages().some((m) => m.headers['x-smp-lead-id'] === reply.body.lead_id), 15000, 'the lead email');
    } finally {
      await server.stop();
    }
  });

  test('regression: a non-loopback server without STARTTLS is refused, with a clear error', async () => {
    const dir = tempDir('tls-remote');
    const url = `smtp://mail.clinic.example:${smtp.port}`;
    const server = await startServer({
      config: writeConfig(dir),
      smtpUrl: url,
      env: { SMP_SMTP_CONNECT_TO: `mail.clinic.example:${smtp.port}:127.0.0.1:${smtp.port}`, SMP_RETRY_MINUTE_MS: '60000' },
    });
    try {
      assert.match(server.log(), /mail via SMTP smtp:\/\/mail\.clinic\.example:\d+ \(STARTTLS required\)/);
      const before = smtp.messages().length;
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202, reply.text);
      const line = await waitFor(() => leadsList(server).split('\n').find((l) => l.startsWith(reply.body.lead_id) && l.includes('last error')), 15000, 'the failed delivery');
      assert.match(line, /retry/);
      assert.match(line, /TLS required: the SMTP server mail\.clinic\.example offers no STARTTLS/);
      assert.match(line, /SMTP_ALLOW_PLAINTEXT=1/);
      assert.match(server.log(), /TLS required/);
      assert.equal(smtp.messages().length, before, 'nothing was sent in clear');
    } finally {
      await server.stop();
    }
  });

  test('with SMTP_ALLOW_PLAINTEXT=1 the clinic opts out explicitly, and is warned', async () => {
    const dir = tempDir('tls-optout');
    const server = await startServer({
      config: writeConfig(dir),
      smtpUrl: `smtp://mail.clinic.example:${smtp.port}`,
      env: { SMP_SMTP_CONNECT_TO: `mail.clinic.example:${smtp.port}:127.0.0.1:${smtp.port}`, SMTP_ALLOW_PLAINTEXT: '1' },
    });
    try {
      assert.match(server.log(), /warning: SMTP_ALLOW_PLAINTEXT is set/);
      assert.match(server.log(), /\(STARTTLS if offered: SMTP_ALLOW_PLAINTEXT\)/);
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202, reply.text);
      await waitFor(() => smtp.messages().some((m) => m.headers['x-smp-lead-id'] === reply.body.lead_id), 15000, 'the lead email');
    } finally {
      await server.stop();
    }
  });

  test('an SMTP_ALLOW_PLAINTEXT that is not a yes/no stops serve, naming the variable', () => {
    const dir = tempDir('tls-badflag');
    const result = runCli(['serve', '--listen', '127.0.0.1:0', '--data', `${dir}/data`], undefined,
      { SMTP_URL: 'smtp://mail.clinic.example:25', SMTP_ALLOW_PLAINTEXT: 'maybe' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /^SMTP_ALLOW_PLAINTEXT: expected 1\/true\/yes or 0\/false\/no, got "maybe"/m);
  });
});
