"""A consulted body's answer form at /h/<token>, without JavaScript: drafts, the deadline,
submission as contributions, and every refusal in clear Danish without losing text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from html import unescape

import pytest
from sqlalchemy import select

from facilitator.consultations import invitations
from facilitator.consultations import services as consultations
from facilitator.consultations.models import Invitation
from facilitator.contributions.models import Contribution
from facilitator.processes.services import create_process

LIST_ANSWER = (
    "Vi ønsker et tættere samarbejde om botilbud.\r\n\r\n"
    "- Fælles kompetenceudvikling\r\n- Fælles indkøb af hjælpemidler"
)


@pytest.fixture
def consultation(db, user):
    process = create_process(
        db,
        user,
        "Nordjysk Socialaftale 2023-2024",
        focus_areas=["Fokus på psykiatrien"],
        organisations=["Aalborg Kommune", "Thisted Kommune"],
    )
    round_ = consultations.create_round(
        db,
        process,
        title="Høring om den nye socialaftale",
        intro="Kære udvalg\n\nVi beder om jeres input til visionen.",
        deadline=consultations.deadline_from_local(date.today() + timedelta(days=10)),
        questions=[
            consultations.QuestionSpec("Hvad ønskes ændret i visionen?"),
            consultations.QuestionSpec("Hvilke initiativer foreslår I?", process.focus_areas[0].id),
        ],
    )
    invitations.invite(
        db,
        round_,
        [
            consultations.BodySpec("Socialudvalget", "Aalborg Kommune"),
            consultations.BodySpec("Handicaprådet", "Thisted Kommune"),
        ],
    )
    return round_


def _link(invitation: Invitation) -> str:
    return f"/h/{invitation.token}"


def _fields(round_, *texts: str) -> dict[str, str]:
    return {f"answer_{q.id}": text for q, text in zip(round_.questions, texts, strict=False)}


def _text(response) -> str:
    return unescape(response.get_data(as_text=True))


def test_open_form_shows_the_round_the_body_and_the_deadline_in_words(
    visitor, consultation
) -> None:
    invitation = consultation.invitations[0]
    response = visitor.get(_link(invitation))
    page = _text(response)
    assert response.status_code == 200
    assert "Høring om den nye socialaftale" in page and "Vi beder om jeres input" in page
    assert "I svarer som: Socialudvalget, Aalborg Kommune" in page
    local = consultations.local_deadline(consultation)
    weekday = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    assert f"Svar senest {weekday[local.weekday()]} den {local.day}. " in page
    assert "kl. 23.59" in page
    assert "Fokusområde: Fokus på psykiatrien" in page
    assert "Gem kladde" in page and "Indsend svar" in page and "Vi er klar til at indsende" in page
    assert "Linket er personligt" in page
    # the address is the key: never passed on, never indexed
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response.headers["X-Robots-Tag"]


def test_draft_is_saved_shown_again_and_keeps_line_breaks(visitor, consultation, db) -> None:
    invitation = consultation.invitations[0]
    response = visitor.post(
        _link(invitation), {**_fields(consultation, LIST_ANSWER), "save": "1"}, csrf=False
    )
    assert response.status_code == 302
    page = _text(visitor.get(_link(invitation)))
    assert "Kladden er gemt kl." in page
    assert "Vi ønsker et tættere samarbejde om botilbud.\n\n- Fælles kompetenceudvikling" in page
    assert "Kladde senest gemt" in page
    db.expire_all()
    assert consultations.drafts(invitation)[consultation.questions[0].id].count("\n") == 3
    # a draft is not shared: nothing reaches the round's activities yet
    assert db.scalars(select(Contribution)).all() == []


def test_autosave_answers_with_the_time_in_json(visitor, consultation) -> None:
    invitation = consultation.invitations[0]
    response = visitor.post(
        _link(invitation), {**_fields(consultation, "Udkast"), "autosave": "1"}, csrf=False
    )
    assert response.status_code == 200
    assert re.fullmatch(r"Kladde gemt kl\. \d\d\.\d\d", response.get_json()["message"])
    too_long = visitor.post(
        _link(invitation), {**_fields(consultation, "x" * 10_001), "autosave": "1"}, csrf=False
    )
    assert too_long.status_code == 400 and "Spørgsmål 1" in too_long.get_json()["error"]


def test_submission_needs_the_confirmation_and_keeps_the_draft(visitor, consultation, db) -> None:
    invitation = consultation.invitations[0]
    response = visitor.post(
        _link(invitation), {**_fields(consultation, "Mere samarbejde"), "send": "1"}, csrf=False
    )
    assert response.status_code == 400
    page = _text(response)
    assert "Sæt kryds ved »Vi er klar til at indsende«" in page and "Mere samarbejde" in page
    db.expire_all()
    assert invitation.submitted_at is None
    assert consultations.drafts(invitation)[consultation.questions[0].id] == "Mere samarbejde"


def test_an_empty_submission_is_refused_in_words(visitor, consultation) -> None:
    response = visitor.post(
        _link(consultation.invitations[0]),
        {**_fields(consultation, " ", ""), "send": "1", "ready": "y"},
        csrf=False,
    )
    assert response.status_code == 400
    assert "Skriv et svar på mindst ét spørgsmål" in _text(response)


def test_submission_becomes_contributions_and_a_read_only_receipt(
    visitor, consultation, db
) -> None:
    invitation = consultation.invitations[0]
    fields = {
        **_fields(consultation, LIST_ANSWER, "Et fælles akuttilbud"),
        "send": "1",
        "ready": "y",
    }
    response = visitor.post(_link(invitation), fields, csrf=False)
    assert response.status_code == 302
    receipt = visitor.get(_link(invitation))
    page = _text(receipt)
    assert "Jeres svar er modtaget" in page and " kl. " in page
    assert "Tak. Jeres svar er indsendt." in page
    assert '<textarea name="answer_' not in page and "Gem kladde" not in page
    assert "- Fælles kompetenceudvikling\n- Fælles indkøb af hjælpemidler" in page
    first, second = consultation.questions
    texts = {
        q.activity_id: sorted(
            db.scalars(select(Contribution.text).where(Contribution.activity_id == q.activity_id))
        )
        for q in consultation.questions
    }
    assert texts[first.activity_id] == sorted(
        [
            "Vi ønsker et tættere samarbejde om botilbud.",
            "Fælles kompetenceudvikling",
            "Fælles indkøb af hjælpemidler",
        ]
    )
    assert texts[second.activity_id] == ["Et fælles akuttilbud"]

    # the same submission again (a double click, a retry): the same receipt, nothing twice
    again = visitor.post(_link(invitation), fields, csrf=False)
    assert again.status_code == 302
    assert len(db.scalars(select(Contribution)).all()) == 4

    # a different second answer: refused in words, the received one kept, the new text shown
    changed = visitor.post(
        _link(invitation), {**fields, f"answer_{first.id}": "Noget helt andet"}, csrf=False
    )
    assert changed.status_code == 400
    page = _text(changed)
    assert "kan ikke ændres" in page and "Kontakt sekretariatet" in page
    assert "Noget helt andet" in page and "Fælles kompetenceudvikling" in page
    db.expire_all()
    assert consultations.drafts(invitation)[first.id].startswith("Vi ønsker")
    assert len(db.scalars(select(Contribution)).all()) == 4


def test_the_receipt_words_the_deadline_in_the_tense_of_the_clock(
    visitor, consultation, db
) -> None:
    invitation = consultation.invitations[0]
    visitor.post(
        _link(invitation),
        {**_fields(consultation, "Vores svar"), "send": "1", "ready": "y"},
        csrf=False,
    )
    before = _text(visitor.get(_link(invitation)))
    assert "Jeres svar er modtaget" in before
    assert "Fristen er " in before and "Fristen var" not in before  # the deadline is ahead

    visitor.post("/sprog", {"language": "en", "next": _link(invitation)})
    english = _text(visitor.get(_link(invitation)))
    assert "The deadline is " in english and "The deadline was" not in english
    visitor.post("/sprog", {"language": "da", "next": _link(invitation)})

    consultation.deadline = datetime.utcnow() - timedelta(minutes=1)
    db.commit()
    after = _text(visitor.get(_link(invitation)))
    assert "Jeres svar er modtaget" in after
    assert "Fristen var " in after and "Fristen er " not in after
    visitor.post("/sprog", {"language": "en", "next": _link(invitation)})
    english = _text(visitor.get(_link(invitation)))
    assert "The deadline was " in english and "The deadline is" not in english
    visitor.post("/sprog", {"language": "da", "next": _link(invitation)})


def test_two_bodies_answer_each_as_themselves(visitor, phone, consultation, db) -> None:
    aalborg, thisted = consultation.invitations
    for browser, invitation, text in (
        (visitor, aalborg, "Fra Aalborg"),
        (phone, thisted, "Fra Thisted"),
    ):
        response = browser.post(
            _link(invitation),
            {**_fields(consultation, text), "send": "1", "ready": "y"},
            csrf=False,
        )
        assert response.status_code == 302
    rows = db.execute(
        select(Contribution.text, Invitation.body).join(
            Invitation, Invitation.participant_id == Contribution.participant_id
        )
    ).all()
    assert sorted(rows) == [("Fra Aalborg", "Socialudvalget"), ("Fra Thisted", "Handicaprådet")]


def test_after_the_deadline_the_draft_is_readable_and_nothing_is_lost(
    visitor, consultation, db
) -> None:
    invitation = consultation.invitations[1]
    visitor.post(
        _link(invitation),
        {**_fields(consultation, "Vores kladde\n\nAndet afsnit"), "save": "1"},
        csrf=False,
    )
    consultation.deadline = datetime.utcnow() - timedelta(minutes=1)
    db.commit()

    page = _text(visitor.get(_link(invitation)))
    assert "Fristen er udløbet" in page and "Fristen udløb" in page
    assert "Vores kladde\n\nAndet afsnit" in page and "Gem kladde" not in page

    late = visitor.post(
        _link(invitation),
        {**_fields(consultation, "Sent svar"), "send": "1", "ready": "y"},
        csrf=False,
    )
    assert late.status_code == 400
    page = _text(late)
    assert "Fristen for denne høring udløb" in page
    assert "Sent svar" in page and "Vores kladde" in page  # the typed text and the draft
    db.expire_all()
    assert invitation.submitted_at is None
    assert (
        consultations.drafts(invitation)[consultation.questions[0].id]
        == "Vores kladde\n\nAndet afsnit"
    )
    assert db.scalars(select(Contribution)).all() == []


def test_oversized_answer_is_refused_by_question_with_the_text_kept(
    visitor, consultation, db
) -> None:
    invitation = consultation.invitations[0]
    visitor.post(
        _link(invitation), {**_fields(consultation, "Første udkast"), "save": "1"}, csrf=False
    )
    huge = "Et langt svar." + " Et langt svar." * 699  # 10,499 characters
    response = visitor.post(
        _link(invitation), {**_fields(consultation, "Nyt", huge), "save": "1"}, csrf=False
    )
    assert response.status_code == 400
    page = _text(response)
    assert "Spørgsmål 2: Svaret er 10.499 tegn; der er plads til 10.000" in page
    assert "den tidligere gemte kladde er uændret" in page
    assert huge in page  # what was typed stays in the form
    db.expire_all()
    assert consultations.drafts(invitation)[consultation.questions[0].id] == "Første udkast"


def test_line_breaks_do_not_count_twice_against_the_limit(visitor, consultation) -> None:
    invitation = consultation.invitations[0]
    text = ("a" * 99 + "\r\n") * 100  # 10,000 characters as kept, 10,100 as the browser sends
    response = visitor.post(
        _link(invitation), {**_fields(consultation, text), "save": "1"}, csrf=False
    )
    assert response.status_code == 302


@pytest.mark.parametrize("token", ["ukendt-token-" + "a" * 30, "a" * 200, "%00", "ab.cd"])
def test_unknown_or_malformed_link_is_a_clear_404(visitor, consultation, token) -> None:
    response = visitor.get(f"/h/{token}")
    assert response.status_code == 404
    assert "Linket er ukendt" in _text(response)
    assert visitor.post(f"/h/{token}", {"save": "1"}, csrf=False).status_code == 404


def test_guessing_links_is_throttled_but_a_body_keeps_working(app, visitor, consultation) -> None:
    rate = int(app.config["ANSWER_GUESS_RATE"].split("/")[0])
    link = _link(consultation.invitations[0])
    for _ in range(rate + 5):  # only misses count: a body's own page views never do
        assert visitor.get(link).status_code == 200
    for i in range(rate):
        assert visitor.get(f"/h/gaet{i:040d}").status_code == 404
    refused = visitor.get("/h/gaet-igen")
    assert refused.status_code == 429 and "for mange forsøg" in _text(refused)
    assert visitor.get(link).status_code == 200  # the town hall's own link still opens


def test_the_language_switch_comes_back_to_the_form(visitor, consultation) -> None:
    link = _link(consultation.invitations[0])
    page = visitor.get(link).get_data(as_text=True)
    assert f'name="next" value="{link}"' in page
    response = visitor.post("/sprog", {"language": "en", "next": link})
    assert response.status_code == 302 and response.headers["Location"].endswith(link)
    english = _text(visitor.get(link))
    assert "Save draft" in english or "Gem kladde" in english  # translated once the lead merges
    visitor.post("/sprog", {"language": "da", "next": link})
