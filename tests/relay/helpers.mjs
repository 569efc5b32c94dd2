// Shared harness for the relay tests: a real smp-consult server on an ephemeral 127.0.0.1 port,
// a real SMTP server (tests/relay/smtp_sink.py on Debian's python3-aiosmtpd), temp folders.
// Every wait is bounded.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const binary = path.resolve(repoRoot, process.env.SMP_CONSULT_BIN ?? 'build/ci/src/cli/smp-consult');
const systemPython = '/usr/bin/python3';  // Debian's, which has python3-aiosmtpd

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `smp-relay-${prefix}-`));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws). */
export async function waitFor(check, timeoutMs = 10000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForLine(child, stream, pattern, timeoutMs, label) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      reject(new Error(`${label} did not start within ${timeoutMs} ms; output: ${buffer}`));
    }, timeoutMs);
    const onData = (chunk) => {
      buffer += chunk.toString();
      const match = buffer.match(pattern);
      if (match) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(match);
      }
    };
    stream.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code ?? signal}) before it was ready: ${buffer}`));
    });
  });
}

/**
 * A self-signed certificate for `host` (also its own CA), made with openssl for this test run:
 * returns {cert, key} file paths.
 */
export function makeTestCertificate(dir, host) {
  const cert = path.join(dir, `smtp-cert-${host}.pem`);
  const key = path.join(dir, `smtp-key-${host}.pem`);
  const result = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-keyout', key, '-out', cert, '-subj', `/CN=${host}`,
    '-addext', `subjectAltName=${/^[\d.]+$/.test(host) ? 'IP' : 'DNS'}:${host}`],
  { encoding: 'utf8', timeout: 60000 });
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr}`);
  return { cert, key };
}

/**
 * Starts the SMTP sink; messages() returns the parsed messages received so far. `starttls`
 * ({cert, key}) makes it a TLS server (STARTTLS required); reply(text) scripts its answer
 * ("DATA 451 …", "RCPT 550 …"; null = accept again).
 */
