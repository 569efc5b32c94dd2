// Attribution never costs a lead (issue 13): over HTTP, the real relay accepts a lead whose
// context carries an unknown key (dropped with a log line, not a 400), keeps gclid/fbclid and the
// UTM keys the core lists, and the clinic's email (parsed as MIME by the SMTP sink) shows them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { makeLead, postLead, startServer, startSmtp, tempDir, waitFor, writeConfig } from './helpers.mjs';

let smtp;
let server;

before(async () => {
  const dir = tempDir('context');
  smtp = await startSmtp();
  server = await startServer({ config: writeConfig(dir), smtpUrl: smtp.url });
});

after(async () => {
  await server?.stop();
  await smtp?.stop();
});

test('unknown context keys are dropped with a log line; click ids reach the email', async () => {
  const base = makeLead();
  const lead = makeLead({
    context: {
      ...base.context,
      utm: { source: 'google', campaign: 'spring', id: 'not-a-utm-key-we-know' },
      gclid: 'Cj0KCQ-test',
      fbclid: 'IwAR-test',
      session_replay_id: 'abc',
    },
  });
  const reply = await postLead(server.url, lead);
  assert.equal(reply.status, 202, reply.text);
  const leadId = reply.body.lead_id;
  await waitFor(() => /dropped unknown key \/context\/session_replay_id/.test(server.log()), 10000, 'the log line');
  assert.match(server.log(), /dropped unknown key \/context\/utm\/id/);
  const [mail] = await waitFor(() => {
    const m = smtp.messages().filter((x) => x.headers['x-smp-lead-id'] === leadId);
    return m.length ? m : null;
  }, 15000, 'the clinic email');
  assert.match(mail.text, /gclid\W+Cj0KCQ-test/);
  assert.match(mail.text, /fbclid\W+IwAR-test/);
  assert.match(mail.text, /utm_campaign\W+spring/);
  assert.doesNotMatch(mail.text, /session_replay_id|not-a-utm-key-we-know/);
});
