"""Jinja filters: Danish dates and small formatting helpers."""

from __future__ import annotations

from flask import Flask

from facilitator.export.text import da_date as danish_date  # one Danish date (Babel) for all


def percent(share: float) -> str:
    return f"{round(share * 100)} %"


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["danish_date"] = danish_date
    app.jinja_env.filters["percent"] = percent
