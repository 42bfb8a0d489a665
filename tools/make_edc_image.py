"""Regenerate ``src/microcred/edc/data/credential-image.png``, the display image.

The EDC shapes require an image on the credential's display (a MediaObject in
``displayParameter.individualDisplay.displayDetail``). This draws a plain
placeholder: a blue card with a yellow band and a grey border, 240 x 160 pixels,
no text, written with the standard library only so the bytes are reproducible.
Run: ``python tools/make_edc_image.py``.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

WIDTH, HEIGHT = 240, 160
BLUE, YELLOW, GREY = (0, 51, 153), (255, 204, 0), (90, 90, 90)


def _pixel(x: int, y: int) -> tuple[int, int, int]:
    if x < 4 or y < 4 or x >= WIDTH - 4 or y >= HEIGHT - 4:
        return GREY
    if 100 <= y < 124:
        return YELLOW
    return BLUE


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_bytes() -> bytes:
    """The PNG file, deterministic byte for byte."""
    rows = b"".join(
        b"\x00" + bytes(c for x in range(WIDTH) for c in _pixel(x, y))
        for y in range(HEIGHT)
    )
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    target = Path(__file__).parents[1] / "src/microcred/edc/data/credential-image.png"
    target.write_bytes(png_bytes())
    print(target, len(png_bytes()), "bytes")
