"""Table cards print any name: a Unicode font (DejaVu Sans from matplotlib), "?" for what it
lacks, long lines made to fit the card, and the Latin-1 core font when the font is missing."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess

import pytest
from fpdf import FPDF

from facilitator.tables import cards
from facilitator.tables.cards import Card, cards_pdf

ODD_NAMES = [
    "Bord – Øst ✓",
    "Łódź, Żółć i Gęś",
    "Møde 😀👍🏽❤️",
    "Sundhedsvæsensadministrationsmedarbejderuddannelsesudvalgsformandskabsforhandlinger"
    + "x" * 11,  # one 95-character word
    "中文 Ελληνικά Кириллица",
]


def _cards(names: list[str]) -> list[Card]:
    return [
        Card(
            i, name, f"https://facilitator.example.dk/j/ABCD?bord={i}", "https://x.dk/s/" + "y" * 90
        )
        for i, name in enumerate(names, start=1)
    ]


def test_odd_names_print_in_the_unicode_font(caplog: pytest.LogCaptureFixture) -> None:
    assert cards.font_folder() is not None  # matplotlib is a dependency
    with caplog.at_level(logging.WARNING):
        data = cards_pdf("Visionsdag – " + ODD_NAMES[3], _cards(ODD_NAMES), "a6", "da")
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == len(ODD_NAMES)
    assert b"DejaVuSans" in data
    assert not [r for r in caplog.records if "missing" in r.getMessage()]  # nothing dropped
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
        assert "Bord – Øst ✓" in text
        assert "Łódź, Żółć i Gęś" in text
        assert "Ελληνικά Кириллица" in text


def test_a_line_is_cleaned_and_fits_the_card() -> None:
    pdf = FPDF(unit="mm", format=(105, 148))
    text = cards._Text(pdf)
    pdf.add_page()
    assert text.family == cards.FONT_FAMILY
    pdf.set_font(text.family, "", 12)
    assert text.clean("Bord – Øst ✓") == "Bord – Øst ✓"
    assert text.clean("中 ok") == "? ok"  # not in DejaVu Sans
    assert text.clean("❤\ufe0f") == "❤\ufe0f"  # in the font: kept
    assert text.clean("a\U000e0067b") == "ab"  # a flag's tag mark, not in it: dropped, not "?"
    text.line(ODD_NAMES[3], 8, 8, 89, 10, "B", 30)
    assert pdf.font_size_pt < 30  # made smaller ...
    written = pdf.get_string_width(ODD_NAMES[3])
    assert written > 89  # ... and the word is still too wide at the smallest size: shortened
    assert pdf.font_size_pt == cards.MIN_FONT_PT


def test_without_the_font_the_core_font_replaces_what_latin1_lacks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cards, "font_folder", lambda: None)
    data = cards_pdf("Møde ✓", _cards(ODD_NAMES), "a5", "en")
    assert data.startswith(b"%PDF") and b"DejaVuSans" not in data
    pdf = FPDF()
    text = cards._Text(pdf)
    assert text.family == cards.CORE_FAMILY
    assert text.clean("Bord – Øst ✓") == "Bord ? Øst ?"


def test_a_broken_font_file_falls_back(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # noqa: ANN001
    for name in cards.FONT_FILES.values():
        (tmp_path / name).write_bytes(b"not a font")
    monkeypatch.setattr(cards, "font_folder", lambda: tmp_path)
    assert cards_pdf("Møde", _cards(["Øst ✓"])).startswith(b"%PDF")
