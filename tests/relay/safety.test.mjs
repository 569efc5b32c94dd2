// Clinical safety through the real relay: the clinic email (parsed as MIME by the SMTP sink)
// names the health questions left unsure and says "No health conditions reported" only when
// every one was answered No; a minor's health answers are refused; aftercare comes per session
// in the email and in plan.ics (parsed with python3-icalendar).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { makeLead, postLead, startServer, startSmtp, tempDir, waitFor, writeConfig } from './helpers.mjs';

const YES_NO = ['pregnant_or_breastfeeding', 'active_scalp_condition', 'chronic_scalp_condition_controlled',
  'keloid_prone', 'blood_thinners_or_bleeding_disorder', 'pigment_or_ink_reaction', 'immunocompromised',
  'other_serious_condition'];

function medical(value, enumValue) {
  const out = Object.fromEntries(YES_NO.map((key) => [key, value]));
  return { ...out, chemotherapy: enumValue, diabetes: enumValue, skin_cancer: enumValue };
}

/** Every VEVENT's SUMMARY and DTSTART date, read by the icalendar library. */
function icsEvents(text) {
  const script = [
    'import json, sys, icalendar',
    'cal = icalendar.Calendar.from_ical(sys.stdin.read())',
    'print(json.dumps([{"summary": str(e.get("summary")), "start": e.decoded("dtstart").isoformat()}',
    '                  for e in cal.walk("VEVENT")]))',
  ].join('\n');
  const run = spawnSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe('clinical safety through the relay', () => {
  let smtp;
  let server;

  before(async () => {
    const dir = tempDir('safety');
    smtp = await startSmtp();
    server = await startServer({ config: writeConfig(dir), smtpUrl: smtp.url });
  });

  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  async function clinicEmail(lead) {
    const reply = await postLead(server.url, lead);
    assert.equal(reply.status, 202, reply.text);
    return waitFor(() => smtp.messages().find(
      (m) => m.headers['message-id'] === `<${reply.body.lead_id}.clinic@clinic.example>`), 15000, 'clinic email');
  }

  test('regression: skipped health questions are listed by name, never "no conditions"', async () => {
    const mail = await clinicEmail(makeLead({
      consent: { health_data: true },
      answers: {
        age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved',
        medical: { ...medical('unsure', 'unsure'), isotretinoin_last_dose: 'unsure' },
      },
    }));
    assert.match(mail.headers.subject, /Candidate after medical clearance/);
    assert.doesNotMatch(mail.text, /No health conditions reported/);
    const line = mail.text.split('\n').find((l) => l.startsWith('Not answered or not sure: '));
    assert.ok(line, mail.text);
    for (const name of ['Prone to keloids', 'Blood thinners or bleeding disorder', 'Diabetes', 'Skin cancer',
      'Last isotretinoin dose', 'Pregnant or breastfeeding']) {
      assert.ok(line.includes(name), `${name} in ${line}`);
    }
    assert.ok(mail.html.includes('Not answered or not sure'));
    // The reasons, each naming its question, are in the verdict section.
    assert.match(mail.text, /this health question: "Have you ever had keloid scars\?"/);
  });

  test('every health question answered No: "No health conditions reported"', async () => {
    const mail = await clinicEmail(makeLead({
      consent: { health_data: true },
      answers: {
        age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved',
        medical: medical(false, 'none'),
      },
    }));
    assert.match(mail.text, /No health conditions reported/);
    assert.doesNotMatch(mail.text, /Not answered or not sure/);
  });

  test('regression: a minor\'s health answers are refused with a pointer', async () => {
    const reply = await postLead(server.url, makeLead({
      consent: { health_data: true },
      answers: { age: 17, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, medical: { keloid_prone: false } },
    }));
    assert.equal(reply.status, 400, reply.text);
    assert.deepEqual(reply.body.errors.map((e) => [e.pointer, e.code]), [['/answers/medical', 'health_data_minor']]);
    assert.match(reply.body.errors[0].message, /under 18/);
    const without = await postLead(server.url, makeLead({
      answers: { age: 17, sex: 'male', pattern: { scale: 'norwood', stage: 'III' } },
    }));
    assert.equal(without.status, 202, without.text);
  });

  test('regression: aftercare after every session in the email and in plan.ics', async () => {
    const mail = await clinicEmail(makeLead({
      answers: { age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'VII' }, desired_look: 'shaved' },
    }));
    for (const n of [1, 2, 3]) assert.match(mail.text, new RegExp(`\\nAfter session ${n}\\r?\\n  \\* Shaving`));
    assert.match(mail.text, /session 2 restarts this before it ends/);
    assert.match(mail.text, /If the extra sessions are needed: no restrictions from: \w{3}, \w+ \d{1,2}, \d{4}\r?\n/);
    const ics = mail.attachments.find((a) => a.filename === 'plan.ics');
    assert.ok(ics, 'plan.ics');
    const aftercare = icsEvents(ics.content).filter((e) => e.summary.startsWith('SMP aftercare after session'));
    for (const n of [1, 2, 3]) {
      assert.ok(aftercare.some((e) => e.summary.startsWith(`SMP aftercare after session ${n}: Shaving`)), `session ${n}`);
    }
    // Session 1's day-28 milestones fall after session 2, which restarts them: no such event.
    assert.ok(!aftercare.some((e) => e.summary.startsWith('SMP aftercare after session 1') && /Direct sun/.test(e.summary)));
  });
});
