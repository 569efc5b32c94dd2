// Webhooks (SPEC §8): each accepted lead is also POSTed, signed per Standard Webhooks, to every
// configured endpoint, through the same durable outbox as the email. Real relay over HTTP, a
// real Node receiver on 127.0.0.1, the real SQLite file; signatures verified with node:crypto.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';

import {
  binary, makeLead, postLead, runCli, sleep, startServer, startSmtp, tempDir, waitFor, writeConfig,
} from './helpers.mjs';
import { makeSecret, startReceiver, verifySignature } from './webhook_receiver.mjs';

const fastRetries = { SMP_RETRY_MINUTE_MS: '200' };  // the backoff schedule in 200 ms "minutes"

async function outboxCounts(url) {
  return (await (await fetch(`${url}/healthz`)).json()).outbox;
}

function leadsList(dataDir) {
  const list = runCli(['leads', 'list', '--data', dataDir]);
  assert.equal(list.status, 0, list.stderr);
  return list.stdout;
}

function lineOf(listing, leadId) {
  return listing.split('\n').find((l) => l.startsWith(leadId)) ?? '';
}

// runCli without blocking the event loop: the receiver in this process must answer meanwhile.
function runCliAsync(args, env) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

// A relay with the given webhooks ({url, include_health?, secret?}); returns its secrets too.
async function startRelay(hooks, { data, env = {}, smtpUrl } = {}) {
  const dir = tempDir('webhooks');
  const secrets = {};
  const webhooks = hooks.map((hook, i) => {
    const name = `TEST_WEBHOOK_SECRET_${i}`;
    secrets[name] = hook.secret ?? makeSecret();
    return { url: hook.url, secret_env: name, events: ['lead.created'], include_health: hook.include_health ?? false };
  });
  const config = writeConfig(dir, { lead: { webhooks } });
  const server = await startServer({ config, data, smtpUrl, env: { ...fastRetries, ...secrets, ...env } });
  return { server, secrets: Object.values(secrets), config, dir };
}

