// A webhook receiver for the relay tests: a real Node HTTP server on an ephemeral 127.0.0.1 port
// whose answers the test scripts, recording every request. Signatures are checked here with
// node:crypto, independently of the relay's OpenSSL code (the Standard Webhooks recipe).
import crypto from 'node:crypto';
import http from 'node:http';

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function makeSecret() {
  return `whsec_${crypto.randomBytes(32).toString('base64')}`;
}

/** True when one of the `v1,` signatures of `headers` signs "id.timestamp.body" with `secret`. */
export function verifySignature(secret, headers, body) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const expected = crypto.createHmac('sha256', key).update(signed).digest();
  return String(headers['webhook-signature'] ?? '').split(' ').some((item) => {
    const [version, signature] = item.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

/**
 * Starts the receiver. `respond(request, attempt)` decides each answer: {status, headers},
 * 'hang' (never answer) or 'reset' (drop the connection); `attempt` counts the requests with
 * this webhook-id (1-based). Default: 200. `requests` holds {at, path, headers, body, answer}.
 */
export async function startReceiver(respond = () => ({ status: 200 })) {
  const requests = [];
  const attempts = new Map();
  const hanging = new Set();
  const receiver = {
    respond,
    requests,
    /** The requests answered 2xx. */
    accepted: () => requests.filter((r) => typeof r.answer === 'number' && r.answer >= 200 && r.answer < 300),
    /** Requests still waiting for an answer ('hang'). */
    pending: () => hanging.size,
  };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = req.headers['webhook-id'];
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      const record = { at: Date.now(), path: req.url, headers: req.headers, body, answer: null };
      requests.push(record);
      const answer = receiver.respond(record, attempt);
      if (answer === 'hang') {
        record.answer = 'hang';
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (answer === 'reset') {
        record.answer = 'reset';
        req.socket.destroy();
        return;
      }
      record.answer = answer.status;
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.headers ?? {}) });
      res.end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.port = server.address().port;
  receiver.url = (path = '/hook') => `http://127.0.0.1:${receiver.port}${path}`;
  receiver.stop = () => new Promise((resolve) => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
  return receiver;
}
