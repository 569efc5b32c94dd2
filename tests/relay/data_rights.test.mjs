// The visitor's data rights (issue 11): `leads export` prints everything stored about a visitor,
// `leads erase` removes it (while `serve` runs) down to an anonymous row so that the address and
// the name occur in no byte of any file under --data, pending deliveries are cancelled, and
// `lead.retention_days` erases old delivered leads. Real relay over HTTP, real SQLite file,
// real SMTP server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  binary, makeLead, postLead, runCli, startServer, startSmtp, tempDir, waitFor, writeConfig,
} from './helpers.mjs';

const day = 24 * 60 * 60 * 1000;

/** Every regular file under `dir` (hidden ones too), recursively. */
function allFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...allFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * The files under `dir` whose bytes contain `needle` (UTF-8), in any letter case: the bytes
 * are searched as they are, lower-cased and upper-cased (ASCII letters).
 */
function filesContaining(dir, needle) {
  const variants = [...new Set([needle, needle.toLowerCase(), needle.toUpperCase()])]
    .map((v) => Buffer.from(v, 'utf8'));
  const lowerNeedle = Buffer.from(needle.toLowerCase(), 'utf8');
  return allFiles(dir).filter((file) => {
    let bytes;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      if (error.code === 'ENOENT') return false;  // a temporary file the running relay renamed
      throw error;
    }
    if (variants.some((v) => bytes.includes(v))) return true;
    // Mixed case ("Ana.Erase@Example.ORG"): compare with the ASCII letters folded.
    const folded = Buffer.from(bytes);
    for (let i = 0; i < folded.length; i += 1) {
      if (folded[i] >= 0x41 && folded[i] <= 0x5a) folded[i] += 0x20;
    }
    return folded.includes(lowerNeedle);
  }).map((file) => path.relative(dir, file));
}

function visitor(name, email, phone) {
  return { contact: { name, email, phone, preferred_contact: 'email' } };
}

