"""The phone at 320 px through the real UI: "Enig" on someone else's statement (and undo), "Ret"
on one's own, live on the other phone, and never wider than the phone."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

# bypass_csp: axe-core is injected as a script tag (the app's CSP allows only its own scripts)
SMALL_PHONE = {
    "viewport": {"width": 320, "height": 640},
    "is_mobile": True,
    "has_touch": True,
    "locale": "da-DK",
    "bypass_csp": True,
}
ACTIVITY = "Retningspile for visionen"  # the demo's open activity


@contextmanager
def _endorsements_on(database) -> Iterator[None]:  # noqa: ANN001
    """The facilitator's "Enig" setting for the demo's open activity, restored afterwards
    (other tests share the server)."""
    with sqlite3.connect(database) as connection:
        activity_id, raw = connection.execute(
            "SELECT id, settings FROM activities WHERE title = ? AND state = 'open'", (ACTIVITY,)
        ).fetchone()
        settings = json.loads(raw or "{}")
        connection.execute(
            "UPDATE activities SET settings = ? WHERE id = ?",
            (json.dumps({**settings, "endorsements": True}), activity_id),
        )
    try:
        yield
    finally:
        with sqlite3.connect(database) as connection:
            connection.execute(
                "UPDATE activities SET settings = ? WHERE id = ?",
                (json.dumps(settings), activity_id),
            )


def _count(database, text: str) -> int:  # noqa: ANN001
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT count(*) FROM contributions WHERE text = ?", (text,)
        ).fetchone()[0]


def _join(browser: Browser, server) -> Page:  # noqa: ANN001
    page = browser.new_context(**SMALL_PHONE).new_page()
    page.goto(server.join_url)
    page.get_by_role("button", name="Deltag").click()
    expect(page.get_by_role("heading", name=ACTIVITY)).to_be_visible()
    expect(page.locator("#phone[data-live]")).to_be_attached()  # phone.js has taken over
    return page


def _send(page: Page, text: str) -> None:
    page.locator("textarea[name=text]").fill(text)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".own li", has_text=text).locator(".state")).to_have_text("sendt")


def _accessible(page: Page, what: str) -> None:
    """axe-core's WCAG 2.1 A/AA rules on the page as it is now (tests/e2e/test_accessibility)."""
    from tests.e2e.test_accessibility import axe_violations, describe

    violations = axe_violations(page)
    assert not violations, f"axe-core on {what}:\n{describe(violations)}"


def _not_wider_than_the_phone(page: Page) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 320, f"the page is {wide} px wide on a 320 px phone"


def test_endorse_and_edit_on_a_small_phone(browser: Browser, live_server) -> None:
    with _endorsements_on(live_server.database):
        author, fan = _join(browser, live_server), _join(browser, live_server)
        mine = "Vi skal give de unge en stemme i alle udvalg"
        _send(author, mine)

        # the other phone sees the statement arrive, with an "Enig" button
        statement = fan.locator(".endorse-list li", has_text=mine)
        agree = statement.get_by_role("button", name="Enig")
        expect(agree).to_have_attribute("aria-pressed", "false", timeout=5000)
        box = agree.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44  # a thumb hits it
        agree.click()
        expect(agree).to_have_attribute("aria-pressed", "true")
        expect(agree).to_be_focused()  # the redrawn list keeps the person's place
        expect(statement.locator(".endorse-count")).to_have_text("1 enig")
        _not_wider_than_the_phone(fan)
        _accessible(fan, "the phone with endorsements")
        # the author's phone: the count arrives live, and no button on their own statement
        own_row = author.locator(".endorse-list li", has_text=mine)
        expect(own_row.locator(".endorse-count")).to_have_text("1 enig", timeout=5000)
        expect(own_row.get_by_role("button", name="Enig")).to_have_count(0)
        expect(own_row).to_contain_text("Dit bidrag")
        # "Enig ✓" undoes it
        agree.click()
        expect(agree).to_have_attribute("aria-pressed", "false")
        expect(statement.locator(".endorse-count")).to_have_count(0)

        # "Ret": the author corrects the statement inline
        corrected = "Vi skal give de unge en stemme i alle relevante udvalg"
        own = author.locator(".own li", has_text=mine)
        own.get_by_role("button", name="Ret").click()
        edit = author.get_by_label("Ret dit bidrag")
        expect(edit).to_be_focused()
        expect(edit).to_have_value(mine)
        _not_wider_than_the_phone(author)
        _accessible(author, "the phone's edit form")
        edit.fill("")
        author.get_by_role("button", name="Gem rettelsen").click()
        expect(author.locator(".edit-form .error")).to_have_text("Skriv noget, før du sender.")
        edit.fill(corrected)
        author.get_by_role("button", name="Gem rettelsen").click()
        expect(author.locator(".own li", has_text=corrected).locator(".state")).to_have_text(
            "sendt"
        )
        expect(
            author.locator(".own li", has_text=corrected).get_by_role("button", name="Ret")
        ).to_be_focused()  # back where the person started
        assert _count(live_server.database, corrected) == 1
        assert _count(live_server.database, mine) == 0
        # the other phone's list follows
        expect(fan.locator(".endorse-list li", has_text=corrected)).to_be_visible(timeout=5000)
        _not_wider_than_the_phone(author)
        _not_wider_than_the_phone(fan)


