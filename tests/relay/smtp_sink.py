#!/usr/bin/python3
"""A real SMTP server for the relay tests (Debian's python3-aiosmtpd) on 127.0.0.1.

usage: /usr/bin/python3 tests/relay/smtp_sink.py PORT OUTDIR [--starttls CERT KEY]

Each received message is written to OUTDIR as NNNN.eml (the bytes as received) and NNNN.json
(envelope, decoded headers, text and HTML parts, attachments, line checks, whether it came
over TLS) for the Node tests. Prints "ready" once it accepts connections; stops on
SIGTERM/SIGINT.

--starttls: offers STARTTLS with that certificate and refuses mail before it (a TLS server).
A file OUTDIR/.reply holding "RCPT <reply>" or "DATA <reply>" (e.g. "DATA 451 4.3.0 Try again
later") makes the server answer that command so while the file exists, like a real server
that is busy (4xx) or refuses the message (5xx).
"""
import asyncio
import email
import json
import os
import signal
import ssl
import sys
import threading
from email import policy

from aiosmtpd.controller import Controller


class SinkHandler:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0
        self.lock = threading.Lock()

    def write_summary(self, name, raw, mail_from, rcpt_tos, tls):
        try:
            summary = self.summarize(raw, mail_from, rcpt_tos)
            summary["tls"] = tls
        except Exception as error:  # a message Python's email package refuses: say so
            summary = {"mail_from": mail_from, "rcpt_tos": rcpt_tos, "headers": {},
                       "raw_header_lines": [], "parse_error": "%s: %s" % (type(error).__name__, error)}
        tmp_json = os.path.join(self.outdir, "." + name + ".json.tmp")
        with open(tmp_json, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False)
        os.rename(tmp_json, os.path.join(self.outdir, name + ".json"))

    def summarize(self, raw, mail_from, rcpt_tos):
        message = email.message_from_bytes(raw, policy=policy.default)
        # str() of each header decodes its RFC 2047 encoded words (raising if one decodes to
        # an address with CR/LF).
        summary = {
            "mail_from": mail_from,
            "rcpt_tos": rcpt_tos,
            "headers": {k.lower(): str(v) for k, v in message.items()},
            "raw_header_lines": raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace").split("\r\n"),
            "max_line_octets": max(len(line) for line in raw.split(b"\r\n")),
            "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
            "bare_cr": raw.replace(b"\r\n", b"").count(b"\r"),
            "text": "",
            "html": "",
            "attachments": [],
        }
        for part in message.walk():
            if part.is_multipart():
                continue
            filename = part.get_filename()
            content_type = part.get_content_type()
            if filename:
                payload = part.get_payload(decode=True) or b""
                summary["attachments"].append({
                    "filename": filename,
                    "content_type": content_type,
                    "content": payload.decode("utf-8", "replace"),
                })
            elif content_type == "text/plain":
                summary["text"] += part.get_content()
            elif content_type == "text/html":
                summary["html"] += part.get_content()
        return summary

    def scripted_reply(self, command):
        try:
            with open(os.path.join(self.outdir, ".reply"), encoding="utf-8") as f:
                verb, _, reply = f.read().strip().partition(" ")
        except FileNotFoundError:
            return None
        return reply if verb == command else None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.scripted_reply("RCPT")
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = self.scripted_reply("DATA")
        if reply:
            return reply
        tls = session.ssl is not None
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        with self.lock:
            self.count += 1
            name = "%06d-%d" % (self.count, os.getpid())
        # Like a real MTA: the message is committed (written and renamed) before "250"; the
        # slow parsing for the tests happens after the reply.
        tmp_eml = os.path.join(self.outdir, "." + name + ".eml.tmp")
        with open(tmp_eml, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp_eml, os.path.join(self.outdir, name + ".eml"))
        asyncio.get_running_loop().call_soon(self.write_summary, name, raw, envelope.mail_from,
                                             list(envelope.rcpt_tos), tls)
        return "250 Message accepted for delivery"


def main():
    port = int(sys.argv[1])
    outdir = sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    tls = {}
    if len(sys.argv) == 6 and sys.argv[3] == "--starttls":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(sys.argv[4], sys.argv[5])
        tls = {"tls_context": context, "require_starttls": True}
    controller = Controller(SinkHandler(outdir), hostname="127.0.0.1", port=port, **tls)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(0.2):
        pass
    controller.stop()


if __name__ == "__main__":
    main()
