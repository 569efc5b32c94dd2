// `smp-consult leads backup` while the relay takes 50 leads, `leads restore` into a fresh data
// folder: the copy holds every lead acknowledged before the backup began (and none that was never
// acknowledged), `leads list` reads it, and a relay started on it delivers what was pending. The
// real relay over HTTP and the real CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { binary, freePort, makeLead, postLead, runCli, startServer, tempDir, waitFor, writeConfig } from './helpers.mjs';

function runAsync(args) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('exit', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

const leadIds = (listing) => new Set(listing.match(/^L-\S+/gm) ?? []);

describe('leads backup and restore', () => {
  test('a backup taken while 50 leads are posted restores every acknowledged lead, and the restored relay delivers them', async (t) => {
    const dir = tempDir('backup');
    const config = writeConfig(dir);
    // Nothing is delivered by the first relay (its SMTP server is not there), so every lead in
    // the copy is still pending: the restored relay must send each one.
    const deadPort = await freePort();
    const relay = await startServer({ config, smtpUrl: `smtp://127.0.0.1:${deadPort}`, env: { SMP_RETRY_MINUTE_MS: '100' } });
    const backupFile = path.join(dir, 'leads-backup.sqlite3');
    const acked = new Set();
    let ackedBeforeBackup = null;
    let backup = null;
    try {
      let next = 0;
      const poster = async () => {
        while (next < 50) {
          next += 1;
          const res = await postLead(relay.url, makeLead());
          assert.equal(res.status, 202, res.text);
          acked.add(res.body.lead_id);
          if (acked.size === 15 && !backup) {
            ackedBeforeBackup = new Set(acked);
            backup = runAsync(['leads', 'backup', '--data', relay.dataDir, '--to', backupFile]);
          }
        }
      };
      await Promise.all([poster(), poster(), poster(), poster()]);
      const result = await backup;
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /\d+ leads, \d+ messages not yet delivered/);
    } finally {
      await relay.stop();
    }
    assert.equal(acked.size, 50);
    assert.ok(!fs.existsSync(`${backupFile}.partial`));
    assert.ok(!fs.existsSync(`${backupFile}-wal`), 'the backup is one self-contained file');

    const restored = path.join(dir, 'restored');
    const restore = runCli(['leads', 'restore', '--from', backupFile, '--data', restored]);
    assert.equal(restore.status, 0, restore.stderr);
    const list = runCli(['leads', 'list', '--data', restored]);
    assert.equal(list.status, 0, list.stderr);
    const copy = leadIds(list.stdout);
    for (const id of ackedBeforeBackup) assert.ok(copy.has(id), `${id}, acknowledged before the backup, is in the copy`);
    for (const id of copy) assert.ok(acked.has(id), `${id} in the copy was acknowledged`);
    assert.ok(copy.size >= 15 && copy.size <= 50);
    t.diagnostic(`the copy holds ${copy.size} of 50 leads; ${ackedBeforeBackup.size} were acknowledged before the backup began`);
    assert.match(list.stdout, new RegExp(`^${copy.size} leads$`, 'm'));

    // The restored relay (no SMTP: .eml files) delivers every pending lead of the copy.
    const second = await startServer({ config, data: restored, env: { SMP_RETRY_MINUTE_MS: '100' } });
    try {
      const mail = path.join(restored, 'mail');
      await waitFor(() => fs.existsSync(mail) && fs.readdirSync(mail).filter((f) => f.endsWith('-clinic.eml')).length === copy.size,
        60000, 'a clinic email for every lead of the copy');
      const delivered = new Set(fs.readdirSync(mail).filter((f) => f.endsWith('-clinic.eml')).map((f) => f.replace(/-clinic\.eml$/, '')));
      assert.deepEqual([...delivered].sort(), [...copy].sort());
      await waitFor(async () => (await (await fetch(`${second.url}/healthz`)).json()).outbox.sent === copy.size, 15000, 'the outbox to note every delivery');
    } finally {
      await second.stop();
    }
  });

  test('restore refuses a used data folder unless --force, and a file that is no leads database', async () => {
    const dir = tempDir('restore');
    const config = writeConfig(dir);
    const relay = await startServer({ config });
    let kept;
    try {
      const res = await postLead(relay.url, makeLead());
      assert.equal(res.status, 202);
      kept = res.body.lead_id;
    } finally {
      await relay.stop();
    }
    const backupFile = path.join(dir, 'one.sqlite3');
    const backup = runCli(['leads', 'backup', '--data', relay.dataDir, '--to', backupFile]);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /1 leads, 1 messages not yet delivered|1 leads, 0 messages not yet delivered/);

    // Another relay's data folder, with a lead of its own.
    const other = await startServer({ config });
    let replaced;
    try {
      replaced = (await postLead(other.url, makeLead())).body.lead_id;
      const running = runCli(['leads', 'restore', '--from', backupFile, '--data', other.dataDir, '--force']);
      assert.equal(running.status, 1);
      assert.match(running.stderr, /in use by a running `smp-consult serve`/);
    } finally {
      await other.stop();
    }
    const refused = runCli(['leads', 'restore', '--from', backupFile, '--data', other.dataDir]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /not empty.*--force/);
    assert.ok(leadIds(runCli(['leads', 'list', '--data', other.dataDir]).stdout).has(replaced), 'nothing was touched');

    const forced = runCli(['leads', 'restore', '--from', backupFile, '--data', other.dataDir, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.deepEqual([...leadIds(runCli(['leads', 'list', '--data', other.dataDir]).stdout)], [kept]);

    const junk = path.join(dir, 'junk.sqlite3');
    fs.writeFileSync(junk, 'not a database at all\n'.repeat(100));
    const bad = runCli(['leads', 'restore', '--from', junk, '--data', path.join(dir, 'fresh')]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /junk\.sqlite3: /);
    assert.ok(!fs.existsSync(path.join(dir, 'fresh', 'leads.sqlite3')));

    const usage = runCli(['leads', 'backup', '--data', dir]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--to FILE/);
  });
});
