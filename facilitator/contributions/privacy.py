"""The one rule for what a breakdown by group may show: no group of fewer than 3 is readable.

Pure (no Flask, no database). Live results, socket payloads, the console, the projector and
every export ask this module, so the threshold and the rule live in one place.

The rule, as statistics offices apply it to small tables:

* Primary suppression: a group of fewer than MIN_GROUP_SIZE people is never shown on its own:
  no counts, no size, and no per-row label (a reason or statement is not tagged with it).
* Complementary suppression: the room's totals are always published, so "totals minus the shown
  groups" gives the hidden groups together. When the hidden groups are fewer than MIN_GROUP_SIZE
  people together, the smallest shown group is hidden as well (and so on) until they are at
  least MIN_GROUP_SIZE together, or everything is hidden. Hidden groups are published only added
  up, as one "Øvrige grupper" row, and only when that row has at least MIN_GROUP_SIZE people:
  it then says no more than the subtraction does. The same holds for per-row labels: the rows
  without a label must stand for at least MIN_GROUP_SIZE people, or they would point at the
  lone person as surely as a label.
* Over time (issue 21): a view is not judged alone, because two views can be subtracted. An
  activity keeps one Decision for its whole life (persisted on the activity):
  - the groups shown in its breakdown are fixed at the first view that shows any (decided
    with the complementary suppression above); every other group, including one that appears
    or grows later, stays hidden in it: a row that late joiners would make big enough never
    appears, so "that row minus my own phones" is never on offer;
  - a row (and the added-up rest) counts only the people admitted to it; newcomers are
    admitted MIN_GROUP_SIZE at a time, so the difference between two views of a row (or of
    the rest) is at least MIN_GROUP_SIZE people, never one late joiner or one who switched;
  - which groups may tag a statement is fixed the same way at the activity's first view, so
    a statement is unlabelled in every view or in none;
  - which tables a person's statement may be shown under (facilitator/tables/grouping.py) is
    fixed once too, at the first published by-table view with a person's statement: a table
    that appears or grows to 3 later stays under "Øvrige borde" in that activity.
  A participant's own group and table are fixed once they have contributed
  (contributions.participants.join), so a counted person never moves between rows or tables.
  What no rule here can stop: several phones claiming a group from the start (self-declared
  groups); see README "Databeskyttelse".
* Homogeneity (issue 23, the statistics offices' dominance rule): a row that holds members of
  suppressed groups is never shown as a per-option split in which everyone chose the same
  option. "Øvrige grupper 5 | 0 | 5" would say what the two lone members behind it chose, as
  surely as their own rows. The rows that hold suppressed members are the added-up rest and
  what a reader gets by subtraction (the room's totals minus the shown rows); when either is
  unanimous, the smallest shown group is added to the rest as well (and so on) until it is
  not, or until nothing is split at all. Decided per view: the votes behind it change.
* Group disclosure (every member of a shown group chose the same side) is accepted: such a row
  holds no member of a suppressed group, a group of 3 that agrees is a finding the room needs,
  and the room's own totals have the same property (a unanimous room reveals every vote). The
  promise is that no published figure or label narrows a choice or a statement down to fewer
  than MIN_GROUP_SIZE people.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from facilitator.core.i18n import N_, gettext

MIN_GROUP_SIZE = 3
# Row labels: Danish keys (results and exports compare rows by them), marked for translation;
# gettext(label) where a reader sees them.
OTHER_GROUPS_LABEL = N_("Øvrige grupper")
OTHER_ORGANISATIONS_LABEL = N_("Øvrige organisationer")


def suppressed_label() -> str:
    """What a withheld count reads as, in the current language ("færre end 3")."""
    return gettext("færre end %(n)s", n=MIN_GROUP_SIZE)


def privacy_note() -> str:
    """The rule in full for readers of a page or document, in the current language."""
    return gettext(
        "Af hensyn til deltagernes anonymitet vises grupper og organisationer med færre end "
        "%(n)s personer ikke hver for sig. De lægges sammen under »%(groups)s« eller "
        "»%(organisations)s« (om nødvendigt sammen med den mindste anden), når de tilsammen er "
        "mindst %(n)s, og et bidrag mærkes kun med gruppe og organisation, når mindst %(n)s "
        "deltagere deler dem.",
        n=MIN_GROUP_SIZE,
        groups=gettext(OTHER_GROUPS_LABEL),
        organisations=gettext(OTHER_ORGANISATIONS_LABEL),
    )


def group_table_note() -> str:
    """The same rule in one line, for tables after the first (a committee reads it once in
    full), in the current language."""
    return gettext(
        "Grupper med færre end %(n)s personer indgår kun samlet under »%(groups)s«.",
        n=MIN_GROUP_SIZE,
        groups=gettext(OTHER_GROUPS_LABEL),
    )


K = TypeVar("K", bound=Hashable)


def hidden_groups(sizes: Mapping[K, int], withheld: int = 0) -> set[K]:
    """Groups that may not be shown on their own: primary plus complementary suppression.

    `withheld` counts people who show no group at all anyway (e.g. no organisation given):
    they hide among the hidden groups, so they count towards the hidden groups' total.
    """
    present = {key: n for key, n in sizes.items() if n > 0}
    hidden = {key for key, n in present.items() if n < MIN_GROUP_SIZE}
    hidden_total = withheld + sum(present[key] for key in hidden)
    # Smallest first; sorted() is stable, so ties keep the caller's order (deterministic).
    candidates = sorted((key for key in present if key not in hidden), key=lambda k: present[k])
    for key in candidates:
        if not 0 < hidden_total < MIN_GROUP_SIZE:
            break
        hidden.add(key)
        hidden_total += present[key]
    return hidden


def disclosable_groups(sizes: Mapping[K, int], withheld: int = 0) -> set[K]:
    """Groups whose label may appear on a row (a reason, a statement, an annex line)."""
    hidden: set[K] = hidden_groups(sizes, withheld)
    return {key for key, n in sizes.items() if n > 0 and key not in hidden}


@dataclass(frozen=True)
class Breakdown(Generic[K]):
    """What a table of counts per group may show."""

    shown: dict[K, list[int]]  # group -> counts per column, in the caller's order
    others: list[int] | None  # the hidden groups added up; None when none or fewer than 3

    def rows(self, others_label: str) -> list[tuple[K | str, list[int]]]:
        """The shown groups, then the rest added up under `others_label` (when it may show)."""
        return [*self.shown.items(), *([(others_label, self.others)] if self.others else [])]


def unanimous(counts: Sequence[int]) -> bool:
    """Everyone counted in the row chose the same option (an empty row: nobody to read)."""
    return len(counts) > 1 and sum(counts) > 0 and max(counts) == sum(counts)


def _add(a: Sequence[int], b: Sequence[int]) -> list[int]:
    return [x + y for x, y in zip(a, b, strict=True)]


def without_homogeneous_rest(
    shown: Mapping[K, Sequence[int]],
    others: Sequence[int],
    outside: Sequence[int] | None = None,
    outside_hidden: bool = False,
) -> Breakdown[K]:
    """The homogeneity rule (see the module): shown rows and the added-up rest, with the
    smallest shown rows added to the rest until neither the published rest nor the totals
    minus the shown rows is unanimous while it holds members of suppressed groups.

    `others` counts the members of suppressed groups (everyone not in a shown row);
    `outside` counts people only in the totals (not yet admitted to any row), and
    `outside_hidden` says whether any of them belongs to a group without a shown row.
    """
    rows = {key: list(counts) for key, counts in shown.items()}
    rest = list(others)
    extra = list(outside) if outside is not None else [0] * len(rest)

    def disclosing() -> bool:
        published = sum(rest) >= MIN_GROUP_SIZE and unanimous(rest)
        subtracted = _add(rest, extra)
        holds_hidden = sum(rest) > 0 or (outside_hidden and sum(extra) > 0)
        return published or (holds_hidden and unanimous(subtracted))

    while disclosing():
        if not rows:  # nothing left to add: no split by group at all, the totals stand alone
            return Breakdown({}, None)
        # Smallest first; min() keeps the first of equals (the caller's order): deterministic.
        smallest = min(rows, key=lambda key: sum(rows[key]))
        rest = _add(rest, rows.pop(smallest))
    return Breakdown(rows, rest if sum(rest) >= MIN_GROUP_SIZE else None)


def suppress_breakdown(rows: Mapping[K, Sequence[int]]) -> Breakdown[K]:
    """Counts per group and column (e.g. dilemma sides); a group's size is its row sum."""
    sizes = {key: sum(counts) for key, counts in rows.items()}
    hidden = hidden_groups(sizes)
    shown = {
        key: list(counts) for key, counts in rows.items() if sizes[key] > 0 and key not in hidden
    }
    width = max((len(counts) for counts in rows.values()), default=0)
    others = [sum(rows[key][i] for key in hidden if i < len(rows[key])) for i in range(width)]
    if not hidden or sum(others) < MIN_GROUP_SIZE:
        return Breakdown(shown, None)
    return without_homogeneous_rest(shown, others)


