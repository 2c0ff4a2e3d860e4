"""Issue 21: a lone politician's side or statement cannot be read by comparing published views.

Seven phones (1 Politiker, 3 Embedsperson, 3 Brugerorganisation) and a revealed dilemma, as in
tests/support/privacy_scenario.py. Each test replays one attack from the issue: read a view, change
something an ordinary phone can change (its group, more phones, a late joiner), read again and
subtract. contributions.privacy keeps one decision per activity, so every attack comes up empty.
"""

from __future__ import annotations

import pytest

from facilitator.activities.services import open_activity
from facilitator.contributions import results
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.privacy import OTHER_GROUPS_LABEL
from facilitator.contributions.services import endorse, submit
from facilitator.contributions.validation import Submission
from facilitator.core.errors import ValidationError
from facilitator.export.builder import build_activity_report
from tests.support.privacy_scenario import (
    POLITICIAN_REASON,
    POLITICIAN_STATEMENT,
    assert_breakdown_is_safe,
    assert_labels_hold,
    assert_rows_unlabelled,
    assert_views_cannot_be_subtracted,
    by_group,
    lone_politician,
)

POLITICIAN_SIDE = [0, 1]  # what every attack below tries to compute


@pytest.fixture
def scenario(db, live_session):
    scenario = lone_politician(db, live_session)
    open_activity(db, scenario.dilemma)  # back on the revealed dilemma, results live
    return scenario


def _phone(db, session, name: str, group: str):
    return join(db, session, name * 8, Profile(group=group))


def _vote(db, person, dilemma, side: int = 0) -> None:
    submit(db, person, dilemma, Submission(f"stemme-{person.id}", f"Grund {person.id}", side=side))


def test_changing_group_after_voting_is_refused(db, scenario) -> None:
    before = results.activity_results(db, scenario.dilemma)
    assert by_group(before) == {"Brugerorganisation": [3, 0], OTHER_GROUPS_LABEL: [3, 1]}
    # A user representative who voted tries to become "Andet" (they would leave the
    # Brugerorganisation row, the rule would show Embedsperson, and "Øvrige before -
    # Embedsperson after" would be the politician).
    with pytest.raises(ValidationError, match="gruppe og organisation kan ikke ændres"):
        join(db, scenario.session, "deltager03" * 4, Profile(group="andet"))
    # ... and a changed organisation is refused the same way; the name may still change.
    with pytest.raises(ValidationError):
        join(
            db,
            scenario.session,
            "deltager03" * 4,
            Profile(group="brugerorganisation", organisation="Ny forening"),
        )
    renamed = join(
        db,
        scenario.session,
        "deltager03" * 4,
        Profile(name="Kim", group="brugerorganisation", organisation="LEV"),
    )
    assert renamed.group == "brugerorganisation" and renamed.name == "Kim"

    # A phone that has not contributed may still fix its group, then vote as "Andet".
    lurker = _phone(db, scenario.session, "tilskuer", "brugerorganisation")
    lurker = join(db, scenario.session, "tilskuer" * 8, Profile(group="andet"))
    _vote(db, lurker, scenario.dilemma)
    after = results.activity_results(db, scenario.dilemma)
    assert_views_cannot_be_subtracted(before, after)
    if "Embedsperson" in by_group(after):
        attack = [
            a - b
            for a, b in zip(
                by_group(before)[OTHER_GROUPS_LABEL], by_group(after)["Embedsperson"], strict=True
            )
        ]
        assert attack != POLITICIAN_SIDE
    assert_labels_hold(before["reasons"], after["reasons"])
    assert_rows_unlabelled(after["reasons"], POLITICIAN_REASON)


