"""A participant's day on a phone (issue 20): no false "Ikke sendt", typed text offered back,
others' statements 30 at a time and sortable, a vote that stops at its limit, "Deltag" on the
first screen of a small phone, one closing message, and every phone back when reopened."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import log_in
from tests.e2e.test_live_session import PHONE, PROJECTOR, _open_activity

pytestmark = pytest.mark.e2e

SMALL = {**PHONE, "viewport": {"width": 320, "height": 568}}
STATEMENTS = "Retningspile for visionen"  # the demo's open activity, "Enig" allowed
DILEMMA = "Tryghed eller selvbestemmelse?"
VOTE = "Hvad skal visionen handle om?"  # at most 2 of 5 topics


def _console(browser: Browser, server) -> Page:  # noqa: ANN001
    console = browser.new_context(**PROJECTOR).new_page()
    log_in(console, server)
    console.goto(server.console_url)
    return console


def _phone(browser: Browser, server, **options) -> Page:  # noqa: ANN001
    page = browser.new_context(**{**PHONE, **options}).new_page()
    page.goto(server.join_url)
    page.get_by_role("button", name="Deltag", exact=True).click()
    expect(page.locator("#phone[data-live]")).to_be_attached()
    return page


def _reopen_statements(console: Page) -> None:
    """Leave the room as the other tests expect it: the demo's statements open."""
    if not console.locator("section.activity.current", has_text=STATEMENTS).count():
        _open_activity(console, STATEMENTS)


def _set_state(console: Page, state: str) -> None:
    """What "Afslut session" / "Genåbn" post (the buttons themselves are the console's)."""
    session_id = re.search(r"/sessions/(\d+)/", console.url).group(1)
    token = console.locator('meta[name="csrf-token"]').get_attribute("content")
    base = console.url.split("/facilitate/")[0]
    response = console.request.post(
        f"{base}/facilitate/sessions/{session_id}/state/{state}",
        form={"csrf_token": token, "confirm": "1"},
    )
    assert response.ok, response.status


def test_a_sent_reason_is_not_lost_and_unsent_text_comes_back(
    browser: Browser, live_server
) -> None:
    console = _console(browser, live_server)
    phone = _phone(browser, live_server)
    try:
        _open_activity(console, DILEMMA)
        expect(phone.get_by_role("heading", name=DILEMMA)).to_be_visible()
        phone.locator(".choice.side").first.click()
        reason = "Tove skal selv bestemme, hvor hun bor"
        phone.locator("textarea[name=text]").fill(reason)
        phone.get_by_role("button", name="Send").click()
        expect(phone.locator(".own-reason")).to_contain_text(reason)

        # the next activity: the reason still in the box was saved, so nothing cries wolf
        _open_activity(console, STATEMENTS)
        expect(phone.get_by_role("heading", name=STATEMENTS, level=1)).to_be_visible()
        expect(phone.locator(".card.lost")).to_have_count(0)
        expect(phone.get_by_text("Ikke sendt", exact=True)).to_have_count(0)

        # typed, never sent: offered back to copy when the activity goes, in the box again when
        # it comes back, and the warning goes
        typed = "Vi skal huske de pårørende"
        phone.locator("textarea[name=text]").fill(typed)
        _open_activity(console, DILEMMA)
        lost = phone.locator(".card.lost")
        expect(lost).to_have_count(1)
        expect(lost.locator("textarea")).to_have_value(typed)
        phone.reload()  # kept on the phone, not only on screen
        expect(phone.locator(".card.lost textarea")).to_have_value(typed)
        _open_activity(console, STATEMENTS)
        expect(phone.locator(".card.lost")).to_have_count(0)
        expect(phone.locator("textarea[name=text]")).to_have_value(typed)

        # dismissed, it stays dismissed
        _open_activity(console, DILEMMA)
        expect(lost).to_have_count(1)
        lost.get_by_role("button", name="Luk").click()
        expect(phone.locator(".card.lost")).to_have_count(0)
        phone.reload()
        expect(phone.get_by_role("heading", name=DILEMMA)).to_be_visible()
        expect(phone.locator(".card.lost")).to_have_count(0)
    finally:
        _reopen_statements(console)


