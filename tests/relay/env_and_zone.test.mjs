// Settings from the environment either parse or stop the server (exit 1, naming the variable),
// and the CLI and the relay take "today" and the clinic's zone from one library-backed path.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';

import { makeLead, postLead, runCli, startServer, tempDir, writeConfig } from './helpers.mjs';

function serveWith(env, extra = []) {
  const dir = tempDir('env');
  return runCli(['serve', '--listen', '127.0.0.1:0', '--data', `${dir}/data`, ...extra], undefined, env);
}

describe('environment settings', () => {
  for (const [name, value] of [
    ['SMP_RATE_LIMIT_PER_MINUTE', 'abc'],
    ['SMP_RATE_LIMIT_PER_MINUTE', '10 per minute'],
    ['SMP_RATE_LIMIT_PER_MINUTE', '-1'],
    ['SMP_RETRY_MINUTE_MS', 'fast'],
    ['SMP_RETRY_MINUTE_MS', '0'],
  ]) {
    test(`regression: ${name}=${JSON.stringify(value)} is a startup error, not a silent default`, () => {
      const result = serveWith({ [name]: value });
      assert.equal(result.status, 1, `exit ${result.status}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`^${name}: expected a whole number from \\d+ to \\d+, got "${value}"`, 'm'));
      assert.doesNotMatch(result.stdout, /listening/);
    });
  }

  test('a valid SMP_RATE_LIMIT_PER_MINUTE applies', async () => {
    const dir = tempDir('envlimit');
    const server = await startServer({ config: writeConfig(dir), env: { SMP_RATE_LIMIT_PER_MINUTE: '1' } });
    try {
      assert.equal((await postLead(server.url, makeLead())).status, 202);
      assert.equal((await postLead(server.url, makeLead())).status, 429);
    } finally {
      await server.stop();
    }
  });
});

/** The date in `timeZone` now, as the browser computes it (Intl, ICU's own tz data). */
function intlToday(timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

describe('the clinic time zone', () => {
  const answers = JSON.stringify({ age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' });

  // UTC+14 and UTC-12: at any moment at least one of them is on another date than UTC.
  for (const zone of ['Pacific/Kiritimati', 'Etc/GMT+12', 'America/Chicago']) {
    test(`evaluate without --today uses today in ${zone}`, () => {
      const dir = tempDir('zone');
      const config = `${dir}/clinic.json`;
      fs.writeFileSync(config, JSON.stringify({ clinic: { name: 'Zone Clinic', timezone: zone } }));
      const before = intlToday(zone);
      const result = runCli(['evaluate', '--config', config, '--answers', '-'], answers);
      const afterDate = intlToday(zone);
      assert.equal(result.status, 0, result.stderr);
      const asOf = JSON.parse(result.stdout).as_of;
      assert.ok(asOf === before || asOf === afterDate, `as_of ${asOf}, ${zone} today ${before}`);
    });
  }

  test('regression: an unknown zone is a config error with its pointer (validate, evaluate, serve)', () => {
    const dir = tempDir('zonebad');
    const config = `${dir}/clinic.json`;
    fs.writeFileSync(config, JSON.stringify({ clinic: { name: 'Zone Clinic', timezone: 'Mars/Olympus_Mons' } }));
    for (const args of [
      ['validate', config],
      ['evaluate', '--config', config, '--answers', '-'],
      ['serve', '--config', config, '--listen', '127.0.0.1:0', '--data', `${dir}/data`],
    ]) {
      const result = runCli(args, answers);
      assert.equal(result.status, 1, `${args[0]}: exit ${result.status}: ${result.stderr}`);
      assert.match(result.stderr, /^\/clinic\/timezone: unknown time zone "Mars\/Olympus_Mons"/m, args[0]);
    }
  });
});
