"""Danish by default, English on request: the language switch, a facilitator's settings, and
the facilitator's pages read in English with no Danish left in them."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from sqlalchemy.orm import Session

from facilitator.accounts.models import User
from facilitator.accounts.services import create_user
from facilitator.processes.services import create_process
from facilitator.sessions.services import create_session
from facilitator.web.language import LANGUAGE_COOKIE
from tests.conftest import PASSWORD, Browser

# Words a Danish page is full of and an English one never has (whole words, any case).
DANISH_WORDS = re.compile(
    r"\b(og|ikke|til|med|er|af|eller|skal|kan|har|ingen|gem|slet|ny|nyt|"
    r"rediger|annullér|tilbage|sessioner|brugere|indstillinger|sprog|"
    r"adgangskode|forløb)\b",
    re.IGNORECASE,
)


def text_of(page: str) -> str:
    """What a reader sees: no scripts, styles or tags; entities decoded. A text area's content
    is data (the new process's organisations are Danish municipalities' names), not text."""
    page = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def assert_english(page: str, where: str) -> None:
    text = text_of(page)
    letters = re.findall(r"\S*[æøåÆØÅ]\S*", text)
    words = sorted({m.group(0) for m in DANISH_WORDS.finditer(text)})
    assert not letters and not words, f"{where}: Danish left: {letters or words}\n{text}"


def _cookie(response) -> str | None:  # noqa: ANN001
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{LANGUAGE_COOKIE}="):
            return header.split(";", 1)[0].split("=", 1)[1]
    return None


def test_danish_is_the_default(visitor) -> None:
    page = visitor.get("/login").get_data(as_text=True)
    assert '<html lang="da">' in page
    assert "Log ind som facilitator" in page


def test_the_switch_sets_the_cookie_and_a_facilitators_language(visitor, db, user) -> None:
    response = visitor.post("/sprog", {"language": "en"}, headers={"Referer": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert _cookie(response) == "en"
    page = visitor.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page and "Log in as facilitator" in page
    assert user.language == "da"  # nobody was logged in: only the browser chose

    visitor.login()
    assert visitor.post("/sprog", {"language": "da"}).status_code == 302
    db.refresh(user)
    assert user.language == "da"
    visitor.post("/sprog", {"language": "en"})
    db.refresh(user)
    assert user.language == "en"
    assert "Processes" in visitor.get("/facilitate/").get_data(as_text=True)


def test_an_unknown_language_falls_back_to_danish(visitor) -> None:
    response = visitor.post("/sprog", {"language": "klingon"})
    assert _cookie(response) == "da"
    assert "Log ind som facilitator" in visitor.get("/login").get_data(as_text=True)


def test_settings_save_the_language_on_the_account_and_in_the_cookie(facilitator, db, user) -> None:
    page = facilitator.get("/indstillinger").get_data(as_text=True)
    assert "<h1>Indstillinger</h1>" in page
    assert '<option lang="da" selected value="da">Dansk</option>' in page or re.search(
        r'<option[^>]*value="da"[^>]*selected|<option[^>]*selected[^>]*value="da"', page
    )
    assert 'href="/password"' in page  # "Skift adgangskode" lives here now
    assert 'href="/indstillinger"' in page  # and the top menu links here

    response = facilitator.post("/indstillinger", {"language": "en"})
    assert response.status_code == 302 and _cookie(response) == "en"
    db.refresh(user)
    assert user.language == "en"
    page = facilitator.get("/indstillinger").get_data(as_text=True)
    assert "Your settings have been saved." in page and "<h1>Settings</h1>" in page

    # A language we do not offer is refused with a message; nothing changes.
    response = facilitator.post("/indstillinger", {"language": "xx"})
    assert response.status_code == 400
    db.refresh(user)
    assert user.language == "en"

    facilitator.post("/indstillinger", {"language": "da"})
    db.refresh(user)
    assert user.language == "da"
    assert "<h1>Indstillinger</h1>" in facilitator.get("/indstillinger").get_data(as_text=True)


def test_the_account_language_follows_the_facilitator_to_a_new_browser(app, db, user) -> None:
    user.language = "en"
    db.commit()
    browser = Browser(app.test_client())  # no cookie at all
    assert browser.login().status_code == 302
    assert '<html lang="en">' in browser.get("/facilitate/").get_data(as_text=True)


@pytest.fixture
def english_admin(app, db: Session) -> tuple[Browser, User]:
    """An administrator who reads English, logged in, with English content to look at."""
    admin = create_user(db, "admin@example.org", PASSWORD, admin=True, name="Alex")
    admin.language = "en"
    db.commit()
    create_user(db, "sam@example.org", PASSWORD, name="Sam", actor=admin)
    browser = Browser(app.test_client())
    assert browser.login("admin@example.org").status_code == 302
    return browser, admin


def test_the_facilitator_pages_read_in_english(english_admin, db: Session) -> None:
    browser, admin = english_admin
    process = create_process(
        db,
        admin,
        "Regional care agreement",
        description="Three meetings in spring.",
        focus_areas=["Mental health"],
        organisations=["City of Aalborg"],
    )
    session = create_session(
        db, process, title="Vision day", kind="visionsdag", date=date(2026, 5, 3), venue="Town hall"
    )
    other = db.get(User, admin.id + 1)
    pages = {
        "dashboard": "/facilitate/",
        "process": f"/facilitate/processes/{process.id}",
        "new process": "/facilitate/processes/new",
        "edit process": f"/facilitate/processes/{process.id}/edit",
        "session form": f"/facilitate/processes/{process.id}/sessions/new",
        "edit session": f"/facilitate/sessions/{session.id}/edit",
        "delete process": f"/facilitate/processes/{process.id}/delete",
        "delete session": f"/facilitate/sessions/{session.id}/delete",
        "users": "/admin/users",
        "audit log": "/admin/audit",
        "user password": f"/admin/users/{other.id}/password",
        "settings": "/indstillinger",
        "own password": "/password",
        "missing process": "/facilitate/processes/999999",
        "missing page": "/no-such-page",
    }
    for name, url in pages.items():
        response = browser.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        assert_english(response.get_data(as_text=True), name)

    process_page = text_of(
        browser.get(f"/facilitate/processes/{process.id}").get_data(as_text=True)
    )
    assert "May 3, 2026" in process_page or "3 May 2026" in process_page  # Babel, English
    assert "The process does not exist." in browser.get(pages["missing process"]).get_data(
        as_text=True
    )
    # Messages from the forms and the domain are English too.
    response = browser.post("/facilitate/processes/new", {"title": ""})
    assert response.status_code == 400 and "This field is required." in response.get_data(
        as_text=True
    )
    response = browser.post("/admin/users", {"email": "x@example.org", "password": "kort"})
    assert "The password must be at least 10 characters." in response.get_data(as_text=True)


def test_a_session_from_a_template_is_written_in_the_facilitators_language(
    english_admin, db
) -> None:
    browser, admin = english_admin
    process = create_process(
        db, admin, "Regional care agreement", focus_areas=["Mental health"], organisations=[]
    )
    response = browser.post(
        f"/facilitate/processes/{process.id}/sessions/new",
        {"title": "Workshop", "kind": "workshop", "template": "workshop"},
    )
    assert response.status_code == 302
    db.refresh(process)
    titles = [a.title for a in process.sessions[0].activities]
    assert "Which initiatives should we prioritise?" in titles
    assert "Proposals for inter-municipal initiatives: Mental health" in titles
    topics = process.sessions[0].activities[-1].settings["topics"]
    assert "Early detection" in topics


def test_the_login_page_reads_in_english_for_an_english_browser(app) -> None:
    browser = Browser(app.test_client())
    browser.client.set_cookie(LANGUAGE_COOKIE, "en")
    response = browser.get("/login")
    assert_english(response.get_data(as_text=True), "login")
    response = browser.login("nobody@example.org", "wrong-password")
    assert "Wrong email or password." in response.get_data(as_text=True)


def test_the_process_pages_beyond_the_meetings_read_in_english(
    english_admin, app, db: Session
) -> None:
    """The plan, the written consultation (secretariat's pages and a body's form) and the
    follow-up: every page in English for an English reader, dates included."""
    from datetime import timedelta

    from facilitator.consultations import invitations
    from facilitator.consultations import services as rounds
    from facilitator.followup import services as followup
    from facilitator.processes import plan

    browser, admin = english_admin
    process = create_process(
        db,
        admin,
        "Regional care agreement",
        focus_areas=["Mental health"],
        organisations=["City of Aalborg"],
    )
    plan.add_milestone(
        db,
        process,
        when=date(2030, 6, 1),
        precision="month",
        forum="Board",
        action="Approve the vision",
    )
    round_ = rounds.create_round(
        db,
        process,
        title="Questions to the committees",
        deadline=rounds.deadline_from_local(date.today() + timedelta(days=30)),
        questions=[rounds.QuestionSpec("What should we do together?")],
    )
    [body] = invitations.invite(
        db, round_, [rounds.BodySpec("Social committee", "City of Aalborg")]
    )
    initiative = followup.add_initiative(
        db,
        process,
        followup.InitiativeFields(
            title="A joint course",
            focus_area_id=process.focus_areas[0].id,
            expected_forum="Board",
            expected_on=date(2030, 10, 1),
        ),
        status="Planning has started",
        by="Alex",
    )
    base = f"/facilitate/processes/{process.id}"
    pages = {
        "process": base,
        "new milestone": f"{base}/plan/new",
        "edit milestone": f"{base}/plan/{process.milestones[0].id}/edit",
        "paste plan": f"{base}/plan/paste",
        "new round": f"{base}/rounds/new",
        "round": f"{base}/rounds/{round_.id}",
        "edit round": f"{base}/rounds/{round_.id}/edit",
        "reminders": f"{base}/rounds/{round_.id}/remind",
        "follow-up": f"{base}/opfoelgning",
        "choose initiatives": f"{base}/opfoelgning/vaelg",
        "answer form": f"/h/{body.token}",
        "unknown answer link": "/h/no-such-token",
    }
    for name, url in pages.items():
        response = browser.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        assert_english(response.get_data(as_text=True), name)
    assert "June 2030" in text_of(browser.get(base).get_data(as_text=True))
    assert initiative.title in text_of(browser.get(pages["follow-up"]).get_data(as_text=True))
