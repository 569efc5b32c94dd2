#!/usr/bin/python3
"""A real SMTP server for the relay tests (Debian's python3-aiosmtpd) on 127.0.0.1.

usage: /usr/bin/python3 tests/relay/smtp_sink.py PORT OUTDIR

Each received message is written to OUTDIR as NNNN.eml (the bytes as received) and NNNN.json
(envelope, decoded headers, text and HTML parts, attachments, line checks) for the Node tests.
Prints "ready" once it accepts connections; stops on SIGTERM/SIGINT.
"""
import asyncio
import email
import json
import os
import signal
import sys
import threading
from email import policy

from aiosmtpd.controller import Controller


class SinkHandler:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0
        self.lock = threading.Lock()

    def write_summary(self, name, raw, mail_from, rcpt_tos):
        message = email.message_from_bytes(raw, policy=policy.default)
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
        tmp_json = os.path.join(self.outdir, "." + name + ".json.tmp")
        with open(tmp_json, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False)
        os.rename(tmp_json, os.path.join(self.outdir, name + ".json"))

    async def handle_DATA(self, server, session, envelope):
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
                                             list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def main():
    port = int(sys.argv[1])
    outdir = sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    controller = Controller(SinkHandler(outdir), hostname="127.0.0.1", port=port)
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
