// Webhook durability: the relay is killed with SIGKILL 10 times while 200 leads are posted and
// the receiver flaps (200, 503, dropped connections). Every lead that got a 202 reaches the
// receiver; a lead arrives twice only with the same webhook-id (receivers de-duplicate by it);
// none is lost. Real relay, real SQLite file, a real Node receiver on 127.0.0.1.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  postUntilKilled, runCli, startServer, tempDir, waitFor, writeConfig,
} from './helpers.mjs';
import { makeSecret, startReceiver, verifySignature } from './webhook_receiver.mjs';

const kRounds = 10;
const kLeadsPerRound = 20;

test('kill -9 ten times while posting 200 leads to a flapping receiver: every 202 arrives, 0 lost', async () => {
  let mode = 'ok';
  const receiver = await startReceiver(() => {
    if (mode === 'ok') return { status: 200 };
    if (mode === 'busy') return { status: 503 };
    return 'reset';
  });
  const flapper = setInterval(() => {
    mode = ['ok', 'ok', 'busy', 'reset'][Math.floor(Math.random() * 4)];
  }, 120);
  const dir = tempDir('webhook-kill9');
  const secret = makeSecret();
  const config = writeConfig(dir, { lead: { webhooks: [{ url: receiver.url(), secret_env: 'KILL_TEST_SECRET' }] } });
  const dataDir = `${dir}/data`;
  const env = { SMP_RETRY_MINUTE_MS: '100', KILL_TEST_SECRET: secret };
  const acknowledged = new Set();
  let kills = 0;
  try {
    for (let round = 0; round < kRounds; round += 1) {
      const server = await startServer({ config, data: dataDir, env });
      await postUntilKilled(server, acknowledged, { killAfter: [100, 600], leads: kLeadsPerRound });
      kills += 1;
    }
    // A last, undisturbed run with a steady receiver delivers whatever is still queued.
    clearInterval(flapper);
    mode = 'ok';
    const server = await startServer({ config, data: dataDir, env });
    try {
      await waitFor(async () => {
        const c = (await (await fetch(`${server.url}/healthz`)).json()).outbox;
        return c.queued + c.sending + c.retry === 0;
      }, 120000, 'an empty outbox');
    } finally {
      await server.stop();
    }

    assert.equal(kills, kRounds);
    assert.ok(acknowledged.size > 0, 'some leads were acknowledged');
    const csv = runCli(['leads', 'export', '--data', dataDir]);
    assert.equal(csv.status, 0, csv.stderr);
    const stored = new Set(csv.stdout.trim().split('\r\n').slice(1).map((line) => line.split(',')[0]));
    for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged ${id} is stored`);

    // Every request carries a signature that verifies, and one webhook-id per lead.
    const idOfLead = new Map();
    for (const request of receiver.requests) {
      assert.ok(verifySignature(secret, request.headers, request.body), 'the signature verifies');
      const leadId = JSON.parse(request.body).data.lead_id;
      const webhookId = request.headers['webhook-id'];
      if (idOfLead.has(leadId)) assert.equal(idOfLead.get(leadId), webhookId, `${leadId}: one webhook-id`);
      idOfLead.set(leadId, webhookId);
    }
    const accepted = new Map();  // webhook-id -> times answered 2xx
    const leadOfAccepted = new Map();
    for (const request of receiver.accepted()) {
      const webhookId = request.headers['webhook-id'];
      accepted.set(webhookId, (accepted.get(webhookId) ?? 0) + 1);
      leadOfAccepted.set(JSON.parse(request.body).data.lead_id, webhookId);
    }
    const lost = [...acknowledged].filter((id) => !leadOfAccepted.has(id));
    assert.deepEqual(lost, [], 'every acknowledged lead reached the receiver');
    for (const leadId of leadOfAccepted.keys()) assert.ok(stored.has(leadId), `${leadId} was stored`);
    assert.equal(leadOfAccepted.size, stored.size, 'one accepted delivery per stored lead');
    // Only a kill between the receiver's 2xx and the outbox noting it makes a delivery
    // ambiguous: that one is posted again, with the same webhook-id.
    const duplicates = [...accepted.values()].reduce((sum, n) => sum + (n - 1), 0);
    assert.ok(duplicates <= kills, `duplicates ${duplicates} > kills ${kills}`);
    console.log(`# webhook kill -9: ${kills} kills, ${acknowledged.size} acknowledged, ${stored.size} stored, ` +
      `${receiver.requests.length} requests, ${leadOfAccepted.size} leads accepted, ${duplicates} duplicates (same webhook-id), ` +
      `${lost.length} lost`);
  } finally {
    clearInterval(flapper);
    await receiver.stop();
  }
});
