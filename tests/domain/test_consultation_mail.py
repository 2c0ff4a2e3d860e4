"""E-mail of consultation letters through a real SMTP server (aiosmtpd on localhost): the
Danish letter, one connection for many, and failures named per recipient."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.consultations import invitations, mailing, pasted
from facilitator.consultations import services as rounds
from facilitator.core import mail
from facilitator.core.errors import ValidationError
from facilitator.processes.models import FocusArea
from facilitator.processes.services import create_process
from tests.support.smtp_server import Inbox, free_port, smtp_inbox  # noqa: F401  (the fixture)

SENDER = "Sekretariatet <sekretariat@socialaftale.dk>"


def settings(inbox: Inbox) -> mail.SmtpSettings:
    return mail.SmtpSettings(host=inbox.host, port=inbox.port, sender=SENDER)


def outgoing(key: str, to: str) -> mail.Outgoing:
    return mail.Outgoing(
        key,
        mail.letter(
            sender=SENDER,
            to=to,
            to_name="Ældrerådet, Læsø",
            subject="Høring: æøå",
            body="Svar senest i går.",
        ),
    )


@pytest.fixture
def round_(db, user):
    process = create_process(db, user, "Nordjysk Socialaftale", organisations=["Aalborg Kommune"])
    round_ = rounds.create_round(
        db,
        process,
        title="Input til visionen",
        intro="Kære udvalg",
        deadline=rounds.deadline_from_local(date(2099, 1, 20)),
        questions=rounds.template_questions(),
    )
    invitations.invite(
        db,
        round_,
        [
            rounds.BodySpec("Socialudvalget", "Aalborg Kommune", "s@a.dk"),
            rounds.BodySpec("Handicaprådet", "Aalborg Kommune", "h@a.dk"),
            rounds.BodySpec("Ældrerådet", "Aalborg Kommune"),
        ],
    )
    return round_


def test_settings_are_off_without_a_host() -> None:
    assert mail.smtp_settings({"SMTP_HOST": None, "SMTP_PORT": 25}) is None
    on = mail.smtp_settings(
        {
            "SMTP_HOST": "smtp.kommune.dk",
            "SMTP_PORT": "587",
            "SMTP_STARTTLS": True,
            "MAIL_SENDER": SENDER,
        }
    )
    assert on == mail.SmtpSettings("smtp.kommune.dk", 587, None, None, True, SENDER)


def test_send_delivers_utf8_letters_over_one_connection(smtp_inbox: Inbox) -> None:  # noqa: F811
    delivery = mail.send(settings(smtp_inbox), [outgoing("a", "a@x.dk"), outgoing("b", "b@x.dk")])
    assert delivery.sent == ["a", "b"] and delivery.failed == {}
    first = smtp_inbox.to("a@x.dk")[0]
    assert first["Subject"] == "Høring: æøå" and "Ældrerådet, Læsø" in first["To"]
    assert first.get_content().strip() == "Svar senest i går."


def test_a_refused_recipient_does_not_stop_the_rest(smtp_inbox: Inbox) -> None:  # noqa: F811
    smtp_inbox.refuse.add("a@x.dk")
    delivery = mail.send(settings(smtp_inbox), [outgoing("a", "a@x.dk"), outgoing("b", "b@x.dk")])
    assert delivery.sent == ["b"]
    assert "550" in delivery.failed["a"] and "Modtageren findes ikke" in delivery.failed["a"]


def test_no_server_fails_every_message_with_the_reason() -> None:
    dead = mail.SmtpSettings(host="127.0.0.1", port=free_port(), sender=SENDER)
    delivery = mail.send(dead, [outgoing("a", "a@x.dk"), outgoing("b", "b@x.dk")])
    assert delivery.sent == [] and set(delivery.failed) == {"a", "b"}
    assert delivery.failed["a"].startswith("Kunne ikke sende gennem mailserveren 127.0.0.1:")


def test_reminders_go_to_those_who_have_not_answered(db, round_, smtp_inbox: Inbox) -> None:  # noqa: F811
    social = next(i for i in round_.invitations if i.body == "Socialudvalget")
    council = next(i for i in round_.invitations if i.body == "Handicaprådet")
    elders = next(i for i in round_.invitations if i.body == "Ældrerådet")
    rounds.submit_answers(db, council, {round_.questions[0].id: "Vi ønsker mere samarbejde."})
    link = lambda invitation: f"https://deltag.example.dk/h/{invitation.token}"  # noqa: E731
    result = mailing.send_letters(
        db, round_, mailing.to_remind(round_), link, settings(smtp_inbox), reminder=True
    )
    assert result.sent == [social] and result.failed == [] and result.without_email == [elders]
    (message,) = smtp_inbox.messages
    assert message["X-Envelope-To"] == "s@a.dk"
    assert message["Subject"] == "Påmindelse: Input til visionen"
    text = message.get_content()
    assert link(social) in text and "Svar senest 20. januar 2099 kl. 23.59" in text
    assert social.reminded_at is not None and council.reminded_at is None
    assert mailing.not_yet_mailed(round_) == []  # the reminded body counts as written to


def test_links_text_names_each_body_above_its_link(round_) -> None:
    text = mailing.links_text(round_.invitations, lambda i: f"/h/{i.token}")
    first = round_.invitations[0]
    assert text.startswith(f"{first.name}\n/h/{first.token}\n\n")


def test_pasted_lists_parse_spreadsheet_columns_and_focus_headings() -> None:
    bodies = pasted.parse_bodies(
        "Socialudvalget\tAalborg Kommune\ts@a.dk\n\n"
        "h@b.dk; Handicaprådet; Brønderslev Kommune\nÆldrerådet"
    )
    assert bodies == [
        rounds.BodySpec("Socialudvalget", "Aalborg Kommune", "s@a.dk"),
        rounds.BodySpec("Handicaprådet", "Brønderslev Kommune", "h@b.dk"),
        rounds.BodySpec("Ældrerådet"),
    ]
    areas = [FocusArea(id=7, name="Fokus på psykiatrien")]
    questions = pasted.parse_questions("Vision?\n# fokus på PSYKIATRIEN\nA?\nB?\n#\nC?", areas)
    assert [(q.text, q.focus_area_id) for q in questions] == [
        ("Vision?", None),
        ("A?", 7),
        ("B?", 7),
        ("C?", None),
    ]
    assert pasted.parse_questions(pasted.questions_text(questions, areas), areas) == questions
    with pytest.raises(ValidationError, match="Linje 2"):
        pasted.parse_bodies("Socialudvalget\na@b.dk, c@d.dk, Rådet")
