"""The themes page in Debian's Chromium, in a real server with the demo: curation by keyboard
only (select, move by the theme's number, rename in place, undo) and by mouse (drag onto another
theme, several at once, pick an alternative heading); every change is saved and swapped in
without a page load, and the database agrees. Its own server: the changes stay here."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import LiveServer, demo_server, log_in

pytestmark = pytest.mark.e2e

LAPTOP = {"viewport": {"width": 1366, "height": 900}, "locale": "da-DK"}
ALTERNATIVES = ["Afstande og små kommuner", "Geografien"]


@dataclass(frozen=True)
class Themes:
    server: LiveServer
    url: str
    activity_id: int


@pytest.fixture(scope="module")
def themes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Themes]:
    found: dict[str, int] = {}

    def prepare(database: Path) -> None:
        with sqlite3.connect(database) as con:
            # a grouped open question of the first session: four themes, no sides
            (found["activity"],) = con.execute(
                "SELECT a.id FROM activities a JOIN clusters c ON c.activity_id = a.id"
                " WHERE a.kind = 'open_question' ORDER BY a.session_id, a.position, a.id LIMIT 1"
            ).fetchone()
            first = con.execute(
                "SELECT id FROM clusters WHERE activity_id = ? ORDER BY position, id LIMIT 1",
                (found["activity"],),
            ).fetchone()[0]
            con.execute(
                "UPDATE clusters SET alternatives = ?, suggestion = 1 WHERE id = ?",
                ('["' + '", "'.join(ALTERNATIVES) + '"]', first),
            )

    with demo_server(tmp_path_factory, "themes-instance", prepare) as live:
        activity_id = found["activity"]
        yield Themes(live, f"{live.base}/facilitate/activities/{activity_id}/themes", activity_id)


def db_value(themes: Themes, sql: str, *args: object) -> object:
    with sqlite3.connect(themes.server.database) as con:
        row = con.execute(sql, args).fetchone()
    return row[0] if row else None


def eventually(check: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the database never agreed"
        time.sleep(0.1)


def open_page(browser: Browser, themes: Themes, height: int = 900) -> Page:
    page = browser.new_context(
        **{**LAPTOP, "viewport": {"width": 1366, "height": height}}
    ).new_page()
    log_in(page, themes.server)
    page.goto(themes.url)
    page.evaluate("window.__stayed = 'same page'")  # gone if the page ever loads again
    page.wait_for_timeout(1500)  # the socket's first fetch of the page has been swapped in
    return page


def tab_to(page: Page, selector: str, backwards: bool = False, limit: int = 120) -> None:
    """Tab (or Shift+Tab) until the focus is on `selector`: keys only."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    pytest.fail(f"never reached {selector} by Tab")


def cluster_of(page: Page, number: int) -> str:
    return page.locator(f"section.theme[data-number='{number}']").get_attribute("data-cluster")


