"""Accessibility in the real server, in Debian's Chromium, in Danish and English.

axe-core (npm, pinned in tests/a11y/package-lock.json; `./scripts/test` installs it) checks WCAG
2.1 A/AA on every page and state people see: facilitator pages, the console, the themes page, the
projector before and after a reveal, the join page and the phone in every activity kind, with
results, offline and with a validation error. Then what axe cannot see: the focus ring's contrast,
reduced motion, the skip link, keyboard-only use of the phone, and names made of words.

The module runs its own server (the demo plus an administrator), so opening activities and
revealing results here never changes the room the other e2e tests expect.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import CHROMIUM, _cli
from tests.support.server import free_port, start_server

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[1] / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = ["da", "en"]
ADMIN_EMAIL, ADMIN_PASSWORD = "a11y-admin@facilitator.local", "tilgaengelig-admin-42"
PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
CONSOLE = {"viewport": {"width": 1366, "height": 768}}


@dataclass(frozen=True)
class Room:
    base: str
    join_code: str
    screen_url: str
    email: str
    password: str
    process_id: int
    session_id: int
    activities: dict[str, int]  # kind -> the first activity of that kind
    admin_id: int
    database: Path


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (./scripts/test installs it)")
    if not AXE.exists():
        pytest.skip("axe-core is not installed: `npm ci --prefix tests/a11y` (./scripts/test)")
    instance = tmp_path_factory.mktemp("a11y-instance")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "FACILITATOR_INSTANCE_PATH": str(instance),
        "FACILITATOR_LOGIN_RATE": "1000/minute",
    }  # one account, a browser per page
    env.pop("FACILITATOR_DATABASE_URL", None)
    _cli(["init-db"], env)
    out = _cli(["demo", "--base-url", base], env)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "facilitator",
            "create-user",
            ADMIN_EMAIL,
            "--admin",
            "--password-stdin",
        ],
        input=ADMIN_PASSWORD + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    server = start_server(port, env)
    with sqlite3.connect(instance / "facilitator.sqlite3") as con:
        session_id, process_id = con.execute(
            "SELECT id, process_id FROM workshop_sessions ORDER BY id LIMIT 1"
        ).fetchone()
        activities: dict[str, int] = {}
        for activity_id, kind in con.execute(
            "SELECT id, kind FROM activities WHERE session_id = ? ORDER BY position, id",
            (session_id,),
        ):
            activities.setdefault(kind, activity_id)
        admin_id = con.execute("SELECT id FROM users WHERE email = ?", (ADMIN_EMAIL,)).fetchone()[0]

    def grab(pattern: str) -> str:
        match = re.search(pattern, out)
        assert match, out
        return match.group(1)

    yield Room(
        base=base,
        join_code=grab(r"Deltag \(QR-mål\):\s+\S+/j/(\S+)"),
        screen_url=grab(r"Storskærm:\s+(\S+)"),
        email=grab(r"e-mail:\s+(\S+)"),
        password=grab(r"adgangskode:\s+(\S+)"),
        process_id=process_id,
        session_id=session_id,
        activities=activities,
        admin_id=admin_id,
        database=instance / "facilitator.sqlite3",
    )
    server.terminate()
    server.wait(timeout=10)


# --- axe ----------------------------------------------------------------------------------------

_AXE_RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').replace(/\\s+/g, ' ')}))})))"""


