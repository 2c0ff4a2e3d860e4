"""A check-in's words by group follow contributions.privacy (wordcloud/breakdown.py): no group
of fewer than 3 is readable, the added-up rest is never one word everyone in it wrote, and
the rows stay fixed as people join later. Pure: a Decision, no database."""

from __future__ import annotations

from facilitator.contributions.privacy import OTHER_GROUPS_LABEL, Decision
from facilitator.wordcloud.breakdown import GroupWords, group_words

ORDER = ["Politiker", "Embedsperson", "Brugerorganisation", "Andet", "Ikke oplyst"]


def _room(people: list[tuple[str, str]]) -> dict[int, tuple[str, str]]:
    return {pid: person for pid, person in enumerate(people, start=1)}


def _rows(
    answers: dict[int, tuple[str, str]], decision: Decision | None = None
) -> tuple[list[GroupWords], Decision]:
    voters = {pid: group for pid, (group, _text) in answers.items()}
    decided = (decision or Decision()).admit(voters)
    return group_words(answers, decided, ORDER), decided


def _readable(rows: list[GroupWords]) -> dict[str, dict[str, int]]:
    return {row.group: {w.text: w.count for w in row.words} for row in rows}


def test_a_lone_member_of_a_group_is_never_a_row_of_their_own() -> None:
    answers = _room(
        [("Politiker", "skov mod"), ("Politiker", "tillid"), ("Politiker", "skov")]
        + [("Embedsperson", "viden"), ("Embedsperson", "viden mod")]
        + [("Embedsperson", "retning"), ("Embedsperson", "viden")]
        + [("Brugerorganisation", "hemmelighed")]
    )
    rows, _ = _rows(answers)
    groups = [row.group for row in rows]
    assert "Brugerorganisation" not in groups
    # one of 1 is not enough: with the smallest other group (complementary suppression)
    assert groups == ["Embedsperson", OTHER_GROUPS_LABEL]
    readable = _readable(rows)
    assert readable["Embedsperson"] == {"viden": 3, "mod": 1, "retning": 1}
    assert all(row.people >= 3 for row in rows)
    assert readable[OTHER_GROUPS_LABEL]["skov"] == 2  # the rest: four people together


def test_fewer_than_three_in_all_is_no_breakdown() -> None:
    rows, decision = _rows(_room([("Politiker", "skov"), ("Andet", "mod")]))
    assert rows == [] and decision.shown is None


def test_the_rest_is_never_one_word_everyone_in_it_wrote() -> None:
    answers = _room(
        [("Politiker", "mod"), ("Politiker", "tillid"), ("Politiker", "retning")]
        + [("Embedsperson", "viden"), ("Embedsperson", "data"), ("Embedsperson", "analyse")]
        + [("Brugerorganisation", "skov"), ("Brugerorganisation", "skov mod"), ("Andet", "skov")]
    )
    rows, _ = _rows(answers)
    # "Øvrige grupper: skov (3)" of three people would say what each of them wrote: the
    # smallest shown group joins them (Politiker, the first of two equals)
    assert [row.group for row in rows] == ["Embedsperson", OTHER_GROUPS_LABEL]
    rest = _readable(rows)[OTHER_GROUPS_LABEL]
    assert rest["skov"] == 3 and rows[-1].people == 6


def test_when_every_row_would_give_it_away_there_is_no_breakdown() -> None:
    answers = _room(
        [("Politiker", "skov")] * 3 + [("Brugerorganisation", "skov"), ("Andet", "skov mod")]
    )
    # the two hidden members both wrote "skov": a reader subtracting the politicians' row
    # from the room's cloud would learn it; adding the politicians to the rest leaves no row
    rows, _ = _rows(answers)
    assert rows == []


def test_the_rows_hold_as_people_join_later() -> None:
    first = _room(
        [("Politiker", "mod"), ("Politiker", "tillid"), ("Politiker", "retning")]
        + [("Embedsperson", "viden"), ("Embedsperson", "data"), ("Embedsperson", "analyse")]
    )
    rows, decision = _rows(first)
    assert [row.group for row in rows] == ["Politiker", "Embedsperson"]
    later = {**first, 7: ("Brugerorganisation", "unik"), 8: ("Politiker", "mod")}
    rows, decision = _rows(later, decision)
    readable = _readable(rows)
    # a lone late joiner is in no row; one more politician waits until two more have come,
    # so two views never differ by one person
    assert set(readable) == {"Politiker", "Embedsperson"}
    assert readable["Politiker"] == {"mod": 1, "retning": 1, "tillid": 1}
    assert all("unik" not in words for words in readable.values())
