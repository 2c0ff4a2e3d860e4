"""A body's answer form for a written consultation round: reached only through its own link
(no account; the 256-bit token in the address is the key)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("answer", __name__, url_prefix="/h")
