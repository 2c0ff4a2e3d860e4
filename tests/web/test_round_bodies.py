"""Invited bodies of a written round, as an outside probe found them (issue 21, part 3): one
mailbox per address, names that stay names in headers, one bad address that never stops the
others, and bodies that can be corrected or removed until they answer."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from facilitator.consultations import invitations
from facilitator.consultations import services as rounds
from facilitator.consultations.models import ConsultationRound, Invitation
from facilitator.processes.services import create_process
from tests.support.smtp_server import Inbox, smtp_inbox  # noqa: F401  (the fixture)

DEADLINE = date(2099, 1, 20)


@pytest.fixture
def round_(db, user) -> ConsultationRound:
    process = create_process(db, user, "Nordjysk Socialaftale", organisations=["Aalborg Kommune"])
    round_ = rounds.create_round(
        db,
        process,
        title="Input til visionen",
        deadline=rounds.deadline_from_local(DEADLINE),
        questions=[rounds.QuestionSpec("Hvad ønskes ændret?")],
    )
    invitations.invite(
        db,
        round_,
        [
            rounds.BodySpec("Socialudvalget", "Aalborg Kommune", "soc@aalborg.dk"),
            rounds.BodySpec("Handicaprådet", "Aalborg Kommune", "hr@aalborg.dk"),
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


def body_url(invitation: Invitation, suffix: str = "") -> str:
    return url(invitation.round, f"/bodies/{invitation.id}{suffix}")


def _text(response) -> str:  # noqa: ANN001
    return re.sub(r"\s+", " ", html.unescape(response.get_data(as_text=True)))


def _named(round_: ConsultationRound, body: str) -> Invitation:
    return next(i for i in round_.invitations if i.body == body)


# --- addresses ---------------------------------------------------------------------------------


def test_an_international_domain_is_mailed_with_the_others(
    facilitator, db, round_, smtp: Inbox
) -> None:
    response = facilitator.post(
        url(round_, "/bodies"), {"bodies": "Ældrerådet, Ebeltoft, kontakt@æbeltoft.dk"}
    )
    assert response.status_code == 302
    response = facilitator.post(url(round_, "/invite"), follow_redirects=True)
    assert response.status_code == 200 and "3 e-mails er sendt." in _text(response)
    assert sorted(m["X-Envelope-To"] for m in smtp.messages) == [
        "hr@aalborg.dk",
        "kontakt@xn--beltoft-lxa.dk",
        "soc@aalborg.dk",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Udvalget; a@b.dk,x", "Linje 2: »a@b.dk,x« er ikke én e-mailadresse"),
        ("Udvalget; Kommunen; <a@b.dk>", "Linje 2: »<a@b.dk>« er ikke én e-mailadresse"),
        ("Udvalget\tKommunen\ta@b.dk x@y.dk", "Linje 2: »a@b.dk x@y.dk« er ikke én e-mailadresse"),
        ("Udvalget; Kommunen; søren@kommune.dk", "uden komma, mellemrum, <> eller æ, ø, å før @"),
        ("Udvalget; Kommunen; a@kommune", "Linje 2: »a@kommune« har ikke et gyldigt domæne"),
    ],
)
def test_an_address_that_is_not_one_mailbox_is_refused_at_its_line(
    facilitator, db, round_, line, message
) -> None:
    response = facilitator.post(url(round_, "/bodies"), {"bodies": f"Ældrerådet, x@y.dk\n{line}"})
    assert response.status_code == 400 and message in _text(response)
    db.expire_all()
    assert len(round_.invitations) == 2  # nothing of the list is saved


def test_a_name_like_an_address_stays_a_name_in_the_header(
    facilitator, db, round_, smtp: Inbox
) -> None:
    invitations.invite(
        db, round_, [rounds.BodySpec("<postmaster>", "Læsø Kommune, Ø", "p@laesoe.dk")]
    )
    facilitator.post(url(round_, "/invite"))
    (message,) = smtp.to("p@laesoe.dk")
    (address,) = message["To"].addresses
    assert address.display_name == "<postmaster>, Læsø Kommune, Ø"
    assert address.addr_spec == "p@laesoe.dk"


def test_one_bad_saved_address_fails_alone(facilitator, db, round_, smtp: Inbox) -> None:
    # As saved before addresses were checked: the others must still get their letters.
    _named(round_, "Handicaprådet").email = "hr@aalborg.dk,spion@example.org"
    db.commit()
    response = facilitator.post(url(round_, "/invite"), follow_redirects=True)
    page = _text(response)
    assert response.status_code == 200 and "1 e-mail er sendt." in page
    assert "Ikke sendt til Handicaprådet, Aalborg Kommune" in page
    assert "Ret adressen under »Ret eller fjern«" in page
    assert [m["X-Envelope-To"] for m in smtp.messages] == ["soc@aalborg.dk"]


# --- correcting and removing bodies ------------------------------------------------------------


def test_a_body_can_be_corrected_from_the_round_page(facilitator, db, round_) -> None:
    council = _named(round_, "Handicaprådet")
    page = facilitator.get(url(round_)).get_data(as_text=True)
    assert f'href="{body_url(council)}"' in page and "Ret eller fjern" in page
    form = facilitator.get(body_url(council)).get_data(as_text=True)
    assert 'value="hr@aalborg.dk"' in form
    token = council.token
    response = facilitator.post(
        body_url(council),
        {
            "body": "Handicaprådet",
            "organisation": "Aalborg Kommune",
            "email": "kontakt@æbeltoft.dk",
        },
    )
    assert response.status_code == 302
    db.expire_all()
    assert council.email == "kontakt@æbeltoft.dk"
    assert council.token == token  # never e-mailed: the link it may have by hand still works


def test_a_corrected_address_after_a_letter_gets_a_new_link(
    facilitator, db, round_, smtp: Inbox
) -> None:
    council = _named(round_, "Handicaprådet")
    facilitator.post(url(round_, "/invite"))
    db.expire_all()
    old = council.token
    response = facilitator.post(
        body_url(council),
        {"body": "Handicaprådet", "organisation": "Aalborg Kommune", "email": "hr2@aalborg.dk"},
        follow_redirects=True,
    )
    assert "Det gamle link virker ikke længere" in _text(response)
    db.expire_all()
    assert council.token != old and council.reminded_at is None
    assert facilitator.get(f"/h/{old}").status_code == 404
    facilitator.post(url(round_, "/invite"))
    assert smtp.to("hr2@aalborg.dk")[0].get_content().count(council.token) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "a@b.dk,x"}, "»a@b.dk,x« er ikke én e-mailadresse"),
        ({"body": "Socialudvalget"}, "Socialudvalget, Aalborg Kommune er allerede inviteret"),
        ({"body": ""}, "Feltet skal udfyldes."),
        ({"organisation": "x" * 121}, "Højst 120 tegn."),
    ],
)
def test_a_bad_correction_is_refused_with_its_message(
    facilitator, db, round_, changes, message
) -> None:
    council = _named(round_, "Handicaprådet")
    data = {
        "body": "Handicaprådet",
        "organisation": "Aalborg Kommune",
        "email": "hr@aalborg.dk",
        **changes,
    }
    response = facilitator.post(body_url(council), data)
    assert response.status_code == 400 and message in _text(response)
    db.expire_all()
    assert (council.body, council.email) == ("Handicaprådet", "hr@aalborg.dk")


def test_a_body_can_be_removed_with_its_link_and_draft(facilitator, db, round_) -> None:
    council = _named(round_, "Handicaprådet")
    rounds.save_draft(db, council, {round_.questions[0].id: "Et udkast"})
    token, removed = council.token, body_url(council, "/remove")
    assert facilitator.post(removed, csrf=False).status_code == 400  # without CSRF: kept
    db.expire_all()
    assert len(round_.invitations) == 2
    response = facilitator.post(removed, follow_redirects=True)
    assert "Handicaprådet, Aalborg Kommune er fjernet fra høringen" in _text(response)
    db.expire_all()
    assert [i.body for i in round_.invitations] == ["Socialudvalget"]
    assert facilitator.get(f"/h/{token}").status_code == 404


def test_a_body_that_answered_can_be_neither_corrected_nor_removed(facilitator, db, round_) -> None:
    social = _named(round_, "Socialudvalget")
    rounds.submit_answers(db, social, {round_.questions[0].id: "Vores svar"})
    page = facilitator.get(url(round_)).get_data(as_text=True)
    assert f'href="{body_url(social)}"' not in page
    assert "har svaret og kan ikke længere ændres" in _text(facilitator.get(body_url(social)))
    response = facilitator.post(body_url(social, "/remove"), follow_redirects=True)
    assert "har svaret og kan ikke længere ændres eller fjernes" in _text(response)
    response = facilitator.post(body_url(social), {"body": "Andet", "email": ""})
    assert response.status_code == 400
    db.expire_all()
    assert social.body == "Socialudvalget" and len(round_.invitations) == 2


def test_only_the_owner_reaches_a_body(visitor, other_user, db, round_) -> None:
    council = _named(round_, "Handicaprådet")
    visitor.login("bo@region.dk")
    assert visitor.get(body_url(council)).status_code in (403, 404)
    assert visitor.post(body_url(council, "/remove")).status_code in (403, 404)
    db.expire_all()
    assert len(round_.invitations) == 2


def test_a_body_of_another_round_is_not_found(facilitator, db, round_) -> None:
    other = rounds.create_round(
        db,
        round_.process,
        title="En anden høring",
        deadline=rounds.deadline_from_local(DEADLINE),
        questions=[rounds.QuestionSpec("Hvad?")],
    )
    council = _named(round_, "Handicaprådet")
    assert facilitator.get(url(other, f"/bodies/{council.id}")).status_code == 404
