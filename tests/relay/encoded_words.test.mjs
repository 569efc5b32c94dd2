// RFC 2047 encoded words: "=?UTF-8?B?…?=" in a name decodes, in every mail client (Python's
// email package included, even inside quotes), to whatever its author chose: a CR/LF and a Bcc:.
// A visitor's name or address holding "=?" is refused with a pointer; a clinic's own name holding
// it is encoded by the relay, so it reaches the reader as the literal text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { makeLead, postLead, startServer, startSmtp, tempDir, waitFor, writeConfig } from './helpers.mjs';

const injection = `=?UTF-8?B?${Buffer.from('Eve\r\nBcc: victim@example.com').toString('base64')}?=`;

describe('RFC 2047 encoded words in names and addresses', () => {
  let smtp;
  let server;

  before(async () => {
    const dir = tempDir('encoded-words');
    smtp = await startSmtp();
    server = await startServer({
      config: writeConfig(dir, {
        clinic: { name: `Clinic ${injection}`, email: 'clinic@example.com' },
        lead: { confirm_to_visitor: true },
      }),
      smtpUrl: smtp.url,
    });
  });

  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('regression: a visitor name holding an encoded word is refused at /contact/name', async () => {
    const before = smtp.messages().length;
    const reply = await postLead(server.url, makeLead({ contact: { name: injection } }));
    assert.equal(reply.status, 400, reply.text);
    const error = reply.body.errors.find((e) => e.pointer === '/contact/name');
    assert.ok(error, reply.text);
    assert.equal(error.code, 'encoded_word');
    assert.match(error.message, /=\?/);
    assert.equal(smtp.messages().length, before);
  });

  test('regression: an address whose local part is an encoded word is refused at /contact/email', async () => {
    const reply = await postLead(server.url, makeLead({ contact: { email: '=?utf-8?q?evil?=@example.org' } }));
    assert.equal(reply.status, 400, reply.text);
    assert.deepEqual(reply.body.errors.map((e) => [e.pointer, e.code]), [['/contact/email', 'invalid_email']]);
  });

  test('regression: a clinic name holding an encoded word reaches the reader literally, parsed as MIME', async () => {
    const reply = await postLead(server.url, makeLead());
    assert.equal(reply.status, 202, reply.text);
    const mails = await waitFor(() => {
      const found = smtp.messages().filter((m) => m.parse_error || m.headers['x-smp-lead-id'] === reply.body.lead_id);
      return found.length === 2 && found;
    }, 15000, 'the clinic and visitor emails');
    for (const mail of mails) {
      assert.equal(mail.parse_error, undefined, `Python's email package refused the message: ${mail.parse_error}`);
      // Python's email package (policy.default) decodes every encoded word it finds.
      for (const [name, value] of Object.entries(mail.headers)) {
        assert.doesNotMatch(value, /[\r\n]/, `decoded ${name}: ${JSON.stringify(value)}`);
      }
      assert.equal(mail.headers.bcc, undefined, JSON.stringify(mail.headers));
      assert.ok(!mail.raw_header_lines.some((l) => /^bcc:/i.test(l)), mail.raw_header_lines.join('\n'));
      assert.deepEqual(mail.rcpt_tos.length, 1, JSON.stringify(mail.rcpt_tos));
    }
    const clinic = mails.find((m) => m.rcpt_tos[0] === 'leads@clinic.example');
    const visitor = mails.find((m) => m.rcpt_tos[0] === 'ana@example.org');
    assert.ok(clinic && visitor, JSON.stringify(mails.map((m) => m.rcpt_tos)));
    // The clinic's name as written in its config, not what the encoded word inside it says
    // (Python keeps the folding space between our own encoded words, hence no spaces compared).
    const literal = `Clinic${injection}`;
    assert.ok(clinic.headers.to.replace(/\s/g, '').includes(literal), clinic.headers.to);
    assert.ok(visitor.headers.from.replace(/\s/g, '').includes(literal), visitor.headers.from);
  });
});
