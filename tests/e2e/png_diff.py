#!/usr/bin/python3
"""Pixel comparison for tests/e2e/preview_screenshots.test.mjs (Debian's python3-pil).

Reads JSON from stdin: {"mode": "compare" | "update", "threshold": N, "pairs": [[reference,
actual], ...]}. compare prints, per pair, {"reference", "size": [w, h], "actual_size",
"differing": pixels whose largest channel difference exceeds N, "total"} (a missing reference
gives "missing": true). update writes each actual screenshot as its reference, quantized to a
64-colour palette so the committed PNGs stay small.
"""
import json
import os
import sys

from PIL import Image, ImageChops


def flat(path):
    return Image.open(path).convert("RGB")


def main():
    job = json.load(sys.stdin)
    out = []
    for reference, actual in job["pairs"]:
        if job["mode"] == "update":
            os.makedirs(os.path.dirname(reference), exist_ok=True)
            image = flat(actual).quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            image.save(reference, optimize=True)
            out.append({"reference": reference, "written": True})
            continue
        if not os.path.exists(reference):
            out.append({"reference": reference, "missing": True})
            continue
        ref, act = flat(reference), flat(actual)
        row = {"reference": reference, "size": list(ref.size), "actual_size": list(act.size)}
        if ref.size == act.size:
            difference = ImageChops.difference(ref, act)
            bands = difference.split()
            largest = ImageChops.lighter(ImageChops.lighter(bands[0], bands[1]), bands[2])
            row["differing"] = sum(largest.point(lambda v: 255 if v > job["threshold"] else 0).histogram()[255:])
            row["total"] = ref.size[0] * ref.size[1]
        out.append(row)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
