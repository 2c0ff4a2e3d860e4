"""The countdown in the room (issue 25), in Chromium against the served demo: the console starts
it, the projector and a phone whose clock is ten minutes off show the same mm:ss; "Pause" says
so in words and stands still; "+1 minut" adds; screen readers hear "1 minut tilbage" and "Tiden
er gået", nothing every second; a countdown that closes its activity at 0 closes it on the
projector, the phone and the console. Screenshots (FACILITATOR_SCREENSHOTS=docs/screenshots):
timer-projector-1920.png, timer-phone-390.png."""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import log_in
from tests.e2e.test_projector_room import SMALL_TEXT

pytestmark = pytest.mark.e2e

PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "da-DK"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "locale": "da-DK"}
LAPTOP = {"viewport": {"width": 1366, "height": 768}, "locale": "da-DK"}
ACTIVITY = "Retningspile for visionen"
CLOCK = re.compile(r"^0[45]:\d\d$")


def _shoot(page: Page, name: str) -> None:
    if os.environ.get("FACILITATOR_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["FACILITATOR_SCREENSHOTS"], name))


def _seconds(text: str) -> int:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def _press(console: Page, name: str) -> None:
    console.locator(".timer-controls").get_by_role("button", name=name, exact=True).click()


def test_a_countdown_runs_everywhere_and_closes_the_activity_at_zero(
    browser: Browser, live_server
) -> None:  # noqa: ANN001
    projector = browser.new_context(**PROJECTOR).new_page()
    projector.clock.install(time=datetime.now())  # real time, until the test jumps ahead
    projector.goto(live_server.screen_url)
    phone_context = browser.new_context(**PHONE)
    phone_context.clock.install(time=datetime.now() + timedelta(minutes=10))  # a wrong clock
    phone = phone_context.new_page()
    phone.goto(live_server.join_url)
    phone.select_option("select[name=group]", label="Politiker")
    phone.get_by_role("button", name="Deltag").click()
    console = browser.new_context(**LAPTOP).new_page()
    log_in(console, live_server)
    console.goto(live_server.console_url)
    current = console.locator("section.activity.current")
    if ACTIVITY not in (current.first.inner_text() if current.count() else ""):
        line = console.locator(".run-of-show .activity", has_text=ACTIVITY).first
        line.get_by_role("button", name="Åbn").click()
    expect(current).to_contain_text(ACTIVITY)
    expect(console.locator("#live-status")).to_have_text("Live", timeout=10000)
    expect(phone.get_by_role("heading", name=ACTIVITY)).to_be_visible()

    big = projector.locator(".screen-timer [data-timer-clock]")
    small = phone.locator(".phone-timer [data-timer-clock]")
    announced = projector.locator("[data-timer-announce]")
    console.get_by_label("Minutter").fill("5")
    _press(console, "Start nedtælling")
    expect(big).to_have_text(CLOCK)
    expect(small).to_have_text(CLOCK)  # the phone's clock is off by 10 minutes: corrected
    assert abs(_seconds(big.inner_text()) - _seconds(small.inner_text())) <= 1
    expect(projector.get_by_role("timer")).to_have_accessible_name("Tid tilbage")
    expect(projector.locator(".screen-timer [data-timer-closes]")).to_be_hidden()
    assert projector.evaluate(SMALL_TEXT) == []  # readable from the back of the room
    projector.wait_for_timeout(1500)
    assert announced.inner_text() == ""  # no announcement per second
    _shoot(projector, "timer-projector-1920.png")
    _shoot(phone, "timer-phone-390.png")
    _shoot(console, "timer-console-1366.png")
    box = projector.locator(".screen-timer").bounding_box()
    join = projector.locator(".screen-join").bounding_box()
    assert box and join and box["x"] + box["width"] <= join["x"] + join["width"]  # whole

    _press(console, "Pause")
    expect(projector.locator(".screen-timer [data-timer-status]")).to_have_text("Sat på pause")
    expect(phone.locator(".phone-timer [data-timer-status]")).to_have_text("Sat på pause")
    expect(console.locator(".timer-controls [data-timer-status]")).to_have_text("Sat på pause")
    # the pressed button became "Fortsæt": the focus is on it, not lost to the page
    expect(console.get_by_role("button", name="Fortsæt")).to_be_focused()
    still = big.inner_text()
    projector.wait_for_timeout(1100)
    assert big.inner_text() == still
    _press(console, "+1 minut")
    expect(big).to_have_text(re.compile(r"^0[56]:\d\d$"))
    assert _seconds(big.inner_text()) == _seconds(still) + 60
    _press(console, "Fortsæt")
    expect(projector.locator(".screen-timer [data-timer-status]")).to_have_text("")

    # Four minutes and more later on the projector's clock: "1 minut tilbage", once.
    projector.clock.fast_forward((_seconds(big.inner_text()) - 58) * 1000)
    expect(announced).to_have_text("1 minut tilbage")
    expect(big).to_have_text(re.compile(r"^00:5\d$"))

    _press(console, "Stop")
    expect(projector.locator(".screen-timer")).to_be_hidden()
    expect(phone.locator(".phone-timer")).to_be_hidden()

    # A short countdown that closes the activity at 0.
    console.get_by_label("Minutter").fill("0,1")
    console.locator(".timer-controls").get_by_label("Luk aktiviteten ved 0").check()
    _press(console, "Start nedtælling")
    expect(projector.locator(".screen-timer [data-timer-closes]")).to_be_visible()
    expect(phone.locator(".phone-timer [data-timer-closes]")).to_have_text(
        "Aktiviteten lukker ved 0"
    )
    expect(projector.get_by_role("heading", name=ACTIVITY)).to_have_count(0, timeout=15000)
    expect(announced).to_have_text("Tiden er gået. Aktiviteten lukkes.")
    expect(projector.locator(".screen-timer")).to_be_hidden()
    expect(phone.get_by_role("heading", name="Vent et øjeblik")).to_be_visible()
    expect(phone.locator("[data-timer-announce]")).to_have_text(
        "Tiden er gået. Aktiviteten lukkes."
    )
    expect(console.get_by_role("heading", name="Ingen aktivitet er åben")).to_be_visible()
    # the room as the other tests expect it: the demo's activity open, no countdown
    line = console.locator(".run-of-show .activity", has_text=ACTIVITY).first
    line.get_by_role("button", name="Åbn").click()
    expect(current).to_contain_text(ACTIVITY)
    expect(console.locator(".timer-controls [role=timer]")).to_have_count(0)
    for context in (projector.context, phone_context, console.context):
        context.close()