def test_keyboard_only(browser: Browser, themes: Themes) -> None:
    page = open_page(browser, themes)
    page.keyboard.press("Tab")
    tab_to(page, "section.theme[data-number='1'] .pick-item")
    item = page.evaluate("document.activeElement.value")
    target = cluster_of(page, 2)
    page.keyboard.press("Space")
    expect(page.locator(f"#bidrag-{item}")).to_have_class("theme-item selected")
    page.keyboard.press("m")
    picker = page.get_by_role("dialog", name="Flyt til tema")
    expect(picker).to_be_visible()
    page.keyboard.type("2")
    expect(picker.get_by_role("option", selected=True)).to_contain_text("2.")
    page.keyboard.press("Enter")
    expect(picker).to_be_hidden()
    # the server's answer, swapped in: the item in its new theme, focus where it was
    moved = page.locator(f"#tema-{target} #bidrag-{item}")
    expect(moved).to_be_visible()
    expect(page.locator("#fortryd-hvad")).to_have_text("Sidste ændring: flytning")
    expect(page.locator(f"#vaelg-{item}")).to_be_focused()
    expect(page.locator("#themes-message")).to_contain_text("flyttet til")
    eventually(
        lambda: (
            db_value(themes, "SELECT cluster_id FROM contributions WHERE id = ?", item)
            == int(target)
        )
    )
    assert db_value(themes, "SELECT example FROM contributions WHERE id = ?", item) == 1

    # rename the theme the item went to, in place: Shift+Tab back to its heading, Enter
    tab_to(page, f"#overskrift-{target}", backwards=True)
    old = db_value(themes, "SELECT label FROM clusters WHERE id = ?", target)
    page.keyboard.press("Enter")
    expect(page.locator(f"#label-{target}")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("Tillid og samarbejde")
    page.keyboard.press("Enter")
    expect(page.locator(f"#overskrift-{target}")).to_have_text("Tillid og samarbejde")
    expect(page.locator("#fortryd-hvad")).to_have_text("Sidste ændring: ny overskrift")
    expect(page.locator(f"#overskrift-{target}")).to_be_focused()
    eventually(
        lambda: (
            db_value(themes, "SELECT label FROM clusters WHERE id = ?", target)
            == "Tillid og samarbejde"
        )
    )
    # Esc leaves the heading as it was
    page.keyboard.press("F2")
    page.keyboard.type("Ikke gemt")
    page.keyboard.press("Escape")
    expect(page.locator(f"#overskrift-{target}")).to_be_focused()

    # undo: the heading as it was, pushed back
    page.keyboard.press("Control+z")
    expect(page.locator(f"#overskrift-{target}")).to_have_text(old)
    expect(page.locator("#fortryd")).to_be_disabled()
    eventually(lambda: db_value(themes, "SELECT label FROM clusters WHERE id = ?", target) == old)
    assert page.evaluate("window.__stayed") == "same page"


def test_mouse(browser: Browser, themes: Themes) -> None:
    page = open_page(browser, themes, height=2000)  # no scrolling in the middle of a drag
    source, target = cluster_of(page, 1), cluster_of(page, 3)
    items = page.locator(f"#tema-{source} li[data-item]")
    first, second = items.nth(0).get_attribute("data-item"), items.nth(1).get_attribute("data-item")
    page.locator(f"#bidrag-{first}").drag_to(page.locator(f"#tema-{target}"))
    expect(page.locator(f"#tema-{target} #bidrag-{first}")).to_be_visible()
    expect(page.locator("#fortryd-hvad")).to_have_text("Sidste ændring: flytning")
    eventually(
        lambda: (
            db_value(themes, "SELECT cluster_id FROM contributions WHERE id = ?", first)
            == int(target)
        )
    )

    # two at once: tick one, shift-click to the next, drag them together
    page.locator(f"label[for='vaelg-{second}']").click()
    back = page.locator(f"#tema-{target} li[data-item]").first.get_attribute("data-item")
    page.locator(f"label[for='vaelg-{back}']").click()
    expect(page.locator("[data-selected-count]")).to_have_text("2 bidrag valgt")
    page.locator(f"#bidrag-{second}").drag_to(page.locator(f"#tema-{cluster_of(page, 2)}"))
    two = cluster_of(page, 2)
    expect(page.locator(f"#tema-{two} #bidrag-{second}")).to_be_visible()
    expect(page.locator(f"#tema-{two} #bidrag-{back}")).to_be_visible()
    eventually(
        lambda: (
            db_value(themes, "SELECT cluster_id FROM contributions WHERE id = ?", back) == int(two)
        )
    )

    # one click on an alternative heading: the theme is renamed, no longer a suggestion
    heading = page.locator("button.alternative", has_text=ALTERNATIVES[0])
    theme = heading.locator("xpath=ancestor::section[1]").get_attribute("data-cluster")
    expect(page.locator(f"#tema-{theme} .tag.suggestion")).to_be_visible()
    heading.click()
    expect(page.locator(f"#overskrift-{theme}")).to_have_text(ALTERNATIVES[0])
    expect(page.locator(f"#tema-{theme} .tag.suggestion")).to_have_count(0)
    eventually(lambda: db_value(themes, "SELECT suggestion FROM clusters WHERE id = ?", theme) == 0)
    assert db_value(themes, "SELECT label FROM clusters WHERE id = ?", theme) == ALTERNATIVES[0]

    # the network fails: a clear message, and what was typed stays in the field
    page.route("**/rename", lambda route: route.abort())
    page.locator(f"#overskrift-{theme}").click()
    page.locator(f"#label-{theme}").fill("Uden forbindelse")
    page.locator(f"#label-{theme}").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("ingen forbindelse")
    expect(page.locator(f"#label-{theme}")).to_have_value("Uden forbindelse")
    assert page.evaluate("window.__stayed") == "same page"


def test_screenshots(browser: Browser, themes: Themes) -> None:
    """For looking at (FACILITATOR_SCREENSHOTS=folder): a phone and a projector-sized screen."""
    folder = os.environ.get("FACILITATOR_SCREENSHOTS")
    if not folder:
        pytest.skip("FACILITATOR_SCREENSHOTS is not set")
    for name, size in {"themes-390.png": (390, 844), "themes-1920.png": (1920, 1080)}.items():
        page = browser.new_context(viewport={"width": size[0], "height": size[1]}).new_page()
        log_in(page, themes.server)
        page.goto(themes.url)
        page.wait_for_timeout(1200)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size[0], f"{name}: {width} px wide"
        page.screenshot(path=str(Path(folder) / name), full_page=True)
