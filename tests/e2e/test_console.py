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
        page.screenshot(
            path=os.path.join(os.environ["FACILITATOR_SCREENSHOTS"], name), full_page=full_page
        )


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
    expect(console.get_by_role("button", name="Hent Word-dokument (.docx)")).to_be_visible()
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
    other.locator(".run-of-show .activity", has_text=OTHER).first.get_by_role(
        "button", name="Åbn"
    ).click()
    expect(console.locator("section.activity.current")).to_contain_text(OTHER, timeout=10000)
    expect(console.locator("#console-announcer")).to_have_text(f"Åben nu: {OTHER}")
    expect(kept.locator("details.line-more")).to_have_attribute("open", "")
    _shoot(console, "console-1366-dilemma.png")
    _shoot(console, "console-1366-full.png", full_page=True)

    # leave the room as the other tests expect it
    console.locator(".run-of-show .activity", has_text=OPEN).first.get_by_role(
        "button", name="Åbn"
    ).click()
    expect(console.locator("section.activity.current")).to_contain_text(OPEN)
    other.context.close()
    console.context.close()


# The moderation item with what may differ between two renderings taken out: the CSRF token's
# signature, and the author's group (a live statement never carries it: docs/realtime.md).
ITEM_MARKUP = """item => {
  const copy = item.cloneNode(true);
  copy.querySelectorAll('input[name=csrf_token]').forEach(input => input.removeAttribute('value'));
  copy.querySelectorAll('small').forEach(small => {
    small.removeAttribute('data-group');
    small.textContent = '';
  });
  return copy.outerHTML.replace(/\\s+/g, ' ').replace(/> </g, '><');
}"""


def _open_console(page, server) -> None:  # noqa: ANN001 - a Page, the LiveServer
    """The console, once its connect re-render (pushes sent before its socket joined the room
    would be missing otherwise) is done: the only fetch of the page a console makes by itself
    (structural changes arrive rendered: console_html)."""
    with page.expect_response(
        lambda r: (
            r.url == server.console_url and r.request.headers.get("x-requested-with") == "fetch"
        )
    ):
        page.goto(server.console_url)
    expect(page.locator("#live-status")).to_have_text("Live", timeout=10000)


def test_a_statement_reaches_the_console_without_a_fetch(browser: Browser, live_server) -> None:
    """The console renders what it is pushed: a phone's statement, its count and the new
    participant appear without fetching the console page, the item as the server renders it."""
    console = browser.new_context(**LAPTOP).new_page()
    log_in(console, live_server)
    _open_console(console, live_server)
    fetched: list[str] = []
    console.on("request", lambda request: fetched.append(request.url))
    current = console.locator("section.activity.current")
    expect(current).to_contain_text(OPEN)
    count = current.locator("[data-count-text]")
    before = int(count.get_attribute("data-count"))
    joined = int(console.locator("#joined-count").inner_text())

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK").new_page()
    phone.goto(live_server.join_url)
    phone.get_by_label("Jeg deltager som").select_option(label="Embedsperson")
    phone.get_by_role("button", name="Deltag").click()
    statement = "Konsollen får det her uden at hente siden igen"
    phone.locator("textarea[name=text]").fill(statement)
    phone.get_by_role("button", name="Send").click()

    item = current.locator("ul[data-moderation] > li", has_text=statement)
    expect(item).to_be_visible(timeout=5000)
    expect(count).to_have_text(f"{before + 1} bidrag")
    expect(console.locator("#joined-count")).to_have_text(str(joined + 1), timeout=5000)
    expect(item.get_by_role("button", name="Skjul")).to_be_visible()
    pushed = item.evaluate(ITEM_MARKUP)
    assert not [url for url in fetched if url.startswith(live_server.console_url)], fetched

    console.reload()  # the server's rendering of the same item and counts
    rendered = current.locator("ul[data-moderation] > li", has_text=statement)
    assert rendered.evaluate(ITEM_MARKUP) == pushed
    expect(count).to_have_text(f"{before + 1} bidrag")
    expect(console.locator("#joined-count")).to_have_text(str(joined + 1))

    # hidden from this console: a second console moves the item to "skjulte bidrag" in place
    other = console.context.new_page()
    _open_console(other, live_server)
    other_fetched: list[str] = []
    other.on("request", lambda request: other_fetched.append(request.url))
    rendered.get_by_role("button", name="Skjul").click()
    mine = other.locator("section.activity.current")
    expect(mine.locator("ul[data-moderation] > li", has_text=statement)).to_have_count(0)
    expect(mine.locator("[data-hidden-list] > li", has_text=statement)).to_have_count(1)
    expect(mine.locator("details[id^=skjulte-] > summary")).to_be_visible()
    assert not [url for url in other_fetched if url.startswith(live_server.console_url)]

    # opening an activity (a structural change) swaps in the console_html it carries, and a
    # dilemma's tallies, count and reasons are redrawn from results:updated: no fetch either
    try:
        console.locator(".run-of-show .activity", has_text=OTHER).first.get_by_role(
            "button", name="Åbn"
        ).click()
        dilemma = other.locator("section.activity.current")
        expect(dilemma).to_contain_text(OTHER, timeout=10000)
        assert not [url for url in other_fetched if url.startswith(live_server.console_url)]
        other_fetched.clear()
        answered = int(dilemma.locator("[data-count-text]").get_attribute("data-count"))
        total = int(dilemma.locator(".results.dilemma").get_attribute("data-total"))
        expect(phone.get_by_role("heading", name=OTHER)).to_be_visible()
        phone.locator("label.side").first.click()
        reason = "Fordi trygheden kommer først her"
        phone.locator("textarea[name=text]").fill(reason)
        phone.get_by_role("button", name="Send").click()
        expect(dilemma.locator(".results.dilemma")).to_have_attribute("data-total", str(total + 1))
        expect(dilemma.locator("[data-count-text]")).to_have_text(f"{answered + 1} har svaret")
        reason_item = dilemma.locator("ul[data-moderation] > li", has_text=reason)
        expect(reason_item).to_be_visible()
        pushed = reason_item.evaluate(ITEM_MARKUP)
        assert not [url for url in other_fetched if url.startswith(live_server.console_url)]
        other.reload()
        assert (
            dilemma.locator("ul[data-moderation] > li", has_text=reason).evaluate(ITEM_MARKUP)
            == pushed
        )
    finally:  # the other tests expect the demo's open activity
        console.locator(".run-of-show .activity", has_text=OPEN).first.get_by_role(
            "button", name="Åbn"
        ).click()
        expect(console.locator("section.activity.current")).to_contain_text(OPEN)
    phone.context.close()
    console.context.close()
