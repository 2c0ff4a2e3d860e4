"""Forms of the facilitator's pages, and what reads their fields."""

from __future__ import annotations


def lines(text: str | None) -> list[str]:
    """A textarea's lines (one focus area, organisation or topic per line)."""
    return (text or "").splitlines()
