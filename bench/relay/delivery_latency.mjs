// Time from the 202 to the email at the local SMTP server (and, for the embedded default, to the
// .eml file in DATA/mail/). Sequential leads, so each measurement is one lead alone.
// usage: node bench/relay/delivery_latency.mjs [COUNT=50]   (env SMP_CONSULT_BIN overrides)
import fs from 'node:fs';
import path from 'node:path';

import {
  makeLead, postLead, sleep, startServer, startSmtp, tempDir, writeConfig,
} from '../../tests/relay/helpers.mjs';

const count = Number(process.argv[2] ?? 50);

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(label, server, arrived) {
  const latencies = [];
  for (let i = 0; i < count; i += 1) {
    const reply = await postLead(server.url, makeLead());
    const accepted = performance.now();
    if (reply.status !== 202) throw new Error(`${reply.status} ${reply.text}`);
    const deadline = accepted + 10000;
    while (!arrived(reply.body.lead_id)) {
      if (performance.now() > deadline) throw new Error(`no email for ${reply.body.lead_id}`);
      await sleep(1);
    }
    latencies.push(performance.now() - accepted);
    await sleep(20);
  }
  const fmt = (v) => `${v.toFixed(1)} ms`;
  console.log(`${label}: ${count} leads, 202 -> email p50 ${fmt(percentile(latencies, 50))}, ` +
    `p95 ${fmt(percentile(latencies, 95))}, max ${fmt(Math.max(...latencies))}`);
}

const dir = tempDir('latency');
const config = writeConfig(dir, { lead: { min_fill_seconds: 0 } });
const env = { SMP_RATE_LIMIT_PER_MINUTE: '0' };

const smtp = await startSmtp();
const viaSmtp = await startServer({ config, smtpUrl: smtp.url, env });
try {
  await measure('SMTP (aiosmtpd on 127.0.0.1)', viaSmtp, (id) => fs.readdirSync(smtp.dir)
    .some((f) => f.endsWith('.eml') && fs.readFileSync(path.join(smtp.dir, f), 'latin1').includes(`X-SMP-Lead-ID: ${id}`)));
} finally {
  await viaSmtp.stop();
  await smtp.stop();
}

const viaFiles = await startServer({ config, env });
try {
  await measure('.eml files (DATA/mail)', viaFiles,
    (id) => fs.existsSync(path.join(viaFiles.dataDir, 'mail', `${id}-clinic.eml`)));
} finally {
  await viaFiles.stop();
}