export async function startSmtp({ port, dir, starttls } = {}) {
  const outdir = dir ?? tempDir('mail');
  const smtpPort = port ?? (await freePort());
  const sinkArgs = [path.join(here, 'smtp_sink.py'), String(smtpPort), outdir];
  if (starttls) sinkArgs.push('--starttls', starttls.cert, starttls.key);
  const child = spawn(systemPython, sinkArgs, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d.toString(); });
  await waitForLine(child, child.stdout, /ready/, 10000, 'SMTP sink').catch((e) => {
    throw new Error(`${e.message}\n${stderr}`);
  });
  return {
    port: smtpPort,
    url: `smtp://127.0.0.1:${smtpPort}`,
    dir: outdir,
    reply(text) {
      const file = path.join(outdir, '.reply');
      if (text) fs.writeFileSync(file, text);
      else fs.rmSync(file, { force: true });
    },
    messages() {
      return fs.readdirSync(outdir)
        .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
        .sort()
        .map((f) => JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf8')));
    },
    /** Waits until every received .eml has its parsed .json (parsing happens after "250"). */
    async settled(timeoutMs = 10000) {
      await waitFor(() => {
        const files = fs.readdirSync(outdir).filter((f) => !f.startsWith('.'));
        const eml = files.filter((f) => f.endsWith('.eml')).length;
        return eml === files.filter((f) => f.endsWith('.json')).length;
      }, timeoutMs, 'the SMTP sink to parse its messages');
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Writes a clinic config for the tests (merged over a sensible base). */
export function writeConfig(dir, overrides = {}) {
  const config = {
    clinic: { name: 'Test SMP Clinic', email: 'clinic@example.com', phone: '+1 555 0100' },
    lead: {
      to: 'leads@clinic.example',
      from: 'relay@clinic.example',
      min_fill_seconds: 20,
      rate_limit_per_minute: 1000,
      allowed_origins: ['https://clinic.example'],
      frame_ancestors: ['https://clinic.example'],
      ...(overrides.lead ?? {}),
    },
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (key !== 'lead') config[key] = value;
  }
  const file = path.join(dir, 'clinic.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Starts `smp-consult serve` on an ephemeral port. `shell` (optional) is a prefix run by bash
 * before exec (e.g. "ulimit -f 200;").
 */
export async function startServer({ config, data, smtpUrl, env = {}, args = [], shell = '' } = {}) {
  const dataDir = data ?? tempDir('data');
  const serveArgs = ['serve', '--listen', '127.0.0.1:0', '--data', dataDir, ...args];
  if (config) serveArgs.push('--config', config);
  const childEnv = { ...process.env, SMTP_URL: smtpUrl ?? '', ...env };
  if (!smtpUrl) delete childEnv.SMTP_URL;
  const quoted = [binary, ...serveArgs].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const child = shell
    ? spawn('bash', ['-c', `${shell} exec ${quoted}`], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(binary, serveArgs, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d.toString(); });
  const match = await waitForLine(child, child.stdout, /listening on (http:\/\/[^\s]+)/, 10000, 'smp-consult serve')
    .catch((e) => { throw new Error(`${e.message}\n${log}`); });
  return {
    url: match[1],
    dataDir,
    child,
    log: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await Promise.race([exited, sleep(10000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

let clientCounter = 0;
/** A valid lead document (SPEC §7) with a unique client_id; `patch` is merged per section. */
export function makeLead(patch = {}) {
  clientCounter += 1;
  const now = Date.now();
  const lead = {
    schema: 'smp-consult/lead@1',
    contact: { name: 'Ana García', email: 'ana@example.org', phone: '+34 600 123 456', preferred_contact: 'email' },
    consent: {
      contact: true,
      health_data: false,
      marketing: false,
      text: 'I agree that the clinic may contact me about my enquiry.',
      given_at: new Date(now - 1000).toISOString(),
    },
    answers: { age: 40, sex: 'male', pattern: { scale: 'norwood', stage: 'III' }, desired_look: 'shaved' },
    context: {
      page_url: 'https://clinic.example/smp?utm_source=google',
      referrer: 'https://www.google.com/',
      utm: { source: 'google', medium: 'cpc', campaign: 'spring' },
      locale: 'en',
      widget_version: '0.1.0',
      started_at: new Date(now - 5 * 60 * 1000).toISOString(),
    },
    client_id: `c_test-${process.pid}-${now}-${clientCounter}`,
    hp: '',
  };
  for (const [key, value] of Object.entries(patch)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && lead[key] && typeof lead[key] === 'object') {
      lead[key] = { ...lead[key], ...value };
    } else if (value === undefined) {
      delete lead[key];
    } else {
      lead[key] = value;
    }
  }
  return lead;
}

/** POSTs a lead; returns {status, body (parsed JSON or null), headers}. */
export async function postLead(baseUrl, lead, { headers = {}, raw } = {}) {
  const response = await fetch(`${baseUrl}/api/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: raw ?? JSON.stringify(lead),
  });
  const text = await response.text();
  let body = null;
  try { body = JSON.parse(text); } catch { body = null; }
  return { status: response.status, body, headers: response.headers, text };
}

/** Runs the CLI synchronously (e.g. `evaluate`, `leads export`); `env` adds variables. */
export function runCli(args, input, env = undefined) {
  const result = spawnSync(binary, args, {
    input, encoding: 'utf8', timeout: 30000, env: env ? { ...process.env, ...env } : process.env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Today's date in UTC (the server evaluates leads for its own UTC today). */
export function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Posts up to `leads` leads from 4 concurrent submitters while `server` is SIGKILLed at a random
 * moment `killAfter` ms ([min, max)) after the start; every 202's lead id goes into
 * `acknowledged`. Resolves once the process has exited. A post that fails because the server is
 * gone promised nothing; any other reply than 202 fails the test.
 */
export async function postUntilKilled(server, acknowledged, { killAfter = [50, 450], leads = 160 } = {}) {
  const [min, max] = killAfter;
  const killer = sleep(min + Math.floor(Math.random() * (max - min))).then(() => server.child.kill('SIGKILL'));
  let posted = 0;
  const submitter = async () => {
    while (posted < leads) {
      posted += 1;
      try {
        const reply = await postLead(server.url, makeLead());
        if (reply.status === 202) acknowledged.add(reply.body.lead_id);
        else throw Object.assign(new Error(`unexpected ${reply.status}: ${reply.text}`), { code: 'ERR_ASSERTION' });
      } catch (error) {
        if (error.code === 'ERR_ASSERTION') throw error;
        return;
      }
    }
  };
  await Promise.all([submitter(), submitter(), submitter(), submitter(), killer]);
  await new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) resolve();
    else server.child.once('exit', resolve);
  });
}
