"""Issue 23, homogeneity: a row holding members of suppressed groups is never a unanimous split.

"Øvrige grupper 5 | 0 | 5" says what the lone members behind it chose. Tested exhaustively on
small tables (every assignment of a few people to groups and options), for the one-off rule
(suppress_breakdown) and for an activity's decision over time (Decision.breakdown).
"""

from __future__ import annotations

import itertools

from facilitator.contributions.privacy import (
    MIN_GROUP_SIZE,
    Breakdown,
    Decision,
    count_rows,
    suppress_breakdown,
    unanimous,
)


def _complement(totals: list[int], breakdown: Breakdown) -> list[int]:
    """What a reader gets from the room's totals minus the shown rows."""
    shown = [sum(column) for column in zip(*breakdown.shown.values(), strict=True)]
    return [t - s for t, s in zip(totals, shown or [0] * len(totals), strict=True)]


def _assert_safe(rows: dict[str, list[int]], breakdown: Breakdown) -> None:
    totals = [sum(column) for column in zip(*rows.values(), strict=True)]
    suppressed = any(0 < sum(c) < MIN_GROUP_SIZE for c in rows.values())
    rest = _complement(totals, breakdown)
    # the earlier rules still hold
    assert all(sum(c) >= MIN_GROUP_SIZE for c in breakdown.shown.values()), rows
    assert breakdown.others is None or sum(breakdown.others) >= MIN_GROUP_SIZE, rows
    if sum(totals) >= MIN_GROUP_SIZE:
        assert sum(rest) == 0 or sum(rest) >= MIN_GROUP_SIZE, rows
    # homogeneity: neither the published rest nor the subtraction is unanimous
    assert breakdown.others is None or not unanimous(breakdown.others), (rows, breakdown)
    if breakdown.shown and suppressed:
        assert not unanimous(rest), (rows, breakdown)
    # nothing shown beyond what the rule hides: a shown row is a whole group's own counts
    for key, counts in breakdown.shown.items():
        assert counts == rows[key]


def test_the_issue_table_folds_the_smallest_group_into_the_rest() -> None:
    # Two lone members (Politiker, Andet) and three officials, all on the second side.
    # Before: "Øvrige grupper 5 | 0 | 5" (the lone members' side readable).
    rows = {
        "Politiker": [0, 1],
        "Andet": [0, 1],
        "Embedsperson": [0, 3],
        "Brugerorganisation": [4, 2],
        "Ikke oplyst": [3, 4],
    }
    breakdown = suppress_breakdown(rows)
    assert "Embedsperson" not in breakdown.shown  # pulled in to make 3 (complementary)
    assert breakdown.others is not None and not unanimous(breakdown.others)
    # the rest (Politiker, Andet, Embedsperson) would be 0 | 5: the smallest shown group joins
    assert breakdown.rows("Øvrige") == [("Ikke oplyst", [3, 4]), ("Øvrige", [4, 7])]
    _assert_safe(rows, breakdown)


def test_a_unanimous_group_of_three_alone_is_still_shown() -> None:
    rows = {"Politiker": [3, 0], "Embedsperson": [1, 2], "Andet": [2, 2]}
    assert suppress_breakdown(rows).shown == rows  # nobody suppressed: group disclosure


def test_a_unanimous_room_splits_nothing() -> None:
    rows = {"Politiker": [1, 0], "Embedsperson": [4, 0], "Andet": [2, 0]}
    breakdown = suppress_breakdown(rows)
    assert breakdown.shown == {} and breakdown.others is None


def test_participant_counts_have_no_options_and_are_not_folded() -> None:
    assert count_rows({"Politiker": 1, "Embedsperson": 5, "Andet": 2}, "Øvrige") == [
        ("Embedsperson", 5),
        ("Øvrige", 3),
    ]


def test_every_small_table_with_two_options() -> None:
    # 3 groups x 2 options, 0-3 people per cell: 4,096 tables
    for cells in itertools.product(range(4), repeat=6):
        rows = {f"g{i}": [cells[2 * i], cells[2 * i + 1]] for i in range(3)}
        _assert_safe(rows, suppress_breakdown(rows))


def test_every_small_table_with_three_options() -> None:
    # 2 groups x 3 options and a third group of 0-2 people: every assignment up to 2 per cell
    for cells in itertools.product(range(3), repeat=6):
        for lone in itertools.product(range(2), repeat=3):
            rows = {"a": list(cells[:3]), "b": list(cells[3:]), "c": list(lone)}
            _assert_safe(rows, suppress_breakdown(rows))


def test_every_assignment_of_people_over_time() -> None:
    """Decision: six people, every assignment to three groups and two sides (46,656 rooms),
    with the decision fixed with everyone or before the last one came (who then waits and
    counts only in the totals): every view keeps the homogeneity rule."""
    groups = ["P", "E", "B"]
    for members in itertools.product(range(3), repeat=6):
        room = {pid: groups[g] for pid, g in enumerate(members)}
        for first in (Decision().admit(room), Decision().admit(dict(list(room.items())[:-1]))):
            for sides in itertools.product(range(2), repeat=len(room)):
                _assert_view_safe(first, {pid: (room[pid], s) for pid, s in enumerate(sides)})


def _assert_view_safe(first: Decision, votes: dict[int, tuple[str, int]]) -> None:
    view = first.breakdown(votes, 2, ["P", "E", "B"])
    if first.shown is None:
        assert view.shown == {} and view.others is None
        return
    totals = [sum(1 for _, side in votes.values() if side == i) for i in range(2)]
    assert all(sum(c) >= MIN_GROUP_SIZE for c in view.shown.values())
    assert view.others is None or not unanimous(view.others), (votes, view)
    counted = {
        pid for pid, (group, _) in votes.items() if group in view.shown and first.tagged(pid, group)
    }
    outside = {group for pid, (group, _) in votes.items() if pid not in counted}
    if view.shown and outside - set(view.shown):  # the subtraction holds a suppressed member
        assert not unanimous(_complement(totals, view)), (votes, view)


def test_a_group_added_to_the_rest_tags_no_reason_in_that_view() -> None:
    # The lone A hides with P (3, the smallest); E and "-" (4 each) are shown. A and P all
    # take side 0, so the rest alone would read 4 | 0: E (first of the smallest) joins it.
    groups = ["P"] * 3 + ["E"] * 4 + ["-"] * 4 + ["A"]
    room = dict(enumerate(groups))
    first = Decision().admit(room)
    assert first.shown == {"E", "-"}
    sides = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0]
    votes = {pid: (group, sides[pid]) for pid, group in room.items()}
    view = first.breakdown(votes, 2, ["P", "E", "-", "A"])
    assert view.rows("rest") == [("-", [0, 4]), ("rest", [5, 3])]
    shown = first.as_shown(view)
    assert shown.tagged(7, "-") and not shown.tagged(3, "E") and not shown.tagged(0, "P")
    assert first.tagged(3, "E")  # the stored decision itself is unchanged
