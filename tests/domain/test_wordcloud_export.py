"""A check-in in every export: the session document (DOCX, Markdown) says its most written
words as a sentence or a short list and by group as contributions.privacy allows; the
workbook lists every word; the JSON archive carries the answers and the hidden words and
imports again unchanged; a word the facilitator hid is in none of them."""

from __future__ import annotations

import io
import json

import docx
import openpyxl
import pytest

from facilitator.activities.services import open_activity, set_word_hidden
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.core.errors import ValidationError
from facilitator.export.archive import export_session, import_session
from facilitator.export.services import export_session_file

TITLE = "Check-in: Hvad håber du på i dag?"
GROUPS = ["politiker"] * 3 + ["embedsperson"] * 4 + ["brugerorganisation"]
FEW = [["samarbejde", "mod"], ["samarbejdet"], ["mod", "tillid"], ["samarbejde"]] * 2
MANY = [[f"{word}{n}"] for n, word in enumerate(["ord"] * 4)] + [
    ["samarbejde", "mod", "tillid"],
    ["viden", "håb", "retning"],
    ["energi", "dialog", "mening"],
    ["samarbejde", "kaffe"],
]


def _room(db, session, answers):  # noqa: ANN001, ANN202
    activity = next(a for a in session.activities if a.kind == "wordcloud")
    open_activity(db, activity)
    for n, (group, words) in enumerate(zip(GROUPS, answers, strict=True)):
        person = join(db, session, f"cloud{n:02d}" * 5, Profile(group=group))
        submit(db, person, activity, Submission(f"cloud-{n:04d}", words=words))
    return activity


def _docx_text(db, session, language="da") -> list[str]:  # noqa: ANN001
    content = export_session_file(db, session, "docx", language=language).content
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def _section(db, session, title=TITLE, language="da") -> list[str]:  # noqa: ANN001
    """The body's paragraphs under the activity's heading, up to the next heading."""
    content = export_session_file(db, session, "docx", language=language).content
    paragraphs = docx.Document(io.BytesIO(content)).paragraphs
    start = next(
        i
        for i, p in enumerate(paragraphs)
        if p.style.name.startswith("Heading") and p.text == title
    )
    rest = paragraphs[start + 1 :]
    end = next((i for i, p in enumerate(rest) if p.style.name.startswith("Heading")), len(rest))
    return [p.text for p in rest[:end]]


def test_a_few_words_are_one_sentence(db, live_session) -> None:
    _room(db, live_session, FEW)
    assert _section(db, live_session)[0] == (
        "8 deltagere svarede. De hyppigste ord var »samarbejde« (6), »mod« (4) og »tillid« (2)."
    )
    markdown = export_session_file(db, live_session, "md").content.decode()
    assert "De hyppigste ord var »samarbejde« (6), »mod« (4) og »tillid« (2)." in markdown


def test_many_words_are_a_short_list_and_hidden_ones_are_nowhere(db, live_session) -> None:
    activity = _room(db, live_session, MANY)
    set_word_hidden(db, activity, "kaffe", True)
    section = _section(db, live_session)
    assert section[:3] == ["8 deltagere svarede.", "De 10 hyppigste ord:", "samarbejde (2)"]
    assert section[12] == "Derudover blev 3 andre ord skrevet."  # 13 words, 10 listed
    text = _docx_text(db, live_session)
    assert not any("kaffe" in line for line in text)  # not in the body, not in the annex
    markdown = export_session_file(db, live_session, "md").content.decode()
    assert "De 10 hyppigste ord:" in markdown and "kaffe" not in markdown