def test_a_reconnect_restores_the_room_and_keeps_typed_text(browser: Browser, live_server) -> None:
    console = _console(browser, live_server)
    phone = _phone(browser, live_server)
    typed = "Skrevet på et dårligt net"
    phone.locator("textarea[name=text]").fill(typed)
    phone.context.set_offline(True)
    expect(phone.locator(".connection")).to_be_visible()
    phone.context.set_offline(False)
    expect(phone.locator(".connection")).to_contain_text("Forbindelsen er tilbage")
    expect(phone.locator("textarea[name=text]")).to_have_value(typed)  # same activity: kept

    # the room moved on while the phone was away: the snapshot brings the new activity, and
    # the unsent text is offered back
    phone.context.set_offline(True)
    expect(phone.locator(".connection")).to_be_visible()
    try:
        _open_activity(console, DILEMMA)
        phone.context.set_offline(False)
        expect(phone.get_by_role("heading", name=DILEMMA)).to_be_visible()
        expect(phone.locator(".card.lost textarea")).to_have_value(typed)
    finally:
        phone.context.set_offline(False)
        _reopen_statements(console)
    expect(phone.locator("textarea[name=text]")).to_have_value(typed)


def _counts(page: Page) -> list[int]:
    """The "Enig" count of each listed statement, in the order shown (none: 0)."""
    return page.locator(".endorse-list li").evaluate_all(
        "rows => rows.map(r => parseInt((r.querySelector('.endorse-count') || {}).textContent"
        " || '0', 10))"
    )


def test_others_statements_come_30_at_a_time_and_sort_by_agreement(
    browser: Browser, live_server
) -> None:
    phone = _phone(browser, live_server, viewport={"width": 320, "height": 640})
    items = phone.locator(".endorse-list li")
    expect(items).to_have_count(30)
    shown = phone.locator(".show-more p")
    expect(shown).to_have_text(re.compile(r"Viser 30 af \d+"))
    total = int(shown.inner_text().rsplit(" ", 1)[1])
    assert total > 30  # the demo's room wrote more than a screenful
    newest = phone.locator(".endorse-list li").first.get_attribute("id")

    # by agreement: most first, the newest first among equals
    by_agreement = phone.get_by_role("button", name="Flest enige")
    by_agreement.click()
    expect(by_agreement).to_have_attribute("aria-pressed", "true")
    expect(phone.get_by_role("button", name="Nyeste")).to_have_attribute("aria-pressed", "false")
    counts = _counts(phone)
    assert counts == sorted(counts, reverse=True) and counts[0] > 0

    # "Vis flere" adds the rest; the keyboard lands on the first new one
    more = phone.get_by_role("button", name=re.compile(r"Vis \d+ flere"))
    more.focus()
    phone.keyboard.press("Enter")
    expect(items).to_have_count(total)
    expect(phone.locator(".show-more")).to_have_count(0)
    assert phone.evaluate(
        "document.activeElement.closest('li') === document.querySelectorAll('.endorse-list li')[30]"
    )
    counts = _counts(phone)
    assert counts == sorted(counts, reverse=True)

    # "Enig" still works from the sorted list, by keyboard, and says so (aria-pressed)
    row = items.filter(has=phone.get_by_role("button", name="Enig")).last
    row_id = row.get_attribute("id")
    agree = phone.locator(f"#{row_id}").get_by_role("button", name="Enig")
    agree.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(f"#{row_id}").get_by_role("button", name="Enig")).to_have_attribute(
        "aria-pressed", "true"
    )
    phone.locator(f"#{row_id}").get_by_role("button", name="Enig").click()  # undone
    expect(phone.locator(f"#{row_id}").get_by_role("button", name="Enig")).to_have_attribute(
        "aria-pressed", "false"
    )

    phone.get_by_role("button", name="Nyeste").click()
    expect(items).to_have_count(30)
    expect(items.first).to_have_attribute("id", newest)


def test_without_javascript_the_list_is_bounded_and_sortable_too(
    browser: Browser, live_server
) -> None:
    page = browser.new_context(**PHONE, java_script_enabled=False).new_page()
    page.goto(live_server.join_url)
    page.get_by_role("button", name="Deltag", exact=True).click()
    items = page.locator(".endorse-list li")
    expect(items).to_have_count(30)
    page.get_by_role("link", name="Flest enige").click()
    counts = _counts(page)
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    page.get_by_role("link", name=re.compile(r"Vis \d+ flere")).click()
    assert items.count() > 30
    counts = _counts(page)
    assert counts == sorted(counts, reverse=True)


