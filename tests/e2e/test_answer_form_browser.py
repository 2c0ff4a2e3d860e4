"""A committee's secretary answers a written consultation round on a phone (390 px wide):
types, saves a draft, comes back, lets autosave work, submits and sees the receipt."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "da-DK"}
ANSWER = "Vi ønsker mere fælles kompetenceudvikling.\n\n- Fælles kurser\n- Fælles netværk"

# A round with one invited body, made in the served database the way the secretariat's pages
# would (the consultation services); prints the body's token.
SEED = """
import sys
from datetime import date, timedelta
from sqlalchemy import select
from facilitator import create_app
from facilitator.consultations import invitations
from facilitator.consultations import services as c
from facilitator.extensions import db
from facilitator.processes.models import Process

with create_app().app_context():
    process = db.session.scalars(select(Process).order_by(Process.id)).first()
    round_ = c.create_round(
        db.session, process, title="Høring om visionen (browsertest)",
        intro="Kære udvalg\\n\\nVi beder om jeres input.",
        deadline=c.deadline_from_local(date.today() + timedelta(days=14)),
        questions=[c.QuestionSpec("Hvad ønskes ændret i visionen?"),
                   c.QuestionSpec("Hvilke fælles initiativer foreslår I?")])
    (invitation,) = invitations.invite(
        db.session, round_, [c.BodySpec("Socialudvalget", sys.argv[1])])
    print("TOKEN", invitation.token)
"""


def _invited_link(live_server, organisation: str) -> str:
    env = {**os.environ, "FACILITATOR_INSTANCE_PATH": str(live_server.database.parent)}
    env.pop("FACILITATOR_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", SEED, organisation],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    token = re.search(r"^TOKEN (\S+)$", done.stdout, re.M)
    assert token, done.stdout
    return f"{live_server.base}/h/{token.group(1)}"


def _no_sideways_scrolling(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{width}px wide"


def _screenshot(page: Page, name: str) -> None:
    if os.environ.get("FACILITATOR_SCREENSHOTS"):
        page.screenshot(
            path=os.path.join(os.environ["FACILITATOR_SCREENSHOTS"], name), full_page=True
        )


def test_a_body_drafts_comes_back_and_submits_on_a_phone(browser: Browser, live_server) -> None:
    link = _invited_link(live_server, "Brønderslev Kommune")
    page = browser.new_context(**PHONE).new_page()
    page.clock.install()  # autosave's 20 seconds pass when the test says so
    page.goto(link)
    expect(page.get_by_text("I svarer som: Socialudvalget, Brønderslev Kommune")).to_be_visible()
    # \S, not \w: Playwright matches in JavaScript, whose \w misses the ø of lørdag and søndag.
    expect(
        page.get_by_text(re.compile(r"Svar senest \S+dag den \d+\. \S+ \d{4} kl\. 23\.59"))
    ).to_be_visible()
    _no_sideways_scrolling(page)

    first = page.get_by_role("textbox", name=re.compile("Hvad ønskes ændret"))
    first.fill(ANSWER)
    page.get_by_role("button", name="Gem kladde").click()
    expect(page.get_by_text(re.compile(r"Kladden er gemt kl\. \d\d\.\d\d"))).to_be_visible()
    page.reload()
    expect(first).to_have_value(ANSWER)  # paragraphs and bullets kept

    # autosave: typing, then 20 seconds later the draft is saved without a click
    second = page.get_by_role("textbox", name=re.compile("Hvilke fælles initiativer"))
    second.fill("Et fælles akuttilbud")
    page.clock.run_for(21_000)
    expect(page.locator("#autosave-status")).to_have_text(re.compile(r"^Kladde gemt kl\. "))
    page.reload()
    expect(second).to_have_value("Et fælles akuttilbud")
    _no_sideways_scrolling(page)
    _screenshot(page, "answer-form-390.png")
    page.set_viewport_size({"width": 320, "height": 700})
    _no_sideways_scrolling(page)
    _screenshot(page, "answer-form-320.png")
    page.set_viewport_size(PHONE["viewport"])

    # submitting asks for the confirmation first (no dialog: a checkbox)
    page.get_by_role("button", name="Indsend svar").click()
    expect(page.get_by_text("Sæt kryds ved »Vi er klar til at indsende«").first).to_be_visible()
    page.get_by_label(re.compile("Vi er klar til at indsende")).check()
    page.get_by_role("button", name="Indsend svar").click()
    expect(page.get_by_role("heading", name=re.compile("Jeres svar er modtaget"))).to_be_visible()
    expect(page.get_by_text("- Fælles kurser")).to_be_visible()
    expect(page.get_by_role("button", name="Gem kladde")).to_have_count(0)
    _no_sideways_scrolling(page)
    _screenshot(page, "answer-receipt-390.png")

    # the language switch in the footer comes back to the same private link
    page.get_by_role("button", name="English").click()
    assert page.url == link
    page.get_by_role("button", name="Dansk").click()
