#!/usr/bin/python3
"""Photos for tests/e2e/photos.test.mjs (Debian's python3-pil).

make DIR [--12mp]: writes dark.jpg (4000x3000, nearly black, EXIF with GPS and a camera model), and
front.jpg / left.jpg (3000x2250 and 2250x3000, sharp detail in daylight grey, EXIF with GPS too).
inspect EML: prints JSON of the clinic email's image parts: filename, content type, pixel size,
whether any EXIF (APP1) or GPS data is left, and the email's text part. With --12mp, make writes
only twelve.jpg (4000x3000, sharp) for bench/web/photos.mjs.
"""
import email
import email.policy
import io
import json
import random
import sys

from PIL import Image, ImageDraw


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel X"  # Model
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)}  # GPSInfo
    return exif


def detailed(width, height, seed):
    """Mid-grey scene full of sharp edges: random rectangles and lines."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (128, 120, 112))
    draw = ImageDraw.Draw(image)
    for _ in range(900):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(20, width // 8), rng.randrange(20, height // 8)
        v = rng.randrange(40, 220)
        draw.rectangle([x, y, x + w, y + h], fill=(v, v - 10 if v > 10 else v, v - 20 if v > 20 else v))
    for _ in range(600):
        v = rng.randrange(30, 230)
        draw.line([rng.randrange(width), rng.randrange(height), rng.randrange(width), rng.randrange(height)], fill=(v, v, v), width=3)
    return image


def make(folder):
    if len(sys.argv) > 3 and sys.argv[3] == "--12mp":
        # bench/web/photos.mjs: a sharp 12-megapixel phone photo (4000 x 3000), EXIF GPS included.
        detailed(4000, 3000, 4).save(f"{folder}/twelve.jpg", quality=90, exif=exif_with_gps())
        return
    dark = detailed(4000, 3000, 1).point(lambda v: v // 12)
    dark.save(f"{folder}/dark.jpg", quality=90, exif=exif_with_gps())
    detailed(3000, 2250, 2).save(f"{folder}/front.jpg", quality=90, exif=exif_with_gps())
    detailed(2250, 3000, 3).save(f"{folder}/left.jpg", quality=90, exif=exif_with_gps())


def has_app1(data):
    """True if the JPEG has an APP1 segment (EXIF or XMP) before its image data."""
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xE1:
            return True
        if marker == 0xDA:
            return False
        i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
    return False


def inspect(path):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f, policy=email.policy.default)
    images = []
    text = ""
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not text:
            text = part.get_content()
        if part.get_content_maintype() != "image":
            continue
        data = part.get_payload(decode=True)
        image = Image.open(io.BytesIO(data))
        exif = image.getexif()
        images.append(
            {
                "filename": part.get_filename(),
                "type": part.get_content_type(),
                "format": image.format,
                "width": image.width,
                "height": image.height,
                "exif": len(exif) > 0 or "exif" in image.info,
                "gps": len(exif.get_ifd(0x8825)) > 0,
                "app1": has_app1(data),
            }
        )
    print(json.dumps({"subject": str(message["subject"]), "images": images, "text": text}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        inspect(sys.argv[2])
