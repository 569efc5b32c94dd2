// End to end: a lead submitted to the real server reaches a real SMTP server exactly once,
// with the right recipient, reply-to, subject, the server's own figures and the plan as .ics.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';

import {
  makeLead, postLead, runCli, startServer, startSmtp, tempDir, todayUtc, waitFor, writeConfig,
} from './helpers.mjs';

describe('lead relay end to end', () => {
  let smtp;
  let server;
  let dir;
  let widgetDir;
  let siteDir;

  before(async () => {
    dir = tempDir('e2e');
    widgetDir = path.join(dir, 'widget');
    siteDir = path.join(dir, 'site');
    fs.mkdirSync(widgetDir);
    fs.mkdirSync(path.join(siteDir, 'empty'), { recursive: true });
    fs.writeFileSync(path.join(widgetDir, 'smp-consult.js'), 'export const x = 1;\n'.repeat(50));
    fs.writeFileSync(path.join(widgetDir, 'smp-core.wasm'), Buffer.alloc(4096, 7));
    fs.writeFileSync(path.join(siteDir, 'index.html'), '<!DOCTYPE html><title>demo</title>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not served');
    const config = writeConfig(dir, {
      lead: { confirm_to_visitor: true, smtp_url: 'smtp://127.0.0.1:1' },
      locales: { default: 'en', available: ['en', 'es'] },
    });
    smtp = await startSmtp();
    server = await startServer({
      config, smtpUrl: smtp.url, args: ['--widget', widgetDir, '--site', siteDir],
    });
  });

  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('a lead without health consent: one clinic email with the server figures and .ics', async () => {
    const lead = makeLead({
      contact: { name: 'José Müller', email: 'jose@example.org' },
      summary: { verdict: 'good_candidate', low: 1, high: 2, currency: 'USD' },
    });
    const reply = await postLead(server.url, lead);
    assert.equal(reply.status, 202, reply.text);
    assert.match(reply.body.lead_id, /^L-[0-9A-Z]{12}$/);
    const leadId = reply.body.lead_id;

    const mails = await waitFor(() => {
      const m = smtp.messages().filter((x) => x.headers['x-smp-lead-id'] === leadId);
      return m.length >= 2 ? m : null;
    }, 15000, 'clinic and visitor emails');
    const clinic = mails.filter((m) => m.headers['message-id'].includes('.clinic@'));
    const visitor = mails.filter((m) => m.headers['message-id'].includes('.visitor@'));
    assert.equal(clinic.length, 1);
    assert.equal(visitor.length, 1);
    const mail = clinic[0];
    assert.deepEqual(mail.rcpt_tos, ['leads@clinic.example']);
    assert.equal(mail.mail_from, 'relay@clinic.example');
    assert.equal(mail.headers['reply-to'], 'José Müller <jose@example.org>');
    assert.match(mail.headers.subject, /José Müller/);
    assert.match(mail.headers.subject, /Good candidate \(health not shared\)/);
    assert.match(mail.headers.subject, /Hairline and front/);
    assert.equal(mail.headers['message-id'], `<${leadId}.clinic@clinic.example>`);
    assert.ok(mail.max_line_octets <= 998);
    assert.equal(mail.bare_lf, 0);
    assert.equal(mail.bare_cr, 0);

    // The figures are the server's own evaluation of the answers (not the summary it was sent).
    const answersFile = path.join(dir, 'answers.json');
    fs.writeFileSync(answersFile, JSON.stringify(lead.answers));
    const evaluated = runCli(['evaluate', '--answers', answersFile, '--today', todayUtc()]);
    assert.equal(evaluated.status, 0, evaluated.stderr);
    const result = JSON.parse(evaluated.stdout);
    // The core's display figures, exactly as the widget shows them.
    assert.ok(mail.text.includes(result.estimate.display.text), mail.text);
    assert.ok(mail.html.includes(result.estimate.display.text));
    assert.match(mail.text, /The visitor's screen showed 1–2 USD, which differs from the server's result/);
    for (const session of result.plan.sessions) {
      // Calendar dates with their weekday, as Intl writes them (the widget shows the same).
      const shown = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
      if (session.date) {
        const text = shown.format(new Date(`${session.date}T00:00:00Z`));
        assert.ok(mail.text.includes(text), `session date ${text}`);
      }
    }
    // No health answers were shared: the email says so and has no medical section.
    assert.match(mail.text, /Health answers were not shared/);
    assert.doesNotMatch(mail.text, /Health answers \(shared with consent\)/);
    assert.match(mail.text, /Verdict the visitor saw on screen \(unverified\): Good candidate/);
    // Consent, wording and context.
    assert.ok(mail.text.includes(lead.consent.text));
    // The consent time in the clinic's zone (UTC for this clinic), to the minute.
    const given = new Date(lead.consent.given_at);
    const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(given);
    assert.match(mail.text, new RegExp(`Given at: .*, ${clock} \\(UTC\\)`));
    assert.ok(mail.text.includes('utm_campaign: spring'));

    const ics = mail.attachments.find((a) => a.filename === 'plan.ics');
    assert.ok(ics, 'plan.ics attached');
    assert.equal(ics.content_type, 'text/calendar');
    assert.match(ics.content, /^BEGIN:VCALENDAR\r\n/);
    assert.ok(ics.content.includes(result.plan.sessions[0].date.replaceAll('-', '')));

    // The visitor's confirmation goes to the visitor, reply-to the clinic.
    assert.deepEqual(visitor[0].rcpt_tos, ['jose@example.org']);
    assert.match(visitor[0].headers['reply-to'], /leads@clinic\.example/);
    assert.ok(visitor[0].attachments.some((a) => a.filename === 'plan.ics'));
  });

  test('with health consent the medical answers are in the email', async () => {
    const lead = makeLead({
      consent: { health_data: true },
      answers: {
        age: 45, sex: 'male', pattern: { scale: 'norwood', stage: 'V' }, desired_look: 'shaved',
        medical: { diabetes: 'controlled', keloid_prone: false },
      },
    });
    const reply = await postLead(server.url, lead);
    assert.equal(reply.status, 202, reply.text);
    const mail = await waitFor(() => smtp.messages().find(
      (m) => m.headers['message-id'] === `<${reply.body.lead_id}.clinic@clinic.example>`), 15000, 'email');
    assert.match(mail.text, /Health answers \(shared with consent\)/);
    assert.match(mail.text, /Diabetes: controlled/);
    assert.doesNotMatch(mail.headers.subject, /health not shared/);
    assert.doesNotMatch(mail.text, /Prone to keloids/);
    assert.doesNotMatch(mail.text, /Health answers were not shared/);
  });

  test('the visitor confirmation is in the visitor locale', async () => {
    const lead = makeLead({ context: { locale: 'es' } });
    const reply = await postLead(server.url, lead);
    assert.equal(reply.status, 202);
    const mail = await waitFor(() => smtp.messages().find(
      (m) => m.headers['message-id'] === `<${reply.body.lead_id}.visitor@clinic.example>`), 15000, 'email');
    assert.match(mail.headers.subject, /Su consulta/);
    assert.match(mail.text, /Gracias, Ana García/);
  });

  test('a repeated client_id returns the same lead_id and sends no second email', async () => {
    const lead = makeLead();
    const first = await postLead(server.url, lead);
    const second = await postLead(server.url, lead);
    const third = await postLead(server.url, { ...lead, contact: { ...lead.contact, name: 'Someone Else' } });
    assert.equal(first.status, 202);
    assert.equal(second.status, 202);
    assert.equal(third.status, 202);
    assert.equal(second.body.lead_id, first.body.lead_id);
    assert.equal(third.body.lead_id, first.body.lead_id);
    const id = first.body.lead_id;
    await waitFor(() => smtp.messages().some((m) => m.headers['x-smp-lead-id'] === id), 15000, 'email');
    // Give a duplicate every chance to show up before counting.
    await new Promise((r) => setTimeout(r, 500));
    await smtp.settled();
    const clinicMails = smtp.messages().filter((m) => m.headers['message-id'] === `<${id}.clinic@clinic.example>`);
    assert.equal(clinicMails.length, 1);
  });

  test('leads list and export show the captured leads and their delivery state', async () => {
    const list = runCli(['leads', 'list', '--data', server.dataDir]);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /José Müller <jose@example\.org>/);
    const csv = runCli(['leads', 'export', '--data', server.dataDir]);
    assert.equal(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\r\n');
    assert.match(lines[0], /^lead_id,received_at,name,email,phone/);
    assert.ok(lines.length >= 5);
    assert.ok(lines.some((l) => l.includes('clinic: sent')));
    assert.equal(runCli(['leads', 'frobnicate', '--data', server.dataDir]).status, 2);
  });

  test('serves the widget, the site, the public config, /embed and /healthz', async () => {
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal((await health.json()).status, 'ok');

    const config = await (await fetch(`${server.url}/smp/clinic.json`)).json();
    assert.equal(config.clinic.name, 'Test SMP Clinic');
    assert.equal(config.lead.smtp_url, undefined);
    assert.equal(config.lead.to, undefined);
    assert.equal(config.lead.from, undefined);
    assert.equal(config.lead.confirm_to_visitor, true);

    const embed = await fetch(`${server.url}/embed`);
    assert.equal(embed.status, 200);
    const csp = embed.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /require-trusted-types-for 'script'; trusted-types 'none'/);
    assert.match(csp, /frame-ancestors https:\/\/clinic\.example$/);
    const page = await embed.text();
    assert.match(page, /<smp-consultation config="\/smp\/clinic\.json"/);
    assert.match(page, /<script type="module" src="\/smp\/smp-consult\.js"><\/script>/);
    assert.doesNotMatch(page, /<script>|style=/);

    const js = await fetch(`${server.url}/smp/smp-consult.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type'), /^text\/javascript/);
    assert.equal(js.headers.get('content-encoding'), 'gzip');
    assert.equal(await js.text(), 'export const x = 1;\n'.repeat(50));

    const wasm = await fetch(`${server.url}/smp/smp-core.wasm`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.equal(wasm.headers.get('content-encoding'), 'gzip');
    assert.equal(Buffer.from(await wasm.arrayBuffer()).length, 4096);

    // A precompressed sibling is served while it is at least as new as the file; a file edited
    // after it is compressed afresh. (The sibling holds other bytes here, to tell them apart.)
    const other = path.join(widgetDir, 'other.wasm');
    fs.writeFileSync(other, Buffer.alloc(2048, 1));
    fs.writeFileSync(`${other}.gz`, zlib.gzipSync(Buffer.alloc(1024, 2)));
    const older = new Date(Date.now() - 60_000);
    fs.utimesSync(other, older, older);
    const fromSibling = Buffer.from(await (await fetch(`${server.url}/smp/other.wasm`, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer());
    assert.deepEqual(fromSibling, Buffer.alloc(1024, 2));
    const newer = new Date(Date.now() + 60_000);
    fs.utimesSync(other, newer, newer);
    const fresh = Buffer.from(await (await fetch(`${server.url}/smp/other.wasm`, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer());
    assert.deepEqual(fresh, Buffer.alloc(2048, 1));

    // build-web's brotli sibling, for a client that accepts br (and only then); gzip otherwise,
    // and for a file edited after its sibling was written (the relay has no brotli encoder).
    const brotli = path.join(widgetDir, 'brotli.wasm');
    fs.writeFileSync(brotli, Buffer.alloc(3000, 3));
    fs.writeFileSync(`${brotli}.br`, zlib.brotliCompressSync(Buffer.alloc(3000, 3)));
    fs.utimesSync(brotli, older, older);
    const asBrotli = await fetch(`${server.url}/smp/brotli.wasm`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    assert.equal(asBrotli.headers.get('content-encoding'), 'br');
    assert.equal(asBrotli.headers.get('vary'), 'Accept-Encoding');
    assert.deepEqual(Buffer.from(await asBrotli.arrayBuffer()), Buffer.alloc(3000, 3));
    for (const accepted of ['gzip', 'gzip, br;q=0', 'gzip, xbr']) {
      const asGzip = await fetch(`${server.url}/smp/brotli.wasm`, { headers: { 'Accept-Encoding': accepted } });
      assert.equal(asGzip.headers.get('content-encoding'), 'gzip', accepted);
      assert.deepEqual(Buffer.from(await asGzip.arrayBuffer()), Buffer.alloc(3000, 3), accepted);
    }
    fs.utimesSync(brotli, newer, newer);
    const stale = await fetch(`${server.url}/smp/brotli.wasm`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    assert.equal(stale.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(Buffer.from(await stale.arrayBuffer()), Buffer.alloc(3000, 3));

    const index = await fetch(`${server.url}/`);
    assert.equal(index.status, 200);
    assert.match(await index.text(), /<title>demo<\/title>/);

    // No listings, no traversal, no hidden files.
    assert.equal((await fetch(`${server.url}/empty/`)).status, 404);
    for (const probe of ['/../secret.txt', '/%2e%2e/secret.txt', '/smp/..%2f..%2fsecret.txt', '/smp/%2e%2e/site/index.html']) {
      const response = await fetch(`${server.url}${probe}`);
      assert.equal(response.status, 404, probe);
    }
    // Raw request (fetch normalises "..") to be sure the server itself refuses traversal.
    const net = await import('node:net');
    const { port } = new URL(server.url);
    const raw = await new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write('GET /../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
      let data = '';
      socket.setTimeout(5000, () => { socket.destroy(); reject(new Error('timeout')); });
      socket.on('data', (d) => { data += d; });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(raw, /^HTTP\/1\.1 (400|404)/);
    assert.doesNotMatch(raw, /not served/);
  });
});

describe('the embedded default: .eml files in DATA/mail/', () => {
  test('without SMTP each lead becomes one complete .eml file', async () => {
    const dir = tempDir('eml');
    const server = await startServer({ config: writeConfig(dir) });
    try {
      const reply = await postLead(server.url, makeLead({ contact: { name: 'Eml Visitor' } }));
      assert.equal(reply.status, 202, reply.text);
      const file = path.join(server.dataDir, 'mail', `${reply.body.lead_id}-clinic.eml`);
      await waitFor(() => fs.existsSync(file), 10000, file);
      const raw = fs.readFileSync(file, 'latin1');
      assert.match(raw, /^From: "smp-consult" <relay@clinic\.example>\r\n/);
      assert.match(raw, /\r\nTo: "Test SMP Clinic" <leads@clinic\.example>\r\n/);
      assert.match(raw, /\r\nReply-To: "Eml Visitor" <ana@example\.org>\r\n/);
      assert.match(raw, new RegExp(`\\r\\nMessage-ID: <${reply.body.lead_id}\\.clinic@clinic\\.example>\\r\\n`));
      assert.match(raw, /filename="plan\.ics"/);
      assert.equal(raw.replaceAll('\r\n', '').includes('\n'), false, 'CRLF only');
      assert.ok(raw.split('\r\n').every((line) => line.length <= 998));
      const health = await (await fetch(`${server.url}/healthz`)).json();
      assert.equal(health.outbox.sent, 1);
    } finally {
      await server.stop();
    }
  });
});