def test_extra_phones_claiming_politiker_never_get_a_row(db, scenario) -> None:
    before = results.activity_results(db, scenario.dilemma)
    fakes = [_phone(db, scenario.session, f"falsk{i}", "politiker") for i in range(3)]
    for count, fake in enumerate(fakes, start=1):
        _vote(db, fake, scenario.dilemma)
        after = results.activity_results(db, scenario.dilemma)
        assert_breakdown_is_safe(after)
        assert_views_cannot_be_subtracted(before, after)
        # "the Politiker row minus their own votes": there is no Politiker row to read.
        assert "Politiker" not in by_group(after)
        assert_rows_unlabelled(after["reasons"], POLITICIAN_REASON)
        assert_labels_hold(before["reasons"], after["reasons"])
        assert [s["count"] for s in after["sides"]] == [6 + count, 1]  # the totals are live
    # Three of them are counted together in the rest: it grew by exactly their three votes.
    assert by_group(after)[OTHER_GROUPS_LABEL] == [6, 1]
    # The export is one more view: the same rows, no Politikere.
    report = build_activity_report(db, scenario.dilemma)
    assert [(row.group, row.participants) for row in report.by_group] == [
        ("Brugerorganisationer", 3),
        (OTHER_GROUPS_LABEL, 7),
    ]


def test_a_late_embedsperson_leaves_nothing_to_subtract(db, scenario) -> None:
    before = results.activity_results(db, scenario.dilemma)
    late = _phone(db, scenario.session, "sen-embedsperson", "embedsperson")
    _vote(db, late, scenario.dilemma)
    after = results.activity_results(db, scenario.dilemma)
    # Recomputed alone, the rule would now show Embedsperson and hide Brugerorganisation:
    # "Øvrige after - Brugerorganisation before" would be the politician. The rows stay.
    assert by_group(after) == by_group(before)
    assert_views_cannot_be_subtracted(before, after)
    # The reason unlabelled in both views is one of at least three, not the politician's.
    assert_labels_hold(before["reasons"], after["reasons"])
    assert_rows_unlabelled(after["reasons"], POLITICIAN_REASON)
    # Two more: the three late ones are counted in one step, in the rest (Embedsperson was
    # hidden once in this dilemma, so it stays hidden), and a late user representative alone
    # does not move its row.
    for name in ("sen2", "sen3"):
        _vote(db, _phone(db, scenario.session, name, "embedsperson"), scenario.dilemma)
    _vote(db, _phone(db, scenario.session, "sen-bruger", "brugerorganisation"), scenario.dilemma)
    later = results.activity_results(db, scenario.dilemma)
    assert by_group(later) == {"Brugerorganisation": [3, 0], OTHER_GROUPS_LABEL: [6, 1]}
    for view in (before, after):
        assert_views_cannot_be_subtracted(view, later)
    assert_labels_hold(before["reasons"], after["reasons"], later["reasons"])


def test_statement_labels_hold_when_someone_changes_group(db, scenario) -> None:
    text = scenario.text
    open_activity(db, text)
    text.settings = {**text.settings, "endorsements": True}  # a retningspil with "Enig" on
    db.commit()
    # A fourth Embedsperson who only watches: with them, Brugerorganisation is the partner
    # hidden with the politician; once they switch to "Andet", Embedsperson would be.
    watcher = _phone(db, scenario.session, "tilskuer", "embedsperson")
    before = results.activity_results(db, text)["contributions"]
    assert_rows_unlabelled(before, POLITICIAN_STATEMENT)
    join(db, scenario.session, "tilskuer" * 8, Profile(group="andet"))
    after = results.activity_results(db, text)["contributions"]
    assert_labels_hold(before, after)  # "unlabelled before and after" is not one statement
    assert_rows_unlabelled(after, POLITICIAN_STATEMENT)
    assert [row["group"] for row in after] == [row["group"] for row in before]

    # Saying "Enig" is contributing: the group is fixed from then on.
    agreeing = _phone(db, scenario.session, "enig", "brugerorganisation")
    statement = next(c for c, _ in results.current_rows(db, text) if c.text == "Forslag nummer 3")
    endorse(db, agreeing, statement)
    with pytest.raises(ValidationError):
        join(db, scenario.session, "enig" * 8, Profile(group="andet"))
    assert watcher.group == "andet"  # (the watcher had contributed nothing)
