// A visitor's clock may run fast or slow: a started_at in the future is unknown, not a bot signal
// (SPEC §7), and the fill time is read off the browser's own clock when it sent both ends.
// Real relay over HTTP, real SMTP server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { makeLead, postLead, runCli, startServer, startSmtp, tempDir, waitFor, writeConfig } from './helpers.mjs';

const minutes = (n) => n * 60 * 1000;
const iso = (ms) => new Date(ms).toISOString();

describe('clock skew and the fill time', () => {
  let smtp;
  let server;
  const mailedIds = () => smtp.messages().map((m) => m.headers['x-smp-lead-id']);
  const quarantined = () => runCli(['leads', 'list', '--quarantined', '--data', server.dataDir]).stdout;

  before(async () => {
    smtp = await startSmtp();
    const dir = tempDir('skew');
    server = await startServer({ config: writeConfig(dir, { lead: { min_fill_seconds: 20 } }), smtpUrl: smtp.url });
  });
  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('regression: a visitor whose clock runs an hour fast is emailed, not quarantined', async () => {
    const ahead = Date.now() + minutes(60);
    const reply = await postLead(server.url, makeLead({
      consent: { given_at: iso(ahead) },
      context: { started_at: iso(ahead - minutes(4)) },
    }));
    assert.equal(reply.status, 202, reply.text);
    await waitFor(() => mailedIds().includes(reply.body.lead_id), 15000, 'the skewed visitor\'s email');
    assert.ok(!quarantined().includes(reply.body.lead_id));
  });

  test('a started_at in the future with no usable given_at is unknown, and the lead is emailed', async () => {
    const reply = await postLead(server.url, makeLead({
      consent: { given_at: iso(Date.now() - minutes(30)) },  // before started_at: unusable
      context: { started_at: iso(Date.now() + minutes(10)) },
    }));
    assert.equal(reply.status, 202, reply.text);
    await waitFor(() => mailedIds().includes(reply.body.lead_id), 15000, 'the lead email');
  });

  test('a fast fill is still caught on a skewed clock (both ends from the browser)', async () => {
    const ahead = Date.now() + minutes(60);
    const reply = await postLead(server.url, makeLead({
      consent: { given_at: iso(ahead + 3000) },
      context: { started_at: iso(ahead) },
    }));
    assert.equal(reply.status, 202, reply.text);
    assert.match(quarantined(), new RegExp(`${reply.body.lead_id}.*quarantined: min_fill_seconds`));
  });

  test('regression: a valid lead followed by a NUL byte and garbage is invalid JSON', async () => {
    const raw = `${JSON.stringify(makeLead())}\u0000garbage`;
    const reply = await postLead(server.url, null, { raw });
    assert.equal(reply.status, 400, reply.text);
    assert.equal(reply.body.errors[0].code, 'malformed_json');
  });
});
