"""The console on a laptop (1366x768), in the real server with the demo: the open activity is in
the first screenful, the page is a compact run-of-show (not every activity's lists one under the
other), and when another console opens an activity this one shows it first, without a reload,
and says so to screen readers."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

LAPTOP = {"viewport": {"width": 1366, "height": 768}, "locale": "da-DK"}
OPEN = "Retningspile for visionen"  # the demo leaves it open for the room
OTHER = "Tryghed eller selvbestemmelse?"


def _shoot(page, name: str, *, full_page: bool = False) -> None:  # noqa: ANN001 - a Page
    if os.environ.get("FACILITATOR_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["FACILITATOR_SCREENSHOTS"], name),
                        full_page=full_page)


def test_the_console_fits_a_laptop_and_follows_the_room(browser: Browser, live_server) -> None:
    console = browser.new_context(**LAPTOP).new_page()
    log_in(console, live_server)
    console.goto(live_server.console_url)
    current = console.locator("section.activity.current")
    expect(current).to_contain_text(OPEN)
    box = current.locator("h2").bounding_box()
    assert box and box["y"] + box["height"] <= 768, box  # in the first screenful
    height = console.evaluate("document.documentElement.scrollHeight")
    assert height < 2500, f"the console is {height} px tall"
    lines = console.locator(".run-of-show > li.activity")
    assert lines.count() >= 5
    # the other activities' lists are on demand: closed details
    expect(console.locator(".run-of-show details.line-more[open]")).to_have_count(0)
    expect(console.get_by_role("link", name="Hent Word-dokument (.docx)")).to_be_visible()
    _shoot(console, "console-1366.png")

    # keyboard: a line's details open with Enter; they stay open through live re-renders
    kept = lines.filter(has_text="Hvad skal vi huske?")
    kept.locator("summary").first.focus()
    console.keyboard.press("Enter")
    expect(kept.locator("details.line-more")).to_have_attribute("open", "")

    # a second console opens another activity: this one re-renders with it first
    other = browser.new_context(**LAPTOP).new_page()
    log_in(other, live_server)
    other.goto(live_server.console_url)
    expect(other.locator("#live-status")).to_have_text("Live", timeout=10000)
    expect(console.locator("#live-status")).to_have_text("Live", timeout=10000)
    other.locator(".run-of-show .activity", has_text=OTHER).first \
        .get_by_role("button", name="Åbn").click()
    expect(console.locator("section.activity.current")).to_contain_text(OTHER, timeout=10000)
    expect(console.locator("#console-announcer")).to_have_text(f"Åben nu: {OTHER}")
    expect(kept.locator("details.line-more")).to_have_attribute("open", "")
    _shoot(console, "console-1366-dilemma.png")
    _shoot(console, "console-1366-full.png", full_page=True)

    # leave the room as the other tests expect it
    console.locator(".run-of-show .activity", has_text=OPEN).first \
        .get_by_role("button", name="Åbn").click()
    expect(console.locator("section.activity.current")).to_contain_text(OPEN)
    other.context.close()
    console.context.close()