def test_the_words_by_group_follow_the_privacy_rule(db, live_session) -> None:
    _room(db, live_session, FEW)
    text = _section(db, live_session)
    start = text.index("Fordelt på grupper:")
    groups = text[start + 1 : start + 3]
    # the lone user representative has no row: with the politicians (the smallest other
    # group) they are "Øvrige grupper"; the note says why
    assert groups[0].startswith("Embedspersoner (4): ")
    assert groups[1].startswith("Øvrige grupper (4): ")
    assert text[start + 3] == (
        "Grupper med færre end 3 personer indgår kun samlet under »Øvrige grupper«."
    )
    assert not any(line.startswith(("Brugerorganisation", "Politikere (")) for line in text)
    workbook = openpyxl.load_workbook(
        io.BytesIO(export_session_file(db, live_session, "xlsx").content)
    )
    rows = [tuple(c for c in row if c is not None) for row in workbook["Resultater"].values]
    start = rows.index(("Interessentgruppe", "Har svaret", "Hyppigste ord"))
    assert [row[:2] for row in rows[start + 1 : start + 3]] == [
        ("Embedspersoner", 4),
        ("Øvrige grupper", 4),
    ]
    assert not any(row and row[0] == "Brugerorganisationer" for row in rows[start:])
    anonymous = json.loads(export_session_file(db, live_session, "json", anonymous=True).content)
    check_in = next(a for a in anonymous["activities"] if a["kind"] == "wordcloud")
    assert [g["group"] for g in check_in["words_by_group"]] == ["Embedspersoner", "Øvrige grupper"]


def test_the_workbook_lists_every_word_and_every_answer(db, live_session) -> None:
    activity = _room(db, live_session, MANY)
    set_word_hidden(db, activity, "kaffe", True)
    workbook = openpyxl.load_workbook(
        io.BytesIO(export_session_file(db, live_session, "xlsx").content)
    )
    rows = [tuple(c for c in row if c is not None) for row in workbook["Resultater"].values]
    start = rows.index(("Ord", "Antal"))
    words = rows[start + 1 : start + 14]
    assert words[0] == ("samarbejde", 2) and len(words) == 13
    assert ("Har svaret", 8) in rows
    answers = [row for row in workbook["Alle bidrag"].values if row[1] == "Ordsky"]
    assert len(answers) == 8
    assert any(row[4] == "samarbejde" for row in answers)  # "kaffe" taken out of the answer
    assert not any("kaffe" in str(cell) for row in answers for cell in row)


def test_the_document_speaks_english_too(db, live_session) -> None:
    _room(db, live_session, FEW)
    section = _section(db, live_session, language="en")
    assert section[0] == (
        "8 participants answered. The most written words were “samarbejde” (6), “mod” (4) "
        "and “tillid” (2)."
    )


def test_the_archive_round_trip_keeps_answers_and_hidden_words(db, live_session, user) -> None:
    activity = _room(db, live_session, MANY)
    set_word_hidden(db, activity, "kaffe", True)
    first = export_session(db, live_session)
    check_in = next(a for a in first["activities"] if a["kind"] == "wordcloud")
    assert check_in["settings"]["hidden_words"] == ["kaffe"]
    assert check_in["contributions"][-1]["text"] == "samarbejde kaffe"  # the answer as sent
    copy = import_session(db, user, json.loads(json.dumps(first)))
    again = export_session(db, copy)
    assert again["activities"] == first["activities"]
    imported = next(a for a in copy.activities if a.kind == "wordcloud")
    assert imported.hidden_words == ["kaffe"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("text", "skov mod tillid hav"), "text skal være 1-3 ord på højst 30 tegn"),
        (("text", "x" * 95), "text skal være 1-3 ord på højst 30 tegn"),
    ],
)
def test_an_archive_with_a_bad_answer_is_refused(db, live_session, user, change, message) -> None:
    _room(db, live_session, FEW)
    archive = export_session(db, live_session)
    index = next(i for i, a in enumerate(archive["activities"]) if a["kind"] == "wordcloud")
    archive["activities"][index]["contributions"][0][change[0]] = change[1]
    with pytest.raises(ValidationError) as refused:
        import_session(db, user, archive)
    assert f"activities[{index}].contributions[0].{message}" in refused.value.message


def test_hidden_words_belong_to_a_word_cloud_only(db, live_session, user) -> None:
    archive = export_session(db, live_session)
    archive["activities"][1]["settings"] = {"hidden_words": ["skov"]}
    with pytest.raises(ValidationError, match=r"activities\[1\].settings.hidden_words hører kun"):
        import_session(db, user, archive)
