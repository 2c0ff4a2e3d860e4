"""The secretariat's pages for a written consultation round: create it from seed 001's template,
see who has answered with each body's own link, invite more, and remind the rest by copied
links or by e-mail through a real (local) SMTP server."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest

from facilitator.consultations import invitations
from facilitator.consultations import services as rounds
from facilitator.consultations.models import ConsultationRound, Invitation
from facilitator.processes.services import create_process
from tests.support.smtp_server import Inbox, smtp_inbox  # noqa: F401  (the fixture)

NEXT_YEAR = date.today().year + 1
DEADLINE = date(NEXT_YEAR, 1, 20)


@pytest.fixture
def process(db, user):
    return create_process(
        db,
        user,
        "Nordjysk Socialaftale 2021-2022",
        focus_areas=["Fokus på psykiatrien", "Fokus på borgere der bliver ældre"],
        organisations=["Aalborg Kommune", "Brønderslev Kommune"],
    )


@pytest.fixture
def round_(db, process):
    round_ = rounds.create_round(
        db,
        process,
        title="Input til socialaftalen",
        intro="Kære udvalg",
        deadline=rounds.deadline_from_local(DEADLINE),
        questions=[
            rounds.QuestionSpec("Hvad ønskes ændret i visionen?"),
            rounds.QuestionSpec("Hvilken politisk retning ønskes?", process.focus_areas[0].id),
        ],
    )
    invitations.invite(
        db,
        round_,
        [
            rounds.BodySpec("Socialudvalget", "Aalborg Kommune", "soc@aalborg.dk"),
            rounds.BodySpec("Handicaprådet", "Aalborg Kommune", "hr@aalborg.dk"),
            rounds.BodySpec("Handicaprådet", "Brønderslev Kommune"),
        ],
    )
    return round_


@pytest.fixture
def smtp(app, smtp_inbox, monkeypatch):  # noqa: F811
    for key, value in {
        "SMTP_HOST": smtp_inbox.host,
        "SMTP_PORT": smtp_inbox.port,
        "MAIL_SENDER": "Sekretariatet <sekretariat@socialaftale.dk>",
    }.items():
        monkeypatch.setitem(app.config, key, value)
    return smtp_inbox


def url(round_: ConsultationRound, suffix: str = "") -> str:
    return f"/facilitate/processes/{round_.process_id}/rounds/{round_.id}{suffix}"


def form(**changes: str) -> dict[str, str]:
    data = {
        "title": "Input til Nordjysk Socialaftale",
        "intro": "Kære udvalg og råd",
        "deadline_date": DEADLINE.isoformat(),
        "deadline_time": "",
        "questions": "Hvad ønskes ændret?\n# Fokus på psykiatrien\nHvilken retning?",
        "bodies": "Socialudvalget, Aalborg Kommune, soc@aalborg.dk\n"
        "Handicaprådet\tBrønderslev Kommune\thr@bronderslev.dk\n"
        "Ældrerådet; Aalborg Kommune",
    }
    return {**data, **changes}


# --- creating a round --------------------------------------------------------------------------


def test_new_round_page_starts_from_the_template(facilitator, process) -> None:
    page = facilitator.get(f"/facilitate/processes/{process.id}/rounds/new").get_data(as_text=True)
    assert "Ny skriftlig høring" in page
    assert "Hvad ønskes ændret i forhold til den nuværende vision?" in page  # seed 001
    assert "Socialudvalget, Aalborg Kommune" in page
    assert "Handicaprådet, Brønderslev Kommune" in page


def test_process_page_lists_rounds_with_answers(facilitator, db, process, round_) -> None:
    page = facilitator.get(f"/facilitate/processes/{process.id}").get_data(as_text=True)
    assert "Ny skriftlig høring" in page and "Input til socialaftalen" in page
    assert "0 af 3 har svaret" in page
    rounds.submit_answers(db, round_.invitations[0], {round_.questions[0].id: "Mere samarbejde"})
    page = facilitator.get(f"/facilitate/processes/{process.id}").get_data(as_text=True)
    assert "1 af 3 har svaret" in page and url(round_) in page


def test_create_round_saves_questions_bodies_and_danish_deadline(facilitator, db, process) -> None:
    response = facilitator.post(f"/facilitate/processes/{process.id}/rounds/new", form())
    assert response.status_code == 302
    round_ = db.query(ConsultationRound).one()
    assert response.location.endswith(url(round_))
    assert rounds.local_deadline(round_) == datetime.combine(DEADLINE, time(23, 59))
    assert [(q.text, q.focus_area_id) for q in round_.questions] == [
        ("Hvad ønskes ændret?", None),
        ("Hvilken retning?", process.focus_areas[0].id),
    ]
    assert {(i.body, i.organisation, i.email) for i in round_.invitations} == {
        ("Socialudvalget", "Aalborg Kommune", "soc@aalborg.dk"),
        ("Handicaprådet", "Brønderslev Kommune", "hr@bronderslev.dk"),
        ("Ældrerådet", "Aalborg Kommune", ""),
    }
    assert round_.intro == "Kære udvalg og råd"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadline_date": "2020-01-20"}, "Fristen ligger i fortiden"),
        ({"questions": "\n  \n"}, "Skriv mindst ét spørgsmål."),
        ({"questions": "# Fokus på økonomi\nHvad nu?"}, "»Fokus på økonomi« er ikke et af"),
        (
            {"bodies": "Socialudvalget, Aalborg Kommune\nsocialudvalget, aalborg kommune"},
            "står to gange på listen",
        ),
        (
            {"bodies": "Socialudvalget, Aalborg Kommune, soc@aalborg"},
            "Linje 1: »soc@aalborg« har ikke et gyldigt domæne efter @",
        ),
        ({"bodies": "Socialudvalget, Aalborg Kommune, Region, Noget"}, "Linje 1"),
        ({"deadline_date": "20.01.2030"}, "Skriv en gyldig dato"),
        ({"title": "  "}, "Feltet skal udfyldes."),
    ],
)
def test_bad_round_gets_a_danish_message_and_keeps_the_text(
    facilitator, db, process, changes, message
) -> None:
    data = form(**changes)
    response = facilitator.post(f"/facilitate/processes/{process.id}/rounds/new", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    for typed in (data["questions"], data["bodies"]):  # every line typed is shown again
        assert all(line in page for line in typed.splitlines() if line.strip())
    assert db.query(ConsultationRound).count() == 0  # nothing half-saved


# --- the round page ----------------------------------------------------------------------------


def test_round_page_shows_questions_answers_and_private_links(facilitator, db, round_) -> None:
    first = round_.invitations[0]
    rounds.submit_answers(db, first, {round_.questions[0].id: "Mere samarbejde"})
    page = facilitator.get(url(round_)).get_data(as_text=True)
    assert "1 af 3 har svaret" in page and "20. januar" in page and "kl. 23.59" in page
    for question in round_.questions:
        assert f"/facilitate/activities/{question.activity_id}/themes" in page
    for invitation in round_.invitations:
        assert f'value="https://deltag.example.dk/h/{invitation.token}"' in page
    row = re.search(rf"<tr class=\"answered\">.*?{first.body}.*?</tr>", page, re.S)
    assert row and "Svaret" in row.group(0)
    assert page.count('class="waiting"') == 2
    assert "E-mail er ikke sat op" in page  # the test app has no SMTP_HOST


def test_each_link_has_a_copy_button_and_stays_selectable_text(facilitator, round_) -> None:
    response = facilitator.get(url(round_))
    page = response.get_data(as_text=True)
    for invitation in round_.invitations:
        field = re.search(
            rf'<input class="copy-link" id="link-{invitation.id}" type="text" '
            rf'readonly value="https://deltag.example.dk/h/{invitation.token}"',
            page,
        )
        assert field, invitation.body  # without JavaScript: the link as selectable text
        button = re.search(
            rf'<button type="button"[^>]*data-copy-target="link-{invitation.id}"'
            rf"[^>]*>Kopiér link</button>",
            page,
            re.S,
        )
        assert button and " hidden " in button.group(0)  # copy.js shows it; no dead button
        assert f'data-copy-status="copied-{invitation.id}"' in button.group(0)
        assert 'data-copied="Kopieret"' in button.group(0)
        assert re.search(rf'id="copied-{invitation.id}" role="status" aria-live="polite"', page)
    assert "/static/js/copy.js" in page
    assert "<script>" not in page  # the CSP forbids inline script: the button's code is a file
    assert (
        "'unsafe-inline'"
        not in response.headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


def test_themes_page_of_a_question_shows_the_answers(facilitator, db, round_) -> None:
    rounds.submit_answers(
        db,
        round_.invitations[0],
        {round_.questions[0].id: "- Fælles uddannelse\n- Bedre overgange"},
    )
    page = facilitator.get(f"/facilitate/activities/{round_.questions[0].activity_id}/themes")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Fælles uddannelse" in text and "Bedre overgange" in text


def test_add_bodies_and_refuse_a_duplicate(facilitator, db, round_) -> None:
    response = facilitator.post(
        url(round_, "/bodies"), {"bodies": "Ældrerådet, Aalborg Kommune, ae@aalborg.dk"}
    )
    assert response.status_code == 302
    db.expire_all()
    assert "Ældrerådet" in {i.body for i in round_.invitations}
    response = facilitator.post(
        url(round_, "/bodies"), {"bodies": "Jobcenteret\nHandicaprådet, Aalborg Kommune"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Handicaprådet, Aalborg Kommune er allerede inviteret" in page
    assert "Jobcenteret" in page  # what was typed is shown again
    db.expire_all()
    assert len(round_.invitations) == 4  # neither line of the refused list was saved


def test_edit_round_moves_the_deadline_but_not_into_the_past(facilitator, db, round_) -> None:
    page = facilitator.get(url(round_, "/edit")).get_data(as_text=True)
    assert f'value="{DEADLINE.isoformat()}"' in page and 'value="23:59"' in page
    response = facilitator.post(
        url(round_, "/edit"),
        {
            "title": "Nyt navn",
            "intro": "Nyt brev",
            "deadline_date": f"{NEXT_YEAR}-02-01",
            "deadline_time": "12:00",
        },
    )
    assert response.status_code == 302
    db.expire_all()
    assert round_.title == "Nyt navn"
    assert rounds.local_deadline(round_) == datetime(NEXT_YEAR, 2, 1, 12, 0)
    response = facilitator.post(
        url(round_, "/edit"), {"title": "Nyt navn", "intro": "Brev", "deadline_date": "2020-01-01"}
    )
    assert response.status_code == 400
    assert "Fristen ligger i fortiden" in response.get_data(as_text=True)
    db.expire_all()
    assert rounds.local_deadline(round_) == datetime(NEXT_YEAR, 2, 1, 12, 0)


def test_only_the_owner_sees_a_round(visitor, other_user, db, round_) -> None:
    visitor.login("bo@region.dk")
    assert visitor.get(url(round_)).status_code == 404
    assert visitor.post(url(round_, "/remind")).status_code == 404
    assert "Forløbet findes ikke" in visitor.get(url(round_, "/remind")).get_data(as_text=True)


def test_unknown_round_is_a_404(facilitator, process) -> None:
    response = facilitator.get(f"/facilitate/processes/{process.id}/rounds/999")
    assert response.status_code == 404 and "Høringen findes ikke." in response.get_data(
        as_text=True
    )


# --- reminders ---------------------------------------------------------------------------------


def test_reminder_links_list_only_those_who_have_not_answered(facilitator, db, round_) -> None:
    answered, *others = round_.invitations
    rounds.submit_answers(db, answered, {round_.questions[0].id: "Svar"})
    page = facilitator.get(url(round_, "/remind")).get_data(as_text=True)
    block = re.search(r'<textarea id="reminder-links"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    for invitation in others:
        assert f"{invitation.name}\nhttps://deltag.example.dk/h/{invitation.token}" in block
    assert answered.token not in block
    assert "E-mail er ikke sat op" in page


def test_reminder_without_smtp_says_so(facilitator, db, round_) -> None:
    response = facilitator.post(url(round_, "/remind"), follow_redirects=True)
    assert "E-mail er ikke sat op" in response.get_data(as_text=True)
    db.expire_all()
    assert all(i.reminded_at is None for i in round_.invitations)


def test_reminders_by_email_reach_only_those_who_have_not_answered(
    facilitator, db, round_, smtp: Inbox
) -> None:
    social, council, no_email = _by_email(round_)
    rounds.submit_answers(db, council, {round_.questions[0].id: "Vores svar"})
    page = facilitator.get(url(round_, "/remind")).get_data(as_text=True)
    assert "Send påmindelse til 1" in page
    response = facilitator.post(url(round_, "/remind"), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "1 e-mail er sendt." in page
    assert "1 har ingen e-mailadresse" in page
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["soc@aalborg.dk"]
    message = smtp.messages[0]
    assert message["Subject"] == "Påmindelse: Input til socialaftalen"
    assert "Socialudvalget, Aalborg Kommune" in message["To"]
    text = message.get_content()
    assert f"https://deltag.example.dk/h/{social.token}" in text
    assert council.token not in text and no_email.token not in text
    assert f"Svar senest 20. januar {NEXT_YEAR} kl. 23.59" in text
    assert smtp.to("hr@aalborg.dk") == []  # answered: no reminder
    db.expire_all()
    assert social.reminded_at is not None and council.reminded_at is None


def _by_email(round_: ConsultationRound) -> tuple[Invitation, Invitation, Invitation]:
    emails = {i.email: i for i in round_.invitations}
    return emails["soc@aalborg.dk"], emails["hr@aalborg.dk"], emails[""]


def test_invitations_by_email_go_once_and_failures_are_named(
    facilitator, db, round_, smtp: Inbox
) -> None:
    social, council, _ = _by_email(round_)
    smtp.refuse.add("hr@aalborg.dk")
    page = facilitator.get(url(round_)).get_data(as_text=True)
    assert "Send invitationer på e-mail til 2" in page
    response = facilitator.post(url(round_, "/invite"), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "1 e-mail er sendt." in page
    assert "Ikke sendt til Handicaprådet, Aalborg Kommune (hr@aalborg.dk)" in page
    assert "550" in page
    (message,) = smtp.messages
    assert message["Subject"] == "Skriftlig høring: Input til socialaftalen"
    assert "Kære udvalg" in message.get_content()  # the letter
    assert social.token in message.get_content()
    db.expire_all()
    assert social.reminded_at is not None and council.reminded_at is None
    # Sent again: only the one whose e-mail failed is still due an invitation.
    smtp.refuse.clear()
    facilitator.post(url(round_, "/invite"))
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["soc@aalborg.dk", "hr@aalborg.dk"]


def test_a_dead_smtp_server_is_reported_per_body(facilitator, db, round_, app, monkeypatch) -> None:
    from tests.support.smtp_server import free_port

    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nobody listens
    response = facilitator.post(url(round_, "/remind"), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("Kunne ikke sende gennem mailserveren 127.0.0.1") == 2
    db.expire_all()
    assert all(i.reminded_at is None for i in round_.invitations)


def test_no_reminder_after_the_deadline(facilitator, db, round_, smtp: Inbox) -> None:
    round_.deadline = datetime(2020, 1, 20, 22, 59)
    db.commit()
    assert "Send påmindelse" not in facilitator.get(url(round_, "")).get_data(as_text=True)
    page = facilitator.post(url(round_, "/remind"), follow_redirects=True).get_data(as_text=True)
    assert "Fristen er udløbet. Ryk fristen" in page
    assert smtp.messages == []
    db.expire_all()
    assert all(i.reminded_at is None for i in round_.invitations)