def axe_violations(page: Page) -> list[dict]:
    """Inject axe-core (the CSP allows only 'self' scripts, so through the context's bypass_csp)
    and run the WCAG 2.1 A/AA rules on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(_AXE_RUN, WCAG)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            lines.append(f"    {node['target']}  {node['html']}")
            lines.append(f"      {node['summary'][:300]}")
    return "\n".join(lines)


def assert_accessible(page: Page, what: str) -> None:
    page.wait_for_load_state("load")
    violations = axe_violations(page)
    assert not violations, f"axe-core on {what} ({page.url}):\n{describe(violations)}"


# --- the people in the room ---------------------------------------------------------------------


def _context(browser: Browser, lang: str, **options: object) -> BrowserContext:
    context = browser.new_context(
        bypass_csp=True, locale="da-DK" if lang == "da" else "en-GB", **options
    )
    context.add_cookies([{"name": "facilitator_sprog", "value": lang, "url": "http://127.0.0.1"}])
    return context


def _csrf(page: Page) -> str:
    return page.locator("meta[name=csrf-token]").get_attribute("content")


def log_in(page: Page, base: str, email: str, password: str) -> None:
    """Log in through the form (its fields found by type, so in either language)."""
    page.goto(base + "/login")
    page.locator("input[type=email], input[name=email]").first.fill(email)
    page.locator("input[type=password]").first.fill(password)
    page.locator("main form button").last.click()
    page.wait_for_load_state()
    assert "/login" not in page.url, page.content()[:2000]


def set_language(page: Page, base: str, lang: str) -> None:
    """A facilitator's own language wins over the cookie: set it as the footer's button does."""
    if not page.url.startswith(base):
        page.goto(base + "/tilgaengelighed")
    response = page.request.post(
        base + "/sprog", form={"language": lang, "csrf_token": _csrf(page)}
    )
    assert response.ok, response.status


@pytest.fixture(scope="module")
def facilitator(browser: Browser, room: Room) -> Iterator[Page]:
    context = _context(browser, "da", **CONSOLE)
    page = context.new_page()
    log_in(page, room.base, room.email, room.password)
    yield page
    context.close()


@pytest.fixture(scope="module")
def admin(browser: Browser, room: Room) -> Iterator[Page]:
    context = _context(browser, "da", **CONSOLE)
    page = context.new_page()
    log_in(page, room.base, ADMIN_EMAIL, ADMIN_PASSWORD)
    yield page
    context.close()


def act(facilitator: Page, room: Room, activity_id: int, action: str) -> None:
    """Open/close/reveal/conceal as the console's buttons do (a plain form post)."""
    if not facilitator.url.startswith(room.base):
        facilitator.goto(room.base + "/facilitate/")
    response = facilitator.request.post(
        f"{room.base}/facilitate/activities/{activity_id}/{action}",
        form={"csrf_token": _csrf(facilitator)},
    )
    assert response.ok, (action, response.status)


def open_only(facilitator: Page, room: Room, kind: str | None, *, reveal: bool = False) -> None:
    """The room's state: `kind`'s activity open (None: nothing open), its results shown or not."""
    if kind is None:
        for activity_id in room.activities.values():
            act(facilitator, room, activity_id, "close")
        return
    activity_id = room.activities[kind]
    act(facilitator, room, activity_id, "open")
    act(facilitator, room, activity_id, "reveal" if reveal else "conceal")
    # a refused action only flashes a message: check the room really is in that state
    with sqlite3.connect(room.database) as con:
        state, revealed = con.execute(
            "SELECT state, results_revealed FROM activities WHERE id = ?", (activity_id,)
        ).fetchone()
    assert (state, bool(revealed)) == ("open", reveal), (kind, state, revealed)


def join(page: Page, room: Room) -> None:
    """Join the session on a phone as the form comes ("Vil ikke oplyse", no name), landing on
    the phone page."""
    page.goto(f"{room.base}/j/{room.join_code}")
    if "/j/" in page.url:
        page.locator("main form button.primary").click()
        page.wait_for_load_state()
    assert f"/s/{room.join_code}" in page.url, page.content()[:2000]


def join_live(page: Page, room: Room) -> None:
    """Join, then wait for the phone's socket to bring its first snapshot (the script renders
    the page again then): what a person sees a moment after the page opens."""
    connected: list[bool] = []
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived", lambda frame: connected.append('"ok":true' in str(frame))
        ),
    )
    join(page, room)
    for _ in range(100):
        if any(connected):
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(200)


# --- every page, both languages -----------------------------------------------------------------


