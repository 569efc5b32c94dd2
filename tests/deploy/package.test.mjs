// The Debian package (scripts/build-deb, `cpack -G DEB`): its file list is exactly the binary,
// the widget folder, the studio when built, the systemd units, the nginx server block, the manual
// page and Debian's copyright and changelog; its dependencies come from the shared libraries; and
// lintian finds no error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';

import { skipUnlessCI } from '../dependency.mjs';
import { repoRoot, tempDir } from '../relay/helpers.mjs';

const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
const missing = (!fs.existsSync('/usr/bin/dpkg-deb') && 'dpkg-deb missing') ||
  (!fs.existsSync('/usr/bin/cpack') && 'cpack missing (apt-get install cmake)');

function run(command, args, timeout = 600000) {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)));
  }
  return out.sort();
}

describe('the Debian package', { skip: skipUnlessCI(missing) }, () => {
  let deb;
  before(() => {
    const built = run(path.join(repoRoot, 'scripts/build-deb'), []);
    assert.equal(built.status, 0, built.stderr);
    deb = built.stdout.trim().split('\n').pop();
  });

  test('is named smp-consult_<version>_<arch>.deb', () => {
    const arch = run('dpkg', ['--print-architecture']).stdout.trim();
    assert.equal(path.basename(deb), `smp-consult_${version}_${arch}.deb`);
    const field = (name) => run('dpkg-deb', ['-f', deb, name]).stdout.trim();
    assert.equal(field('Package'), 'smp-consult');
    assert.equal(field('Version'), version);
    // The nginx example's brotli_static line needs the module (apt installs Recommends).
    assert.deepEqual(field('Recommends').split(/,\s*/), ['nginx', 'libnginx-mod-http-brotli-static']);
  });

  test('dpkg-deb -c lists exactly the binary, widget, studio, units, nginx example, man page and Debian docs', () => {
    const listing = run('dpkg-deb', ['-c', deb]);
    assert.equal(listing.status, 0, listing.stderr);
    const entries = listing.stdout.trim().split('\n').map((line) => {
      const [mode, , , , , ...rest] = line.split(/\s+/);
      return { mode, path: rest.join(' ').replace(/^\.\//, '/') };
    });
    const files = entries.filter((e) => !e.mode.startsWith('d')).map((e) => e.path).sort();
    const widget = filesUnder(path.join(repoRoot, 'dist/smp')).map((f) => `/usr/share/smp-consult/widget/${f}`);
    const studioDir = path.join(repoRoot, 'dist/setup');
    const studio = fs.existsSync(studioDir) ? filesUnder(studioDir).map((f) => `/usr/share/smp-consult/setup/${f}`) : [];
    const expected = [
      '/usr/bin/smp-consult',
      '/lib/systemd/system/smp-consult.service',
      '/lib/systemd/system/smp-consult-backup.service',
      '/lib/systemd/system/smp-consult-backup.timer',
      '/usr/share/smp-consult/nginx/smp-consult.conf',
      '/usr/share/man/man1/smp-consult.1.gz',
      '/usr/share/doc/smp-consult/copyright',
      '/usr/share/doc/smp-consult/changelog.gz',
      // (a .br sibling can start with gzip's magic bytes: lintian is told they are brotli)
      '/usr/share/lintian/overrides/smp-consult',
      ...widget,
      ...studio,
    ].sort();
    assert.deepEqual(files, expected);
    assert.ok(widget.includes('/usr/share/smp-consult/widget/smp-core.wasm.gz'), 'the zopfli siblings too');
    assert.ok(widget.includes('/usr/share/smp-consult/widget/smp-core.wasm.br'), 'and the brotli ones');
    assert.ok(widget.includes('/usr/share/smp-consult/widget/smp-later.wasm'), 'the steps after the questions\' module');
    // Directories: only the parents of those files, all 0755.
    for (const dir of entries.filter((e) => e.mode.startsWith('d'))) {
      assert.equal(dir.mode, 'drwxr-xr-x', dir.path);
      assert.ok(dir.path === '/' || expected.some((f) => f.startsWith(dir.path)), `unexpected folder ${dir.path}`);
    }
    const binary = entries.find((e) => e.path === '/usr/bin/smp-consult');
    assert.equal(binary.mode, '-rwxr-xr-x');
  });

  test('Depends: the shared libraries\' packages (dpkg-shlibdeps) and tzdata', () => {
    const depends = run('dpkg-deb', ['-f', deb, 'Depends']).stdout.trim();
    for (const name of ['libc6', 'libstdc++6', 'libmicrohttpd12', 'libsqlite3-0', 'libcurl4', 'zlib1g', 'tzdata']) {
      assert.match(depends, new RegExp(`(^|, )${name.replace('+', '\\+')}( \\(|,|$)`), `${name} in ${depends}`);
    }
  });

  test('the packaged binary runs from the extracted package', () => {
    const root = tempDir('deb-root');
    assert.equal(run('dpkg-deb', ['-x', deb, root]).status, 0);
    const help = run(path.join(root, 'usr/bin/smp-consult'), ['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /leads backup/);
    const man = run('sh', ['-c', `zcat '${root}/usr/share/man/man1/smp-consult.1.gz' | head -3`]);
    assert.match(man.stdout, /^\.TH SMP-CONSULT 1/m);
    // The written manual page keeps up with --help: every command of the usage is in its synopsis.
    const page = run('sh', ['-c', `zcat '${root}/usr/share/man/man1/smp-consult.1.gz'`]).stdout;
    const commands = [...help.stdout.matchAll(/^ {2}smp-consult (\w+)(?: (list|backup|restore))?/gm)].map((m) => m.slice(1).filter(Boolean).join(' '));
    assert.ok(commands.length >= 7, commands.join(', '));
    for (const command of commands) {
      const [first, second] = command.split(' ');
      assert.match(page, new RegExp(`^\\.B(R)? smp-consult ${first}${second ? `(\\s+\\.BR?)?\\s+${second}\\b` : '\\b'}`, 'm'), command);
    }
    assert.match(page, new RegExp(`"smp-consult ${version}"`), 'the version in the page header');
  });

  test('lintian finds no error', { skip: skipUnlessCI(!fs.existsSync('/usr/bin/lintian') && 'lintian missing (apt-get install lintian)') }, () => {
    const result = run('lintian', ['--fail-on', 'error', '--tag-display-limit', '0', deb]);
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    assert.doesNotMatch(result.stdout, /^E: /m);
    if (result.stdout.trim()) console.log(`lintian (warnings, information):\n${result.stdout.trim()}`);
  });
});
