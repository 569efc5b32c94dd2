// The relay logs no personal data (issue 11): leads accepted, invalid, quarantined as bots and
// refused by the SMTP server (whose replies quote the recipient's address) leave lead ids and
// counts in the log, never a visitor's name, email or phone. Real relay over HTTP, real SMTP
// server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { makeLead, postLead, runCli, startServer, startSmtp, tempDir, waitFor, writeConfig } from './helpers.mjs';

const visitors = {
  accepted: { name: 'Anneliese Angenommen', email: 'anneliese.ok@example.org', phone: '+49 30 1111 2222' },
  invalid: { name: 'Ingo Ungueltig', email: 'ingo.bad@example', phone: '+49 30 3333 4444' },
  bot: { name: 'Bodo Roboter', email: 'bodo.bot@example.org', phone: '+49 30 5555 6666' },
  refused: { name: 'Sven Abgelehnt', email: 'sven.refused@example.org', phone: '+49 30 7777 8888' },
};
const secrets = Object.values(visitors).flatMap((v) => [v.name, v.email, v.phone]);

function assertNoPersonalData(text, where) {
  for (const secret of secrets) {
    assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${where} contains "${secret}":\n${text}`);
  }
}

const lead = (who, patch = {}) => makeLead({
  ...patch,
  contact: { name: who.name, email: who.email, phone: who.phone, preferred_contact: 'email' },
});

describe('the relay logs no personal data', () => {
  let smtp;
  let server;
  let stdout = '';

  before(async () => {
    smtp = await startSmtp();
    const dir = tempDir('log-privacy');
    server = await startServer({
      config: writeConfig(dir, { lead: { confirm_to_visitor: true } }),
      smtpUrl: smtp.url,
      env: { SMP_RETRY_MINUTE_MS: '100' },
    });
    server.child.stdout.on('data', (d) => { stdout += d.toString(); });
  });
  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('accepted, invalid, bot and SMTP-refused leads: ids in the log, never a name, email or phone', async () => {
    const accepted = await postLead(server.url, lead(visitors.accepted));
    assert.equal(accepted.status, 202, accepted.text);
    await waitFor(() => smtp.messages().filter((m) => m.headers['x-smp-lead-id'] === accepted.body.lead_id).length === 2,
      15000, 'the accepted lead\'s two emails');

    const invalid = await postLead(server.url, lead(visitors.invalid));
    assert.equal(invalid.status, 400, invalid.text);

    const bot = await postLead(server.url, lead(visitors.bot, { hp: 'http://spam.example' }));
    assert.equal(bot.status, 202, bot.text);

    // A busy server, then a refusal; both replies quote the recipient, as Postfix's do.
    smtp.reply(`RCPT 451 4.2.0 <${visitors.refused.email}>: mailbox busy`);
    const refused = await postLead(server.url, lead(visitors.refused));
    assert.equal(refused.status, 202, refused.text);
    await waitFor(() => /will retry/.test(server.log()), 15000, 'a retry');
    smtp.reply(`RCPT 550 5.1.1 <${visitors.refused.email}>: Recipient address rejected: User unknown`);
    await waitFor(() => (server.log().match(/REFUSED/g) ?? []).length === 2, 15000, 'both emails refused');
    smtp.reply(null);

    // The CLI's messages about these leads name them by id too.
    const release = runCli(['leads', 'release', bot.body.lead_id, '--data', server.dataDir]);
    assert.equal(release.status, 0, release.stderr);
    await waitFor(() => smtp.messages().some((m) => m.headers['x-smp-lead-id'] === bot.body.lead_id),
      15000, 'the released lead');
    // The full reply stays where the clinic looks for it.
    assert.match(runCli(['leads', 'list', '--data', server.dataDir]).stdout,
      /last error: .*<sven\.refused@example\.org>: Recipient address rejected/);
    const retry = runCli(['leads', 'retry', refused.body.lead_id, '--data', server.dataDir]);
    const erase = runCli(['leads', 'erase', '--email', visitors.accepted.email, '--data', server.dataDir]);
    assert.equal(erase.status, 0, erase.stderr);
    const missing = runCli(['leads', 'erase', '--email', 'nobody.known@example.org', '--data', server.dataDir]);
    assert.equal(missing.status, 1);
    assert.doesNotMatch(missing.stderr, /nobody\.known/);

    const log = server.log();
    for (const id of [accepted.body.lead_id, bot.body.lead_id, refused.body.lead_id]) {
      assert.match(log, new RegExp(id), `the log names lead ${id}`);
    }
    assert.match(log, /<\[address\]>: Recipient address rejected/);
    assertNoPersonalData(log, 'stderr of serve');
    assertNoPersonalData(stdout, 'stdout of serve');
    for (const [name, result] of Object.entries({ release, retry, erase })) {
      assertNoPersonalData(result.stdout + result.stderr, `leads ${name}`);
    }
  });
});
