// wasm/libc_slim.cpp replaces snprintf in the widget's wasm: its output must equal the real
// libc's for every format it supports. The same probe (wasm/libc_slim_probe.cpp) is built into
// build/wasm with libc_slim.cpp (wasm32: 32-bit size_t and long) and natively with glibc.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { skipOrFail } from '../dependency.mjs';
import { root } from './load-core.mjs';

const wasmBuild = path.resolve(root, process.env.SMP_WASM_BUILD_DIR || 'build/wasm');
const wasmProbe = path.join(wasmBuild, 'wasm/libc-slim-probe.js');
const cli = path.resolve(root, process.env.SMP_CONSULT_BIN || 'build/ci/src/cli/smp-consult');
const nativeProbe = path.resolve(path.dirname(cli), '../../tests/libc_slim_probe');

test('regression: snprintf in the wasm prints what the native libc prints (%z is 32-bit on wasm32)', (t) => {
  if (!existsSync(wasmProbe)) return skipOrFail(t, `${wasmProbe} missing (run scripts/build-web)`);
  if (!existsSync(nativeProbe)) return skipOrFail(t, `${nativeProbe} missing (run scripts/build-native)`);
  // The repository's package.json makes .js an ES module; the glue is CommonJS.
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'smp-libc-slim-')), 'probe.cjs');
  copyFileSync(wasmProbe, copy);
  const wasm = execFileSync(process.execPath, [copy], { encoding: 'utf8', timeout: 30000 });
  const native = execFileSync(nativeProbe, { encoding: 'utf8', timeout: 30000 });
  assert.ok(native.split('\n').length >= 8, native);
  assert.equal(wasm, native);
  assert.match(wasm, /^12:4000000000\|7$/m);
});
