"""Issue 9's probe: one politician among seven, whose choice and statement must stay unreadable.

Shared by the domain, web and realtime privacy tests. The politician alone takes the second
side of the dilemma and writes a statement; everybody else takes the first side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from facilitator.activities.models import Activity
from facilitator.activities.services import open_activity, reveal_results
from facilitator.contributions.models import Participant
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.privacy import MIN_GROUP_SIZE, OTHER_GROUPS_LABEL
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.sessions.models import WorkshopSession

POLITICIAN_REASON = "Borgmesterens egen begrundelse"
POLITICIAN_STATEMENT = "Borgmesterens eget forslag"
POLITICIAN_ORGANISATION = "Læsø Kommune"
# Every way an output could name the lone politician's group or organisation.
GIVEAWAYS = re.compile(r"politiker|Læsø", re.IGNORECASE)
OTHERS = [("embedsperson", "Region Nordjylland")] * 3 + [("brugerorganisation", "LEV")] * 3


@dataclass
class Scenario:
    session: WorkshopSession
    dilemma: Activity
    text: Activity
    politician: Participant


def lone_politician(
    db: Session, session: WorkshopSession, politician: Participant | None = None
) -> Scenario:
    """Seven people (the politician can be a phone that joined over HTTP), all votes in and the
    dilemma's results revealed; the text activity is left open."""
    politician = politician or join(
        db,
        session,
        "borgmester" * 4,
        Profile(group="politiker", organisation=POLITICIAN_ORGANISATION),
    )
    others = [
        join(db, session, f"deltager{i:02d}" * 4, Profile(group=g, organisation=o))
        for i, (g, o) in enumerate(OTHERS)
    ]
    dilemma = next(a for a in session.activities if a.kind == "dilemma")
    text = next(a for a in session.activities if a.kind == "retningspil")
    open_activity(db, dilemma)
    submit(db, politician, dilemma, Submission("borgmester-valg", POLITICIAN_REASON, side=1))
    for i, person in enumerate(others):
        submit(db, person, dilemma, Submission(f"valg-{i:04d}", f"Begrundelse nummer {i}", side=0))
    reveal_results(db, dilemma, True)
    open_activity(db, text)
    submit(db, politician, text, Submission("borgmester-tekst", POLITICIAN_STATEMENT))
    for i, person in enumerate(others):
        submit(db, person, text, Submission(f"tekst-{i:04d}", f"Forslag nummer {i}"))
    return Scenario(session, dilemma, text, politician)


def assert_breakdown_is_safe(results: dict) -> None:
    """No row below 3, and the totals minus the named rows leave 0 or at least 3 people."""
    rows = results["by_group"]
    assert all(row.get("counts") is not None and row["size"] >= MIN_GROUP_SIZE for row in rows)
    named = [row for row in rows if not row.get("others")]
    rest = results["total"] - sum(row["size"] for row in named)
    assert rest == 0 or rest >= MIN_GROUP_SIZE, rows
    assert not GIVEAWAYS.search(str(rows))


def assert_rows_unlabelled(rows: Iterable[dict], text: str) -> None:
    """The politician's row exists and carries no group."""
    mine = [row for row in rows if row["text"] == text]
    assert mine and all(not row.get("group") for row in mine), mine


def by_group(results: dict) -> dict[str, list[int]]:
    """A dilemma view's breakdown as label -> counts (the added-up rest under its label)."""
    return {row["group"]: row["counts"] for row in results["by_group"]}


def assert_views_cannot_be_subtracted(before: dict, after: dict) -> None:
    """Issue 21: two published views of one dilemma. The named rows are the same groups, and
    every row (and the added-up rest) is unchanged or changed by at least 3 people, so no
    difference of rows singles out fewer than 3."""
    old, new = by_group(before), by_group(after)
    assert set(old) - {OTHER_GROUPS_LABEL} == set(new) - {OTHER_GROUPS_LABEL}, (old, new)
    for label in old.keys() & new.keys():
        moved = sum(new[label]) - sum(old[label])
        assert moved == 0 or abs(moved) >= MIN_GROUP_SIZE, (label, old[label], new[label])


def assert_labels_hold(*views: Iterable[dict]) -> None:
    """Issue 21: rows (reasons, statements) present in every view, sorted by the labels they
    carry across the views: every kind that is unlabelled somewhere holds at least 3 rows, so
    "unlabelled before and after" (or "unlabelled, then labelled") never points at one."""
    seen = [{row["id"]: row.get("group") or "" for row in rows} for rows in views]
    common = set.intersection(*(set(view) for view in seen))
    kinds: dict[tuple[str, ...], int] = {}
    for row_id in common:
        signature = tuple(view[row_id] for view in seen)
        kinds[signature] = kinds.get(signature, 0) + 1
    for signature, n in kinds.items():
        assert all(signature) or n >= MIN_GROUP_SIZE, kinds
