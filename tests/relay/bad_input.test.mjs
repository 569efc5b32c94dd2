// Bad input: each gets the right status and a clear JSON error, and nothing is sent.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { makeLead, postLead, runCli, sleep, startServer, startSmtp, tempDir, writeConfig } from './helpers.mjs';

function assertJsonError(reply, status, code) {
  assert.equal(reply.status, status, reply.text);
  assert.ok(reply.body && Array.isArray(reply.body.errors), `JSON errors in ${reply.text}`);
  assert.ok(reply.body.errors.length > 0);
  for (const error of reply.body.errors) {
    assert.equal(typeof error.pointer, 'string');
    assert.equal(typeof error.code, 'string');
    assert.equal(typeof error.message, 'string');
  }
  if (code) assert.ok(reply.body.errors.some((e) => e.code === code), `${code} in ${reply.text}`);
}

describe('bad input to POST /api/leads', () => {
  let smtp;
  let server;

  before(async () => {
    const dir = tempDir('bad');
    smtp = await startSmtp();
    server = await startServer({ config: writeConfig(dir, { lead: { rate_limit_per_minute: 1000 } }), smtpUrl: smtp.url });
  });

  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('malformed JSON is a 400', async () => {
    assertJsonError(await postLead(server.url, null, { raw: '{"contact": ' }), 400, 'malformed_json');
    assertJsonError(await postLead(server.url, null, { raw: '[1,2]' }), 400);
  });

  test('wrong types are 400 with JSON pointers', async () => {
    const lead = makeLead({ contact: { name: 42, email: ['x'] }, consent: { contact: 'yes' } });
    const reply = await postLead(server.url, lead);
    assertJsonError(reply, 400);
    const pointers = reply.body.errors.map((e) => e.pointer);
    assert.ok(pointers.includes('/contact/name'), pointers.join(' '));
    assert.ok(pointers.includes('/contact/email'), pointers.join(' '));
    assert.ok(pointers.includes('/consent/contact'), pointers.join(' '));
  });

  test('a medical part without health consent is a 400', async () => {
    const lead = makeLead({ answers: { age: 40, medical: { diabetes: 'controlled' } } });
    assertJsonError(await postLead(server.url, lead), 400);
  });

  test('an oversize body is a 413', async () => {
    const lead = makeLead({ context: { referrer: 'x'.repeat(40 * 1024) } });
    const reply = await postLead(server.url, lead);
    assertJsonError(reply, 413, 'payload_too_large');
  });

  test('a wrong content type is a 415', async () => {
    const lead = makeLead();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      assertJsonError(await postLead(server.url, lead, { headers: { 'Content-Type': type } }), 415, 'unsupported_media_type');
    }
    // multipart/form-data is a lead with photos (SPEC §8): JSON sent as one is a malformed form.
    assertJsonError(await postLead(server.url, lead, { headers: { 'Content-Type': 'multipart/form-data; boundary=x' } }),
      400, 'malformed_multipart');
    const ok = await postLead(server.url, makeLead(), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    assert.equal(ok.status, 202, ok.text);
  });

  test('a disallowed origin is a 403; allowed and same origins pass with CORS headers', async () => {
    assertJsonError(await postLead(server.url, makeLead(), { headers: { Origin: 'https://evil.example' } }), 403, 'origin_not_allowed');
    const preflight = await fetch(`${server.url}/api/leads`, {
      method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 403);
    const allowedPreflight = await fetch(`${server.url}/api/leads`, {
      method: 'OPTIONS', headers: { Origin: 'https://clinic.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(allowedPreflight.status, 204);
    assert.equal(allowedPreflight.headers.get('access-control-allow-origin'), 'https://clinic.example');
    const allowed = await postLead(server.url, makeLead(), { headers: { Origin: 'https://clinic.example' } });
    assert.equal(allowed.status, 202, allowed.text);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://clinic.example');
    const same = await postLead(server.url, makeLead(), { headers: { Origin: server.url } });
    assert.equal(same.status, 202, same.text);
  });

  test('CR/LF and header injection in name, email and phone are refused', async () => {
    const attempts = [
      { contact: { name: 'Eve\r\nBcc: victim@example.com' } },
      { contact: { name: 'Eve\nSubject: hi' } },
      { contact: { name: 'Eve\u2028Bcc: victim@example.com' } },
      { contact: { email: 'eve@example.org\r\nBcc: victim@example.com' } },
      { contact: { email: 'eve@example.org>, victim@example.com' } },
      { contact: { email: '"Eve" <eve@example.org>' } },
      { contact: { phone: '+1 555\r\nBcc: victim@example.com' } },
    ];
    for (const patch of attempts) {
      const reply = await postLead(server.url, makeLead(patch));
      assertJsonError(reply, 400);
      assert.ok(reply.body.errors.some((e) => e.pointer.startsWith('/contact/')), reply.text);
    }
  });

  test('a filled honeypot or a too-fast fill is answered like success and not emailed (quarantine.test.mjs keeps them)', async () => {
    const bot = await postLead(server.url, makeLead({ hp: 'http://spam.example' }));
    assert.equal(bot.status, 202);
    assert.match(bot.body.lead_id, /^L-[0-9A-Z]{12}$/);
    const fast = await postLead(server.url, makeLead({ context: { started_at: new Date(Date.now() - 3000).toISOString() } }));
    assert.equal(fast.status, 202);
    assert.match(fast.body.lead_id, /^L-[0-9A-Z]{12}$/);
    // A missing started_at is not a reason to drop.
    const lead = makeLead();
    delete lead.context.started_at;
    const human = await postLead(server.url, lead);
    assert.equal(human.status, 202, human.text);

    await sleep(1500);
    const ids = smtp.messages().map((m) => m.headers['x-smp-lead-id']);
    assert.ok(!ids.includes(bot.body.lead_id), 'honeypot lead not emailed');
    assert.ok(!ids.includes(fast.body.lead_id), 'fast lead not emailed');
    assert.ok(ids.includes(human.body.lead_id), 'human lead emailed');
    const csv = runCli(['leads', 'export', '--data', server.dataDir]).stdout;
    assert.ok(!csv.includes(bot.body.lead_id) && !csv.includes(fast.body.lead_id));
  });

  test('nothing was sent for any refused request', async () => {
    // Only the leads that got a real 202 above were mailed (one each, to the clinic).
    const messages = smtp.messages();
    for (const m of messages) {
      assert.deepEqual(m.rcpt_tos, ['leads@clinic.example']);
      assert.ok(!JSON.stringify(m).includes('victim@example.com'));
    }
    const csv = runCli(['leads', 'export', '--data', server.dataDir]).stdout.trim().split('\r\n');
    assert.equal(messages.length, csv.length - 1);
  });
});

describe('rate limiting', () => {
  let server;
  before(async () => {
    const dir = tempDir('rate');
    server = await startServer({ config: writeConfig(dir, { lead: { rate_limit_per_minute: 3 } }) });
  });
  after(async () => { await server?.stop(); });

  test('past lead.rate_limit_per_minute an IP gets 429 with Retry-After', async () => {
    const statuses = [];
    let limited;
    for (let i = 0; i < 5; i += 1) {
      const reply = await postLead(server.url, makeLead());
      statuses.push(reply.status);
      if (reply.status === 429) limited = reply;
    }
    assert.deepEqual(statuses, [202, 202, 202, 429, 429]);
    assertJsonError(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  });
});

describe('a bad config', () => {
  test('prints every diagnostic and exits 1', () => {
    const dir = tempDir('badconfig');
    const file = `${dir}/clinic.json`;
    fs.writeFileSync(file, JSON.stringify({ clinic: { nme: 'x' }, lead: { rate_limit_per_minute: 'ten' } }));
    const result = runCli(['serve', '--config', file, '--listen', '127.0.0.1:0', '--data', `${dir}/data`]);
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split('\n');
    assert.ok(lines.some((l) => l.startsWith('/clinic/nme: ')), result.stderr);
    assert.ok(lines.some((l) => l.startsWith('/lead/rate_limit_per_minute: ')), result.stderr);
    assert.equal(runCli(['serve', '--bogus']).status, 2);
    assert.equal(runCli(['serve', '--help']).status, 0);
  });

  test('regression: validate and serve report the same broken file with the same lines', () => {
    const dir = tempDir('sameconfig');
    const broken = {
      syntax: '{"clinic": {"name": "A"},}',
      keys: JSON.stringify({ clinic: { nme: 'x' }, sessions: { interval_days: 3 } }),
      trailing: '{"clinic": {}} {"second": 1}',
    };
    for (const [name, text] of Object.entries(broken)) {
      const file = `${dir}/${name}.json`;
      fs.writeFileSync(file, text);
      const validate = runCli(['validate', file]);
      const serve = runCli(['serve', '--config', file, '--listen', '127.0.0.1:0', '--data', `${dir}/data-${name}`]);
      assert.equal(validate.status, 1, `${name}: ${validate.stderr}`);
      assert.equal(serve.status, 1, `${name}: ${serve.stderr}`);
      assert.ok(validate.stderr.trim().length > 0, name);
      assert.equal(serve.stderr, validate.stderr, name);
    }
  });
});

