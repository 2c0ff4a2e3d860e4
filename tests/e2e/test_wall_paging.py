"""The projector wall in a room that posts a lot (issue 20, points 1, 2, 6, 7): one 95-character
word neither shrinks nor empties the wall, hiding it refills the page at once, more than fits
is paged ("1/3") with every statement reachable, near-duplicates show once ("×2", live), the
themed wall shows headings whole with statements under them, a draft shows no code and follows
the start, the end shows "Tak for i dag". Screenshots: docs/screenshots/wall-*-1920.png."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import CHROMIUM, _cli
from tests.support.server import free_port, start_server

pytestmark = pytest.mark.e2e

PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "da-DK"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "locale": "da-DK"}
LONG = "https://eksempel.dk/" + "x" * 75  # 95 characters, no space: a pasted link
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# Every item on the wall is whole: nothing wider than its box, nothing outside the screen.
CLIPPED = """() => [...document.querySelectorAll('.statements li, .cluster h2, .cluster li')]
  .filter((e) => !e.closest('[hidden]') && (e.scrollWidth > e.clientWidth + 1
    || e.getBoundingClientRect().bottom > innerHeight)).map((e) => e.textContent)"""
# The themed wall's page now: the lowest visible card's bottom, measured from the wall's top.
FILL = """() => { const wall = document.querySelector('[data-clusters]');
  const top = wall.getBoundingClientRect().top;
  const cards = [...wall.querySelectorAll('.cluster')].filter((c) => !c.closest('[hidden]'));
  return {height: wall.clientHeight, pages: Number(document.querySelector('.themes .pager')
    .lastChild.textContent.split('/')[1]),
    lowest: Math.max(...cards.map((c) => c.getBoundingClientRect().bottom - top))}; }"""
VISIBLE = "() => [...document.querySelectorAll('.statements li')].filter((e) => !e.hidden).length"


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Its own server and instance: these tests add sessions the shared demo must not see."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed")
    instance = tmp_path_factory.mktemp("wall-instance")
    port = free_port()
    env = {
        **os.environ,
        "FACILITATOR_INSTANCE_PATH": str(instance),
        "FACILITATOR_LOGIN_RATE": "1000/minute",
    }
    env.pop("FACILITATOR_DATABASE_URL", None)
    _cli(["init-db"], env)
    out = _cli(["demo", "--base-url", f"http://127.0.0.1:{port}"], env)
    server = start_server(port, env)
    email = out.split("e-mail:")[1].split()[0]
    password = out.split("adgangskode:")[1].split()[0]
    yield {"base": f"http://127.0.0.1:{port}", "env": env, "email": email, "password": password}
    server.terminate()
    server.wait(timeout=10)


def seed(room: dict, **spec: object) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.wall_seed", json.dumps(spec)],
        env=room["env"],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _screen(room: dict, made: dict) -> str:
    return f"{room['base']}/screen/{made['id']}?t={made['token']}"


def _login(page: Page, room: dict) -> None:
    page.goto(room["base"] + "/login")
    page.get_by_label("E-mail").fill(room["email"])
    page.get_by_label("Adgangskode").fill(room["password"])
    page.get_by_role("button", name="Log ind").click()


def _pages(projector: Page) -> int:
    text = projector.locator(".wall .pager [aria-hidden]").inner_text()
    return int(text.split("/")[1])


def test_a_long_word_paging_hiding_and_duplicates(browser: Browser, room: dict) -> None:
    texts = [
        f"Forslag {i}: bedre busforbindelser til de små byer og mere tid til borgerne"
        if i % 3
        else f"Kort idé {i}"
        for i in range(44)
    ]
    made = seed(
        room,
        title="Væg med mange bidrag",
        texts=[*texts, LONG, "Flere cykelstier", "flere  cykelstier!"],
    )
    projector = browser.new_context(**PROJECTOR).new_page()
    projector.goto(_screen(room, made))
    wall = projector.locator(".wall")
    expect(wall.locator("li", has_text=LONG)).to_be_visible()
    assert projector.evaluate(CLIPPED) == []
    assert projector.evaluate(VISIBLE) > 1
    # one item for the two ways of writing the same sentence, with its count
    expect(wall.locator("li", has_text="Flere cykelstier").locator(".dup")).to_have_text("×2")
    # more than fits: pages, and every statement is on one of them
    pages = _pages(projector)
    assert pages >= 2
    expect(wall.locator(".pager [aria-hidden]")).to_have_text(f"1/{pages}")
    projector.screenshot(path=str(SHOTS / "wall-paging-1920.png")) if SHOTS.is_dir() else None
    seen: set[str] = set()
    for page in range(1, pages + 1):
        expect(wall.locator(".pager [aria-hidden]")).to_have_text(f"{page}/{pages}", timeout=12000)
        assert projector.evaluate(CLIPPED) == []
        seen.update(
            projector.evaluate(
                "() => [...document.querySelectorAll('.statements li')].filter((e) => !e.hidden)"
                ".map((e) => e.querySelector('.statement-text').textContent)"
            )
        )
    assert seen == {*texts, LONG, "Flere cykelstier"}

    # hidden from the console: the wall refills at once, still full, no reload
    console = browser.new_context(**PROJECTOR).new_page()
    _login(console, room)
    console.goto(f"{room['base']}/facilitate/sessions/{made['id']}/console")
    console.locator("li", has_text=LONG).get_by_role("button", name="Skjul").click()
    expect(wall.locator("li", has_text=LONG)).to_have_count(0)
    assert projector.evaluate(VISIBLE) > 1
    assert projector.evaluate(CLIPPED) == []

    # a phone writes the same sentence again: ×3, live; then takes it back: ×2 again
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{room['base']}/j/{made['code']}")
    phone.get_by_role("button", name="Deltag").click()
    phone.locator("textarea[name=text]").fill("Flere cykelstier.")
    phone.get_by_role("button", name="Send").click()
    dup = wall.locator("li", has_text="Flere cykelstier").locator(".dup")
    expect(dup).to_have_text("×3")
    phone.locator(".own li", has_text="Flere cykelstier.").get_by_role(
        "button", name="Træk tilbage"
    ).click()
    expect(dup).to_have_text("×2")
    assert projector.evaluate(VISIBLE) > 1
    for context in (projector.context, console.context, phone.context):
        context.close()


def test_the_themed_wall(browser: Browser, room: dict) -> None:
    ideas = [
        "Flere aflastningspladser til pårørende",
        "Aflastningspladser tæt på hjemmet",
        "Færre sagsbehandlerskift for borgerne",
        "Samme sagsbehandler hele forløbet",
        "Bedre busforbindelser til landsbyerne",
        "Flere busafgange om aftenen",
        "Unge skal have en mentor",
        "Bolig til unge i uddannelse",
        "Hjælp til borgere uden MitID",
        "Breve skal skrives i et klart sprog",
    ]
    texts = [f"{idea} ({n})" if n else idea for n in range(4) for idea in ideas]
    made = seed(room, title="Temavæg", texts=texts, cluster=6)
    projector = browser.new_context(**PROJECTOR).new_page()
    projector.goto(_screen(room, made))
    cards = projector.locator(".cluster:not([hidden])")
    expect(cards.first).to_be_visible()
    assert projector.evaluate(CLIPPED) == []
    for i in range(cards.count()):  # a heading, and statements under it
        expect(cards.nth(i).locator("h2")).to_be_visible()
        assert cards.nth(i).locator("li").count() >= 1
    # every theme is on some page (the other pages' columns are hidden), each once
    headings = projector.evaluate(
        "() => [...document.querySelectorAll('.cluster h2')]"
        ".map((h) => h.firstChild.textContent.trim())"
    )
    assert len(headings) == len(set(headings)) == 6
    # the page is filled: every card inside the wall, and a page that is not the last reaches
    # below 70 % of the wall's height (themes packed into the shortest column, not one a column)
    fill = projector.evaluate(FILL)
    assert fill["lowest"] <= fill["height"] + 1
    if fill["pages"] > 1:
        assert fill["lowest"] > 0.7 * fill["height"], fill
    assert fill["pages"] == 1, fill  # six short themes share one page at 1920x1080
    # the cards use the screen's width: they span most of the activity's area
    area = projector.locator(".screen-activity").bounding_box()
    right = projector.evaluate(  # in one go: a push may redraw the wall between two reads
        "() => Math.max(...[...document.querySelectorAll('.cluster:not([hidden])')]"
        ".map((c) => c.getBoundingClientRect().right))"
    )
    assert area and right > area["x"] + area["width"] * 0.8
    projector.screenshot(path=str(SHOTS / "wall-themes-1920.png")) if SHOTS.is_dir() else None
    projector.context.close()


def test_options_before_the_reveal(browser: Browser, room: dict) -> None:
    made = seed(
        room,
        title="Valg",
        kind="dilemma",
        reveal=False,
        sides=[["Tryghed", "Vi passer på"], ["Selvbestemmelse", "Borgeren vælger"]],
    )
    projector = browser.new_context(**PROJECTOR).new_page()
    projector.goto(_screen(room, made))
    expect(projector.locator(".options li", has_text="Selvbestemmelse")).to_be_visible()
    expect(projector.locator(".hidden-results .answered")).to_contain_text("har svaret")
    expect(projector.locator("progress")).to_have_count(0)
    projector.context.close()


def test_a_draft_follows_the_start_and_the_end(browser: Browser, room: dict) -> None:
    made = seed(room, title="Kladdedagen", state="draft", next_steps="Referat i næste uge.")
    projector = browser.new_context(**PROJECTOR).new_page()
    projector.goto(_screen(room, made))
    expect(projector.get_by_text("Vi går snart i gang")).to_be_visible()
    expect(projector.locator(".screen-code")).to_have_count(0)
    expect(projector.locator("img.qr")).to_have_count(0)
    projector.evaluate("window.sameDocument = true")  # gone if the page reloads
    console = browser.new_context(**PROJECTOR).new_page()
    _login(console, room)
    console.goto(f"{room['base']}/facilitate/sessions/{made['id']}/console")
    console.get_by_role("button", name="Start session").click()
    expect(projector.locator(".screen-code")).to_have_text(made["code"])
    expect(projector.locator("img.qr")).to_be_visible()
    console.get_by_role("link", name="Afslut session").click()
    console.get_by_role("dialog").get_by_role("button", name="Ja, afslut sessionen").click()
    expect(projector.get_by_role("heading", name="Tak for i dag")).to_be_visible()
    expect(projector.locator(".next-steps")).to_have_text("Referat i næste uge.")
    expect(projector.locator(".screen-code")).to_have_count(0)
    assert projector.evaluate("window.sameDocument") is True
    projector.reload()  # the secret link after the end: the same closing screen
    expect(projector.get_by_role("heading", name="Tak for i dag")).to_be_visible()
    expect(projector.get_by_text("Kladdedagen")).to_be_visible()
    for context in (projector.context, console.context):
        context.close()
