"""Guided themes in the real server: headings typed on the theme page reach the projector live,
the room's contributions are sorted under them, and what fits none is shown as new themes."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "da-DK"}
HEADINGS = ["Specialiserede tilbud", "Digitale løsninger"]
ACTIVITY = "Hvad skal vi huske?"  # not the one the other e2e tests use


def test_headings_reach_the_projector_and_sort_the_room(browser: Browser, live_server) -> None:
    console = browser.new_context(**PROJECTOR).new_page()
    log_in(console, live_server)
    console.goto(live_server.console_url)
    console.locator(".run-of-show .activity", has_text=ACTIVITY).first.get_by_role(
        "button", name="Åbn"
    ).click()
    section = console.locator("section.activity.current", has_text=ACTIVITY)
    themes_url = section.get_by_role("link", name="Temaer").first.get_attribute("href")

    projector = browser.new_context(**PROJECTOR).new_page()
    projector.goto(live_server.screen_url)
    expect(projector.get_by_role("heading", name=ACTIVITY)).to_be_visible()

    console.goto(live_server.base + themes_url)
    # The demo arrives grouped under the secretariat's own themes (which a new grouping never
    # undoes): take them away first, as a facilitator starting this activity afresh would.
    remove = console.get_by_role("button", name="Fjern tema")
    for left in range(remove.count(), 0, -1):
        remove.first.click()
        expect(remove).to_have_count(left - 1)  # saved and swapped in without a reload
    expect(remove).to_have_count(0)
    if not console.locator("details.headings-card").evaluate("card => card.open"):
        console.locator("details.headings-card summary").click()
    console.get_by_label("Jeres overskrifter (én pr. linje)").fill("\n".join(HEADINGS))
    console.get_by_role("button", name="Tilføj overskrifter").click()
    expect(console.get_by_text("2 overskrifter tilføjet")).to_be_visible()

    # The grouping job sorts the demo's statements under the headings; the projector follows
    # without a reload, headings first, generated themes marked as new.
    cards = projector.locator(".clusters .cluster")
    for heading in HEADINGS:
        expect(cards.filter(has=projector.get_by_role("heading", name=heading))).to_have_count(
            1, timeout=60000
        )
    expect(projector.locator(".cluster.new .cluster-tag").first).to_have_text(
        "Nyt tema", timeout=60000
    )
    first = cards.first.locator("h2")
    expect(first).to_contain_text(HEADINGS[0])
    expect(
        cards.filter(has=projector.get_by_role("heading", name=HEADINGS[0])).locator("li").first
    ).to_be_visible()
    console.reload()
    expect(console.locator(".new-themes")).to_contain_text("Nye temaer")
    if os.environ.get("FACILITATOR_SCREENSHOTS"):
        projector.screenshot(
            path=os.path.join(os.environ["FACILITATOR_SCREENSHOTS"], "projector-guided.png")
        )
        console.screenshot(
            path=os.path.join(os.environ["FACILITATOR_SCREENSHOTS"], "themes-guided.png"),
            full_page=True,
        )
    # leave the room as the other tests expect it: the demo's first activity open
    console.goto(live_server.console_url)
    console.locator(
        ".run-of-show .activity", has_text="Retningspile for visionen"
    ).first.get_by_role("button", name="Åbn").click()
    expect(projector.get_by_role("heading", name="Retningspile for visionen")).to_be_visible()