def count_rows(sizes: Mapping[str, int], others_label: str) -> list[tuple[str, int]]:
    """People per group as table rows, the added-up rest last under `others_label`."""
    breakdown = suppress_breakdown({key: [n] for key, n in sizes.items()})
    return [(label, counts[0]) for label, counts in breakdown.rows(others_label)]


Person = tuple[str, str | None]  # (group label, organisation or None when not given)


def disclosable_labels(people: Mapping[Person, int]) -> dict[Person, tuple[str | None, str | None]]:
    """Which group and organisation each kind of person may be tagged with on a row.

    Input: how many participants have each (group, organisation). Output, for each of them:
    (group or None, organisation or None), None meaning "left blank". The group follows
    `disclosable_groups`, exactly as on the live screens, so outputs cannot be combined to
    narrow anyone down. Within each published group (blank included) an organisation is shown
    only when at least MIN_GROUP_SIZE people share that group and organisation, and the rows
    left blank stand for at least MIN_GROUP_SIZE people too (complementary suppression).
    """
    groups: Counter[str] = Counter()
    for (group, _), n in people.items():
        groups[group] += n
    shown_groups = disclosable_groups(groups)
    published: dict[Person, tuple[str | None, str | None]] = {}
    by_class: dict[str | None, Counter[str]] = {}
    not_given: Counter[str | None] = Counter()
    for (group, organisation), n in people.items():
        label = group if group in shown_groups else None
        if organisation is None:
            not_given[label] += n
        else:
            by_class.setdefault(label, Counter())[organisation] += n
    shown_orgs = {
        label: disclosable_groups(orgs, withheld=not_given[label])
        for label, orgs in by_class.items()
    }
    for group, organisation in people:
        label = group if group in shown_groups else None
        shown = organisation is not None and organisation in shown_orgs.get(label, set())
        published[(group, organisation)] = (label, organisation if shown else None)
    return published