describe('webhooks', () => {
  test('503 twice then 200: one accepted delivery per lead, one webhook-id, signatures verify', async () => {
    const receiver = await startReceiver((request, attempt) => {
      if (attempt === 1) return { status: 503 };
      if (attempt === 2) return { status: 503, headers: { 'Retry-After': '1' } };
      return { status: 200 };
    });
    const { server, secrets: [secret] } = await startRelay([{ url: receiver.url() }]);
    try {
      const ids = [];
      for (let i = 0; i < 3; i += 1) {
        const reply = await postLead(server.url, makeLead());
        assert.equal(reply.status, 202, reply.text);
        ids.push(reply.body.lead_id);
      }
      await waitFor(() => receiver.accepted().length === 3, 30000, 'three accepted deliveries');
      await waitFor(async () => (await outboxCounts(server.url)).sent === 6, 10000, 'emails and webhooks sent');
      await sleep(1000);  // several backoff "minutes": nothing may be posted again
      assert.equal(receiver.accepted().length, 3);
      assert.equal(receiver.requests.length, 9, 'three attempts per lead');

      for (const leadId of ids) {
        const attempts = receiver.requests.filter((r) => JSON.parse(r.body).data.lead_id === leadId);
        assert.equal(attempts.length, 3, leadId);
        assert.deepEqual(attempts.map((r) => r.answer), [503, 503, 200]);
        const webhookIds = new Set(attempts.map((r) => r.headers['webhook-id']));
        assert.equal(webhookIds.size, 1, 'the same webhook-id on every attempt');
        assert.match([...webhookIds][0], /^msg_/);
        for (const attempt of attempts) {
          assert.equal(attempt.headers['content-type'], 'application/json');
          assert.ok(verifySignature(secret, attempt.headers, attempt.body), 'the signature verifies');
          // webhook-timestamp: seconds, of this attempt.
          const stamp = Number(attempt.headers['webhook-timestamp']);
          assert.ok(Math.abs(stamp * 1000 - attempt.at) < 5000, `timestamp ${stamp} of the attempt`);
          assert.ok(!verifySignature(makeSecret(), attempt.headers, attempt.body), 'another secret does not verify');
          assert.ok(!verifySignature(secret, attempt.headers, `${attempt.body} `), 'a changed body does not verify');
        }
        // Retry-After: 1 on the second 503 is honoured (the backoff alone would be 400 ms).
        assert.ok(attempts[2].at - attempts[1].at >= 950, `retried after ${attempts[2].at - attempts[1].at} ms`);
        // Every attempt posts the same bytes, built when the lead was committed.
        assert.equal(new Set(attempts.map((r) => r.body)).size, 1);
      }
      const listing = leadsList(server.dataDir);
      for (const leadId of ids) {
        assert.match(lineOf(listing, leadId), new RegExp(`clinic: sent; webhook ${receiver.url()}: sent`));
      }
    } finally {
      await server.stop();
      await receiver.stop();
    }
  });

  test('the payload: the lead, the clinic email\'s figures, answers.medical only with consent and include_health', async () => {
    const receiver = await startReceiver();
    const smtp = await startSmtp();
    const { server } = await startRelay([
      { url: receiver.url('/with-health'), include_health: true },
      { url: receiver.url('/without-health') },
    ], { smtpUrl: smtp.url });
    try {
      const healthLead = makeLead({
        consent: { health_data: true },
        answers: { age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved',
          medical: { keloid_prone: false, diabetes: 'controlled' } },
      });
      const noHealthLead = makeLead({ contact: { name: 'Bo Jensen', email: 'bo@example.org', phone: '', preferred_contact: 'email' } });
      const health = await postLead(server.url, healthLead);
      const noHealth = await postLead(server.url, noHealthLead);
      assert.equal(health.status, 202, health.text);
      assert.equal(noHealth.status, 202, noHealth.text);
      await waitFor(() => receiver.accepted().length === 4, 15000, 'four deliveries');
      const payload = (leadId, pathName) => JSON.parse(receiver.requests
        .find((r) => r.path === pathName && JSON.parse(r.body).data.lead_id === leadId).body);

      const full = payload(health.body.lead_id, '/with-health');
      assert.equal(full.type, 'lead.created');
      assert.ok(!Number.isNaN(Date.parse(full.timestamp)));
      const { data } = full;
      assert.equal(data.lead_id, health.body.lead_id);
      assert.equal(data.received_at, full.timestamp);
      assert.equal(data.locale, 'en');
      assert.deepEqual(data.contact, { name: 'Ana García', email: 'ana@example.org', phone: '+34 600 123 456', preferred_contact: 'email' });
      assert.equal(data.consent.health_data, true);
      assert.equal(data.consent.contact, true);
      assert.equal(data.verdict, 'good_candidate');
      assert.ok(Array.isArray(data.reasons));
      assert.deepEqual(data.utm, { source: 'google', medium: 'cpc', campaign: 'spring' });
      assert.equal(data.page_url, 'https://clinic.example/smp?utm_source=google');
      assert.deepEqual(data.answers.medical, { keloid_prone: false, diabetes: 'controlled' });
      assert.equal(data.answers.desired_look, 'shaved');
      assert.ok(Array.isArray(data.plan.sessions));
      // The estimate is the figure the clinic's email shows (the core's display rounding).
      await waitFor(() => smtp.messages().some((m) => m.headers['x-smp-lead-id'] === health.body.lead_id), 10000, 'the email');
      const email = smtp.messages().find((m) => m.headers['x-smp-lead-id'] === health.body.lead_id);
      assert.ok(data.estimate.text, JSON.stringify(data.estimate));
      assert.ok(email.text.includes(`: ${data.estimate.text}`), `the email shows ${data.estimate.text}:\n${email.text}`);
      assert.equal(data.estimate.currency, 'USD');
      assert.equal(data.estimate.low % data.estimate.round_to, 0);

      const partial = payload(health.body.lead_id, '/without-health');
      assert.equal(partial.data.answers.medical, undefined, 'include_health false: no answers.medical');
      assert.equal(partial.data.answers.desired_look, 'shaved');
      assert.deepEqual(partial.data.contact, data.contact);

      const noConsent = payload(noHealth.body.lead_id, '/with-health');
      assert.equal(noConsent.data.consent.health_data, false);
      assert.equal(noConsent.data.answers.medical, undefined, 'no consent: no answers.medical');
      assert.ok(!JSON.stringify(noConsent).includes('medical"'), 'nothing medical at all');
      assert.equal(noConsent.data.contact.name, 'Bo Jensen');

      // The webhook settings are the relay's own: not in the config the browser gets.
      const publicConfig = await (await fetch(`${server.url}/smp/clinic.json`)).text();
      assert.ok(!publicConfig.includes('webhooks'), publicConfig);
      assert.ok(!publicConfig.includes(String(receiver.port)));
    } finally {
      await server.stop();
      await receiver.stop();
      await smtp.stop();
    }
  });

  test('410 disables the webhook: later deliveries are kept as disabled, not attempted; leads retry enables it', async () => {
    let gone = true;
    const receiver = await startReceiver(() => ({ status: gone ? 410 : 200 }));
    const { server } = await startRelay([{ url: receiver.url() }]);
    try {
      const first = await postLead(server.url, makeLead());
      await waitFor(() => server.log().includes('DISABLED'), 10000, 'the log line');
      assert.match(server.log(), new RegExp(`webhook ${receiver.url()} answered 410 Gone .*DISABLED`));
      const second = await postLead(server.url, makeLead());
      await waitFor(async () => (await outboxCounts(server.url)).disabled === 2, 10000, 'two disabled deliveries');
      await waitFor(() => fs.existsSync(path.join(server.dataDir, 'mail', `${second.body.lead_id}-clinic.eml`)), 10000, 'the email');
      await sleep(1000);
      assert.equal(receiver.requests.length, 1, 'nothing posted to a disabled webhook');
      const listing = leadsList(server.dataDir);
      assert.match(lineOf(listing, first.body.lead_id), /clinic: sent; webhook .*: disabled \(1 attempts\)\].*HTTP 410 Gone/);
      assert.match(lineOf(listing, second.body.lead_id), /webhook .*: disabled\]/);
      assert.match(listing, new RegExp(`webhook ${receiver.url()} DISABLED since .*410 Gone`));

      gone = false;
      const retry = runCli(['leads', 'retry', second.body.lead_id, '--data', server.dataDir]);
      assert.equal(retry.status, 0, retry.stderr);
      await waitFor(() => receiver.accepted().length === 1, 15000, 'the retried delivery');
      assert.equal(JSON.parse(receiver.accepted()[0].body).data.lead_id, second.body.lead_id);
      const third = await postLead(server.url, makeLead());
      await waitFor(() => receiver.accepted().length === 2, 15000, 'a new lead after the webhook is enabled');
      assert.equal(JSON.parse(receiver.accepted()[1].body).data.lead_id, third.body.lead_id);
      assert.doesNotMatch(leadsList(server.dataDir), /DISABLED since/);
      assert.match(lineOf(leadsList(server.dataDir), first.body.lead_id), /disabled/, 'the first stays kept until retried');
    } finally {
      await server.stop();
      await receiver.stop();
    }
  });

  test('400 is not retried: a dead delivery, shown by leads list, requeued by leads retry', async () => {
    let status = 400;
    const receiver = await startReceiver(() => ({ status }));
    const { server } = await startRelay([{ url: receiver.url() }]);
    try {
      const reply = await postLead(server.url, makeLead());
      await waitFor(async () => (await outboxCounts(server.url)).dead === 1, 10000, 'a dead delivery');
      await sleep(1500);  // many backoff "minutes"
      assert.equal(receiver.requests.length, 1, 'exactly one attempt');
      assert.match(server.log(), /REFUSED msg_.*HTTP 400/);
      const line = lineOf(leadsList(server.dataDir), reply.body.lead_id);
      assert.match(line, /clinic: sent; webhook .*: dead \(1 attempts\)\].*last error: HTTP 400/);

      status = 200;
      const retry = runCli(['leads', 'retry', reply.body.lead_id, '--data', server.dataDir]);
      assert.equal(retry.status, 0, retry.stderr);
      await waitFor(() => receiver.accepted().length === 1, 15000, 'the retried delivery');
      assert.equal(receiver.requests[0].headers['webhook-id'], receiver.requests[1].headers['webhook-id']);
      await waitFor(() => lineOf(leadsList(server.dataDir), reply.body.lead_id).includes('webhook') &&
        /webhook [^\]]*: sent\]/.test(lineOf(leadsList(server.dataDir), reply.body.lead_id)), 10000, 'sent in leads list');
    } finally {
      await server.stop();
      await receiver.stop();
    }
  });

  test('a receiver that never answers delays neither the email nor another webhook', async () => {
    const hanging = await startReceiver(() => 'hang');
    const healthy = await startReceiver();
    const { server } = await startRelay([{ url: hanging.url() }, { url: healthy.url() }]);
    try {
      const reply = await postLead(server.url, makeLead());
      assert.equal(reply.status, 202);
      await waitFor(() => hanging.pending() === 1, 10000, 'the hanging request');
      const eml = path.join(server.dataDir, 'mail', `${reply.body.lead_id}-clinic.eml`);
      await waitFor(() => fs.existsSync(eml), 10000, 'the email');
      await waitFor(() => healthy.accepted().length === 1, 10000, 'the other webhook');
      // Both arrived while the first webhook's attempt is still open.
      assert.equal(hanging.pending(), 1, 'the first webhook is still waiting');
      const line = lineOf(leadsList(server.dataDir), reply.body.lead_id);
      assert.match(line, /clinic: sent/);
      assert.match(line, new RegExp(`webhook ${hanging.url()}: sending`));
      assert.match(line, new RegExp(`webhook ${healthy.url()}: sent`));
    } finally {
      await server.stop();
      await hanging.stop();
      await healthy.stop();
    }
  });

  test('a missing or malformed secret stops serve, naming the variable and never its value', async () => {
    const dir = tempDir('webhook-secret');
    const config = writeConfig(dir, { lead: { webhooks: [{ url: 'https://crm.example/hook', secret_env: 'CRM_HOOK_SECRET' }] } });
    const missing = runCli(['serve', '--config', config, '--listen', '127.0.0.1:0', '--data', `${dir}/data`], '', { CRM_HOOK_SECRET: '' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^\/lead\/webhooks\/0\/secret_env: the environment variable CRM_HOOK_SECRET is not set/m);
    for (const bad of ['hunter2-not-a-secret', 'whsec_', 'whsec_c2hvcnQ=', 'whsec_!!!!']) {
      const result = runCli(['serve', '--config', config, '--listen', '127.0.0.1:0', '--data', `${dir}/data`], '', { CRM_HOOK_SECRET: bad });
      assert.equal(result.status, 1, bad);
      assert.match(result.stderr, /CRM_HOOK_SECRET is not a Standard Webhooks secret/, bad);
      if (bad.length > 'whsec_'.length) assert.ok(!result.stderr.includes(bad), 'the value is never printed');
    }
  });

  test('webhooks test sends one signed sample to each webhook and says how each answered', async () => {
    const ok = await startReceiver();
    const failing = await startReceiver(() => ({ status: 500 }));
    const dir = tempDir('webhooks-test');
    const secret = makeSecret();
    const config = writeConfig(dir, { lead: { webhooks: [
      { url: ok.url(), secret_env: 'HOOK_A', include_health: true },
      { url: failing.url(), secret_env: 'HOOK_B' },
    ] } });
    try {
      const result = await runCliAsync(['webhooks', 'test', '--config', config], { HOOK_A: secret, HOOK_B: makeSecret() });
      assert.equal(result.status, 1, 'one failed');
      assert.match(result.stdout, new RegExp(`^${ok.url()}: ok`, 'm'));
      assert.match(result.stdout, new RegExp(`^${failing.url()}: FAILED: HTTP 500`, 'm'));
      assert.equal(ok.requests.length, 1);
      assert.equal(failing.requests.length, 1, 'a test is sent once, not retried');
      const [request] = ok.requests;
      assert.ok(verifySignature(secret, request.headers, request.body));
      const sample = JSON.parse(request.body);
      assert.equal(sample.type, 'lead.created');
      assert.match(request.headers['webhook-id'], /^msg_test_/);
      assert.ok(sample.data.contact.email.endsWith('@example.com'));
      assert.ok(sample.data.answers.medical, 'include_health: the sample shows answers.medical');
      assert.equal(JSON.parse(failing.requests[0].body).data.answers.medical, undefined);

      const allOk = await runCliAsync(['webhooks', 'test', '--config', writeConfig(dir, { lead: { webhooks: [{ url: ok.url(), secret_env: 'HOOK_A' }] } })],
        { HOOK_A: secret });
      assert.equal(allOk.status, 0, allOk.stdout + allOk.stderr);
    } finally {
      await ok.stop();
      await failing.stop();
    }
  });
});

