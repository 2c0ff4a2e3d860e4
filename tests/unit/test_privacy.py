"""The one breakdown rule: no group of fewer than 3 can be read, directly or by subtraction."""

from __future__ import annotations

from facilitator.contributions.privacy import (
    MIN_GROUP_SIZE,
    Decision,
    count_rows,
    disclosable_groups,
    disclosable_labels,
    hidden_groups,
    suppress_breakdown,
)


def _readable_by_subtraction(rows: dict[str, list[int]]) -> bool:
    """Could totals minus the shown rows (and the others row) single out fewer than 3 people?"""
    breakdown = suppress_breakdown(rows)
    totals = [sum(column) for column in zip(*rows.values(), strict=True)]
    shown = (
        [sum(column) for column in zip(*breakdown.shown.values(), strict=True)]
        if breakdown.shown
        else [0] * len(totals)
    )
    rest = [t - s for t, s in zip(totals, shown, strict=True)]
    # A room of fewer than 3 is readable from its own totals; no breakdown can change that.
    return sum(totals) >= MIN_GROUP_SIZE and 0 < sum(rest) < MIN_GROUP_SIZE


def test_threshold_is_three() -> None:
    assert MIN_GROUP_SIZE == 3


def test_lone_politician_among_seven_is_hidden_with_the_next_smallest_group() -> None:
    rows = {"Politiker": [1, 0], "Embedsperson": [2, 2], "Brugerorganisation": [1, 1]}
    breakdown = suppress_breakdown(rows)
    # Politiker (1) and Brugerorganisation (2) are below 3 but make 3 together.
    assert breakdown.shown == {"Embedsperson": [2, 2]}
    assert breakdown.others == [2, 1]
    assert not _readable_by_subtraction(rows)


def test_one_small_group_pulls_in_the_smallest_shown_group() -> None:
    rows = {"Politiker": [1, 0], "Embedsperson": [3, 2], "Andet": [2, 1]}
    breakdown = suppress_breakdown(rows)
    assert set(breakdown.shown) == {"Embedsperson"}  # Andet (3) hidden with the politician
    assert breakdown.others == [3, 1]
    assert breakdown.rows("Øvrige") == [("Embedsperson", [3, 2]), ("Øvrige", [3, 1])]
    assert "Politiker" not in breakdown.shown and not _readable_by_subtraction(rows)


def test_two_small_groups_of_one_hide_a_third_group() -> None:
    rows = {"Politiker": [1, 0], "Andet": [0, 1], "Embedsperson": [4, 4], "Ikke oplyst": [3, 0]}
    breakdown = suppress_breakdown(rows)
    assert breakdown.shown == {"Embedsperson": [4, 4]}
    assert breakdown.others == [4, 1]


def test_no_small_group_shows_everything_and_no_others_row() -> None:
    rows = {"Politiker": [3, 0], "Embedsperson": [1, 2]}
    assert suppress_breakdown(rows).shown == rows  # a unanimous group of 3 is shown (see module)
    assert suppress_breakdown(rows).others is None


def test_fewer_than_three_in_all_shows_nothing_not_even_an_others_row() -> None:
    breakdown = suppress_breakdown({"Politiker": [1, 0], "Andet": [0, 1]})
    assert breakdown.shown == {} and breakdown.others is None


def test_empty_groups_are_neither_shown_nor_counted() -> None:
    breakdown = suppress_breakdown({"Politiker": [0, 0], "Embedsperson": [2, 3]})
    assert breakdown.shown == {"Embedsperson": [2, 3]} and breakdown.others is None
    assert hidden_groups({}) == set()


def test_every_small_table_is_safe_against_subtraction() -> None:
    import itertools

    for sizes in itertools.product(range(5), repeat=3):
        rows = {f"g{i}": [n, 0] for i, n in enumerate(sizes)}
        breakdown = suppress_breakdown(rows)
        assert all(sum(c) >= MIN_GROUP_SIZE for c in breakdown.shown.values())
        assert breakdown.others is None or sum(breakdown.others) >= MIN_GROUP_SIZE
        assert not _readable_by_subtraction(rows), sizes


