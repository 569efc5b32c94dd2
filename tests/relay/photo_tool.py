#!/usr/bin/python3
"""Photos for the relay tests, made and inspected with Debian's python3-pil (never the relay's
own code).

usage:
  /usr/bin/python3 tests/relay/photo_tool.py make OUT --size WxH [--format jpeg|png]
      [--metadata] [--noise] [--quality Q] [--orientation N]
    writes a photo; --metadata adds Exif (camera, GPS position, orientation 6), XMP, a Photoshop
    APP13 block and a JPEG comment (PNG: tEXt, iTXt, eXIf and tIME chunks), each holding
    "SECRET-…"; --orientation N gives a JPEG an Exif with only that orientation, and paints the
    top-left quarter of its pixels red (see "red_corner" in the facts).
  /usr/bin/python3 tests/relay/photo_tool.py upright FILE
    the facts of FILE as a viewer shows it (PIL's exif_transpose).
  /usr/bin/python3 tests/relay/photo_tool.py inspect FILE.eml...
    one JSON line per message: headers, size and each image attachment's facts.
  /usr/bin/python3 tests/relay/photo_tool.py stored DATABASE
    the photos table as JSON (bytes as facts, not data).
"""
import base64
import email
import hashlib
import io
import json
import random
import sqlite3
import struct
import sys
import zlib
from email import policy

from PIL import Image


SECRETS = [b"SECRET-EXIF", b"SECRET-GPS", b"SECRET-XMP", b"SECRET-IPTC", b"SECRET-COMMENT",
           b"SECRET-TEXT", b"SECRET-ITXT"]


def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def exif_bytes():
    exif = Image.Exif()
    exif[0x010F] = "SECRET-EXIF camera"  # Make
    exif[0x0112] = 6  # Orientation: the server drops it with the rest
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0),
                    27: b"ASCII\0\0\0SECRET-GPS area"}  # a GPS position and GPSAreaInformation
    return exif.tobytes()


