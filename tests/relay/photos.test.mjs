// Scalp photos sent with a lead (SPEC §8), over HTTP to the real relay with a real SMTP server:
// multipart/form-data in, the photos verified and stripped, stored with the lead, attached to
// the clinic email (or in follow-ups past photos.max_email_mb), purged after their retention.
// Photos are made and read back with Debian's python3-pil (tests/relay/photo_tool.py).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  freePort, makeLead, postLead, repoRoot, runCli, startServer, startSmtp, tempDir, waitFor, writeConfig,
} from './helpers.mjs';

const python = '/usr/bin/python3';  // Debian's, with python3-pil
const tool = path.join(repoRoot, 'tests/relay/photo_tool.py');

function runTool(args) {
  const out = spawnSync(python, [tool, ...args], { encoding: 'utf8', timeout: 60000, maxBuffer: 64 << 20 });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

/** A photo file made by PIL: {size: '320x240', format, metadata, noise, quality}. */
function makePhoto(dir, name, { size = '320x240', format = 'jpeg', metadata = false, noise = false, quality } = {}) {
  const file = path.join(dir, name);
  const args = ['make', file, '--size', size, '--format', format];
  if (metadata) args.push('--metadata');
  if (noise) args.push('--noise');
  if (quality) args.push('--quality', String(quality));
  runTool(args);
  return fs.readFileSync(file);
}

/** The messages the SMTP sink received, as photo_tool reads them (one object per .eml). */
function receivedMail(smtp) {
  const files = fs.readdirSync(smtp.dir).filter((f) => f.endsWith('.eml')).sort().map((f) => path.join(smtp.dir, f));
  if (files.length === 0) return [];
  return runTool(['inspect', ...files]).trim().split('\n').map((line) => JSON.parse(line));
}

function mailOf(smtp, leadId) {
  return receivedMail(smtp).filter((m) => m.headers['x-smp-lead-id'] === leadId);
}

function storedPhotos(dataDir) {
  return JSON.parse(runTool(['stored', path.join(dataDir, 'leads.sqlite3')]));
}

const BOUNDARY = 'smp-test-boundary-7MA4YWxkTrZu0gW';

/** A multipart/form-data body part by part: {name, filename?, type?, data, headers?}. */
function formBody(parts, { boundary = BOUNDARY, close = true } = {}) {
  const chunks = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    let disposition = `Content-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) disposition += `; filename="${part.filename}"`;
    chunks.push(Buffer.from(`${part.headers ?? disposition}\r\n`));
    if (part.type) chunks.push(Buffer.from(`Content-Type: ${part.type}\r\n`));
    chunks.push(Buffer.from('\r\n'), Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data), Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function leadPart(lead) {
  return { name: 'lead', type: 'application/json', data: JSON.stringify(lead) };
}

function photoPart(filename, data, type = 'image/jpeg') {
  return { name: 'photo', filename, type, data };
}

function photoLead(patch = {}) {
  const lead = makeLead(patch);
  lead.consent.photos = true;
  return lead;
}

/** POSTs raw bytes with node:http (a reply may come before the whole body was sent). */
function rawPost(baseUrl, body, { contentType = `multipart/form-data; boundary=${BOUNDARY}`, chunked = false, expectContinue = false } = {}) {
  const url = new URL(`${baseUrl}/api/leads`);
  return new Promise((resolve, reject) => {
    const headers = { 'Content-Type': contentType };
    if (!chunked) headers['Content-Length'] = String(body.length);
    if (expectContinue) headers.Expect = '100-continue';
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers });
    let replied = false;
    request.on('response', (response) => {
      replied = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (d) => { text += d; });
      response.on('end', () => {
        let parsed = null;
        try { parsed = JSON.parse(text); } catch { parsed = null; }
        resolve({ status: response.statusCode, body: parsed, text });
      });
    });
    // The relay may answer and close before reading everything: only the reply matters then.
    request.on('error', (error) => { if (!replied) reject(error); });
    if (expectContinue) {
      request.on('continue', () => request.end(body));  // never, when the reply comes first
    } else if (chunked) {
      for (let at = 0; at < body.length; at += 1 << 20) request.write(body.subarray(at, at + (1 << 20)));
      request.end();
    } else {
      request.end(body);
    }
  });
}

function postForm(baseUrl, parts, options) {
  return rawPost(baseUrl, formBody(parts, options));
}

function assertRefused(reply, status, code, pointer) {
  assert.equal(reply.status, status, reply.text);
  assert.ok(reply.body && Array.isArray(reply.body.errors) && reply.body.errors.length > 0, reply.text);
  for (const error of reply.body.errors) {
    assert.equal(typeof error.pointer, 'string', reply.text);
    assert.ok(error.pointer === '' || error.pointer.startsWith('/'), reply.text);
    assert.equal(typeof error.code, 'string');
    assert.equal(typeof error.message, 'string');
  }
  if (code) {
    assert.ok(reply.body.errors.some((e) => e.code === code && (pointer === undefined || e.pointer === pointer)),
      `${code} at ${pointer} in ${reply.text}`);
  }
}

function assertClean(photo) {
  assert.deepEqual(photo.secrets, [], `no metadata text survives in ${photo.filename ?? photo.view}`);
  assert.equal(photo.exif_tags, 0, 'no Exif');
  assert.equal(photo.gps, 0, 'no GPS');
  assert.deepEqual(photo.info_keys, [], 'no comment, Exif, XMP or Photoshop block');
  assert.ok(photo.markers.every((m) => !/^e[1-9a-f]|^fe/.test(m) || m.startsWith('e2:ICC_PROFILE')), photo.markers.join(' '));
}

describe('photos with a lead', () => {
  let smtp;
  let server;
  let dir;

  before(async () => {
    dir = tempDir('photos');
    smtp = await startSmtp();
    server = await startServer({ config: writeConfig(dir), smtpUrl: smtp.url });
  });

  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('Exif, GPS, XMP, IPTC and comments are absent from the stored and the emailed copy', async () => {
    const jpeg = makePhoto(dir, 'camera.jpg', { metadata: true });
    const png = makePhoto(dir, 'screen.png', { format: 'png', metadata: true });
    assert.ok(jpeg.includes('SECRET-GPS') && png.includes('SECRET-GPS'), 'the originals carry GPS');
    // As a browser sends it: FormData with the lead as a JSON Blob and two files.
    const form = new FormData();
    const lead = photoLead();
    form.append('lead', new Blob([JSON.stringify(lead)], { type: 'application/json' }));
    form.append('photo', new Blob([jpeg], { type: 'image/jpeg' }), 'front.jpg');
    form.append('photo', new Blob([png], { type: 'image/png' }), 'left.png');
    const response = await fetch(`${server.url}/api/leads`, { method: 'POST', body: form });
    const reply = await response.json();
    assert.equal(response.status, 202, JSON.stringify(reply));

    const [mail] = await waitFor(() => {
      const found = mailOf(smtp, reply.lead_id).filter((m) => m.headers['message-id'].includes('.clinic@'));
      return found.length ? found : null;
    }, 20000, 'the clinic email');
    assert.deepEqual(mail.photos.map((p) => [p.filename, p.content_type, p.format, p.width, p.height]),
      // (the camera's JPEG is turned upright by its Exif orientation 6 before the Exif goes)
      [['front.jpg', 'image/jpeg', 'JPEG', 240, 320], ['left.jpg', 'image/jpeg', 'JPEG', 320, 240]]);
    mail.photos.forEach(assertClean);
    // Listed by the catalogue's view titles, in the text and the HTML.
    for (const body of [mail.text, mail.html]) {
      assert.match(body, /Front and hairline/);
      assert.match(body, /Left side and temple/);
      assert.match(body, /front\.jpg, 240 × 320 px/);
    }
    const visitor = mailOf(smtp, reply.lead_id).filter((m) => m.headers['message-id'].includes('.visitor@'));
    for (const m of visitor) assert.equal(m.photos.length, 0, 'the visitor gets no photos back');

    const stored = storedPhotos(server.dataDir);
    const rows = stored.photos.filter((p) => p.lead_id === reply.lead_id);
    assert.deepEqual(rows.map((p) => [p.view, p.content_type, p.width, p.height]),
      [['front', 'image/jpeg', 240, 320], ['left', 'image/jpeg', 320, 240]]);
    rows.forEach(assertClean);
    assert.deepEqual(rows.map((p) => p.sha256), mail.photos.map((p) => p.sha256), 'the email carries the stored bytes');
    assert.deepEqual(stored.mime_secrets, [], 'nor does any stored message');

    const list = runCli(['leads', 'list', '--data', server.dataDir]);
    assert.match(list.stdout, new RegExp(`${reply.lead_id}.*photos: 2 `));
    const csv = runCli(['leads', 'export', '--data', server.dataDir]).stdout.trim().split('\r\n');
    assert.match(csv[0], /,photos$/);
    assert.match(csv.find((line) => line.startsWith(`${reply.lead_id},`)), /,2$/, 'the CSV says the lead has 2 photos');

    // The visitor's export (Art. 15) holds the photos themselves, the stored bytes.
    const exported = runCli(['leads', 'export', '--lead', reply.lead_id, '--data', server.dataDir]);
    assert.equal(exported.status, 0, exported.stderr);
    const [exportedLead] = JSON.parse(exported.stdout).leads;
    assert.deepEqual(exportedLead.photos.map((p) => [p.position, p.view, p.content_type, p.width, p.height, p.purged_at]),
      [[0, 'front', 'image/jpeg', 240, 320, null], [1, 'left', 'image/jpeg', 320, 240, null]]);
    assert.deepEqual(exportedLead.photos.map((p) => createHash('sha256').update(Buffer.from(p.base64, 'base64')).digest('hex')),
      rows.map((p) => p.sha256), 'the export carries the stored bytes');
  });

  test('a camera JPEG with an Exif orientation is stored and emailed upright, without its Exif', async () => {
    const views = ['front', 'left', 'right'];  // what the core asks of makeLead's Norwood III
    for (const orientations of [[1, 2, 3], [4, 5, 6], [7, 8]]) {
      const files = orientations.map((o) => {
        runTool(['make', path.join(dir, `o${o}.jpg`), '--size', '64x48', '--orientation', String(o)]);
        return path.join(dir, `o${o}.jpg`);
      });
      const parts = files.map((file, i) => photoPart(`${views[i]}.jpg`, fs.readFileSync(file)));
      const reply = await postForm(server.url, [leadPart(photoLead()), ...parts]);
      assert.equal(reply.status, 202, reply.text);
      const rows = storedPhotos(server.dataDir).photos.filter((p) => p.lead_id === reply.body.lead_id);
      assert.equal(rows.length, orientations.length);
      rows.forEach((row, i) => {
        // What a viewer shows for the original (PIL's exif_transpose), as pixels without a tag.
        const upright = JSON.parse(runTool(['upright', files[i]]));
        assert.deepEqual([row.width, row.height, row.red_corner], [upright.width, upright.height, upright.red_corner],
          `orientation ${orientations[i]}`);
        assert.equal(row.exif_tags, 0, `orientation ${orientations[i]}: no Exif`);
        assertClean(row);
      });
    }
  });

  test('JSON leads still work, and a form without photos too', async () => {
    const json = await postLead(server.url, makeLead());
    assert.equal(json.status, 202, json.text);
    const form = await postForm(server.url, [leadPart(makeLead())]);
    assert.equal(form.status, 202, form.text);
    for (const id of [json.body.lead_id, form.body.lead_id]) {
      const mail = await waitFor(() => mailOf(smtp, id).find((m) => m.headers['message-id'].includes('.clinic@')), 20000, 'the email');
      assert.equal(mail.photos.length, 0);
      assert.doesNotMatch(mail.text, /Photos/);
    }
  });

  test('bad photos and bad forms are 4xx with a pointer, never a 500, and nothing is stored or sent', async () => {
    const leadsBefore = storedPhotos(server.dataDir).photos.length;
    const mailBefore = receivedMail(smtp).length;
    const good = makePhoto(dir, 'good.jpg');
    const text = Buffer.from('Hello, this is not a photo.\n');

    // The report: a lead part and a text file as `photo` used to get 500.
    assertRefused(await postForm(server.url, [leadPart(photoLead()), photoPart('front.jpg', text, 'text/plain')]),
      400, 'photo_not_an_image', '/photos/0');
    // A non-image that claims to be one.
    assertRefused(await postForm(server.url, [leadPart(photoLead()), photoPart('front.jpg', good), photoPart('left.jpg', text)]),
      400, 'photo_not_an_image', '/photos/1');
    // A JPEG cut short.
    assertRefused(await postForm(server.url, [leadPart(photoLead()), photoPart('front.jpg', good.subarray(0, good.length - 200))]),
      400, 'photo_corrupt', '/photos/0');
    // No consent.photos.
    assertRefused(await postForm(server.url, [leadPart(makeLead()), photoPart('front.jpg', good)]),
      400, 'photos_consent_missing', '/photos/0');
    // A view the core did not ask for (Norwood III: front and temples), or no view at all.
    assertRefused(await postForm(server.url, [leadPart(photoLead()), photoPart('crown.jpg', good)]),
      400, 'photo_view_unknown', '/photos/0');
    assertRefused(await postForm(server.url, [leadPart(photoLead()), photoPart('IMG_0001.JPG', good)]),
      400, 'photo_view_unknown', '/photos/0');
    assertRefused(await postForm(server.url, [leadPart(photoLead()), photoPart('front.jpg', good), photoPart('front.jpg', good)]),
      400, 'photo_view_repeated', '/photos/1');
    // 40 photos: more than 8.
    const forty = Array.from({ length: 40 }, () => photoPart('front.jpg', good));
    const many = await postForm(server.url, [leadPart(photoLead()), ...forty]);
    assertRefused(many, 400, 'too_many_photos', '/photos/8');
    // One photo over 3 MB.
    assertRefused(await postForm(server.url, [leadPart(photoLead()), photoPart('front.jpg', Buffer.alloc(3 * 1024 * 1024 + 1, 0xff))]),
      413, 'photo_too_large', '/photos/0');

    // The form itself.
    assertRefused(await postForm(server.url, [photoPart('front.jpg', good)]), 400, 'lead_part_missing', '');
    assertRefused(await postForm(server.url, [leadPart(photoLead()), leadPart(photoLead())]), 400, 'lead_part_repeated', '');
    assertRefused(await postForm(server.url, [leadPart(photoLead()), { name: 'avatar', filename: 'a.jpg', type: 'image/jpeg', data: good }]),
      400, 'unknown_part', '');
    assertRefused(await postForm(server.url, [{ name: 'lead', type: 'text/html', data: JSON.stringify(photoLead()) }]),
      415, 'unsupported_media_type', '');
    assertRefused(await postForm(server.url, [{ name: 'lead', type: 'application/json', data: '{"contact": ' }]),
      400, 'malformed_json', '');
    assertRefused(await postForm(server.url, [leadPart(photoLead()), photoPart('front.jpg', good)], { close: false }),
      400, 'malformed_multipart', '');
    const truncated = formBody([leadPart(photoLead()), photoPart('front.jpg', good)]);
    assertRefused(await rawPost(server.url, truncated.subarray(0, truncated.length - 2000)), 400, 'malformed_multipart', '');
    assertRefused(await rawPost(server.url, formBody([leadPart(photoLead())]), { contentType: 'multipart/form-data' }),
      400, 'bad_boundary', '');
    assertRefused(await rawPost(server.url, formBody([leadPart(photoLead())]), { contentType: 'multipart/form-data; boundary=other' }),
      400, 'malformed_multipart', '');
    assertRefused(await postForm(server.url, [{ name: 'lead', headers: 'Content-Disposition: attachment; name="lead"', data: '{}' }]),
      400, 'malformed_multipart', '');
    assertRefused(await rawPost(server.url, Buffer.from('\x00\xff garbage')), 400, undefined);

    const alive = await postLead(server.url, makeLead());
    assert.equal(alive.status, 202, 'the relay still serves');
    await waitFor(() => mailOf(smtp, alive.body.lead_id).length > 0, 20000, 'the control lead');
    assert.equal(storedPhotos(server.dataDir).photos.length, leadsBefore, 'no refused photo was stored');
    const sent = receivedMail(smtp).slice(mailBefore);
    assert.ok(sent.every((m) => m.headers['x-smp-lead-id'] === alive.body.lead_id), 'only the control lead was emailed');
  });

  test('25 MB is a 413, whether its length is declared or it streams in chunks', async () => {
    const huge = formBody([leadPart(photoLead()), photoPart('front.jpg', Buffer.alloc(25 * 1024 * 1024, 0x41))]);
    // Refused from its Content-Length: before the body is sent when the client waits for
    // 100 Continue, else once the relay has read and dropped it (a reply sooner would race the
    // connection reset).
    assertRefused(await rawPost(server.url, huge, { expectContinue: true }), 413, 'payload_too_large', '');
    assertRefused(await rawPost(server.url, huge), 413, 'payload_too_large', '');
    assertRefused(await rawPost(server.url, huge, { chunked: true }), 413, 'payload_too_large', '');
    // A JSON body keeps its 32 KB limit: the photo limit is for forms only.
    const json = await rawPost(server.url, Buffer.alloc(64 * 1024, 0x20), { contentType: 'application/json' });
    assertRefused(json, 413, 'payload_too_large', '');
  });
});

describe('photos and delivery', () => {
  test('kill -9 between 202 and delivery loses no photo', async () => {
    const dir = tempDir('photos-kill');
    const config = writeConfig(dir);
    const dataDir = path.join(dir, 'data');
    const smtpPort = await freePort();  // nothing listens yet: the email waits in the outbox
    let server = await startServer({ config, data: dataDir, smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
    let smtp;
    try {
      const front = makePhoto(dir, 'front.jpg', { size: '640x480', noise: true });
      const right = makePhoto(dir, 'right.png', { format: 'png', size: '200x150' });
      const reply = await postForm(server.url, [leadPart(photoLead()), photoPart('front.jpg', front), photoPart('right.png', right, 'image/png')]);
      assert.equal(reply.status, 202, reply.text);
      server.child.kill('SIGKILL');
      await new Promise((resolve) => server.child.once('exit', resolve));

      smtp = await startSmtp({ port: smtpPort });
      server = await startServer({ config, data: dataDir, smtpUrl: smtp.url });
      const mail = await waitFor(() => mailOf(smtp, reply.body.lead_id).find((m) => m.headers['message-id'].includes('.clinic@')), 30000, 'the clinic email after the restart');
      assert.deepEqual(mail.photos.map((p) => [p.filename, p.width, p.height]), [['front.jpg', 640, 480], ['right.jpg', 200, 150]]);
      const stored = storedPhotos(dataDir).photos.filter((p) => p.lead_id === reply.body.lead_id);
      assert.deepEqual(stored.map((p) => p.sha256), mail.photos.map((p) => p.sha256));
    } finally {
      await server.stop();
      await smtp?.stop();
    }
  });

  test('an email past photos.max_email_mb sends its photos in follow-ups with the lead id', async () => {
    const dir = tempDir('photos-split');
    const smtp = await startSmtp();
    const server = await startServer({ config: writeConfig(dir, { photos: { max_email_mb: 1 } }), smtpUrl: smtp.url });
    try {
      const views = ['front', 'left', 'right'];
      const photos = views.map((view, i) => makePhoto(dir, `${view}.jpg`, { size: `${800 + i * 8}x600`, noise: true, quality: 92 }));
      for (const photo of photos) assert.ok(photo.length > 300 * 1024, `a large photo (${photo.length} bytes)`);
      const reply = await postForm(server.url, [leadPart(photoLead()), ...views.map((v, i) => photoPart(`${v}.jpg`, photos[i]))]);
      assert.equal(reply.status, 202, reply.text);
      const id = reply.body.lead_id;

      const clinic = await waitFor(() => {
        const mails = mailOf(smtp, id).filter((m) => !m.headers['message-id'].includes('.visitor@'));
        const got = mails.flatMap((m) => m.photos.map((p) => p.filename));
        return got.length >= 3 ? mails : null;
      }, 30000, 'every photo');
      const main = clinic.find((m) => m.headers['message-id'] === `<${id}.clinic@clinic.example>`);
      const followUps = clinic.filter((m) => m !== main);
      assert.ok(main, 'the lead email');
      assert.ok(followUps.length >= 1, 'at least one follow-up');
      for (const m of clinic) assert.ok(m.size <= 1024 * 1024, `${m.headers['message-id']} is ${m.size} bytes`);
      // Every photo exactly once, in order, none dropped.
      assert.deepEqual(clinic.flatMap((m) => m.photos.map((p) => p.filename)).sort(), ['front.jpg', 'left.jpg', 'right.jpg']);
      for (const m of followUps) {
        assert.match(m.headers.subject, new RegExp(`Photos \\d of ${followUps.length} for lead ${id}`));
        assert.equal(m.headers['in-reply-to'], `<${id}.clinic@clinic.example>`);
        assert.equal(m.headers.to, 'Test SMP Clinic <leads@clinic.example>');
      }
      assert.match(main.text, new RegExp(`follow in ${followUps.length} separate email`));
      assert.match(main.text, /in photo email 1 of/);
      const list = runCli(['leads', 'list', '--data', server.dataDir]);
      assert.match(list.stdout, /clinic-photos-1: sent/);
    } finally {
      await server.stop();
      await smtp.stop();
    }
  });

  test('after photos.retention_days the photo bytes are gone from the SQLite file and its WAL', async () => {
    const dir = tempDir('photos-retention');
    const smtp = await startSmtp();
    const dayMs = 10000;  // a retention "day" of 10 s; the sweep runs every 1/24 of it
    const server = await startServer({
      config: writeConfig(dir, { photos: { retention_days: 1 } }),
      smtpUrl: smtp.url,
      env: { SMP_PHOTO_RETENTION_DAY_MS: String(dayMs) },
    });
    try {
      const photo = makePhoto(dir, 'front.jpg', { size: '400x300', noise: true });
      const reply = await postForm(server.url, [leadPart(photoLead()), photoPart('front.jpg', photo)]);
      assert.equal(reply.status, 202, reply.text);
      const id = reply.body.lead_id;
      const mail = await waitFor(() => mailOf(smtp, id).find((m) => m.headers['message-id'].includes('.clinic@')), 20000, 'the clinic email');
      const [sent] = mail.photos;
      // What the files must no longer hold: the raw photo (table photos) and its base64 (outbox).
      const markers = [Buffer.from(sent.middle_hex, 'hex'), Buffer.from(sent.base64_line)];
      const files = () => ['leads.sqlite3', 'leads.sqlite3-wal']
        .map((f) => path.join(server.dataDir, f)).filter((f) => fs.existsSync(f));
      const found = () => markers.filter((m) => files().some((f) => fs.readFileSync(f).includes(m)));
      assert.equal(found().length, 2, 'before the purge both copies are on disk');

      await waitFor(() => /photos: 1 \(purged\)/.test(runCli(['leads', 'list', '--data', server.dataDir]).stdout), 20000, 'the purge');
      await waitFor(() => found().length === 0, 10000, 'the bytes to leave the database file and the WAL');
      const stored = storedPhotos(server.dataDir).photos.filter((p) => p.lead_id === id);
      assert.deepEqual(stored.map((p) => [p.view, p.purged, p.has_bytes]), [['front', true, false]]);
      // The lead itself stays; its export says when its photo went and no longer has its bytes.
      assert.match(runCli(['leads', 'export', '--data', server.dataDir]).stdout, new RegExp(`${id},.*,1 \\(purged\\)\r\n`));
      const [lead] = JSON.parse(runCli(['leads', 'export', '--lead', id, '--data', server.dataDir]).stdout).leads;
      assert.deepEqual(lead.photos.map((p) => [p.view, p.base64, typeof p.purged_at]), [['front', null, 'string']]);
    } finally {
      await server.stop();
      await smtp.stop();
    }
  });
});