def test_participant_counts_merge_small_groups_only_when_three_together() -> None:
    assert count_rows({"Politiker": 1, "Embedsperson": 5, "Andet": 2}, "Øvrige") == [
        ("Embedsperson", 5),
        ("Øvrige", 3),
    ]
    assert count_rows({"Politiker": 1, "Embedsperson": 5}, "Øvrige") == [("Øvrige", 6)]
    assert count_rows({"Politiker": 1, "Embedsperson": 1}, "Øvrige") == []
    assert count_rows({"Politiker": 1, "Embedsperson": 5, "Andet": 3}, "Øvrige") == [
        ("Embedsperson", 5),
        ("Øvrige", 4),
    ]


def test_disclosable_groups_use_the_same_rule() -> None:
    assert disclosable_groups({"Politiker": 1, "Embedsperson": 6, "Andet": 4}) == {"Embedsperson"}
    assert disclosable_groups({"Politiker": 3, "Embedsperson": 6}) == {"Politiker", "Embedsperson"}
    # people who never show a label hide among the hidden ones
    assert disclosable_groups({"KL": 1, "Region": 5}, withheld=2) == {"Region"}
    assert disclosable_groups({"KL": 1, "Region": 5}, withheld=0) == set()


def test_labels_never_narrow_a_person_below_three() -> None:
    people = {
        ("Politiker", "KL"): 1,
        ("Brugerorganisation", "Region"): 2,
        ("Embedsperson", "KL"): 3,
        ("Embedsperson", "Region"): 2,
        ("Embedsperson", None): 1,
        ("Andet", "Region"): 4,
        ("Andet", "Læsø"): 1,
        ("Andet", None): 2,
    }
    labels = disclosable_labels(people)
    assert labels[("Politiker", "KL")] == (None, None)  # lone politician: neither label
    assert labels[("Embedsperson", "KL")] == ("Embedsperson", "KL")
    # 2 from Region + 1 without organisation: together 3 blank-organisation rows
    assert labels[("Embedsperson", "Region")] == ("Embedsperson", None)
    assert labels[("Andet", "Region")] == ("Andet", "Region")
    assert labels[("Andet", "Læsø")] == ("Andet", None)  # hides among the 2 without one
    assert disclosable_labels({("Andet", "Region"): 4, ("Andet", "Læsø"): 1})[
        ("Andet", "Region")
    ] == ("Andet", None)  # else "Andet, blank" would be Læsø
    assert labels[("Brugerorganisation", "Region")] == (None, None)
    classes: dict[tuple[str | None, str | None], int] = {}
    for person, n in people.items():
        classes[labels[person]] = classes.get(labels[person], 0) + n
    assert all(n >= MIN_GROUP_SIZE for n in classes.values()), classes


def test_labels_hide_everything_when_fewer_than_three_people() -> None:
    labels = disclosable_labels({("Politiker", "KL"): 1, ("Andet", "KL"): 1})
    assert set(labels.values()) == {(None, None)}


def test_decision_fixes_the_shown_groups_and_admits_newcomers_three_at_a_time() -> None:
    room = {1: "P", 2: "E", 3: "E", 4: "E", 5: "B", 6: "B", 7: "B"}
    first = Decision().admit(room)
    assert first.shown == {"B"} and set(first.admitted) == set(room)
    votes = {pid: (group, 1 if group == "P" else 0) for pid, group in room.items()}
    assert first.breakdown(votes, 2, ["P", "E", "B"]).rows("rest") == [
        ("B", [3, 0]),
        ("rest", [3, 1]),
    ]
    # Two late "P" phones: they wait; a third makes a step of three into the rest.
    late = {**room, 8: "P", 9: "P"}
    assert Decision.loads(first.dumps()).admit(late) == first
    more = first.admit({**late, 10: "P"})
    assert more.shown == {"B"} and {8, 9, 10} <= set(more.admitted)
    assert Decision.loads(more.dumps()) == more


def test_decision_waits_until_three_can_be_split() -> None:
    assert Decision().admit({1: "E", 2: "B"}) == Decision()
    assert Decision().admit({1: "E", 2: "B", 3: "P"}).shown == frozenset()