def test_the_participant_picks_english_on_the_join_page(browser: Browser, live_server) -> None:
    page = browser.new_context(**SMALL_PHONE).new_page()
    page.goto(live_server.join_url)
    _not_wider_than_the_phone(page)
    page.locator(".language-choice").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _not_wider_than_the_phone(page)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name=ACTIVITY)).to_be_visible()
    expect(page.locator("#phone[data-live]")).to_be_attached()
    # the live page (phone.js) speaks English too
    expect(page.get_by_role("heading", name="Your contributions")).to_be_visible()
    text = "We must listen to the young people"
    page.locator("textarea[name=text]").fill(text)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".own li", has_text=text).locator(".state")).to_have_text("sent")
    own = page.locator(".own li", has_text=text)
    expect(own.get_by_role("button", name="Edit")).to_be_visible()
    _not_wider_than_the_phone(page)


def test_an_edit_clears_the_agreement_and_a_withdrawal_can_be_undone(
    browser: Browser, live_server
) -> None:  # noqa: ANN001
    """Issue 20: a statement with 3 "Enig" rewritten by its author keeps none of them (the
    author is told first), on the agreeing phones and the projector; "Træk tilbage" has
    "Fortryd", and the statement is back on the wall."""
    with _endorsements_on(live_server.database):
        author = _join(browser, live_server)
        fans = [_join(browser, live_server) for _ in range(3)]
        projector = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
        projector.goto(live_server.screen_url)
        mine = "Vi skal have flere aflastningspladser i hver kommune"
        _send(author, mine)
        item_id = author.locator(".own li", has_text=mine).get_attribute("id")
        on_wall = projector.locator(f'.statements [data-id="{item_id.removeprefix("c-")}"]')
        expect(on_wall).to_contain_text(mine, timeout=5000)
        for fan in fans:
            agree = fan.locator(".endorse-list li", has_text=mine).get_by_role(
                "button", name="Enig"
            )
            agree.click()
            expect(agree).to_have_attribute("aria-pressed", "true")
        expect(on_wall).to_contain_text("3", timeout=5000)
        expect(
            author.locator(".endorse-list li", has_text=mine).locator(".endorse-count")
        ).to_have_text("3 enige", timeout=5000)

        # "Ret" says what the edit costs before saving
        author.locator(".own li", has_text=mine).get_by_role("button", name="Ret").click()
        expect(author.locator("#edit-clears")).to_have_text(
            "Hvis du ændrer teksten, forsvinder de 3 »Enig«, den har fået."
        )
        _not_wider_than_the_phone(author)
        opposite = "Vi skal have færre aflastningspladser og flere hjemmebesøg"
        author.get_by_label("Ret dit bidrag").fill(opposite)
        author.get_by_role("button", name="Gem rettelsen").click()
        expect(author.locator(".own li", has_text=opposite).locator(".state")).to_have_text("sendt")
        # the agreeing phones lose their mark, the projector its count
        for fan in fans:
            statement = fan.locator(".endorse-list li", has_text=opposite)
            expect(statement.get_by_role("button", name="Enig")).to_have_attribute(
                "aria-pressed", "false", timeout=5000
            )
            expect(statement.locator(".endorse-count")).to_have_count(0)
        expect(on_wall).to_have_text(opposite, timeout=5000)
        assert _count(live_server.database, opposite) == 1

        # "Træk tilbage", then "Fortryd": the same statement is back on the wall
        author.locator(".own li", has_text=opposite).get_by_role(
            "button", name="Træk tilbage"
        ).click()
        expect(on_wall).to_have_count(0, timeout=5000)
        undo = author.locator(".undo-bar").get_by_role("button", name="Fortryd")
        expect(author.locator(".undo-bar")).to_contain_text("Trukket tilbage.")
        expect(undo).to_be_focused()
        _not_wider_than_the_phone(author)
        undo.click()
        expect(author.locator(".own li", has_text=opposite)).to_be_visible()
        expect(author.locator(".undo-bar")).to_have_count(0)
        expect(on_wall).to_have_text(opposite, timeout=5000)
        expect(fans[0].locator(".endorse-list li", has_text=opposite)).to_be_visible(timeout=5000)
        assert _count(live_server.database, opposite) == 1