describe('the README\'s verification examples', () => {
  // The Node and Python snippets of README.md "Webhooks", run as written on a real delivery.
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const snippet = (marker, language) => {
    const match = readme.match(new RegExp(`<!-- ${marker} -->\\n\`\`\`${language}\\n([\\s\\S]*?)\`\`\``));
    assert.ok(match, `README has the ${marker} example`);
    return match[1];
  };

  test('verify a real delivery in Node and in Python, and refuse a forged one', async () => {
    const receiver = await startReceiver();
    const { server, secrets: [secret] } = await startRelay([{ url: receiver.url() }]);
    const dir = tempDir('readme-verify');
    try {
      await postLead(server.url, makeLead());
      await waitFor(() => receiver.accepted().length === 1, 10000, 'a delivery');
      const [request] = receiver.accepted();
      const forged = { ...request.headers, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}` };

      fs.writeFileSync(path.join(dir, 'verify.mjs'), snippet('webhook-verify-node', 'js'));
      const { verifyWebhook } = await import(path.join(dir, 'verify.mjs'));
      assert.equal(verifyWebhook(secret, request.headers, request.body), true);
      assert.equal(verifyWebhook(secret, forged, request.body), false);
      assert.equal(verifyWebhook(secret, request.headers, request.body.replace('lead.created', 'lead.createx')), false);

      fs.writeFileSync(path.join(dir, 'verify.py'), `${snippet('webhook-verify-python', 'python')}
import json, sys
case = json.load(sys.stdin)
print(verify_webhook(case["secret"], case["headers"], case["body"].encode()))
`);
      const python = (headers) => spawnSync('/usr/bin/python3', [path.join(dir, 'verify.py')],
        { input: JSON.stringify({ secret, headers, body: request.body }), encoding: 'utf8', timeout: 30000 });
      const good = python(request.headers);
      assert.equal(good.stdout.trim(), 'True', good.stderr);
      assert.equal(python(forged).stdout.trim(), 'False');
    } finally {
      await server.stop();
      await receiver.stop();
    }
  });
});