/** The CLI as a second process that runs while this one keeps posting leads. */
function runCliAsync(args) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d.toString(); });
    child.stderr.on('data', (d) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

const leadsList = (dataDir) => runCli(['leads', 'list', '--data', dataDir]).stdout;
const exportJson = (dataDir, ...selector) => {
  const result = runCli(['leads', 'export', ...selector, '--data', dataDir]);
  return { ...result, json: result.status === 0 ? JSON.parse(result.stdout) : null };
};

describe('leads erase and export, with serve running on the same data folder', () => {
  let server;
  let dir;
  const ana = visitor('Ana Borrada', 'ana.erase@example.org', '+34 600 999 111');
  const ben = visitor('Benedikt Behalten', 'ben.keep@example.net', '+49 151 2222 3333');
  const anaIds = [];
  let benId;

  before(async () => {
    dir = tempDir('rights');
    // No SMTP: every message becomes DATA/mail/<lead>-<kind>.eml, which erase must remove too.
    server = await startServer({ config: writeConfig(dir, { lead: { confirm_to_visitor: true } }) });
    for (const patch of [ana, { contact: { ...ana.contact, email: 'Ana.Erase@Example.ORG' } }]) {
      const reply = await postLead(server.url, makeLead(patch));
      assert.equal(reply.status, 202, reply.text);
      anaIds.push(reply.body.lead_id);
    }
    const reply = await postLead(server.url, makeLead(ben));
    assert.equal(reply.status, 202, reply.text);
    benId = reply.body.lead_id;
    // Three leads, each a clinic and a visitor email on disk.
    await waitFor(() => fs.readdirSync(path.join(server.dataDir, 'mail'))
      .filter((f) => f.endsWith('.eml')).length === 6, 20000, 'six .eml files');
  });
  after(async () => {
    await server?.stop();
  });

  test('export --email lists every lead of the visitor, any letter case, with all that is stored', () => {
    const { status, json, stderr } = exportJson(server.dataDir, '--email', 'ANA.ERASE@example.org');
    assert.equal(status, 0, stderr);
    assert.equal(json.schema, 'smp-consult/visitor-export@1');
    assert.deepEqual(json.leads.map((l) => l.lead_id).sort(), [...anaIds].sort());
    for (const lead of json.leads) {
      assert.equal(lead.contact.name, 'Ana Borrada');
      assert.equal(lead.contact.email.toLowerCase(), 'ana.erase@example.org');
      assert.equal(lead.contact.phone, '+34 600 999 111');
      assert.equal(lead.consent.contact, true);
      assert.match(lead.consent.text, /may contact me/);
      assert.equal(lead.answers.pattern.stage, 'III');
      assert.equal(lead.document.contact.name, 'Ana Borrada');
      assert.ok(lead.result.verdict);
      assert.ok(lead.received_at);
      assert.equal(lead.erased_at, null);
      assert.deepEqual(lead.messages.map((m) => m.kind), ['clinic', 'visitor']);
      for (const message of lead.messages) {
        assert.equal(message.state, 'sent');
        assert.ok(message.sent_at);
        assert.match(message.message_id, new RegExp(`^${lead.lead_id}\\.`));
        assert.match(message.mime, /\r\nMessage-ID: </i);
      }
      assert.deepEqual(lead.files, [`mail/${lead.lead_id}-clinic.eml`, `mail/${lead.lead_id}-visitor.eml`]);
    }
    // Without --lead/--email, export is the CSV of every lead, as before.
    const csv = runCli(['leads', 'export', '--data', server.dataDir]);
    assert.equal(csv.status, 0, csv.stderr);
    assert.match(csv.stdout, /^lead_id,received_at,name,email,phone,/);
    assert.equal(csv.stdout.trim().split('\r\n').length, 4);
  });

  test('erase --email: the address, name and phone occur in no byte of any file under --data', async () => {
    // The scan finds them before the erase (the check can see them at all).
    assert.ok(filesContaining(server.dataDir, 'ana.erase@example.org').length > 0);
    assert.ok(filesContaining(server.dataDir, 'Ana Borrada').length > 0);

    const erase = runCli(['leads', 'erase', '--email', 'ana.ERASE@example.org', '--data', server.dataDir]);
    assert.equal(erase.status, 0, erase.stderr);
    assert.match(erase.stdout, /^2 leads erased/);
    assert.doesNotMatch(erase.stdout + erase.stderr, /ana\.erase|Borrada/i);

    for (const needle of ['ana.erase@example.org', 'Ana.Erase@Example.ORG', 'Ana Borrada', '+34 600 999 111']) {
      assert.deepEqual(filesContaining(server.dataDir, needle), [], `${needle} is still stored`);
    }
    // The other visitor is intact, in the database and in the mail folder.
    const kept = exportJson(server.dataDir, '--email', 'ben.keep@example.net');
    assert.equal(kept.status, 0, kept.stderr);
    assert.equal(kept.json.leads.length, 1);
    assert.equal(kept.json.leads[0].contact.name, 'Benedikt Behalten');
    assert.ok(kept.json.leads[0].messages.every((m) => m.mime.length > 0));
    assert.ok(fs.existsSync(path.join(server.dataDir, 'mail', `${benId}-clinic.eml`)));

    // Counts stay right: the anonymous rows are listed, without a contact.
    const list = leadsList(server.dataDir);
    assert.match(list, /^3 leads$/m);
    for (const id of anaIds) assert.match(list, new RegExp(`^${id} .*\\(erased\\)`, 'm'));
    assert.match(list, new RegExp(`^${benId} .*Benedikt Behalten`, 'm'));
    const anonymous = exportJson(server.dataDir, '--lead', anaIds[0]);
    assert.equal(anonymous.status, 0, anonymous.stderr);
    const row = anonymous.json.leads[0];
    assert.ok(row.erased_at);
    assert.ok(row.received_at);
    assert.ok(row.result.verdict);
    assert.deepEqual(row.contact, { name: '', email: '', phone: '', preferred_contact: '' });
    assert.equal(row.document, null);
    assert.deepEqual(row.messages.map((m) => [m.kind, m.state, m.mime]), [['clinic', 'sent', ''], ['visitor', 'sent', '']]);
    assert.deepEqual(row.files, []);

    // The running server goes on accepting leads in the same database.
    const reply = await postLead(server.url, makeLead(visitor('Cleo Weiter', 'cleo@example.com', '')));
    assert.equal(reply.status, 202, reply.text);
    await waitFor(() => fs.existsSync(path.join(server.dataDir, 'mail', `${reply.body.lead_id}-clinic.eml`)),
      15000, 'the next lead\'s email');
    assert.match(leadsList(server.dataDir), /^4 leads$/m);
  });

  test('erase while leads keep arriving: every lead is stored and the erase completes', async () => {
    const before = Number(leadsList(server.dataDir).match(/^(\d+) leads$/m)[1]);
    const erase = runCliAsync(['leads', 'erase', '--email', 'cleo@example.com', '--data', server.dataDir]);
    const replies = [];
    for (let round = 0; round < 5; round += 1) {
      replies.push(...await Promise.all(Array.from({ length: 10 }, (_, i) => postLead(server.url,
        makeLead(visitor(`Busy Visitor ${round}-${i}`, `busy.${round}.${i}@example.net`, ''))))));
    }
    const erased = await erase;
    assert.equal(erased.status, 0, erased.stderr);
    assert.match(erased.stdout, /^1 lead erased/);
    assert.deepEqual(replies.map((r) => r.status), replies.map(() => 202));
    assert.match(leadsList(server.dataDir), new RegExp(`^${before + 50} leads$`, 'm'));
    assert.deepEqual(filesContaining(server.dataDir, 'cleo@example.com'), []);
    assert.deepEqual(filesContaining(server.dataDir, 'Cleo Weiter'), []);
    const busy = exportJson(server.dataDir, '--email', 'busy.4.9@example.net');
    assert.equal(busy.json.leads[0].contact.name, 'Busy Visitor 4-9');
  });

  test('erase --lead erases that lead only; nothing matched is exit 1; usage errors exit 2', async () => {
    const ids = [];
    const dora = visitor('Dora Zweimal', 'dora@example.org', '');
    for (let i = 0; i < 2; i += 1) {
      const reply = await postLead(server.url, makeLead(dora));
      assert.equal(reply.status, 202, reply.text);
      ids.push(reply.body.lead_id);
    }
    await waitFor(() => ids.every((id) => fs.existsSync(path.join(server.dataDir, 'mail', `${id}-visitor.eml`))),
      15000, 'Dora\'s emails');
    const erase = runCli(['leads', 'erase', '--lead', ids[0], '--data', server.dataDir]);
    assert.equal(erase.status, 0, erase.stderr);
    assert.match(erase.stdout, new RegExp(`^1 lead erased: ${ids[0]}\\n`));
    const left = exportJson(server.dataDir, '--email', 'dora@example.org');
    assert.deepEqual(left.json.leads.map((l) => l.lead_id), [ids[1]]);
    assert.deepEqual(fs.readdirSync(path.join(server.dataDir, 'mail')).filter((f) => f.startsWith(ids[0])), []);
    assert.equal(fs.readdirSync(path.join(server.dataDir, 'mail')).filter((f) => f.startsWith(ids[1])).length, 2);

    // A quarantined lead erased before anyone released it: its held emails are cancelled.
    const bot = await postLead(server.url, makeLead({ ...dora, hp: 'http://spam.example' }));
    assert.equal(bot.status, 202, bot.text);
    assert.equal(runCli(['leads', 'erase', '--lead', bot.body.lead_id, '--data', server.dataDir]).status, 0);
    const release = runCli(['leads', 'release', bot.body.lead_id, '--data', server.dataDir]);
    assert.equal(release.status, 1);
    assert.match(release.stderr, /erased .*nothing to release/);
    assert.match(runCli(['leads', 'list', '--quarantined', '--data', server.dataDir]).stdout,
      new RegExp(`^${bot.body.lead_id} .*\\(erased\\).*quarantined: honeypot.*\\[clinic: cancelled; visitor: cancelled\\]`, 'm'));

    const nothing = runCli(['leads', 'erase', '--email', 'nobody@example.org', '--data', server.dataDir]);
    assert.equal(nothing.status, 1);
    assert.match(nothing.stderr, /no lead with that email address .*nothing erased/);
    assert.equal(runCli(['leads', 'erase', '--lead', 'L-000000000000', '--data', server.dataDir]).status, 1);
    assert.equal(runCli(['leads', 'export', '--email', 'nobody@example.org', '--data', server.dataDir]).status, 1);
    assert.equal(runCli(['leads', 'erase', '--data', server.dataDir]).status, 2);
    assert.equal(runCli(['leads', 'erase', '--lead', ids[1], '--email', 'dora@example.org', '--data', server.dataDir]).status, 2);
    assert.equal(runCli(['leads', 'erase', '--lead']).status, 2);
  });
});

describe('erase cancels pending deliveries', () => {
  let smtp;
  let server;

  before(async () => {
    smtp = await startSmtp();
    const dir = tempDir('rights-pending');
    server = await startServer({
      config: writeConfig(dir),
      smtpUrl: smtp.url,
      env: { SMP_RETRY_MINUTE_MS: '100' },
    });
  });
  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('a lead waiting for a retry is cancelled by erase and never reaches the SMTP server', async () => {
    smtp.reply('DATA 451 4.3.0 Try again later');
    const reply = await postLead(server.url, makeLead(visitor('Erik Wartend', 'erik.pending@example.org', '')));
    assert.equal(reply.status, 202, reply.text);
    const erikId = reply.body.lead_id;
    await waitFor(() => /retry \(\d+ attempts\)/.test(leadsList(server.dataDir)), 15000, 'a failed attempt');

    const erase = runCli(['leads', 'erase', '--email', 'erik.pending@example.org', '--data', server.dataDir]);
    assert.equal(erase.status, 0, erase.stderr);
    assert.match(erase.stdout, /^1 lead erased/);
    assert.match(erase.stdout, /\n1 undelivered message cancelled/);

    // The server accepts mail again. Erik's retry fell due long before the next lead was queued
    // (the worker takes the earliest due first), so once that one arrives Erik's would have too.
    smtp.reply(null);
    const next = await postLead(server.url, makeLead(visitor('Fritz Danach', 'fritz@example.org', '')));
    assert.equal(next.status, 202, next.text);
    await waitFor(() => smtp.messages().some((m) => m.headers['x-smp-lead-id'] === next.body.lead_id),
      15000, 'the next lead at the SMTP server');
    await smtp.settled();
    assert.deepEqual(smtp.messages().filter((m) => m.headers['x-smp-lead-id'] === erikId), []);
    assert.ok(smtp.messages().every((m) => !JSON.stringify(m).includes('erik.pending')));
    assert.match(leadsList(server.dataDir), new RegExp(`^${erikId} .*\\(erased\\).*\\[clinic: cancelled`, 'm'));
    const health = await (await fetch(`${server.url}/healthz`)).json();
    assert.equal(health.outbox.cancelled, 1);
  });
});

describe('lead.retention_days', () => {
  test('the sweep at startup erases a delivered lead older than that and keeps a recent one', async () => {
    const dir = tempDir('rights-retention');
    const data = path.join(dir, 'data');
    const config = writeConfig(dir, { lead: { retention_days: 30 } });
    const post = async (env, who) => {
      const server = await startServer({ config, data, env });
      try {
        const reply = await postLead(server.url, makeLead(who));
        assert.equal(reply.status, 202, reply.text);
        await waitFor(() => fs.existsSync(path.join(data, 'mail', `${reply.body.lead_id}-clinic.eml`)),
          15000, 'the lead\'s email');
        return reply.body.lead_id;
      } finally {
        await server.stop();
      }
    };
    const recent = await post({}, visitor('Greta Frisch', 'greta.recent@example.org', ''));
    // A relay whose clock stands 31 days back receives the old lead.
    const old = await post({ SMP_CLOCK_OFFSET_MS: String(-31 * day) },
      visitor('Hugo Veraltet', 'hugo.old@example.org', '+1 555 0199'));

    const server = await startServer({ config, data });
    try {
      await waitFor(() => /retention sweep: \d+ lead\(s\)/.test(server.log()), 15000, 'the first sweep');
      assert.match(server.log(), /retention sweep: 1 lead\(s\) older than 30 days erased/);
      assert.doesNotMatch(server.log(), /hugo|Veraltet|greta|Frisch/i);
      const gone = exportJson(data, '--lead', old);
      assert.ok(gone.json.leads[0].erased_at);
      for (const needle of ['hugo.old@example.org', 'Hugo Veraltet', '+1 555 0199']) {
        assert.deepEqual(filesContaining(data, needle), [], `${needle} is still stored`);
      }
      const kept = exportJson(data, '--lead', recent);
      assert.equal(kept.json.leads[0].erased_at, null);
      assert.equal(kept.json.leads[0].contact.email, 'greta.recent@example.org');
      assert.match(leadsList(data), /^2 leads$/m);
    } finally {
      await server.stop();
    }
  });

  test('lead.retention_days is validated like every config key', () => {
    const dir = tempDir('rights-config');
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ lead: { retention_days: 0 } }));
    const result = runCli(['validate', file]);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, '/lead/retention_days: must be between 1 and 3650 (got 0)\n');
  });
});
