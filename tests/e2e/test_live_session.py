"""The room, end to end: a phone joins by the QR URL, the projector and console follow live."""

from __future__ import annotations

import re
import sqlite3

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


def _count(database, text: str) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT count(*) FROM contributions WHERE text = ?", (text,)
        ).fetchone()[0]


def _open_activity(console: Page, title: str) -> None:
    line = console.locator(".run-of-show .activity", has_text=title).first
    line.get_by_role("button", name="Åbn").click()
    # the opened activity comes first on the console, expanded
    expect(console.locator("section.activity.current", has_text=title)).to_be_visible()


def _fits_the_screen(page: Page) -> None:
    """Nothing on a phone page may push it wider than the phone (no sideways scrolling), on
    this phone and on a small, cheap one (320 px)."""
    phone = page.viewport_size
    for width in (320, phone["width"]):
        page.set_viewport_size({"width": width, "height": phone["height"]})
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"the page is {wide} px wide on a {width} px phone"
    page.set_viewport_size(phone)


def test_phone_projector_and_console_live(browser: Browser, live_server) -> None:
    projector = browser.new_context(**PROJECTOR).new_page()
    projector.goto(live_server.screen_url)
    expect(projector.locator(".screen-code")).to_be_visible()

    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    phone.goto(live_server.join_url)
    _fits_the_screen(phone)
    phone.get_by_label("Jeg deltager som").select_option(label="Politiker")
    phone.get_by_text("Valgfrit: navn, organisation og bord").click()
    phone.get_by_label("Organisation eller kommune (valgfrit)").fill("Thisted Kommune")
    phone.get_by_role("button", name="Deltag med disse oplysninger").click()
    expect(phone.get_by_role("heading", name="Retningspile for visionen")).to_be_visible()
    expect(phone.locator(".connection")).to_be_hidden()
    _fits_the_screen(phone)

    statement = "Vi skal turde prøve nyt sammen med borgerne"
    phone.locator("textarea[name=text]").fill(statement)
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".own li", has_text=statement).locator(".state")).to_have_text("sendt")
    # the projector shows it without a reload
    expect(projector.locator(".statements li", has_text=statement)).to_be_visible(timeout=3000)

    console = browser.new_context(**PROJECTOR).new_page()
    log_in(console, live_server)
    console.goto(live_server.console_url)
    _open_activity(console, "Tryghed eller selvbestemmelse?")
    # every phone switches to the opened activity without a reload
    expect(phone.get_by_role("heading", name="Tryghed eller selvbestemmelse?")).to_be_visible()
    _fits_the_screen(phone)
    expect(projector.get_by_role("heading", name="Tryghed eller selvbestemmelse?")).to_be_visible()

    _open_activity(console, "Retningspile for visionen")
    expect(phone.get_by_role("heading", name="Retningspile for visionen")).to_be_visible()

    # offline: kept on the phone, sent once when the connection is back
    offline_text = "Vi skal huske de små kommuner, også når nettet driller"
    phone_context.set_offline(True)
    expect(phone.locator(".connection")).to_be_visible()
    phone.locator("textarea[name=text]").fill(offline_text)
    phone.get_by_role("button", name="Send").click()
    pending = phone.locator(".own li", has_text=offline_text).locator(".state")
    expect(pending).to_have_text("venter på forbindelse")
    assert _count(live_server.database, offline_text) == 0
    phone_context.set_offline(False)
    expect(pending.first).to_have_text("sendt", timeout=10000)
    expect(projector.locator(".statements li", has_text=offline_text)).to_be_visible()
    assert _count(live_server.database, offline_text) == 1
    phone.reload()  # nothing is resent twice after a reload either
    expect(phone.locator(".own li", has_text=offline_text)).to_have_count(1)
    assert _count(live_server.database, offline_text) == 1

    # the author takes it back: gone from the phone, the projector and the database
    phone.locator(".own li", has_text=offline_text).get_by_role(
        "button", name="Træk tilbage"
    ).click()
    expect(phone.locator(".own li", has_text=offline_text)).to_have_count(0)
    expect(projector.locator(".statements li", has_text=offline_text)).to_have_count(0)
    assert _count(live_server.database, offline_text) == 0
    expect(phone.locator(".own li", has_text=statement)).to_have_count(1)


