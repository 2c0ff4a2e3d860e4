"""Table groups in a real room: the facilitator sets three tables, each table's scribe joins by
the link on its card and writes for the table, people join at their tables, and the projector
shows the statements by table, with a small table's people under "Øvrige borde" (the privacy
rule) and every scribe's statement under its table. axe-core checks the new pages."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import LiveServer, log_in
from tests.e2e.test_accessibility import assert_accessible
from tests.e2e.test_projector_room import SMALL_TEXT

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}


def _context(browser: Browser, **options: object) -> BrowserContext:
    return browser.new_context(bypass_csp=True, locale="da-DK", **options)  # axe is injected


def _send(phone: Page, text: str) -> None:
    phone.locator("form.submit-form textarea").fill(text)
    phone.locator("form.submit-form button.primary").click()
    expect(phone.locator("#bidrag")).to_contain_text(text)


def _scribe(browser: Browser, link: str, text: str, check: bool = False) -> Page:
    phone = _context(browser, **PHONE).new_page()
    phone.goto(link)
    if check:
        assert_accessible(phone, "the scribe's join page")
    phone.get_by_role("button", name="Bliv bordets skriver").click()
    _send(phone, text)
    return phone


def _person(browser: Browser, server: LiveServer, table: int, text: str) -> None:
    phone = _context(browser, **PHONE).new_page()
    phone.goto(f"{server.join_url}?bord={table}")
    expect(phone.get_by_label("Bordnummer", exact=False)).to_have_value(str(table))
    phone.locator("main form button.primary").last.click()
    _send(phone, text)
    phone.context.close()


def test_three_tables_with_scribes_and_the_projector_by_table(
    browser: Browser, live_server: LiveServer
) -> None:
    stamp = time.time_ns()
    desk = _context(browser, viewport={"width": 1366, "height": 900}).new_page()
    log_in(desk, live_server)
    session_url = live_server.console_url.removesuffix("/console")
    desk.goto(session_url)
    desk.locator("#tables").fill("97 Sundhed\n98 Ældre\n99 Psykiatri")
    desk.get_by_role("button", name="Gem borde").click()
    links = desk.locator(".table-list input.copy-link")
    expect(links).to_have_count(3)
    assert_accessible(desk, "session page with tables")
    scribe_links = [links.nth(i).input_value() for i in range(3)]
    desk.goto(live_server.console_url)
    activity_id = desk.locator("section.activity.current").get_attribute("data-current")
    projector = _context(browser, **PROJECTOR).new_page()
    projector.goto(live_server.screen_url)
    first = _scribe(browser, scribe_links[0], f"Bordet vil have fælles journal {stamp}", True)
    assert_accessible(first, "the scribe's phone")
    # the wall names the table, pushed live (a plain wall: a themed one may page it away)
    if not projector.locator(".cluster").count():
        expect(projector.locator(".screen-activity")).to_contain_text(f"fælles journal {stamp}")
        expect(projector.locator(".screen-activity")).to_contain_text("Bord 97 (Sundhed)")
        assert projector.evaluate(SMALL_TEXT) == []  # the table's name too, from the back row
    _scribe(browser, scribe_links[1], f"Flere hænder i ældreplejen {stamp}").context.close()
    _scribe(browser, scribe_links[2], f"Tidlig hjælp i psykiatrien {stamp}").context.close()
    # (tables 97-99: the demo seats its people at lower numbers) three at table 97 may be
    # named by their table; one alone at table 98 never is
    for n in range(3):
        _person(browser, live_server, 97, f"Person {n} ved bord 97 {stamp}")
    _person(browser, live_server, 98, f"Alene ved bord 98 {stamp}")
    screen = re.sub(r"/screen/(\d+)", rf"/screen/\1/borde/{activity_id}", live_server.screen_url)
    projector.goto(screen)
    groups = projector.locator(".table-group")
    sundhed = groups.filter(has_text="Bord 97 (Sundhed)")
    expect(sundhed).to_contain_text(f"fælles journal {stamp}")
    expect(sundhed).to_contain_text(f"Person 2 ved bord 97 {stamp}")
    expect(groups.filter(has_text="Bord 98 (Ældre)")).to_contain_text(f"ældreplejen {stamp}")
    expect(groups.filter(has_text="Bord 98 (Ældre)")).not_to_contain_text("Alene ved bord 98")
    expect(groups.filter(has_text="Øvrige borde")).to_contain_text(f"Alene ved bord 98 {stamp}")
    assert_accessible(projector, "projector by table")
    # a new statement reaches the page by the push, no reload (and no timed refresh)
    _scribe(browser, scribe_links[2], f"Også pårørende {stamp}").context.close()
    expect(groups.filter(has_text="Bord 99 (Psykiatri)")).to_contain_text(f"pårørende {stamp}")
    desk.goto(f"{live_server.base}/facilitate/activities/{activity_id}/borde")
    expect(desk.locator(".table-group", has_text="Øvrige borde")).to_be_visible()
    assert_accessible(desk, "console by table")
    first.context.close()
    projector.context.close()
    desk.context.close()
