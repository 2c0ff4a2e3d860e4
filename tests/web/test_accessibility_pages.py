"""The accessibility statement link in every footer, the in-app page, the skip link, and the
README's links (a clone has only what is in the repository)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from flask import Flask

from tests.conftest import Browser

ROOT = Path(__file__).resolve().parents[2]
STATEMENT = "https://www.was.digst.dk/facilitator-eksempel"


def _footer(html: str) -> str:
    match = re.search(r"<footer.*?</footer>", html, re.S)
    assert match, html
    return match.group(0)


@pytest.mark.parametrize("path", ["/login", "/", "/tilgaengelighed", "/findes-ikke"])
def test_footer_links_the_in_app_page_by_default(visitor: Browser, path: str) -> None:
    footer = _footer(visitor.get(path).get_data(as_text=True))
    assert '<a href="/tilgaengelighed">Tilgængelighedserklæring</a>' in footer


def test_footer_links_the_configured_statement(
    app: Flask, visitor: Browser, phone: Browser, live_session, monkeypatch
) -> None:  # noqa: ANN001
    monkeypatch.setitem(app.config, "ACCESSIBILITY_STATEMENT_URL", STATEMENT)
    for page in (visitor.get("/login"), visitor.get(f"/j/{live_session.join_code}")):
        footer = _footer(page.get_data(as_text=True))
        assert f'<a href="{STATEMENT}">Tilgængelighedserklæring</a>' in footer
        assert "/tilgaengelighed" not in footer


def test_footer_link_reads_in_english(visitor: Browser) -> None:
    visitor.client.set_cookie("facilitator_sprog", "en")
    footer = _footer(visitor.get("/login").get_data(as_text=True))
    assert '<a href="/tilgaengelighed">Accessibility statement</a>' in footer


def test_statement_page_says_how_to_report_a_problem(
    app: Flask, visitor: Browser, monkeypatch
) -> None:  # noqa: ANN001
    page = visitor.get("/tilgaengelighed").get_data(as_text=True)
    assert "Oplever du et problem?" in page
    assert "Kontakt sekretariatet" in page and "mailto:" not in page
    monkeypatch.setitem(app.config, "ACCESSIBILITY_CONTACT", "tilgaengelighed@kommune.dk")
    page = visitor.get("/tilgaengelighed").get_data(as_text=True)
    assert '<a href="mailto:tilgaengelighed@kommune.dk">tilgaengelighed@kommune.dk</a>' in page
    assert "Kontakt sekretariatet" not in page
    visitor.client.set_cookie("facilitator_sprog", "en")
    page = visitor.get("/tilgaengelighed").get_data(as_text=True)
    assert "What we have done" in page and "Write to" in page


def test_skip_link_comes_first_and_targets_main(visitor: Browser) -> None:
    page = visitor.get("/login").get_data(as_text=True)
    body = page[page.index("<body") :]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'href="#indhold"' in first_link and "skip-link" in first_link
    assert re.search(r'<main id="indhold" tabindex="-1"', page)


def test_readme_relative_links_resolve_to_files_in_the_repository() -> None:
    broken = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", doc.read_text()):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # a URL or an anchor on the same page
            path = unquote(target.split("#", 1)[0])
            resolved = (doc.parent / path).resolve()
            if not resolved.exists() or ROOT not in resolved.parents:
                broken.append(f"{doc.relative_to(ROOT)}: {target}")
    assert not broken, broken
    assert "../shared" not in (ROOT / "README.md").read_text()
