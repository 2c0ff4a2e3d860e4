"""The projector at 8 m and the reveal control, as a room uses them (issue 11): a dilemma's
tallies wait for "Vis resultater"; revealed, its group table fits a 320 px phone; after
grouping, new contributions show under "Nye bidrag"; every text on the wall is >= 28 px."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "locale": "da-DK",
}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "da-DK"}
DILEMMA = "Tryghed eller selvbestemmelse?"
GROUPED = "Hvad skal vi huske?"
VOTE = "Hvad skal visionen handle om?"
SHOTS = os.environ.get("FACILITATOR_SHOTS")  # a folder: save the projector's screenshots

# Visible text on the wall (the first 1080 px; the footer's language switch lies below it)
# smaller than 28 px.
SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, box = node.parentElement;
    if (!node.textContent.trim() || !box || box.closest('.sr-only, script, [hidden]')) continue;
    const rect = box.getBoundingClientRect();
    if (!rect.width || !rect.height || rect.top >= innerHeight) continue; /* the wall only */
    const size = parseFloat(getComputedStyle(box).fontSize);
    if (size < 28) small.push(size + 'px: ' + node.textContent.trim().slice(0, 40));
  }
  return small;
}"""


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name))


def _open(console: Page, title: str) -> None:
    current = console.locator("section.activity.current", has_text=title)
    if not current.count():  # another test of this server may have left it open already
        line = console.locator(".run-of-show .activity", has_text=title).first
        line.get_by_role("button", name="Åbn").click()
    expect(current).to_be_visible()


def _readable(projector: Page) -> None:
    assert projector.evaluate(SMALL_TEXT) == []
    assert projector.evaluate("document.documentElement.scrollWidth") <= 1920


def _fits(page: Page) -> None:
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 844})
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"the page is {wide} px wide on a {width} px phone"


def test_reveal_groups_and_the_wall(browser: Browser, live_server) -> None:
    projector = browser.new_context(**PROJECTOR).new_page()
    sent: list[str] = []  # what the projector's socket sends and receives, frame by frame
    received: list[str] = []
    projector.on(
        "websocket",
        lambda ws: (
            ws.on("framesent", lambda frame: sent.append(str(frame))),
            ws.on("framereceived", lambda frame: received.append(str(frame))),
        ),
    )
    projector.goto(live_server.screen_url)
    console = browser.new_context(**PROJECTOR).new_page()
    log_in(console, live_server)
    console.goto(live_server.console_url)
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(live_server.join_url)
    phone.select_option("select[name=group]", label="Embedsperson")  # the join page's group
    phone.get_by_role("button", name="Deltag").click()
    try:
        _open(console, DILEMMA)
        expect(projector.get_by_role("heading", name=DILEMMA)).to_be_visible()
        # before "Vis resultater": how many have answered, no bars, no breakdown
        expect(projector.locator(".hidden-results .answered")).to_contain_text("har svaret")
        expect(projector.locator("progress")).to_have_count(0)
        expect(phone.get_by_role("heading", name=DILEMMA)).to_be_visible()
        expect(phone.locator("table.groups")).to_have_count(0)
        _readable(projector)
        _shot(projector, "projector-dilemma-hidden.png")

        current = console.locator("section.activity.current")
        current.get_by_role("button", name=re.compile(r"^Vis resultater")).first.click()
        expect(projector.locator("table.groups")).to_be_visible()
        expect(projector.locator(".hidden-results")).to_have_count(0)
        expect(projector.locator("#screen-announce")).to_contain_text("Resultaterne vises nu")
        assert projector.locator("progress").first.get_attribute("aria-label")
        _readable(projector)
        _shot(projector, "projector-dilemma-revealed.png")
        # the phone gets them live, and the group table fits 320 and 390 px
        expect(phone.locator("table.groups")).to_be_visible()
        _fits(phone)
        percent = phone.locator(".bar-count").first
        assert "\u00a0%" in percent.inner_text() or percent.inner_text().endswith(" %")
        box = percent.bounding_box()
        assert box and box["height"] < 40  # one line: "57 %" never wraps its sign
        phone.set_viewport_size(PHONE["viewport"])
        current = console.locator("section.activity.current")
        current.get_by_role("button", name=re.compile(r"^Skjul resultater")).first.click()
        expect(projector.locator(".hidden-results")).to_be_visible()

        # a vote's ranks read "1.", "2.", … in full (list markers were clipped to "l.")
        _open(console, VOTE)
        current = console.locator("section.activity.current")
        current.get_by_role("button", name=re.compile(r"^Vis resultater")).first.click()
        rank = projector.locator(".topics .rank").first
        expect(rank).to_have_text("1.")
        box, area = rank.bounding_box(), projector.locator(".screen-activity").bounding_box()
        assert box and area and box["x"] >= area["x"] and box["width"] > 10
        _readable(projector)
        _shot(projector, "projector-vote-revealed.png")

        # after grouping: a new statement shows under "Nye bidrag", nothing is dropped silently
        _open(console, GROUPED)
        expect(projector.locator("[data-clusters]")).to_be_visible()
        expect(phone.get_by_role("heading", name=GROUPED)).to_be_visible()
        fresh = "Husk de unge, der flytter hjemmefra"
        phone.locator("textarea[name=text]").fill(fresh)
        phone.get_by_role("button", name="Send").click()
        wall = projector.locator(".new-contributions")
        expect(wall).to_be_visible()
        expect(wall.get_by_role("heading", name="Nye bidrag")).to_be_visible()
        expect(wall.locator("li", has_text=fresh)).to_be_visible()
        _readable(projector)
        _shot(projector, "projector-grouped.png")

        # a theme renamed on the themes page: the wall draws the pushed themes, no snapshot
        console.locator("section.activity.current").get_by_role("link", name="Temaer").click()
        # renamed in place: a click on the heading opens its field (themes.js)
        console.locator(".heading-edit").first.click()
        rename = console.locator("form.rename").first
        label = rename.locator("input[name=label]")
        old_label = label.input_value()
        asked, heard = len(sent), len(received)
        label.fill("Omdøbt på storskærmen")
        rename.get_by_role("button", name="Omdøb").click()
        expect(projector.locator(".cluster h2", has_text="Omdøbt på storskærmen")).to_be_visible()
        assert any('"clusters:updated"' in frame for frame in received[heard:])
        assert not any('"state:get"' in frame for frame in sent[asked:]), sent[asked:]
        console.locator(".heading-edit").first.click()
        console.locator("form.rename").first.locator("input[name=label]").fill(old_label)
        console.locator("form.rename").first.get_by_role("button", name="Omdøb").click()
        expect(projector.locator(".cluster h2", has_text=old_label)).to_be_visible()
        console.goto(live_server.console_url)
    finally:  # the next tests expect the demo's open activity
        _open(console, "Retningspile for visionen")