def picture(width, height, noise):
    if noise:
        rng = random.Random(width * 7919 + height)
        return Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    image = Image.new("RGB", (width, height))
    pixels = image.load()
    for y in range(height):
        for x in range(width):
            cell = ((x // 16) + (y // 16)) % 2
            pixels[x, y] = (200, 150, 120) if cell else (60, 40, 30)
    return image


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make(out, width, height, fmt, metadata, noise, quality, orientation=None):
    image = picture(width, height, noise)
    if orientation:
        image.paste((255, 0, 0), (0, 0, width // 4, height // 4))
    buffer = io.BytesIO()
    if fmt == "png":
        image.save(buffer, "PNG")
        data = buffer.getvalue()
        if metadata:
            extra = (png_chunk(b"tEXt", b"Comment\0SECRET-TEXT")
                     + png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0SECRET-ITXT")
                     + png_chunk(b"eXIf", exif_bytes().removeprefix(b"Exif\0\0"))
                     + png_chunk(b"tIME", struct.pack(">HBBBBB", 2026, 12, 1, 12, 0, 0)))
            data = data[:33] + extra + data[33:]  # after the signature and IHDR
    else:
        params = {"quality": quality}
        if metadata:
            params["exif"] = exif_bytes()
        elif orientation:
            exif = Image.Exif()
            exif[0x0112] = orientation
            params["exif"] = exif.tobytes()
        image.save(buffer, "JPEG", **params)
        data = buffer.getvalue()
        if metadata:
            xmp = segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>SECRET-XMP</x:xmpmeta>")
            iptc = segment(0xED, b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x10SECRET-IPTC block")
            comment = segment(0xFE, b"SECRET-COMMENT from the camera")
            data = data[:2] + xmp + iptc + comment + data[2:]
    with open(out, "wb") as f:
        f.write(data)


def jpeg_markers(data):
    """The marker segments before the scan, as hex names (APP0 = e0)."""
    markers = []
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:
            break
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        label = "%02x" % marker
        if 0xE0 <= marker <= 0xEF:
            label += ":" + data[at + 4:at + 4 + 14].split(b"\0")[0].decode("latin-1")
        markers.append(label)
        at += 2 + length
    return markers


def red_corner(image):
    """Which corner (tl, tr, bl, br) holds the red block `make --orientation` paints, or None."""
    rgb = image.convert("RGB")
    w, h = rgb.size
    def redness(x, y):
        r, g, b = rgb.getpixel((x, y))
        return r - (g + b) / 2
    inset_x, inset_y = max(1, w // 16), max(1, h // 16)
    corners = {"tl": (inset_x, inset_y), "tr": (w - 1 - inset_x, inset_y),
               "bl": (inset_x, h - 1 - inset_y), "br": (w - 1 - inset_x, h - 1 - inset_y)}
    red = [name for name, (x, y) in corners.items() if redness(x, y) > 120]
    return red[0] if len(red) == 1 else None


def facts(data):
    info = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "secrets": [s.decode() for s in SECRETS if s in data]}
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        info.update({"format": image.format, "width": image.width, "height": image.height,
                     "exif_tags": len(image.getexif()),
                     "gps": len(image.getexif().get_ifd(0x8825)),
                     "info_keys": sorted(k for k in image.info if k not in ("jfif", "jfif_version",
                                                                            "jfif_unit", "jfif_density",
                                                                            "dpi", "progressive",
                                                                            "progression"))})
        info["red_corner"] = red_corner(image)
        if image.format == "JPEG":
            info["markers"] = jpeg_markers(data)
    except Exception as error:  # not an image the test expected
        info["error"] = "%s: %s" % (type(error).__name__, error)
    return info


def inspect(paths):
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        message = email.message_from_bytes(raw, policy=policy.default)
        summary = {"file": path, "size": len(raw),
                   "headers": {k.lower(): str(v) for k, v in message.items()},
                   "text": "", "html": "", "photos": [], "notes": []}
        for part in message.walk():
            if part.is_multipart():
                continue
            content_type = part.get_content_type()
            if content_type.startswith("image/"):
                data = part.get_payload(decode=True) or b""
                entry = {"filename": part.get_filename(), "content_type": content_type,
                         # one base64 line from the middle, as the stored MIME holds it
                         "base64_line": part.get_payload().split()[len(part.get_payload().split()) // 2]}
                entry.update(facts(data))
                entry["middle_hex"] = data[len(data) // 2:len(data) // 2 + 48].hex()
                summary["photos"].append(entry)
            elif content_type == "text/plain" and part.get_filename() is None:
                text = part.get_content()
                if summary["text"]:
                    summary["notes"].append(text)
                else:
                    summary["text"] = text
            elif content_type == "text/html":
                summary["html"] += part.get_content()
        print(json.dumps(summary, ensure_ascii=False))


def stored(database):
    connection = sqlite3.connect("file:%s?mode=ro" % database, uri=True)
    rows = []
    for lead_id, position, view, content_type, data, width, height, purged in connection.execute(
            "SELECT lead_id, position, view, content_type, bytes, width, height, purged_ms "
            "FROM photos ORDER BY lead_id, position"):
        row = {"lead_id": lead_id, "position": position, "view": view,
               "content_type": content_type, "width": width, "height": height,
               "purged": purged is not None, "has_bytes": data is not None}
        if data is not None:
            row.update(facts(bytes(data)))
        rows.append(row)
    mimes = [bytes(m if isinstance(m, bytes) else m.encode()) for (m,) in
             connection.execute("SELECT mime FROM outbox")]
    print(json.dumps({"photos": rows,
                      "mime_secrets": sorted({s.decode() for m in mimes for s in SECRETS if s in m})}))


def main():
    command = sys.argv[1]
    if command == "make":
        args = sys.argv[2:]
        out = args[0]
        width, height = 64, 48
        fmt, metadata, noise, quality, orientation = "jpeg", False, False, 90, None
        i = 1
        while i < len(args):
            if args[i] == "--size":
                width, height = (int(v) for v in args[i + 1].split("x"))
                i += 2
            elif args[i] == "--format":
                fmt = args[i + 1]
                i += 2
            elif args[i] == "--orientation":
                orientation = int(args[i + 1])
                i += 2
            elif args[i] == "--quality":
                quality = int(args[i + 1])
                i += 2
            elif args[i] == "--metadata":
                metadata = True
                i += 1
            elif args[i] == "--noise":
                noise = True
                i += 1
            else:
                raise SystemExit("unknown argument " + args[i])
        make(out, width, height, fmt, metadata, noise, quality, orientation)
    elif command == "upright":
        from PIL import ImageOps
        image = ImageOps.exif_transpose(Image.open(sys.argv[2]))
        print(json.dumps({"width": image.width, "height": image.height,
                          "red_corner": red_corner(image)}))
    elif command == "inspect":
        inspect(sys.argv[2:])
    elif command == "stored":
        stored(sys.argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
