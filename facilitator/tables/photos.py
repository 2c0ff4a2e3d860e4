"""A flip-over photo from a phone camera (JPEG, PNG or HEIC), made fit to keep: refused before
decoding when too large, verified by decoding (a text file named .jpg is not a photo), turned
upright by its EXIF orientation, then re-encoded as a fresh JPEG of at most MAX_SIDE pixels,
which carries none of the original's metadata (EXIF, GPS, XMP, comments). Bytes in, bytes out."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _

try:  # HEIC (iPhones' default) needs pillow-heif; without it such a file is refused clearly
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIC = True
except ImportError:  # pragma: no cover - the lock installs it
    HEIC = False

MAX_BYTES = 15 * 1024 * 1024
MAX_SIDE = 1600
MAX_PIXELS = 60_000_000  # a 48-megapixel phone photo fits; a decompression bomb does not
JPEG_QUALITY = 85
FORMATS = {"JPEG", "PNG", "HEIF"}


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    width: int
    height: int


def _refuse() -> ValidationError:
    return ValidationError(
        _("Filen kunne ikke læses som et billede. Vælg et foto i formatet JPEG, PNG eller HEIC.")
    )


def prepare_photo(data: bytes) -> Photo:
    """The photo as it is kept, or a ValidationError saying what is wrong with the file."""
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("Billedet er for stort (højst %(mb)s MB).", mb=MAX_BYTES // (1024 * 1024))
        )
    if not data:
        raise _refuse()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in FORMATS:
                    raise _refuse()
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError(_("Billedet har for mange pixels."))
                image.load()  # decodes the whole file: a truncated one fails here
                upright = ImageOps.exif_transpose(image) or image
                picture = upright.convert("RGB")
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise _refuse() from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # A fresh image written without exif=/icc_profile=: nothing of the original's metadata.
    picture.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return Photo(out.getvalue(), picture.width, picture.height)


# What prepare_photo's JPEG carries in Pillow's `info`: JFIF headers, no metadata.
PLAIN_JPEG_INFO = frozenset(
    {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive", "progression"}
)


def stored_photo(data: bytes) -> Photo:
    """A photo as an archive brings it back: kept byte for byte when it is already what
    prepare_photo writes (an RGB JPEG within MAX_SIDE without metadata), so export → import →
    export is stable; anything else (EXIF, a PNG, too large) goes through prepare_photo."""
    if 0 < len(data) <= MAX_BYTES:
        try:
            with Image.open(io.BytesIO(data)) as image:
                plain = (
                    image.format == "JPEG"
                    and image.mode == "RGB"
                    and max(image.size) <= MAX_SIDE
                    and set(image.info) <= PLAIN_JPEG_INFO
                )
                if plain:
                    image.load()  # a truncated file fails here
                    return Photo(data, image.width, image.height)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            pass
    return prepare_photo(data)
