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
* Group disclosure (every member of a shown group chose the same side) is accepted: a group of
  3 that agrees is a finding the room needs, and the room's own totals have the same property
  (a unanimous room reveals every vote). The promise is that no published figure or label
  narrows a choice or a statement down to fewer than MIN_GROUP_SIZE people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from facilitator.i18n import N_, gettext

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
        "deltagere deler dem.", n=MIN_GROUP_SIZE, groups=gettext(OTHER_GROUPS_LABEL),
        organisations=gettext(OTHER_ORGANISATIONS_LABEL))


def group_table_note() -> str:
    """The same rule in one line, for tables after the first (a committee reads it once in
    full), in the current language."""
    return gettext("Grupper med færre end %(n)s personer indgår kun samlet under »%(groups)s«.",
                   n=MIN_GROUP_SIZE, groups=gettext(OTHER_GROUPS_LABEL))


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
    return {key for key, n in sizes.items() if n > 0} - hidden_groups(sizes, withheld)


@dataclass(frozen=True)
class Breakdown(Generic[K]):
    """What a table of counts per group may show."""

    shown: dict[K, list[int]]  # group -> counts per column, in the caller's order
    others: list[int] | None  # the hidden groups added up; None when none or fewer than 3

    def rows(self, others_label: str) -> list[tuple[K | str, list[int]]]:
        """The shown groups, then the rest added up under `others_label` (when it may show)."""
        return [*self.shown.items(), *([(others_label, self.others)] if self.others else [])]


def suppress_breakdown(rows: Mapping[K, Sequence[int]]) -> Breakdown[K]:
    """Counts per group and column (e.g. dilemma sides); a group's size is its row sum."""
    sizes = {key: sum(counts) for key, counts in rows.items()}
    hidden = hidden_groups(sizes)
    shown = {key: list(counts) for key, counts in rows.items()
             if sizes[key] > 0 and key not in hidden}
    width = max((len(counts) for counts in rows.values()), default=0)
    others = [sum(rows[key][i] for key in hidden if i < len(rows[key])) for i in range(width)]
    return Breakdown(shown, others if hidden and sum(others) >= MIN_GROUP_SIZE else None)


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
    shown_orgs = {label: disclosable_groups(orgs, withheld=not_given[label])
                  for label, orgs in by_class.items()}
    for group, organisation in people:
        label = group if group in shown_groups else None
        shown = organisation is not None and organisation in shown_orgs.get(label, set())
        published[(group, organisation)] = (label, organisation if shown else None)
    return published