def _pages(room: Room) -> dict[str, tuple[str, str]]:
    """name -> (who: anonymous/facilitator/admin, path)."""
    s, p, a = room.session_id, room.process_id, room.activities
    pages = {
        "login": ("anonymous", "/login"),
        "accessibility": ("anonymous", "/tilgaengelighed"),
        "join-index": ("anonymous", "/"),
        "unknown-code": ("anonymous", "/?code=ZZZZ99"),
        "unknown-code-link": ("anonymous", "/j/ZZZZ99"),
        "not-found": ("anonymous", "/findes-ikke"),
        "dashboard": ("facilitator", "/facilitate/"),
        "process": ("facilitator", f"/facilitate/processes/{p}"),
        "process-new": ("facilitator", "/facilitate/processes/new"),
        "process-edit": ("facilitator", f"/facilitate/processes/{p}/edit"),
        "session": ("facilitator", f"/facilitate/sessions/{s}"),
        "session-new": ("facilitator", f"/facilitate/processes/{p}/sessions/new"),
        "session-edit": ("facilitator", f"/facilitate/sessions/{s}/edit"),
        "console": ("facilitator", f"/facilitate/sessions/{s}/console"),
        "themes": ("facilitator", f"/facilitate/activities/{a['retningspil']}/themes"),
        "themes-dilemma": ("facilitator", f"/facilitate/activities/{a['dilemma']}/themes"),
        "own-password": ("facilitator", "/password"),
        "settings": ("facilitator", "/indstillinger"),
        "confirm-delete-process": ("facilitator", f"/facilitate/processes/{p}/delete"),
        "confirm-delete-session": ("facilitator", f"/facilitate/sessions/{s}/delete"),
        "confirm-delete-participants": (
            "facilitator",
            f"/facilitate/sessions/{s}/participants/delete",
        ),
        "export-unknown-format": ("facilitator", f"/facilitate/sessions/{s}/export.html"),
        "facilitator-not-found": ("facilitator", "/facilitate/sessions/999999"),
        "admin-users": ("admin", "/admin/users"),
        "admin-password": ("admin", f"/admin/users/{room.admin_id}/password"),
        "audit-log": ("admin", "/admin/audit"),
        "admin-word-filter": ("admin", "/admin/word-filter"),
    }
    for kind, activity_id in a.items():
        pages[f"activity-new-{kind}"] = (
            "facilitator",
            f"/facilitate/sessions/{s}/activities/new/{kind}",
        )
        pages[f"activity-edit-{kind}"] = (
            "facilitator",
            f"/facilitate/activities/{activity_id}/edit",
        )
    return pages


PAGE_NAMES = [
    "login",
    "accessibility",
    "join-index",
    "unknown-code",
    "unknown-code-link",
    "not-found",
    "dashboard",
    "process",
    "process-new",
    "process-edit",
    "session",
    "session-new",
    "session-edit",
    "console",
    "themes",
    "themes-dilemma",
    "own-password",
    "settings",
    "confirm-delete-process",
    "confirm-delete-session",
    "confirm-delete-participants",
    "export-unknown-format",
    "facilitator-not-found",
    "admin-users",
    "admin-password",
    "audit-log",
    "admin-word-filter",
    *[
        f"activity-{verb}-{kind}"
        for verb in ("new", "edit")
        for kind in (
            "retningspil",
            "dilemma",
            "open_question",
            "initiative",
            "topic_vote",
            "wordcloud",
        )
    ],
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_has_no_axe_violations(
    name: str, lang: str, room: Room, browser: Browser, facilitator: Page, admin: Page
) -> None:
    who, path = _pages(room)[name]
    if who == "anonymous":
        context = _context(browser, lang, **CONSOLE)
        page = context.new_page()
    else:
        page = facilitator if who == "facilitator" else admin
        set_language(page, room.base, lang)
        context = None
    page.goto(room.base + path)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page, f"{name} [{lang}]")
    if context is not None:
        context.close()


# --- the live room: projector and phone in every state ------------------------------------------

