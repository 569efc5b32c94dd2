// What the relay does with an SMTP server's refusals (RFC 5321 §4.2.1), against the real SMTP
// server told how to answer: 4xx = try again later (the lead stays queued, backing off), 5xx =
// refused for good (a dead letter at once, shown by `leads list` with the server's own reply,
// resent by `leads retry ID`). Nothing is ever dropped silently.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { makeLead, postLead, runCli, sleep, startServer, startSmtp, tempDir, waitFor, writeConfig } from './helpers.mjs';

function leadLine(server, leadId) {
  const result = runCli(['leads', 'list', '--data', server.dataDir]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\n').find((l) => l.startsWith(leadId)) ?? '';
}

function delivered(smtp, leadId) {
  return smtp.messages().filter((m) => m.headers['x-smp-lead-id'] === leadId);
}

describe('SMTP replies 4xx and 5xx', () => {
  let smtp;
  let server;

  before(async () => {
    smtp = await startSmtp();
    // A backoff "minute" of 200 ms: retries come within a second or two.
    server = await startServer({
      config: writeConfig(tempDir('smtp-replies')),
      smtpUrl: smtp.url,
      env: { SMP_RETRY_MINUTE_MS: '200' },
    });
  });

  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('4xx: the lead stays queued, retried with backoff, with the server\'s reply shown; delivered once the server accepts', async () => {
    smtp.reply('DATA 451 4.3.0 Mailbox busy, try again later');
    try {
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202, reply.text);
      const id = reply.body.lead_id;
      const line = await waitFor(() => {
        const l = leadLine(server, id);
        return /clinic: retry \(([3-9]|\d\d+) attempts\)/.test(l) && l;
      }, 30000, 'three failed attempts');
      assert.match(line, /last error: SMTP server replied "451 4\.3\.0 Mailbox busy, try again later"/);
      assert.doesNotMatch(line, /dead/);
      assert.equal(delivered(smtp, id).length, 0);
      await waitFor(() => /will retry: SMTP server replied "451 4\.3\.0 Mailbox busy/.test(server.log()), 10000, 'the logged 4xx');
      smtp.reply(null);
      await waitFor(() => delivered(smtp, id).length === 1, 30000, 'the delivery after the 4xx');
      await waitFor(() => /\[clinic: sent\]/.test(leadLine(server, id)), 10000, 'sent in leads list');
      assert.doesNotMatch(leadLine(server, id), /last error/);
    } finally {
      smtp.reply(null);
    }
  });

  test('regression: 5xx to RCPT is a dead letter at once, listed with the server\'s reply, and `leads retry` resends it', async () => {
    smtp.reply('RCPT 550 5.1.1 <leads@clinic.example>: Recipient address rejected');
    let id;
    try {
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202, reply.text);
      id = reply.body.lead_id;
      const line = await waitFor(() => {
        const l = leadLine(server, id);
        return /clinic: dead/.test(l) && l;
      }, 20000, 'the dead letter');
      assert.match(line, /clinic: dead \(1 attempts\)/);
      assert.match(line, /last error: SMTP server replied "550 5\.1\.1 <leads@clinic\.example>: Recipient address rejected"/);
      await waitFor(() => /ERROR: the SMTP server REFUSED .* leads retry/.test(server.log()), 10000, 'the logged refusal');
      // Not retried: a few backoff "minutes" later it is still one attempt.
      await sleep(1500);
      assert.match(leadLine(server, id), /clinic: dead \(1 attempts\)/);
      assert.equal(delivered(smtp, id).length, 0);
    } finally {
      smtp.reply(null);
    }
    const retry = runCli(['leads', 'retry', id, '--data', server.dataDir]);
    assert.equal(retry.status, 0, retry.stderr);
    assert.match(retry.stdout, /queued again/);
    await waitFor(() => delivered(smtp, id).length === 1, 20000, 'the delivery after leads retry');
    await waitFor(() => /\[clinic: sent\]/.test(leadLine(server, id)), 10000, 'sent in leads list');
    const again = runCli(['leads', 'retry', id, '--data', server.dataDir]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /nothing to retry/);
  });

  test('regression: 5xx to the message itself (after DATA) is a dead letter too, never dropped', async () => {
    smtp.reply('DATA 554 5.6.0 Message content rejected');
    try {
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202, reply.text);
      const line = await waitFor(() => {
        const l = leadLine(server, reply.body.lead_id);
        return /clinic: dead/.test(l) && l;
      }, 20000, 'the dead letter');
      assert.match(line, /last error: SMTP server replied "554 5\.6\.0 Message content rejected"/);
      const exported = runCli(['leads', 'export', '--data', server.dataDir]);
      assert.match(exported.stdout.split('\r\n').find((l) => l.startsWith(reply.body.lead_id)), /dead.*554 5\.6\.0/);
    } finally {
      smtp.reply(null);
    }
  });

  test('leads retry names an unknown lead', () => {
    const result = runCli(['leads', 'retry', 'L-NOSUCHLEAD', '--data', server.dataDir]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /L-NOSUCHLEAD: no such lead/);
  });
});
