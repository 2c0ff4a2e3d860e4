"""Ending the day from the console in Chromium (issue 20, point 6): "Afslut session" opens a
confirmation dialog (focus inside, Escape closes it), "Ja, afslut sessionen" ends the session and
the console shows the closed state with "Genåbn" and the downloads; without JavaScript the same
confirmation is a page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import log_in
from tests.e2e.test_live_session import PROJECTOR

pytestmark = pytest.mark.e2e


def test_ending_the_session_from_the_console(browser: Browser, live_server) -> None:
    console = browser.new_context(**PROJECTOR).new_page()
    log_in(console, live_server)
    console.goto(live_server.console_url)
    end = console.get_by_role("link", name="Afslut session")
    dialog = console.get_by_role("dialog")
    try:
        end.click()
        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("button", name="Fortryd")).to_be_focused()
        expect(dialog).to_contain_text("Storskærmen viser afslutningsskærmen")
        console.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(end).to_be_focused()
        expect(console.locator("h1 .tag")).to_have_text("Live")  # nothing ended

        end.click()
        console.screenshot(path="/tmp/console-end-dialog.png")
        dialog.get_by_role("button", name="Ja, afslut sessionen").click()
        closed = console.locator(".closed-session")
        expect(closed).to_contain_text("Sessionen er afsluttet")
        expect(closed.get_by_role("button", name="Hent Word-dokument (.docx)")).to_be_visible()
        console.screenshot(path="/tmp/console-end-closed.png")
    finally:  # the demo session is shared by the other browser tests: it goes on live
        reopen = console.get_by_role("button", name="Genåbn")
        if reopen.count():
            reopen.click()
    expect(console.get_by_role("link", name="Afslut session")).to_be_visible()
    console.context.close()


def test_without_javascript_the_confirmation_is_a_page(browser: Browser, live_server) -> None:
    context = browser.new_context(**PROJECTOR, java_script_enabled=False)
    console = context.new_page()
    log_in(console, live_server)
    console.goto(live_server.console_url)
    console.get_by_role("link", name="Afslut session").click()
    expect(console.get_by_role("heading", level=2)).to_contain_text("Afslut sessionen")
    console.get_by_role("link", name="Fortryd").click()
    expect(console).to_have_url(live_server.console_url)
    expect(console.locator("h1 .tag")).to_have_text("Live")
    context.close()
