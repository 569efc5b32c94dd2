// The shipped systemd units (deploy/systemd/): `systemd-analyze verify` accepts them, the relay's
// exposure (`systemd-analyze security --offline`) stays below 3.0, and the ExecStart= command
// line really starts the relay (run here with the unit's paths moved to temporary folders: this
// container's PID 1 is not systemd, so the unit itself cannot be started).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { skipUnlessCI } from '../dependency.mjs';
import { binary, repoRoot, startServer, tempDir, writeConfig } from '../relay/helpers.mjs';

const units = ['smp-consult.service', 'smp-consult-backup.service', 'smp-consult-backup.timer'];
const unitDir = path.join(repoRoot, 'deploy/systemd');
const analyze = '/usr/bin/systemd-analyze';
const missing = (!fs.existsSync(analyze) && `${analyze} missing (apt-get install systemd)`) ||
  (!fs.existsSync(binary) && `${binary} missing (scripts/build-native)`);

/** The units with /usr/bin/smp-consult replaced by the built binary (verify checks it exists). */
function stagedUnits() {
  const dir = tempDir('units');
  for (const unit of units) {
    const text = fs.readFileSync(path.join(unitDir, unit), 'utf8').replaceAll('/usr/bin/smp-consult', binary);
    fs.writeFileSync(path.join(dir, unit), text);
  }
  return units.map((u) => path.join(dir, u));
}

/** The unit's ExecStart= (continuation lines joined) as an argument list. */
function execStart(text) {
  const joined = text.replace(/\\\n\s*/g, ' ');
  return joined.match(/^ExecStart=(.*)$/m)[1].trim().split(/\s+/);
}

describe('deploy/systemd', { skip: skipUnlessCI(missing) }, () => {
  test('systemd-analyze verify accepts the service, the backup service and its timer', () => {
    // --man=no: the manual page of Documentation= is installed by the package, not here.
    const result = spawnSync(analyze, ['verify', '--man=no', ...stagedUnits()], { encoding: 'utf8', timeout: 60000 });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr.trim(), '', 'no warnings');
  });

  test('systemd-analyze security: the relay\'s exposure is below 3.0', () => {
    const result = spawnSync(analyze, ['security', '--offline=yes', '--no-pager', ...stagedUnits().filter((u) => u.endsWith('.service'))], { encoding: 'utf8', timeout: 60000 });
    assert.equal(result.status, 0, result.stderr);
    const levels = [...result.stdout.matchAll(/Overall exposure level for (\S+): ([\d.]+)/g)].map((m) => [m[1], Number(m[2])]);
    assert.equal(levels.length, 2, result.stdout);
    for (const [unit, level] of levels) assert.ok(level < 3.0, `${unit}: ${level}`);
  });

  test('the unit runs the relay on the loopback, trusting only the local proxy, on its StateDirectory', () => {
    const text = fs.readFileSync(path.join(unitDir, 'smp-consult.service'), 'utf8');
    const args = execStart(text);
    assert.deepEqual(args.slice(0, 2), ['/usr/bin/smp-consult', 'serve']);
    const flag = (name) => args[args.indexOf(name) + 1];
    assert.equal(flag('--listen').split(':')[0], '127.0.0.1');
    assert.equal(flag('--data'), `/var/lib/${text.match(/^StateDirectory=(\S+)$/m)[1]}`);
    assert.match(text, /^Environment=SMP_TRUSTED_PROXIES=127\.0\.0\.1$/m);
    assert.match(text, /^EnvironmentFile=-\/etc\/smp-consult\/env$/m);
    for (const key of ['DynamicUser=yes', 'ProtectSystem=strict', 'NoNewPrivileges=yes', 'PrivateTmp=yes', 'Restart=on-failure', 'SystemCallFilter=@system-service']) {
      assert.match(text, new RegExp(`^${key}$`, 'm'));
    }
    assert.match(text, /^RestrictAddressFamilies=/m);
  });

  test('the backup service\'s command writes the day\'s copy (its paths moved to temporary folders)', async () => {
    const dir = tempDir('unit-backup');
    const state = path.join(dir, 'state');
    const server = await startServer({ config: writeConfig(dir), data: state });
    await server.stop();
    const text = fs.readFileSync(path.join(unitDir, 'smp-consult-backup.service'), 'utf8');
    // systemd turns %% into %; the shell does the rest.
    const command = text.match(/^ExecStart=\/bin\/sh -c '(.*)'$/m)[1].replaceAll('%%', '%')
      .replaceAll('/usr/bin/smp-consult', binary)
      .replaceAll('/var/lib/smp-consult-backups', path.join(dir, 'backups'))
      .replaceAll('/var/lib/smp-consult', state);
    fs.mkdirSync(path.join(dir, 'backups'));
    const result = spawnSync('/bin/sh', ['-c', command], { encoding: 'utf8', timeout: 60000 });
    assert.equal(result.status, 0, result.stderr);
    const day = new Date().toISOString().slice(0, 10);
    assert.ok(fs.existsSync(path.join(dir, 'backups', `leads-${day}.sqlite3`)), fs.readdirSync(path.join(dir, 'backups')).join(', '));
    assert.match(text, /^StateDirectory=smp-consult smp-consult-backups$/m);
    assert.match(text, /^User=smp-consult$/m, 'the relay\'s user, to read its folder');
  });

  test('the unit\'s ExecStart= starts the relay (its paths moved to temporary folders)', async () => {
    const dir = tempDir('unit-exec');
    const config = writeConfig(dir);
    const args = execStart(fs.readFileSync(path.join(unitDir, 'smp-consult.service'), 'utf8')).slice(2)
      .map((a) => a.replace('/etc/smp-consult/clinic.json', config)
        .replace('/var/lib/smp-consult', path.join(dir, 'state'))
        .replace('/usr/share/smp-consult/widget', path.join(repoRoot, 'dist/smp'))
        .replace('/usr/share/smp-consult/setup', path.join(repoRoot, 'dist/setup'))
        .replace(/^127\.0\.0\.1:\d+$/, '127.0.0.1:0'));
    // startServer adds its own --listen/--data first; the unit's later ones win.
    const server = await startServer({ config, args, env: { SMP_TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const health = await (await fetch(`${server.url}/healthz`)).json();
      assert.equal(health.status, 'ok');
      assert.ok(fs.existsSync(path.join(dir, 'state', 'leads.sqlite3')));
    } finally {
      await server.stop();
    }
  });
});
