"""Jinja filters: Danish dates and small formatting helpers."""

from __future__ import annotations

from datetime import date

from flask import Flask

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]


def danish_date(value: date | None) -> str:
    """3. februar 2020, as the secretariat writes it."""
    if value is None:
        return "dato ikke fastsat"
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def percent(share: float) -> str:
    return f"{round(share * 100)} %"


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["danish_date"] = danish_date
    app.jinja_env.filters["percent"] = percent