@dataclass(frozen=True)
class Decision:
    """What one activity has published by group, for its whole life (see the module's
    "Over time"). Stored on the activity as JSON text (`dumps`/`loads`)."""

    shown: frozenset[str] | None = None  # groups with a row; None: no breakdown yet
    admitted: Mapping[int, str] = field(default_factory=dict)  # person -> group counted
    labels: frozenset[str] | None = None  # groups a statement may carry; None: undecided
    # tables a person's statement may be shown under (tables.grouping); None: undecided
    tables: frozenset[int] | None = None

    def dumps(self) -> str:
        data: dict[str, object] = {
            "shown": None if self.shown is None else sorted(self.shown),
            "admitted": {str(pid): group for pid, group in sorted(self.admitted.items())},
            "labels": None if self.labels is None else sorted(self.labels),
        }
        if self.tables is not None:  # left out while undecided: a stored text stays as it was
            data["tables"] = sorted(self.tables)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def loads(cls, text: str | None) -> Decision:
        if not text:
            return cls()
        data = json.loads(text)
        return cls(
            None if data.get("shown") is None else frozenset(data["shown"]),
            {int(pid): group for pid, group in data.get("admitted", {}).items()},
            None if data.get("labels") is None else frozenset(data["labels"]),
            None if data.get("tables") is None else frozenset(int(n) for n in data["tables"]),
        )

    def admit(self, voters: Mapping[int, str]) -> Decision:
        """The decision after a view of `voters` (person -> group) is published.

        The first time at least MIN_GROUP_SIZE people can be split safely, the shown groups
        are chosen (primary and complementary suppression) and everyone is admitted. After
        that the shown groups never change, and newcomers join their group's row, or the
        added-up rest when their group is hidden, only MIN_GROUP_SIZE at a time.
        """
        # Someone counted under another group (it can only change once all they gave is gone)
        # waits again, like a newcomer.
        pending = {pid: group for pid, group in voters.items() if self.admitted.get(pid) != group}
        if not pending:
            return self
        if self.shown is None:
            sizes = Counter(pending.values())
            hidden = hidden_groups(sizes)
            rest = sum(sizes[group] for group in hidden)
            if 0 < rest < MIN_GROUP_SIZE:  # fewer than 3 in all: nothing may be split yet
                return self
            return replace(self, shown=frozenset(sizes) - hidden, admitted=dict(voters))
        waiting: dict[str | None, list[int]] = {}
        for pid, group in pending.items():
            waiting.setdefault(group if group in self.shown else None, []).append(pid)
        admitted = dict(self.admitted)
        for pids in waiting.values():
            if len(pids) >= MIN_GROUP_SIZE:
                admitted.update({pid: pending[pid] for pid in pids})
        return replace(self, admitted=admitted) if len(admitted) > len(self.admitted) else self

    def breakdown(
        self, votes: Mapping[int, tuple[str, int]], width: int, order: Iterable[str]
    ) -> Breakdown[str]:
        """Counts per shown group (in `order`) and the added-up rest, from the admitted people's
        current votes (person -> (group, column)); people not yet admitted count only in the
        totals, which the caller publishes."""
        shown = self.shown or frozenset()
        rows: dict[str, list[int]] = {group: [0] * width for group in order if group in shown}
        others = [0] * width
        waiting = [0] * width  # not yet admitted: only in the totals
        waiting_groups: set[str] = set()
        for pid, (group, column) in votes.items():
            if not 0 <= column < width:
                continue
            if self.admitted.get(pid) != group:
                waiting[column] += 1
                waiting_groups.add(group)
                continue
            if group in rows:
                rows[group][column] += 1
            else:
                others[column] += 1
        rows = {group: counts for group, counts in rows.items() if sum(counts)}
        # A hidden vote (facilitator) can leave a row short: below 3 it folds into the rest.
        for group in [g for g, counts in rows.items() if sum(counts) < MIN_GROUP_SIZE]:
            others = _add(others, rows.pop(group))
        waiting_hidden = any(g not in rows for g in waiting_groups)
        return without_homogeneous_rest(rows, others, waiting, waiting_hidden)

    def as_shown(self, view: Breakdown[str]) -> Decision:
        """The decision as one view shows it: a group whose row the homogeneity rule added to
        the rest in this view tags no reason in it either (tagged reasons could rebuild the
        row, and the row minus the totals the rest)."""
        if self.shown is None:
            return self
        return replace(self, shown=self.shown & frozenset(view.shown))

    def tagged(self, pid: int, group: str) -> bool:
        """A vote's reason may carry its group: its author is counted in a shown row."""
        return self.shown is not None and self.admitted.get(pid) == group and group in self.shown

    def with_labels(self, sizes: Mapping[str, int]) -> Decision:
        """Fix, once, which groups may tag the activity's statements (from the room's group
        sizes at its first published statement); groups that appear later stay untagged."""
        if self.labels is not None:
            return self
        return replace(self, labels=frozenset(disclosable_groups(sizes)))

    def with_tables(self, sizes: Mapping[int, int], withheld: int = 0) -> Decision:
        """Fix, once, which tables may tag a person's statement (from the people per table
        at the first published by-table view; `withheld`: people at no known table). A table
        that appears or grows later stays untagged, so a statement is under its table in
        every view or in none."""
        if self.tables is not None:
            return self
        return replace(self, tables=frozenset(disclosable_groups(sizes, withheld)))
