// A test that needs something the machine may lack (the CLI binary, a build, Chromium, a python
// module, tzdata) skips on a developer's machine but FAILS under CI=true: CI must never pass
// because a dependency was missing. Catch2 tests do the same (tests/dependency.hpp).
import assert from 'node:assert/strict';

/** True when the environment says this is CI (CI set, and not "false" or "0"). */
export const underCI = Boolean(process.env.CI) && !['false', '0'].includes(process.env.CI);

/** Skips test `t` because `what` is missing; under CI fails it instead. */
export function skipOrFail(t, what) {
  if (underCI) assert.fail(`${what} (CI=${process.env.CI}: a missing dependency fails, it is not skipped)`);
  return t.skip(what);
}

/**
 * For `describe(name, { skip: skipUnlessCI(reason) })`: the reason when not under CI; under CI
 * `false`, so the suite runs and fails on what is missing.
 */
export function skipUnlessCI(reason) {
  return reason && !underCI ? reason : false;
}
