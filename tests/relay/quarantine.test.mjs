// Submissions that look like bots (the quiz filled faster than lead.min_fill_seconds, or the
// honeypot field filled, which browser autofill can do to a person) are kept in quarantine in
// the SQLite store: not emailed, listed by `leads list --quarantined`, delivered through the
// outbox by `leads release ID`. The reference the visitor is shown is the quarantined lead's.
// Real relay over HTTP, real SQLite file, real SMTP server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  makeLead, postLead, runCli, sleep, startServer, startSmtp, tempDir, waitFor, writeConfig,
} from './helpers.mjs';

describe('quarantine of suspected bots', () => {
  let smtp;
  let server;
  let fast;
  let bot;
  let human;
  const leads = (...args) => runCli(['leads', ...args, '--data', server.dataDir]);
  const mailedIds = () => smtp.messages().map((m) => m.headers['x-smp-lead-id']);

  before(async () => {
    smtp = await startSmtp();
    const dir = tempDir('quarantine');
    server = await startServer({ config: writeConfig(dir, { lead: { min_fill_seconds: 20 } }), smtpUrl: smtp.url });
    fast = await postLead(server.url, makeLead({
      contact: { name: 'Quick Quentin', email: 'quentin@example.org' },
      context: { started_at: new Date(Date.now() - 3000).toISOString() },
    }));
    bot = await postLead(server.url, makeLead({ contact: { name: 'Honey Pot', email: 'pot@example.org' }, hp: 'http://spam.example' }));
    human = await postLead(server.url, makeLead());
    await waitFor(() => mailedIds().includes(human.body.lead_id), 15000, 'the normal lead email');
  });
  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('the visitor is answered like anyone else, with a real reference', () => {
    for (const reply of [fast, bot, human]) {
      assert.equal(reply.status, 202, reply.text);
      assert.match(reply.body.lead_id, /^L-[0-9A-Z]{12}$/);
    }
  });

  test('regression: a too-fast or honeypot submission is kept (not lost), not emailed', async () => {
    await sleep(1500);  // a delivery that wrongly happened would have happened by now
    assert.ok(!mailedIds().includes(fast.body.lead_id), 'fast lead not emailed');
    assert.ok(!mailedIds().includes(bot.body.lead_id), 'honeypot lead not emailed');

    const listed = leads('list', '--quarantined');
    assert.equal(listed.status, 0, listed.stderr);
    const fastLine = listed.stdout.split('\n').find((l) => l.startsWith(fast.body.lead_id));
    const botLine = listed.stdout.split('\n').find((l) => l.startsWith(bot.body.lead_id));
    assert.ok(fastLine, listed.stdout);
    assert.ok(botLine, listed.stdout);
    assert.match(fastLine, /Quick Quentin <quentin@example\.org>.*quarantined: min_fill_seconds.*\[clinic: held\]/);
    assert.match(botLine, /Honey Pot <pot@example\.org>.*quarantined: honeypot/);
    assert.match(listed.stdout, /^2 quarantined leads$/m);
    assert.ok(!listed.stdout.includes(human.body.lead_id));

    const normal = leads('list').stdout;
    assert.ok(normal.includes(human.body.lead_id));
    assert.match(normal, /^2 quarantined \(suspected bots, not emailed\): smp-consult leads list --quarantined/m);
    assert.ok(!normal.includes(fast.body.lead_id) && !normal.includes(bot.body.lead_id), normal);
    const csv = leads('export').stdout;
    assert.ok(!csv.includes(fast.body.lead_id), 'the CRM export holds no suspected bots');

    const health = await (await fetch(`${server.url}/healthz`)).json();
    assert.equal(health.outbox.held, 2);
    assert.match(server.log(), new RegExp(`lead ${fast.body.lead_id} quarantined, not emailed \\(quiz filled in \\d+ s, less than lead\\.min_fill_seconds \\(20\\)\\)`));
  });

  test('leads release ID delivers it through the outbox like any lead', async () => {
    const released = leads('release', fast.body.lead_id);
    assert.equal(released.status, 0, released.stderr);
    assert.match(released.stdout, /released/);
    // The running server picks it up (its delivery loop looks at the store every few seconds).
    await waitFor(() => mailedIds().includes(fast.body.lead_id), 20000, 'the released lead email');
    const message = smtp.messages().find((m) => m.headers['x-smp-lead-id'] === fast.body.lead_id);
    assert.deepEqual(message.rcpt_tos, ['leads@clinic.example']);
    assert.match(message.text, /Quick Quentin/);

    await waitFor(() => leads('list').stdout.split('\n').find((l) => l.startsWith(fast.body.lead_id))?.includes('[clinic: sent]'), 10000, 'leads list to show it sent');
    assert.ok(!leads('list', '--quarantined').stdout.includes(fast.body.lead_id));
    assert.ok(!mailedIds().includes(bot.body.lead_id), 'the other one stays quarantined');
  });

  test('releasing twice, or an unknown id, is a clear error', () => {
    const again = leads('release', fast.body.lead_id);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /not quarantined/);
    const unknown = leads('release', 'L-000000000000');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no such lead/);
    assert.equal(leads('release').status, 2);
  });

  test('a resubmission with the same client_id gets the same quarantined reference', async () => {
    const lead = makeLead({ context: { started_at: new Date(Date.now() - 2000).toISOString() } });
    const first = await postLead(server.url, lead);
    const second = await postLead(server.url, lead);
    assert.equal(first.status, 202);
    assert.equal(second.body.lead_id, first.body.lead_id);
    assert.ok(leads('list', '--quarantined').stdout.includes(first.body.lead_id));
  });
});

