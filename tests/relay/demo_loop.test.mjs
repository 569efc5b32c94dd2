// The README demo's full loop with real parts: Chromium completes the quiz on the demo site
// served by `smp-consult serve` (web/demo + the built dist/smp), submits the lead form, and the
// clinic's email arrives at a real SMTP server, once, with the server's figures and the .ics.
// Skipped when the widget has not been built (dist/smp) or Chromium is missing (not under CI).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { skipUnlessCI } from '../dependency.mjs';
import { repoRoot, sleep, startServer, startSmtp, tempDir, waitFor } from './helpers.mjs';

const W = 'smp-consultation';
const widgetBuilt = fs.existsSync(path.join(repoRoot, 'dist/smp/smp-consult.js'));
const chromium = process.env.SMP_CHROMIUM || '/usr/bin/chromium';
// Under CI=true nothing is skipped: a missing widget build or Chromium fails the suite.
const skip = skipUnlessCI(!widgetBuilt ? 'dist/smp not built' : !fs.existsSync(chromium) ? 'no Chromium' : false);

describe('demo loop: quiz -> submit -> clinic email', { skip }, () => {
  let smtp;
  let server;
  let browser;
  let widget;

  before(async () => {
    const { launch } = await import('../e2e/helpers/browser.mjs');
    widget = await import('../e2e/helpers/widget.mjs');
    const dir = tempDir('demo');
    const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'web/demo/clinic.json'), 'utf8'));
    // A scripted visitor finishes in seconds; a human takes longer than min_fill_seconds.
    config.lead = { ...config.lead, min_fill_seconds: 0 };
    fs.writeFileSync(path.join(dir, 'clinic.json'), JSON.stringify(config));
    smtp = await startSmtp();
    server = await startServer({
      config: path.join(dir, 'clinic.json'),
      smtpUrl: smtp.url,
      args: ['--site', path.join(repoRoot, 'web/demo'), '--widget', path.join(repoRoot, 'dist/smp')],
    });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  for (const [label, pagePath] of [['demo site', '/?utm_source=newsletter'], ['/embed page', '/embed']]) {
    test(`a visitor on the ${label} completes the quiz and the clinic gets one email`, async () => {
      const { openPage } = await import('../e2e/helpers/browser.mjs');
      const { page, problems } = await openPage(browser.context, `${server.url}${pagePath}`);
      await widget.start(page);
      await widget.answerAll(page, {
        dob: '1985-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved', fitzpatrick: 3,
      });
      const shown = await widget.readResult(page);
      await page.locator(`${W} [data-action="send"]`).click();
      await page.locator(`${W} form.lead-form`).waitFor();
      const name = `Demo Visitor ${label === 'demo site' ? 'A' : 'B'}`;
      await page.locator(`${W} input[name="name"]`).fill(name);
      await page.locator(`${W} input[name="email"]`).fill('visitor@example.org');
      await page.locator(`${W} input[name="consent_contact"]`).check();
      await page.locator(`${W} [data-action="submit-lead"]`).click();
      await page.locator(`${W} .done`).waitFor({ timeout: 20000 });
      assert.deepEqual(problems.csp, [], 'no CSP violations');

      const mail = await waitFor(() => smtp.messages().find((m) => m.headers.subject.includes(name)), 15000, 'the clinic email');
      await sleep(300);
      await smtp.settled();
      assert.equal(smtp.messages().filter((m) => m.headers.subject.includes(name)).length, 1);
      assert.deepEqual(mail.rcpt_tos, ['hello@harborline-smp.example']);
      assert.equal(mail.headers['reply-to'], `"${name}" <visitor@example.org>`.replaceAll('"', ''));
      assert.match(mail.headers.subject, /Good candidate \(health not shared\)/);
      if (shown.estimate) {
        assert.ok(mail.text.includes(shown.estimate.low.toLocaleString('en-US')), 'the figures the visitor saw');
      }
      assert.doesNotMatch(mail.text, /differs from the server's result/);
      assert.ok(mail.attachments.some((a) => a.filename === 'plan.ics'));
    });
  }
});