ROOM_STATES: dict[str, tuple[str | None, bool]] = {
    "waiting": (None, False),
    "retningspil": ("retningspil", False),
    "open_question": ("open_question", False),
    "initiative": ("initiative", False),
    "topic_vote": ("topic_vote", False),
    "topic_vote-revealed": ("topic_vote", True),
    "dilemma": ("dilemma", False),
    "dilemma-revealed": ("dilemma", True),
    "wordcloud": ("wordcloud", False),  # live by default: the cloud and its word list
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("state", list(ROOM_STATES))
def test_projector_and_phone_have_no_axe_violations(
    state: str, lang: str, room: Room, browser: Browser, facilitator: Page
) -> None:
    kind, reveal = ROOM_STATES[state]
    open_only(facilitator, room, kind, reveal=reveal)
    projector = _context(browser, lang, **PROJECTOR).new_page()
    projector.goto(room.screen_url)
    projector.wait_for_timeout(500)  # the socket's first snapshot renders
    assert_accessible(projector, f"projector, {state} [{lang}]")
    phone_context = _context(browser, lang, **PHONE)
    phone = phone_context.new_page()
    if state == "waiting":
        phone.goto(f"{room.base}/j/{room.join_code}")
        assert_accessible(phone, f"join form [{lang}]")
    join(phone, room)
    phone.wait_for_timeout(500)
    assert_accessible(phone, f"phone, {state} [{lang}]")
    if kind in ("dilemma", "topic_vote") and not reveal:
        # after the participant's own choice (the "change my choice" and withdraw controls)
        phone.locator(
            "form.submit-form input[type=radio], form.submit-form input[type=checkbox]"
        ).first.check()
        phone.locator("form.submit-form button.primary").click()
        phone.wait_for_timeout(500)
        assert_accessible(phone, f"phone, {state} after choosing [{lang}]")
    if kind == "wordcloud":  # after sending words ("Dine ord", "Send nye ord") and a refusal
        phone.locator("#word-1").fill("nysgerrig")
        phone.locator("form.submit-form button.primary").click()
        phone.wait_for_timeout(500)
        assert_accessible(phone, f"phone, {state} after sending [{lang}]")
        phone.locator("#word-1").fill("x" * 95)
        phone.locator("form.submit-form button.primary").click()
        assert_accessible(phone, f"phone, {state} refused [{lang}]")
        projector.wait_for_timeout(500)
        assert_accessible(projector, f"projector, {state} with the phone's words [{lang}]")
    projector.context.close()
    phone_context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_offline_and_with_an_error_has_no_axe_violations(
    lang: str, room: Room, browser: Browser, facilitator: Page
) -> None:
    open_only(facilitator, room, "open_question")
    context = _context(browser, lang, **PHONE)
    phone = context.new_page()
    join(phone, room)
    # Nothing typed, sent as the plain form (no JavaScript's own check): the server's message.
    phone.evaluate("() => document.querySelector('form.submit-form').submit()")
    phone.wait_for_load_state()
    expect(phone.locator(".error").first).to_be_visible()
    assert_accessible(phone, f"phone with a validation error [{lang}]")
    join_live(phone, room)
    context.set_offline(True)
    expect(phone.locator(".connection")).to_be_visible()
    assert_accessible(phone, f"phone offline [{lang}]")
    context.set_offline(False)
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_join_form_with_errors_has_no_axe_violations(
    lang: str, room: Room, browser: Browser
) -> None:
    context = _context(browser, lang, **PHONE)
    page = context.new_page()
    page.goto(f"{room.base}/j/{room.join_code}")
    # A name far too long: the form comes back with its message next to the field (the
    # optional fields fold away after "Deltag").
    page.locator("details.optional > summary").click()
    page.locator("input[name=name]").evaluate("(el) => el.removeAttribute('maxlength')")
    page.locator("input[name=name]").fill("x" * 500)
    page.locator("main form button.primary").click()
    expect(page.locator(".error").first).to_be_visible()
    assert_accessible(page, f"join form with errors [{lang}]")
    context.close()


# --- what axe cannot see ------------------------------------------------------------------------

_CONTRAST = """el => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number);
                       return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255;
                     return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  // The ring is drawn outside the element (outline-offset): it sits on the parent's background.
  const backdrop = node => { for (let n = node; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor); if (c[3] > 0.5) return c; }
    return [255, 255, 255, 1]; };
  if (!el.isConnected) return null;  // replaced by a live re-render meanwhile
  const style = getComputedStyle(el);
  const ring = parse(style.outlineColor);
  return {tag: el.tagName, text: (el.innerText || el.value || el.name || '').slice(0, 40),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
          contrast: ratio(ring, backdrop(el.parentElement)),
          contrastOwn: ratio(ring, backdrop(el))};
}"""


def _tab_through(page: Page, steps: int) -> list[dict]:
    seen = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("() => document.activeElement")
        if page.evaluate("el => el === document.body", focused):
            break
        seen.append(page.evaluate(_CONTRAST, focused))
    return [item for item in seen if item]


@pytest.mark.parametrize("where", ["login", "phone", "console"])
def test_focus_ring_is_visible_with_3_to_1_contrast(
    where: str, room: Room, browser: Browser, facilitator: Page
) -> None:
    if where == "console":
        set_language(facilitator, room.base, "da")
        page = facilitator
        page.goto(f"{room.base}/facilitate/sessions/{room.session_id}/console")
    else:
        page = _context(browser, "da", **PHONE).new_page()
        if where == "login":
            page.goto(room.base + "/login")
        else:
            open_only(facilitator, room, "dilemma")
            join(page, room)
    seen = _tab_through(page, 25)
    assert len(seen) >= 3, seen
    for item in seen:
        assert item["outline"] != "none" and item["width"] >= 2, item
        # against what surrounds the ring and what it touches (a button's own fill)
        assert item["contrast"] >= 3, item
        assert item["contrastOwn"] >= 3 or item["contrast"] >= 3, item


def test_reduced_motion_turns_off_transitions_and_animations(room: Room, browser: Browser) -> None:
    page = _context(browser, "da", **PROJECTOR).new_page()
    page.goto(room.screen_url)
    # the projector's "new statement" flash, as the live layer adds it
    page.evaluate("""() => { const ul = document.createElement('ul'); ul.className = 'statements';
      ul.innerHTML = '<li class="arrived">ny</li>'; document.querySelector('main').append(ul); }""")
    motion = """() => [...document.querySelectorAll('*')].flatMap(el => {
        const s = getComputedStyle(el);
        return [...s.transitionDuration.split(','), ...s.animationDuration.split(',')]
          .map(parseFloat).filter(d => d > 0.01); })"""
    assert page.evaluate(motion), "nothing moves even without the preference: the test sees nothing"
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(motion) == []
    scroll = page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior")
    assert scroll != "smooth"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(
    room: Room, facilitator: Page
) -> None:
    set_language(facilitator, room.base, "da")
    facilitator.goto(room.base + "/facilitate/")
    facilitator.keyboard.press("Tab")
    skip = facilitator.locator(":focus")
    expect(skip).to_have_text("Spring til indhold")
    expect(skip).to_be_visible()
    facilitator.keyboard.press("Enter")
    assert facilitator.evaluate("() => document.activeElement.id") == "indhold"
    set_language(facilitator, room.base, "en")
    facilitator.goto(room.base + "/facilitate/")
    facilitator.keyboard.press("Tab")
    expect(facilitator.locator(":focus")).to_have_text("Skip to content")
    set_language(facilitator, room.base, "da")


def test_phone_contribution_by_keyboard_alone(
    room: Room, browser: Browser, facilitator: Page
) -> None:
    open_only(facilitator, room, "open_question")
    context = _context(browser, "da", **PHONE)
    phone = context.new_page()
    join_live(phone, room)
    text = f"Tastaturet alene {time.time_ns()}"
    for _ in range(30):
        phone.keyboard.press("Tab")
        if phone.evaluate("() => document.activeElement.tagName") == "TEXTAREA":
            break
    else:
        pytest.fail("Tab never reached the text field")
    phone.keyboard.type(text)
    for _ in range(10):
        phone.keyboard.press("Tab")
        if phone.evaluate("() => document.activeElement.classList.contains('primary')"):
            break
    else:
        pytest.fail("Tab never reached the send button")
    phone.keyboard.press("Enter")
    expect(phone.locator("#bidrag")).to_contain_text(text)
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_held_contribution_waits_and_is_approved_by_keyboard(
    lang: str, room: Room, browser: Browser, facilitator: Page
) -> None:
    """The word filter holds a line (the phone says so), the console lists it to approve
    (axe on both), and Enter on its "Godkend" approves it: the phone hears it at once."""
    open_only(facilitator, room, "open_question")
    context = _context(browser, lang, **PHONE)
    phone = context.new_page()
    join_live(phone, room)
    text = f"Sikke en idiot {time.time_ns()}"
    phone.locator("form.submit-form textarea").fill(text)
    phone.locator("form.submit-form button.primary").click()
    held = phone.locator("#bidrag li", has_text=text).locator(".state.held")
    expect(held).to_be_visible()
    assert_accessible(phone, f"phone with a held contribution [{lang}]")
    set_language(facilitator, room.base, lang)
    facilitator.goto(f"{room.base}/facilitate/sessions/{room.session_id}/console")
    item = facilitator.locator(".pending-list li", has_text=text)
    expect(item).to_be_visible()
    assert_accessible(facilitator, f"console with a held contribution [{lang}]")
    item.locator("button.primary").focus()
    facilitator.keyboard.press("Enter")
    facilitator.wait_for_load_state()
    expect(facilitator.locator(".pending-list li", has_text=text)).to_have_count(0)
    expect(phone.locator("#bidrag li", has_text=text).locator(".state.sent")).to_be_visible()
    context.close()


_NAMES = """() => [...document.querySelectorAll(`a[href], button, input:not([type=hidden]), select,
    textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])`)]
  .filter(el => el.checkVisibility({visibilityProperty: true}) && !el.closest('[aria-hidden=true]'))
  .map(el => {
    const labelled = el.getAttribute('aria-labelledby');
    const byId = labelled ? labelled.split(/\\s+/)
      .map(id => (document.getElementById(id) || {}).textContent || '').join(' ') : '';
    const labels = el.labels ? [...el.labels].map(l => l.textContent).join(' ') : '';
    const name = el.getAttribute('aria-label') || byId || labels || el.textContent || el.value
                 || el.getAttribute('title') || el.getAttribute('placeholder') || '';
    return {html: el.outerHTML.slice(0, 160), name: name.trim()};
  })"""


@pytest.mark.parametrize("where", ["session", "console", "themes", "phone", "projector", "login"])
def test_every_control_is_named_in_words(
    where: str, room: Room, browser: Browser, facilitator: Page
) -> None:
    set_language(facilitator, room.base, "da")
    page = facilitator
    if where == "session":
        page.goto(f"{room.base}/facilitate/sessions/{room.session_id}")
    elif where == "console":
        page.goto(f"{room.base}/facilitate/sessions/{room.session_id}/console")
    elif where == "themes":
        page.goto(f"{room.base}/facilitate/activities/{room.activities['retningspil']}/themes")
    else:
        page = _context(browser, "da", **PHONE).new_page()
        if where == "phone":
            open_only(facilitator, room, "topic_vote")
            join(page, room)
        elif where == "projector":
            page.goto(room.screen_url)
        else:
            page.goto(room.base + "/login")
    controls = page.evaluate(_NAMES)
    assert controls
    wordless = [c for c in controls if not re.search(r"\w{2,}|\d", c["name"])]
    assert not wordless, "controls without a name in words:\n" + json.dumps(
        wordless, indent=1, ensure_ascii=False
    )


def test_every_page_footer_links_the_accessibility_page(room: Room, browser: Browser) -> None:
    page = _context(browser, "en", **PHONE).new_page()
    for path in ("/login", "/", f"/j/{room.join_code}", "/findes-ikke"):
        page.goto(room.base + path)
        link = page.get_by_role("link", name="Accessibility statement")
        expect(link).to_have_attribute("href", "/tilgaengelighed")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility")


_LIVE_TEXT = """() => [...document.querySelectorAll(
    '[aria-live]:not([aria-live=off]), [role=status], [role=alert]')]
  .map(el => el.textContent.trim()).join(' | ')"""


def test_live_regions_announce_a_new_activity_and_revealed_results(
    room: Room, browser: Browser, facilitator: Page
) -> None:
    open_only(facilitator, room, "retningspil")
    with sqlite3.connect(room.database) as con:
        title = con.execute(
            "SELECT title FROM activities WHERE id = ?", (room.activities["dilemma"],)
        ).fetchone()[0]
    phone = _context(browser, "da", **PHONE).new_page()
    join_live(phone, room)
    projector = _context(browser, "da", **PROJECTOR).new_page()
    projector.goto(room.screen_url)
    projector.wait_for_timeout(1000)
    open_only(facilitator, room, "dilemma")
    for page in (phone, projector):  # a screen reader hears the switch, not only sees it
        page.wait_for_function(
            f"() => ({_LIVE_TEXT})().includes({json.dumps(title)})", timeout=10000
        )
    before = phone.evaluate(_LIVE_TEXT)
    act(facilitator, room, room.activities["dilemma"], "reveal")
    phone.wait_for_function(f"() => ({_LIVE_TEXT})() !== {json.dumps(before)}", timeout=10000)
    phone.context.close()
    projector.context.close()


def _timer(facilitator: Page, room: Room, activity_id: int, action: str, **form: str) -> None:
    """The console's countdown buttons, as their plain forms post them."""
    response = facilitator.request.post(
        f"{room.base}/facilitate/activities/{activity_id}/timer/{action}",
        form={"csrf_token": _csrf(facilitator), **form},
    )
    assert response.ok, (action, response.status)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_countdown_has_no_axe_violations(
    lang: str, room: Room, browser: Browser, facilitator: Page
) -> None:
    """Console, projector and phone with a running countdown that closes at 0, and paused."""
    open_only(facilitator, room, "open_question")
    activity_id = room.activities["open_question"]
    _timer(facilitator, room, activity_id, "start", minutes="30", closes_at_zero="y")
    try:
        console = _context(browser, lang, **CONSOLE).new_page()
        log_in(console, room.base, room.email, room.password)
        set_language(console, room.base, lang)
        console.goto(f"{room.base}/facilitate/sessions/{room.session_id}/console")
        expect(console.locator(".timer-controls [role=timer]")).to_be_visible()
        assert_accessible(console, f"console with a countdown [{lang}]")
        projector = _context(browser, lang, **PROJECTOR).new_page()
        projector.goto(room.screen_url)
        expect(projector.locator(".screen-timer [role=timer]")).to_be_visible()
        assert_accessible(projector, f"projector with a countdown [{lang}]")
        phone = _context(browser, lang, **PHONE).new_page()
        join_live(phone, room)
        expect(phone.locator(".phone-timer [role=timer]")).to_be_visible()
        assert_accessible(phone, f"phone with a countdown [{lang}]")
        _timer(facilitator, room, activity_id, "pause")
        expect(phone.locator(".phone-timer [data-timer-status]")).not_to_be_empty()
        assert_accessible(phone, f"phone with a paused countdown [{lang}]")
        for page in (console, projector, phone):
            page.context.close()
    finally:
        _timer(facilitator, room, activity_id, "stop")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_parking_board_and_projector_questions_have_no_axe_violations(
    lang: str, room: Room, browser: Browser, facilitator: Page
) -> None:
    """The phone's "Spørgsmål og husk" (empty, with an item, with an error) and the projector
    while it shows the questions."""
    open_only(facilitator, room, None)
    context = _context(browser, lang, **PHONE)
    phone = context.new_page()
    join(phone, room)
    phone.goto(f"{room.base}/s/{room.join_code}/sporgsmaal")
    assert_accessible(phone, f"phone board, empty [{lang}]")
    phone.evaluate("() => document.querySelector('form.board-form').submit()")
    phone.wait_for_load_state()
    expect(phone.locator(".error").first).to_be_visible()
    assert_accessible(phone, f"phone board with an error [{lang}]")
    phone.locator("#board-text").fill("Hvem følger op på det her?")
    phone.locator("form.board-form button.primary").click()
    expect(phone.locator("#board-list li", has_text="Hvem følger op")).to_be_visible()
    assert_accessible(phone, f"phone board with an item [{lang}]")
    response = facilitator.request.post(
        f"{room.base}/facilitate/sessions/{room.session_id}/parking/screen",
        form={"csrf_token": _csrf(facilitator), "shown": "1"},
    )
    assert response.ok
    projector = _context(browser, lang, **PROJECTOR).new_page()
    projector.goto(room.screen_url)
    expect(projector.locator("#screen-parking")).to_be_visible()
    assert_accessible(projector, f"projector showing questions [{lang}]")
    facilitator.request.post(
        f"{room.base}/facilitate/sessions/{room.session_id}/parking/screen",
        form={"csrf_token": _csrf(facilitator), "shown": "0"},
    )
    projector.context.close()
    context.close()
