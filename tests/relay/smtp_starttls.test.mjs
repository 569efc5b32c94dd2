// STARTTLS for real: the SMTP server (aiosmtpd) offers STARTTLS with a self-signed certificate
// made by openssl for this run and refuses mail before it. The relay trusts that certificate
// only through SMTP_CA_FILE; without it the certificate is refused and nothing is sent. The
// "remote" server mail.clinic.example is the same server reached through SMP_SMTP_CONNECT_TO.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  makeLead, makeTestCertificate, postLead, runCli, startServer, startSmtp, tempDir, waitFor, writeConfig,
} from './helpers.mjs';

const host = 'mail.clinic.example';

function leadLine(server, leadId) {
  return runCli(['leads', 'list', '--data', server.dataDir]).stdout.split('\n').find((l) => l.startsWith(leadId)) ?? '';
}

describe('SMTP over STARTTLS with a test certificate', () => {
  let smtp;
  let certificate;
  let env;

  before(async () => {
    const dir = tempDir('starttls');
    certificate = makeTestCertificate(dir, host);
    smtp = await startSmtp({ starttls: certificate });
    env = { SMP_SMTP_CONNECT_TO: `${host}:${smtp.port}:127.0.0.1:${smtp.port}`, SMP_RETRY_MINUTE_MS: '60000' };
  });

  after(async () => { await smtp?.stop(); });

  test('regression: a remote server with STARTTLS, trusted through SMTP_CA_FILE, gets the lead over TLS', async () => {
    const server = await startServer({
      config: writeConfig(tempDir('starttls-ok')),
      smtpUrl: `smtp://${host}:${smtp.port}`,
      env: { ...env, SMTP_CA_FILE: certificate.cert },
    });
    try {
      assert.match(server.log(), /mail via SMTP smtp:\/\/mail\.clinic\.example:\d+ \(STARTTLS required\)/);
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202, reply.text);
      const mail = await waitFor(() => smtp.messages().find((m) => m.headers['x-smp-lead-id'] === reply.body.lead_id), 20000, 'the lead email');
      assert.equal(mail.tls, true, 'received after STARTTLS');
      await waitFor(() => /\[clinic: sent\]/.test(leadLine(server, reply.body.lead_id)), 10000, 'sent');
    } finally {
      await server.stop();
    }
  });

  test('a certificate the relay does not trust gets nothing, and leads list says why', async () => {
    const server = await startServer({
      config: writeConfig(tempDir('starttls-untrusted')),
      smtpUrl: `smtp://${host}:${smtp.port}`,
      env,
    });
    try {
      const before = smtp.messages().length;
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202, reply.text);
      const line = await waitFor(() => {
        const l = leadLine(server, reply.body.lead_id);
        return /last error/.test(l) && l;
      }, 20000, 'the failed delivery');
      assert.match(line, /clinic: retry/);
      assert.match(line, /certificate/i);
      assert.equal(smtp.messages().length, before, 'nothing was sent');
    } finally {
      await server.stop();
    }
  });

  test('a loopback server that offers STARTTLS gets the lead over TLS, not in clear', async () => {
    const dir = tempDir('starttls-loopback');
    const loopbackCertificate = makeTestCertificate(dir, '127.0.0.1');
    const loopback = await startSmtp({ starttls: loopbackCertificate });
    const server = await startServer({
      config: writeConfig(dir),
      smtpUrl: loopback.url,
      env: { SMTP_CA_FILE: loopbackCertificate.cert },
    });
    try {
      assert.match(server.log(), /\(STARTTLS if offered: loopback server\)/);
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202, reply.text);
      const mail = await waitFor(() => loopback.messages().find((m) => m.headers['x-smp-lead-id'] === reply.body.lead_id), 20000, 'the lead email');
      assert.equal(mail.tls, true, 'received after STARTTLS');
    } finally {
      await server.stop();
      await loopback.stop();
    }
  });

  test('an SMTP_CA_FILE that cannot be read stops serve, naming the variable', () => {
    const dir = tempDir('starttls-badca');
    const result = runCli(['serve', '--listen', '127.0.0.1:0', '--data', `${dir}/data`], undefined,
      { SMTP_URL: `smtp://${host}:25`, SMTP_CA_FILE: `${dir}/missing.pem` });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /^SMTP_CA_FILE: cannot read/m);
  });
});
