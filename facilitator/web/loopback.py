"""Is the QR target an address only this computer reaches? (127.x, localhost, ::1)

The projector and `facilitator serve` say so, with the fix: phones on the venue Wi-Fi need
the laptop's network address (--host 0.0.0.0 and FACILITATOR_PUBLIC_URL).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from facilitator.core.i18n import gettext as _

EXAMPLE_PUBLIC_URL = "http://192.168.1.20:5000"


def is_loopback_host(host: str | None) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1 (with or without brackets)."""
    if not host:
        return False
    host = host.strip().strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str | None) -> bool:
    """True when `url` (e.g. the join URL in the QR code) points at this computer only."""
    if not url:
        return False
    try:
        return is_loopback_host(urlsplit(url if "://" in url else f"http://{url}").hostname)
    except ValueError:
        return False


def loopback_hint() -> str:
    """What the facilitator should do, in the current language."""
    return _(
        "Telefoner kan ikke nå denne adresse: den peger på computeren selv. Start med "
        "--host 0.0.0.0, og sæt FACILITATOR_PUBLIC_URL til den adresse, telefonerne kan "
        "nå (fx %(example)s).",
        example=EXAMPLE_PUBLIC_URL,
    )
