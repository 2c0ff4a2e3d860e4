"""The one submission parser (socket and form): strict types, normalised text."""

from __future__ import annotations

import pytest

from facilitator.contributions.submission import parse_submission, record_id
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.text import clean_text

GOOD = {"activity_id": 12, "client_id": "abcdefgh12", "text": "Vi skal turde"}


def test_a_socket_payload_becomes_a_submission() -> None:
    parsed = parse_submission({**GOOD, "side": 1, "choices": [0, 2]})
    assert (
        parsed.activity_id,
        parsed.client_id,
        parsed.text,
        parsed.side,
        list(parsed.choices),
    ) == (12, "abcdefgh12", "Vi skal turde", 1, [0, 2])


@pytest.mark.parametrize(
    "change",
    [
        {"activity_id": True},
        {"activity_id": "12"},
        {"activity_id": 1.0},
        {"activity_id": None},
        {"side": True},
        {"side": "1"},
        {"choices": [True]},
        {"choices": ["0"]},
        {"choices": 3},
        {"choices": list(range(101))},
        {"text": 5},
        {"text": ["x"]},
        {"client_id": 12345678},
    ],
)
def test_wrong_types_are_refused_in_danish(change: dict) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_submission({**GOOD, **change})
    assert "Ugyldigt bidrag" in refused.value.message


@pytest.mark.parametrize("data", ["tekst", None, [GOOD], 5])
def test_anything_but_an_object_is_refused(data: object) -> None:
    with pytest.raises(ValidationError):
        parse_submission(data)


@pytest.mark.parametrize("activity_id", [2**70, 2**31, 0, -1])
def test_ids_that_cannot_exist_are_not_found(activity_id: int) -> None:
    with pytest.raises(NotFound):
        parse_submission({**GOOD, "activity_id": activity_id})
    with pytest.raises(NotFound):
        record_id(activity_id)


def test_a_lone_surrogate_is_refused_with_a_message() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_submission({**GOOD, "text": "hej \ud800"})
    assert "ugyldige tegn" in refused.value.message


def test_text_is_normalised() -> None:
    assert clean_text("Cafe\u0301") == "Café" and len(clean_text("Cafe\u0301")) == 4  # NFC
    assert clean_text("a\u202eb\u2066c\u2069") == "abc"  # bidi overrides/isolates go
    assert clean_text(" to\x00 linjer\r\n\tog\x07 tab ") == "to linjer\n\tog tab"
    assert clean_text("emoji \U0001f468\u200d\U0001f469") == "emoji \U0001f468\u200d\U0001f469"


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b\u200c\u200d",
        "\u2060\ufeff",
        "\u00ad \u200b",
        "\u202a\u202c",
        "\u2066 \u2069",
        "\x00\x01",
    ],
)
def test_invisible_only_text_is_empty(invisible: str) -> None:
    assert clean_text(invisible) == ""
    assert parse_submission({**GOOD, "text": invisible}).text == ""


def test_the_form_sends_numbers_as_strings() -> None:
    parsed = parse_submission(
        {**GOOD, "activity_id": "12", "side": "", "choices": ["0", "3"]}, from_form=True
    )
    assert (parsed.activity_id, parsed.side, list(parsed.choices)) == (12, None, [0, 3])
    assert parse_submission({**GOOD, "side": "1"}, from_form=True).side == 1
    for bad in ({"activity_id": "12a"}, {"side": "-1"}, {"choices": ["x"]}, {"side": "١"}):
        with pytest.raises(ValidationError):
            parse_submission({**GOOD, **bad}, from_form=True)
