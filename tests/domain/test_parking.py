"""The parking lot's domain: add, vote, unvote, merge without double votes, answered/parked,
to next steps, idempotent retries, the word filter's hold, and the archive and documents."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from facilitator.contributions.models import Participant
from facilitator.contributions.validation import Submission
from facilitator.contributions.wordfilter import WordFilter
from facilitator.core.errors import NotFound, SessionNotLive, ValidationError
from facilitator.export.archive import export_session, import_session
from facilitator.export.services import export_session_file
from facilitator.parking import services as parking
from facilitator.parking.board import console_board, phone_view, room_board, screen_board
from facilitator.parking.models import ParkingItem, ParkingVote
from facilitator.parking.parsing import parse_item, parse_vote
from facilitator.sessions.services import set_state

WORDS = WordFilter(["idiot*"])


@pytest.fixture
def people(db, live_session) -> list[Participant]:  # noqa: ANN001
    rows = [Participant(session_id=live_session.id, token_hash=f"{i:064d}") for i in range(4)]
    db.add_all(rows)
    db.commit()
    return rows


def add(db, session, who, text, client_id=None):  # noqa: ANN001, ANN201
    draft = Submission(client_id=client_id or f"{who.id:04d}{abs(hash(text)):020d}", text=text)
    return parking.add_item(db, session, who, draft, max_chars=280, words=WORDS)


def test_add_vote_and_unvote(db, live_session, people) -> None:
    item, created = add(db, live_session, people[0], "Hvem betaler for transporten?")
    assert created and item.state == "open" and not item.held
    assert parking.set_vote(db, live_session, people[1], item.id, True)
    assert not parking.set_vote(db, live_session, people[1], item.id, True)  # a retry
    assert parking.set_vote(db, live_session, people[2], item.id, True)
    assert room_board(db, live_session)["items"][0]["votes"] == 2
    assert parking.set_vote(db, live_session, people[1], item.id, False)
    assert not parking.set_vote(db, live_session, people[1], item.id, False)
    assert db.query(ParkingVote).count() == 1
    with pytest.raises(ValidationError, match="dit eget punkt"):
        parking.set_vote(db, live_session, people[0], item.id, True)
    with pytest.raises(NotFound):
        parking.set_vote(db, live_session, people[1], 999999, True)


def test_a_resend_is_answered_with_the_same_row(db, live_session, people) -> None:
    first, created = add(db, live_session, people[0], "Husk kaffen", client_id="a" * 32)
    again, created_again = add(db, live_session, people[0], "Husk kaffen", client_id="a" * 32)
    assert created and not created_again and again.id == first.id
    assert db.query(ParkingItem).count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Skriv noget"),
        ("\u200b\u00ad", "Skriv noget"),
        ("x" * 2000, "2000 tegn"),
    ],
)
def test_bad_text_is_refused_in_danish(db, live_session, people, text, message) -> None:
    with pytest.raises(ValidationError, match=message):
        add(db, live_session, people[0], text)
    assert db.query(ParkingItem).count() == 0


def test_odd_but_fair_text_is_kept_as_written(db, live_session, people) -> None:
    long_word = (
        "Sundhedsvæsensadministrationsmedarbejder"
        + "uddannelsesprogramkoordinationsudvalgsformandsskab"
    )
    for text in (long_word, "Tak for i dag 🎉", "<b>fed</b> & <script>x</script>"):
        item, _new = add(db, live_session, people[0], text)
        assert item.text == text


def test_the_word_filter_holds_an_item_until_approved(db, live_session, people) -> None:
    item, _new = add(db, live_session, people[0], "Sikke en idiotisk plan")
    assert item.held and item.held_word == "idiot"
    assert room_board(db, live_session)["items"] == []
    assert screen_board(db, live_session)["items"] == []
    assert phone_view(db, live_session, people[0].id)["own"][0]["held"]
    with pytest.raises(NotFound):
        parking.set_vote(db, live_session, people[1], item.id, True)
    parking.review(db, item, approve=True)
    assert [i["id"] for i in room_board(db, live_session)["items"]] == [item.id]


def test_merge_moves_votes_and_never_counts_anyone_twice(db, live_session, people) -> None:
    target, _ = add(db, live_session, people[0], "Hvad med økonomien?")
    source, _ = add(db, live_session, people[1], "Hvem betaler?")
    parking.set_vote(db, live_session, people[2], target.id, True)
    for voter in (people[0], people[2], people[3]):  # the target's author, a voter of both
        parking.set_vote(db, live_session, voter, source.id, True)
    assert parking.merge(db, source, target) == 2  # people[2] once, people[3] moved
    assert source.state == "merged" and source.merged_into_id == target.id
    assert [i["id"] for i in room_board(db, live_session)["items"]] == [target.id]
    with pytest.raises(ValidationError):
        parking.merge(db, target, target)
    parking.set_state(db, source, "open")  # "Gendan"
    assert source.state == "open" and source.merged_into_id is None


def test_answered_parked_and_restored(db, live_session, people) -> None:
    first, _ = add(db, live_session, people[0], "Første")
    second, _ = add(db, live_session, people[1], "Anden")
    parking.set_state(db, first, "answered")
    parking.set_state(db, second, "parked")
    board = console_board(db, live_session)
    assert board.answered == [first] and board.parked == [second] and board.open == []
    assert [i["state"] for i in room_board(db, live_session)["items"]] == ["answered"]
    with pytest.raises(ValidationError, match="åbne punkter"):
        parking.set_vote(db, live_session, people[2], first.id, True)
    parking.set_state(db, first, "open")
    assert console_board(db, live_session).open == [first]


def test_to_next_steps_appends_once(db, live_session, people) -> None:
    live_session.next_steps = "Sekretariatet samler op."
    db.commit()
    item, _ = add(db, live_session, people[0], "Husk  at invitere\nbrugerne")
    assert parking.to_next_steps(db, live_session, item)
    assert not parking.to_next_steps(db, live_session, item)  # a second click adds nothing
    assert live_session.next_steps == "Sekretariatet samler op.\n– Husk at invitere brugerne"


def test_the_projector_gets_the_top_eight(db, live_session, people) -> None:
    items = [add(db, live_session, people[0], f"Punkt {n}")[0] for n in range(10)]
    parking.set_vote(db, live_session, people[1], items[9].id, True)
    board = screen_board(db, live_session)
    assert len(board["items"]) == 8 and board["more"] == 2
    assert board["items"][0]["id"] == items[9].id
    assert set(board["items"][0]) == {"id", "text", "state", "votes"}  # no author, no group


def test_a_closed_session_takes_nothing_and_keeps_everything(db, live_session, people) -> None:
    item, _ = add(db, live_session, people[0], "Gemt")
    set_state(db, live_session, "closed")
    with pytest.raises(SessionNotLive):
        add(db, live_session, people[1], "For sent")
    with pytest.raises(SessionNotLive):
        parking.set_vote(db, live_session, people[1], item.id, True)
    assert db.query(ParkingItem).count() == 1


def test_the_parser_is_strict() -> None:
    assert parse_item({"client_id": "a" * 8, "text": " hej "}).text == "hej"
    assert parse_vote({"id": 3, "vote": False}) == (3, False)
    assert parse_vote({"item_id": "3", "vote": "1"}, from_form=True) == (3, True)
    for bad in (None, [], {"id": "3"}, {"id": 3, "vote": "ja"}, {"id": True}):
        with pytest.raises((ValidationError, NotFound)):
            parse_vote(bad)
    with pytest.raises(ValidationError):
        parse_item({"client_id": 5, "text": "x"})
    with pytest.raises(NotFound):
        parse_vote({"id": 2**40})


def test_documents_and_archive_carry_the_board(db, user, live_session, people) -> None:
    open_item, _ = add(db, live_session, people[0], "Hvordan følger vi op?")
    done, _ = add(db, live_session, people[1], "Husk frokosten")
    held, _ = add(db, live_session, people[2], "Idiot")
    merged, _ = add(db, live_session, people[3], "Opfølgning?")
    parking.set_vote(db, live_session, people[1], open_item.id, True)
    parking.set_vote(db, live_session, people[2], merged.id, True)
    parking.merge(db, merged, open_item)
    parking.set_state(db, done, "answered")
    markdown = export_session_file(db, live_session, "md").content.decode()
    assert "Åbne spørgsmål" in markdown and "Hvordan følger vi op? (2 stemmer)" in markdown
    assert "Besvarede spørgsmål" in markdown and "Husk frokosten (0 stemmer)" in markdown
    assert "Idiot" not in markdown and "Opfølgning?" not in markdown
    docx = Document(io.BytesIO(export_session_file(db, live_session, "docx").content))
    assert any("Hvordan følger vi op? (2 stemmer)" in p.text for p in docx.paragraphs)
    sheet = load_workbook(io.BytesIO(export_session_file(db, live_session, "xlsx").content))[
        "Spørgsmål"
    ]
    assert [c.value for c in sheet[2]] == ["Hvordan følger vi op?", "Åben", 2]
    archive = json.loads(export_session_file(db, live_session, "json").content)
    copy = import_session(db, user, archive)
    assert export_session(db, copy)["parking"] == archive["parking"]
    assert [i["votes"] for i in room_board(db, copy)["items"]] == [2, 0]
