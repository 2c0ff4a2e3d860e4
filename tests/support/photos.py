"""Photos for flip-over tests: a camera-like JPEG with GPS and orientation in its EXIF."""

from __future__ import annotations

import io

from PIL import Image


def camera_jpeg(width: int = 2400, height: int = 1200, orientation: int = 6) -> bytes:
    """A landscape JPEG whose EXIF says "rotate 90°" and where it was taken (GPS)."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (57.0, 2.0, 54.0)  # Aalborg
    gps[3], gps[4] = "E", (9.0, 55.0, 12.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()
