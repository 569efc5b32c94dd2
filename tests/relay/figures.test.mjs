// One set of figures everywhere (SPEC §8 "One display rounding"): for a grid of clinic pricing
// configs × visitor answers, the money Chromium renders on the result page is exactly the money in
// the clinic's email, as received by a real SMTP server and parsed as MIME. Skipped when the
// widget has not been built (dist/smp) or Chromium is missing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { repoRoot, startServer, startSmtp, tempDir, waitFor } from './helpers.mjs';

const W = 'smp-consultation';
const widgetBuilt = fs.existsSync(path.join(repoRoot, 'dist/smp/smp-consult.js'));
const chromium = process.env.SMP_CHROMIUM || '/usr/bin/chromium';
const skip = !widgetBuilt ? 'dist/smp not built' : !fs.existsSync(chromium) ? 'no Chromium' : false;

const PRICINGS = {
  // The case: a 55 % scar add-on and a 10 % deposit (email said 1,400 – 2,800 / 100).
  'USD, 55 % scars, 10 % deposit': { currency: 'USD', round_to: 50, scar_addon_factor: 0.55, deposit: { percent: 10 } },
  'EUR to 100, fee and fixed deposit': { currency: 'EUR', round_to: 100, scar_addon_factor: 0.35, consultation_fee: 45, deposit: { amount: 75 } },
  'GBP per session to 25': { model: 'per_session', per_session_rate: [525, 880], currency: 'GBP', round_to: 25, deposit: { percent: 15 } },
};
const ANSWERS = {
  'Norwood III with FUE scars': {
    dob: '1985-03-14', sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved',
    scars: [{ type: 'fue_dots', healed_since: '2020-01-01' }],
  },
  'Ludwig II': { dob: '1979-06-02', sex: 'female', pattern: { scale: 'ludwig', stage: 'II' }, desired_look: 'keep_length' },
  'crown only with a strip scar, provisional': {
    dob: '1990-01-20', sex: 'male', pattern: { scale: 'crown_only' }, desired_look: 'shaved',
    scars: [{ type: 'fut_strip', healed_since: '2018-09-01' }], medical: { blood_thinners_or_bleeding_disorder: true },
  },
};

// Money tokens as the core formats them in English ("$1,950", "€1,100", "CA$300").
const MONEY = /(?:[A-Z]{0,2}[$€£])[\d,]+/g;
const tokens = (text) => (text.match(MONEY) ?? []);

// The email's estimate section of the text part: from its title to the next blank line.
function emailEstimate(text) {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line, i) => line === 'Estimate' && /^-+$/.test(lines[i + 1] ?? ''));
  assert.ok(start >= 0, `no Estimate section in:\n${text}`);
  const end = lines.findIndex((line, i) => i > start && line === '');
  return lines.slice(start + 2, end).join('\n');
}

describe('the visitor and the clinic see the same figures', { skip }, () => {
  let smtp;
  let browser;
  let widget;
  let openPage;
  const servers = [];

  before(async () => {
    ({ openPage } = await import('../e2e/helpers/browser.mjs'));
    const { launch } = await import('../e2e/helpers/browser.mjs');
    widget = await import('../e2e/helpers/widget.mjs');
    smtp = await startSmtp();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    for (const server of servers) await server.stop();
    await smtp?.stop();
  });

  let visitor = 0;
  for (const [pricingName, pricing] of Object.entries(PRICINGS)) {
    describe(pricingName, () => {
      let server;
      before(async () => {
        const dir = tempDir('figures');
        const config = JSON.parse(fs.readFileSync(path.join(repoRoot, 'web/demo/clinic.json'), 'utf8'));
        config.pricing = pricing;
        config.lead = { ...config.lead, min_fill_seconds: 0 };  // a scripted visitor is fast
        fs.writeFileSync(path.join(dir, 'clinic.json'), JSON.stringify(config));
        server = await startServer({
          config: path.join(dir, 'clinic.json'),
          smtpUrl: smtp.url,
          args: ['--site', path.join(repoRoot, 'web/demo'), '--widget', path.join(repoRoot, 'dist/smp')],
        });
        servers.push(server);
      });

      for (const [answersName, answers] of Object.entries(ANSWERS)) {
        test(answersName, async () => {
          visitor += 1;
          const name = `Figures Visitor ${visitor}`;
          const { page, problems } = await openPage(browser.context, `${server.url}/`);
          await widget.start(page);
          await widget.answerAll(page, answers);
          await widget.readResult(page);
          const shown = await page.evaluate((sel) => {
            const estimate = document.querySelector(sel).shadowRoot.querySelector('article.result .estimate');
            return {
              total: estimate.querySelector('p[data-price]').textContent,
              all: [...estimate.querySelectorAll('[data-price]')].map((el) => el.textContent).join('\n'),
            };
          }, W);
          await page.locator(`${W} [data-action="send"]`).click();
          await page.locator(`${W} input[name="name"]`).fill(name);
          await page.locator(`${W} input[name="email"]`).fill('figures@example.org');
          await page.locator(`${W} input[name="consent_contact"]`).check();
          await page.locator(`${W} [data-action="submit-lead"]`).click();
          await page.locator(`${W} .done`).waitFor({ timeout: 20000 });
          assert.deepEqual(problems.pageErrors, []);
          await page.close();

          const mail = await waitFor(() => smtp.messages().find((m) => m.headers.subject.includes(name)), 15000, 'the clinic email');
          const section = emailEstimate(mail.text);
          assert.ok(tokens(shown.all).length >= 3, shown.all);
          assert.deepEqual(tokens(section), tokens(shown.all), `widget:\n${shown.all}\nemail:\n${section}`);
          assert.ok(section.includes(shown.total), `total ${shown.total} in\n${section}`);
          assert.ok(mail.html.includes(shown.total), 'the HTML part shows the same total');
        });
      }
    });
  }
});
