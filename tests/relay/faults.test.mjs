// Faults: SMTP down then up, kill -9 during a burst, an unwritable database. Every lead that got
// a 202 is delivered exactly once (counted by its stable Message-ID), none lost, none invented.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  freePort, makeLead, postLead, postUntilKilled, runCli, sleep, startServer, startSmtp, tempDir, waitFor, writeConfig,
} from './helpers.mjs';

const fastRetries = { SMP_RETRY_MINUTE_MS: '200' };  // the backoff schedule in 200 ms "minutes"

async function outboxCounts(url) {
  const response = await fetch(`${url}/healthz`);
  return (await response.json()).outbox;
}

function clinicDeliveries(smtp) {
  const byMessageId = new Map();
  for (const m of smtp.messages()) {
    const id = m.headers['message-id'];
    byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
  }
  return byMessageId;
}

function exportedLeadIds(dataDir) {
  const csv = runCli(['leads', 'export', '--data', dataDir]);
  assert.equal(csv.status, 0, csv.stderr);
  return new Set(csv.stdout.trim().split('\r\n').slice(1).map((line) => line.split(',')[0]));
}

describe('delivery faults', () => {
  test('SMTP down, then up: queued leads are delivered once', async () => {
    const dir = tempDir('smtpdown');
    const smtpPort = await freePort();
    const server = await startServer({
      config: writeConfig(dir), smtpUrl: `smtp://127.0.0.1:${smtpPort}`, env: fastRetries,
    });
    let smtp;
    try {
      const ids = [];
      for (let i = 0; i < 3; i += 1) {
        const reply = await postLead(server.url, makeLead());
        assert.equal(reply.status, 202, reply.text);
        ids.push(reply.body.lead_id);
      }
      await waitFor(async () => (await outboxCounts(server.url)).retry === 3, 10000, 'three retries');
      const list = runCli(['leads', 'list', '--data', server.dataDir]);
      assert.match(list.stdout, /retry \(\d+ attempts\)/);

      smtp = await startSmtp({ port: smtpPort });
      await waitFor(async () => (await outboxCounts(server.url)).sent === 3, 20000, 'three sent');
      await sleep(700);  // a few more backoff "minutes": nothing may be sent twice
      await smtp.settled();
      const deliveries = clinicDeliveries(smtp);
      assert.equal(deliveries.size, 3);
      for (const id of ids) assert.equal(deliveries.get(`<${id}.clinic@clinic.example>`), 1, id);
      assert.equal(smtp.messages().length, 3);
    } finally {
      await server.stop();
      await smtp?.stop();
    }
  });

  test('kill -9 at random moments during a burst: every 202 delivered exactly once', async () => {
    const dir = tempDir('kill9');
    const config = writeConfig(dir);
    const dataDir = `${dir}/data`;
    const smtp = await startSmtp();
    const acknowledged = new Set();
    let kills = 0;
    try {
      for (let round = 0; round < 4; round += 1) {
        const server = await startServer({ config, data: dataDir, smtpUrl: smtp.url, env: fastRetries });
        // 4 concurrent submitters; the server is killed at a random moment while they run.
        await postUntilKilled(server, acknowledged, { killAfter: [50, 450], leads: 160 });
        kills += 1;
      }
      // A last, undisturbed run delivers whatever is still queued.
      const server = await startServer({ config, data: dataDir, smtpUrl: smtp.url, env: fastRetries });
      try {
        await waitFor(async () => {
          const c = await outboxCounts(server.url);
          return c.queued + c.sending + c.retry === 0;
        }, 60000, 'an empty outbox');
      } finally {
        await server.stop();
      }
      await smtp.settled();
      assert.ok(acknowledged.size > 0, 'some leads were acknowledged');
      const stored = exportedLeadIds(dataDir);
      for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged ${id} is stored`);

      const deliveries = clinicDeliveries(smtp);
      for (const id of acknowledged) {
        assert.equal(deliveries.has(`<${id}.clinic@clinic.example>`), true, `${id} delivered`);
      }
      // Nothing is delivered that was not stored (leads whose 202 was lost in the kill are stored
      // and delivered too, once).
      for (const messageId of deliveries.keys()) {
        const leadId = messageId.slice(1, messageId.indexOf('.'));
        assert.ok(stored.has(leadId), `${messageId} belongs to a stored lead`);
      }
      assert.equal(deliveries.size, stored.size, 'one clinic email per stored lead');
      // A kill between the SMTP server's "250" and the outbox noting "sent" is ambiguous; that
      // message is resent with the same Message-ID, so at most one per kill arrives twice.
      const resent = [...deliveries.values()].reduce((sum, n) => sum + (n - 1), 0);
      assert.ok(resent <= kills, `resent ${resent} > kills ${kills}`);
      console.log(`# kill -9: ${kills} kills, ${acknowledged.size} acknowledged, ${stored.size} stored, ` +
        `${deliveries.size} delivered, ${resent} ambiguous resends (same Message-ID)`);
    } finally {
      await smtp.stop();
    }
  });

  test('an unwritable database answers 503 and acknowledges nothing it did not store', async () => {
    const dir = tempDir('dbfull');
    const config = writeConfig(dir);
    const dataDir = `${dir}/data`;
    // The file-size limit makes every SQLite write past ~300 KB fail, as a full disk would.
    const server = await startServer({ config, data: dataDir, shell: 'ulimit -f 300;' });
    const acknowledged = new Set();
    const refused = [];
    try {
      for (let i = 0; i < 40; i += 1) {
        const lead = makeLead();
        const reply = await postLead(server.url, lead);
        // A checkpoint can free room again, so a 202 may follow a 503: what matters is that each
        // answer tells the truth about the store.
        if (reply.status === 202) {
          acknowledged.add(reply.body.lead_id);
        } else {
          assert.equal(reply.status, 503, reply.text);
          assert.equal(reply.body.errors[0].code, 'storage_unavailable');
          refused.push(lead);
        }
      }
      assert.ok(refused.length > 0, 'the database filled up');
    } finally {
      await server.stop();
    }
    // Restarted without the limit: exactly the acknowledged leads exist, and a refused lead can
    // be sent again (its client_id was never taken).
    const again = await startServer({ config, data: dataDir });
    try {
      assert.deepEqual(exportedLeadIds(dataDir), acknowledged);
      for (const lead of refused.slice(0, 5)) {
        const retry = await postLead(again.url, lead);
        assert.equal(retry.status, 202, retry.text);
        assert.ok(!acknowledged.has(retry.body.lead_id), 'a refused lead was not stored');
      }
    } finally {
      await again.stop();
    }
  });
});

describe('SMTP credentials', () => {
  test('are never sent in clear: without STARTTLS the message waits and the error is logged', async () => {
    const dir = tempDir('cleartext');
    const smtp = await startSmtp();  // plain SMTP, no STARTTLS offered
    const server = await startServer({
      config: writeConfig(dir), smtpUrl: smtp.url, env: { ...fastRetries, SMTP_USER: 'me', SMTP_PASSWORD: 'secret' },
    });
    try {
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202);
      await waitFor(async () => (await outboxCounts(server.url)).retry === 1, 10000, 'a retry');
      assert.equal(smtp.messages().length, 0);
      // The worker logs the failure just after it stored the retry: wait for the line too.
      await waitFor(() => /will retry/.test(server.log()), 10000, 'the retry logged');
      assert.doesNotMatch(server.log(), /secret/);
    } finally {
      await server.stop();
      await smtp.stop();
    }
  });

  test('a URL with credentials in it is refused at startup', async () => {
    const dir = tempDir('urlcreds');
    const result = runCli(['serve', '--config', writeConfig(dir, { lead: { smtp_url: 'smtp://me:secret@127.0.0.1:25' } }),
      '--listen', '127.0.0.1:0', '--data', `${dir}/data`]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /SMTP_USER/);
  });
});
