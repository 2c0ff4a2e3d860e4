"""The participant's pages without JavaScript (issue 20): others' statements 30 at a time and
sortable by agreement, and no English WTForms message on a Danish page."""

from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from facilitator.core.i18n import use_locale
from facilitator.web.facilitate.forms import ActivityForm
from facilitator.web.participate.forms import JoinForm
from tests.web.test_phone_room import _endorse, _join, _open, _row, _send


def _listed(page: str) -> list[str]:
    """The others' statements on the page, in the order shown."""
    listed = page.split('class="statements endorse-list"')[1].split("</ul>")[0]
    return re.findall(r'<span id="t-\d+">([^<]*)</span>', listed)


def test_others_statements_come_30_at_a_time_and_sort_by_agreement(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil", endorsements=True)
    authors = [_join(app, live_session) for _ in range(4)]
    for a, author in enumerate(authors):  # 36: within each author's submit rate (10 per 10 s)
        for n in range(9):
            _send(author, live_session, activity, f"Udsagn {a}-{n}", f"c{a:02d}{n:02d}" * 4)
    reader = _join(app, live_session, "politiker")
    for fan in authors[1:]:  # an early statement gets 3 "Enig", a later one 1
        _endorse(fan, live_session, _row(db, "Udsagn 0-1"))
    _endorse(authors[0], live_session, _row(db, "Udsagn 2-4"))

    page = reader.get(f"/s/{live_session.join_code}").get_data(as_text=True)
    shown = _listed(page)
    assert len(shown) == 30 and shown[0] == "Udsagn 3-8"  # the newest first
    assert "Viser 30 af 36" in page and "Vis 6 flere" in page
    more = re.search(r'href="([^"]*vis=60[^"]*)"', page).group(1).replace("&amp;", "&")
    assert len(_listed(reader.get(more).get_data(as_text=True))) == 36

    by_agreement = reader.get(f"/s/{live_session.join_code}?sorter=enige").get_data(as_text=True)
    shown = _listed(by_agreement)
    assert shown[:3] == ["Udsagn 0-1", "Udsagn 2-4", "Udsagn 3-8"]  # ties: the newest first
    assert 'aria-current="true">Flest enige' in by_agreement
    # nonsense in the address is the first page, never an error
    page = reader.get(f"/s/{live_session.join_code}?vis=-5&sorter=x").get_data(as_text=True)
    assert len(_listed(page)) == 30


def test_wtforms_own_messages_are_danish_or_the_readers_language(app) -> None:
    data = MultiDict({"title": "Afstemning", "max_choices": "50", "topics": "A\nB"})
    with app.test_request_context(method="POST", data=data):
        form = ActivityForm(meta={"csrf": False})
        assert not form.max_choices.validate(form)
        assert form.max_choices.errors == ["Skriv et tal fra 1 til 20."]
        with use_locale("en"):
            form = ActivityForm(meta={"csrf": False})
            form.max_choices.validate(form)
            assert form.max_choices.errors == ["Enter a number from 1 to 20."]
    with app.test_request_context(method="POST", data=MultiDict({"max_choices": "tre"})):
        form = ActivityForm(meta={"csrf": False})
        form.max_choices.validate(form)
        assert form.max_choices.errors[0] == "Skriv et helt tal."  # the range may follow
    # every validator on the join form has a Danish message of its own
    with app.test_request_context(method="POST", data=MultiDict({"table_number": "1" * 11})):
        form = JoinForm(meta={"csrf": False})
        assert not form.validate() and form.table_number.errors == ["Højst 10 tegn."]