describe('a leads database from before quarantine', () => {
  test('is listed as it is, and upgraded in place by serve', async () => {
    const { spawnSync } = await import('node:child_process');
    const data = tempDir('oldschema');
    // The v0.1.0 leads table (no quarantine column), written with Python's own sqlite3.
    const script = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
CREATE TABLE leads (lead_id TEXT PRIMARY KEY, client_id TEXT UNIQUE, received_ms INTEGER NOT NULL,
  name TEXT NOT NULL, email TEXT NOT NULL, phone TEXT NOT NULL, preferred_contact TEXT NOT NULL,
  locale TEXT NOT NULL, verdict TEXT NOT NULL, packages TEXT NOT NULL, low INTEGER, high INTEGER,
  currency TEXT NOT NULL, health_consent INTEGER NOT NULL, marketing_consent INTEGER NOT NULL,
  page_url TEXT NOT NULL, utm_source TEXT NOT NULL, utm_medium TEXT NOT NULL,
  utm_campaign TEXT NOT NULL, document TEXT NOT NULL);
INSERT INTO leads VALUES ('L-OLD000000001', NULL, 1764547200000, 'Old Lead', 'old@example.org', '',
  'email', 'en', 'good_candidate', 'crown', 1000, 2000, 'USD', 0, 0, '', '', '', '', '{}');
""")
db.commit()
`;
    const made = spawnSync('/usr/bin/python3', ['-c', script, `${data}/leads.sqlite3`], { encoding: 'utf8', timeout: 30000 });
    assert.equal(made.status, 0, made.stderr);
    const listed = runCli(['leads', 'list', '--data', data]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^L-OLD000000001 .*Old Lead/m);
    assert.equal(runCli(['leads', 'list', '--quarantined', '--data', data]).stdout, 'no quarantined leads\n');

    const dir = tempDir('oldschema-config');
    const server = await startServer({ config: writeConfig(dir, { lead: { min_fill_seconds: 20 } }), data });
    try {
      const fast = await postLead(server.url, makeLead({ context: { started_at: new Date(Date.now() - 1000).toISOString() } }));
      assert.equal(fast.status, 202, fast.text);
      assert.ok(runCli(['leads', 'list', '--quarantined', '--data', data]).stdout.includes(fast.body.lead_id));
      assert.match(runCli(['leads', 'list', '--data', data]).stdout, /L-OLD000000001/);
    } finally {
      await server.stop();
    }
  });
});