def test_a_vote_stops_at_its_limit(browser: Browser, live_server) -> None:
    console = _console(browser, live_server)
    phone = _phone(browser, live_server)
    try:
        _open_activity(console, VOTE)
        expect(phone.get_by_role("heading", name=VOTE)).to_be_visible()
        boxes = phone.locator("input[name=choices]")
        expect(boxes).to_have_count(5)
        boxes.nth(0).check()
        expect(phone.locator(".choice-count")).to_have_text("Du har valgt 1 af 2")
        boxes.nth(3).check()
        expect(phone.locator(".choice-count")).to_have_text("Du har valgt 2 af 2")
        for index in (1, 2, 4):
            expect(boxes.nth(index)).to_be_disabled()
        boxes.nth(0).uncheck()  # one free again: every box can be chosen
        for index in (0, 1, 2, 4):
            expect(boxes.nth(index)).to_be_enabled()
        boxes.nth(2).check()
        phone.get_by_role("button", name="Send").click()
        expect(
            phone.get_by_text("Du har stemt", exact=False).or_(
                phone.get_by_role("button", name="Skift mit valg")
            )
        ).to_be_visible()
    finally:
        _reopen_statements(console)


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 568}, {"width": 390, "height": 844}])
def test_join_is_on_the_first_screen_of_a_small_phone(
    browser: Browser, live_server, viewport: dict
) -> None:
    page = browser.new_context(**{**SMALL, "viewport": viewport}).new_page()
    page.goto(live_server.join_url)
    join = page.get_by_role("button", name="Deltag", exact=True)
    box = join.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"], box
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # the stakeholder group stays in sight, above the button, named by its label
    group = page.get_by_label("Jeg deltager som")
    expect(group).to_be_visible()
    expect(group).to_have_value("")
    assert group.bounding_box()["y"] < box["y"]
    expect(page.locator("input[name=name]")).to_be_hidden()  # folded away, after the button
    # a refused optional field comes back with the fields open, its message, and the group kept
    group.select_option(label="Brugerorganisation")
    page.get_by_text("Valgfrit: navn, organisation og bord").click()
    page.locator("input[name=table_number]").evaluate("(el) => el.removeAttribute('maxlength')")
    page.locator("input[name=table_number]").fill("12345678901")
    page.get_by_role("button", name="Deltag med disse oplysninger").click()
    expect(page.get_by_text("Højst 10 tegn.")).to_be_visible()
    expect(page.locator("details.optional")).to_have_attribute("open", "")
    expect(group).to_have_value("brugerorganisation")

    # without JavaScript the group is chosen, the fields open and the form joins
    plain = browser.new_context(
        **{**SMALL, "viewport": viewport}, java_script_enabled=False
    ).new_page()
    plain.goto(live_server.join_url)
    plain.get_by_label("Jeg deltager som").select_option(label="Politiker")
    plain.get_by_text("Valgfrit: navn, organisation og bord").click()
    plain.locator("input[name=table_number]").fill("7")
    plain.get_by_role("button", name="Deltag med disse oplysninger").click()
    expect(plain.get_by_role("heading", name=STATEMENTS, level=1)).to_be_visible()
    # the group was stored: the returning phone's form shows it chosen
    plain.goto(f"{live_server.join_url}?ret=1")
    expect(plain.get_by_label("Jeg deltager som")).to_have_value("politiker")


def test_the_day_ends_with_one_message_and_every_phone_comes_back(
    browser: Browser, live_server
) -> None:
    console = _console(browser, live_server)
    present = _phone(browser, live_server)
    away = _phone(browser, live_server)
    away.context.set_offline(True)
    expect(away.locator(".connection")).to_be_visible()
    try:
        _set_state(console, "closed")
        closing = present.get_by_role("heading", name="Sessionen er afsluttet. Tak for i dag.")
        expect(closing).to_be_visible()
        expect(present.get_by_text("Vent et øjeblik")).to_have_count(0)
        expect(present.locator("#phone > .card")).to_have_count(1)  # one message, no more

        # a phone that comes back while the session is closed is let in, read-only
        away.context.set_offline(False)
        expect(
            away.get_by_role("heading", name="Sessionen er afsluttet. Tak for i dag.")
        ).to_be_visible()
        expect(away.locator(".connection")).not_to_contain_text("Ingen forbindelse")
    finally:
        _set_state(console, "live")
    # opened again: every phone follows, without a reload
    for phone in (present, away):
        expect(phone.get_by_role("heading", name="Vent et øjeblik")).to_be_visible()
    console.reload()
    _open_activity(console, STATEMENTS)
    for phone in (present, away):
        expect(phone.get_by_role("heading", name=STATEMENTS, level=1)).to_be_visible()
        expect(phone.locator(".connection")).to_be_hidden()
