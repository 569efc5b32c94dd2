// What the clinic's email says, read the way a mail client reads it: the HTML part parsed by
// Python's html.parser (tests/relay/html_check.py), the plan.ics by python3-icalendar
// (tests/relay/ics_events.py), both from messages received by a real SMTP server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { makeLead, postLead, repoRoot, startServer, startSmtp, tempDir, waitFor, writeConfig } from './helpers.mjs';

const python = '/usr/bin/python3';  // Debian's, with python3-icalendar
const ZONE = 'America/Chicago';

function runPython(script, input) {
  const out = spawnSync(python, [path.join(repoRoot, 'tests/relay', script)], { input, encoding: 'utf8', timeout: 30000 });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

// The clinic's local time as Intl writes it (en-US), for the moments around a request.
function localTimes(fromMs, toMs) {
  const day = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, weekday: 'short', month: 'long', day: 'numeric', year: 'numeric' });
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const times = new Set();
  for (let t = fromMs - 60000; t <= toMs + 60000; t += 30000) times.add(`${day.format(t)}, ${clock.format(t)} (${ZONE})`);
  return times;
}

describe('the clinic email as a mail client shows it', () => {
  let smtp;
  let server;

  before(async () => {
    const dir = tempDir('content');
    const config = writeConfig(dir, {
      clinic: { name: 'Test SMP Clinic', email: 'clinic@example.com', phone: '+1 555 0100', timezone: ZONE, address: '1 Main St' },
    });
    smtp = await startSmtp();
    server = await startServer({ config, smtpUrl: smtp.url });
  });

  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  async function send(patch) {
    const lead = makeLead(patch);
    const before = Date.now();
    const reply = await postLead(server.url, lead);
    const afterMs = Date.now();
    assert.equal(reply.status, 202, reply.text);
    const id = reply.body.lead_id;
    const mail = await waitFor(() => smtp.messages().find((m) => m.headers['x-smp-lead-id'] === id && m.headers['message-id'].includes('.clinic@')), 15000, 'the clinic email');
    return { lead, mail, before, after: afterMs };
  }

  const answers = {
    age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', cause: 'androgenetic',
    scars: [{ type: 'fut_strip', healed_since: '2019-05-01' }],
  };

  test('regression: balanced HTML without health consent, labels instead of codes, local times, links', async () => {
    const { mail, before: sent, after: received } = await send({ answers });
    const html = runPython('html_check.py', mail.html);
    assert.deepEqual(html.errors, [], mail.html);
    const rows = html.rows;
    assert.equal(rows.Sex, 'Male');
    assert.equal(rows.Cause, 'Hereditary (male or female pattern) hair loss');
    assert.match(rows['Hair loss pattern'], /^Receding hairline.* – Stage 3 \(Norwood III\)$/);
    assert.match(rows.Scars, /^A line-shaped scar from a strip transplant \(.*: May 1, 2019\)$/);
    assert.equal(rows['Desired look'], 'A shaved, buzz-cut look');
    assert.ok(localTimes(sent, received).has(rows.Received), `Received: ${rows.Received}`);
    assert.match(rows['Quiz started'], /\(America\/Chicago\)$/);
    assert.match(rows['Given at'], /\(America\/Chicago\)$/);
    assert.ok(html.links.includes('mailto:ana@example.org'), html.links.join(' '));
    assert.ok(html.links.includes('tel:+34600123456'), html.links.join(' '));
    // Dates carry their weekday; no ISO code or UTC timestamp is left in the text part.
    assert.match(mail.text, /Session 1: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]+ \d{1,2}, \d{4}/);
    assert.doesNotMatch(mail.text, /\d{4}-\d{2}-\d{2}/);
    assert.doesNotMatch(mail.text, /fut_strip|androgenetic|: male\b/);
  });

  test('the HTML is balanced with health consent too', async () => {
    const { mail } = await send({ answers: { ...answers, medical: { keloid_prone: false } }, consent: { health_data: true } });
    assert.deepEqual(runPython('html_check.py', mail.html).errors, []);
  });

  test('two visitors on the same day get calendar events that never collide, stamped when created', async () => {
    const first = await send({ answers, contact: { name: 'First Visitor', email: 'first@example.org' } });
    const second = await send({ answers, contact: { name: 'Second Visitor', email: 'second@example.org' } });
    const eventsOf = (mail) => {
      const ics = mail.attachments.find((a) => a.filename === 'plan.ics');
      assert.ok(ics, 'plan.ics attached');
      return runPython('ics_events.py', ics.content);
    };
    const a = eventsOf(first.mail);
    const b = eventsOf(second.mail);
    assert.ok(a.length >= 3);
    assert.equal(new Set(a.map((e) => e.uid)).size, a.length, 'UIDs unique within a plan');
    const shared = a.map((e) => e.uid).filter((uid) => b.some((other) => other.uid === uid));
    assert.deepEqual(shared, [], 'no UID shared by two visitors');
    for (const [{ before: sent, after: received }, events] of [[first, a], [second, b]]) {
      for (const event of events) {
        const stamp = Date.parse(event.dtstamp);
        assert.ok(stamp >= Math.floor(sent / 1000) * 1000 - 1000 && stamp <= received + 1000, `DTSTAMP ${event.dtstamp}`);
      }
    }
  });
});