def test_a_late_snapshot_does_not_hide_what_was_just_sent(browser: Browser, live_server) -> None:
    """On slow Wi-Fi a state snapshot can arrive after a later submission's acknowledgement;
    the phone must keep showing that submission as sent."""
    held: list[str] = []
    hold = {"on": False}
    sockets: list = []

    def proxy(ws) -> None:  # noqa: ANN001
        server = ws.connect_to_server()
        sockets.append(ws)

        def from_server(message: str | bytes) -> None:
            if hold["on"] and isinstance(message, str) and '"own"' in message:
                held.append(message)  # a snapshot: delivered later, by the test
            else:
                ws.send(message)

        server.on_message(from_server)

    phone = browser.new_context(**PHONE).new_page()
    phone.route_web_socket(re.compile(r"/socket\.io/"), proxy)
    phone.goto(live_server.join_url)
    phone.get_by_role("button", name="Deltag", exact=True).click()
    first, second = "Vi skal lytte til de pårørende", "Vi skal have plads til forsøg"
    phone.locator("textarea[name=text]").fill(first)
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".own li", has_text=first).locator(".state")).to_have_text("sendt")

    hold["on"] = True
    phone.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # asks for a snapshot
    for _ in range(50):
        if held:
            break
        phone.wait_for_timeout(100)
    assert held, "the phone asked for no snapshot"
    phone.locator("textarea[name=text]").fill(second)
    phone.get_by_role("button", name="Send").click()
    sent = phone.locator(".own li", has_text=second).locator(".state")
    expect(sent).to_have_text("sendt")
    sockets[-1].send(held.pop())  # the snapshot from before the second submission arrives now
    phone.wait_for_timeout(500)
    expect(sent).to_have_text("sendt")
    expect(phone.locator(".own li", has_text=first)).to_have_count(1)


def test_a_phone_whose_socket_never_connects_keeps_and_delivers_once(
    browser: Browser, live_server
) -> None:
    """Bad venue Wi-Fi: the page loads but its socket cannot get through. The phone still shows
    the open activity (drawn from the state the page carries), keeps what is sent on the phone,
    and delivers it exactly once as soon as the socket connects."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.join_url)
    page.get_by_role("button", name="Deltag", exact=True).click()
    expect(page.locator("#phone[data-live]")).to_be_attached()
    # The socket hangs (the venue's Wi-Fi lets the page through, not the socket); long-polling
    # fails outright.
    held = []

    def hold(socket) -> None:  # noqa: ANN001 - a Playwright WebSocketRoute
        held.append(socket)

    context.route_web_socket(re.compile(r".*/socket\.io/.*"), hold)
    context.route("**/socket.io/**", lambda route: route.abort())
    page.reload()
    expect(page.locator("#phone[data-live]")).to_be_attached()  # drawn without a socket
    expect(page.get_by_role("heading", level=1)).to_have_text("Retningspile for visionen")
    text = "Sendt før telefonen nogensinde fik forbindelse"
    page.locator("textarea[name=text]").fill(text)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".own li", has_text=text).locator(".state")).to_have_text(
        "venter på forbindelse"
    )
    assert _count(live_server.database, text) == 0
    context.unroute("**/socket.io/**")
    for socket in held:  # the Wi-Fi recovers: the waiting socket reaches the server
        socket.connect_to_server()
    expect(page.locator(".own li", has_text=text).locator(".state")).to_have_text(
        "sendt", timeout=20_000
    )
    page.reload()  # and a reload sends nothing again
    expect(page.locator(".own li", has_text=text)).to_have_count(1)
    assert _count(live_server.database, text) == 1
    context.close()
