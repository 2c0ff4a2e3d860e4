"""The secretary's edits to a session document's body, applied to the report model.

Pure: a SessionReport and the edits in, a SessionReport out whose activities carry an edited
`body` (themes and bullets reordered, two bullets merged into one, a bullet rewritten). Only
the body changes: `ActivityReport.themes` keeps every contribution as it was written, so the
annex, the spreadsheet and the JSON archive show the original words.

A merged bullet is the secretary's sentence and carries no count (how many wrote or agreed);
a rewritten one keeps its count (the same people's point, in other words).

Edits name themes and bullets by their database keys (ReportTheme.key, a bullet by the key of
its first contribution, Point.keys[0]). An edit whose theme or bullet is no longer in the body
(a contribution withdrawn, hidden or no longer highlighted, a theme regrouped) is left out,
never an error: the rest still applies. Rewrites and merges apply in the order they were made,
then the secretary's order of bullets and themes; what the order does not name (a theme or
bullet added since) keeps its place after the ordered ones, in the document's own order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from facilitator.core.text import same_words

from .report import (
    ActivityReport,
    ReportContribution,
    ReportTheme,
    SessionReport,
    body_themes,
    is_curated,
    ordered_themes,
    theme_points,
)

THEME_ORDER = "theme_order"  # key: a theme's key (None: "Øvrige bidrag"), position
POINT_ORDER = "point_order"  # key: a bullet's key, position (within its theme)
REWRITE = "rewrite"  # key: the bullet, text: its new words
MERGE = "merge"  # key: the bullet kept, other: the bullet merged into it, text: their words
KINDS = (THEME_ORDER, POINT_ORDER, REWRITE, MERGE)


@dataclass(frozen=True)
class Edit:
    kind: str
    key: int | None
    other: int | None = None
    position: int = 0
    text: str = ""


@dataclass
class _Bullet:
    key: int | None
    rows: list[ReportContribution]

    @property
    def text(self) -> str:
        return self.rows[0].text


@dataclass
class _Theme:
    theme: ReportTheme
    bullets: list[_Bullet] = field(default_factory=list)


def default_body(activity: ActivityReport) -> tuple[ReportTheme, ...]:
    """The body before any edit: what body_themes lists, in the document's theme order."""
    return tuple(ordered_themes(body_themes(activity.themes, is_curated(activity))))


def _working(themes: Sequence[ReportTheme]) -> list[_Theme]:
    """Each theme's bullets as theme_points makes them (one per sentence, however many wrote
    it), each with its contributions."""
    work = []
    for theme in themes:
        rows: dict[str, list[ReportContribution]] = {}
        for row in theme.contributions:
            rows.setdefault(same_words(row.text), []).append(row)
        bullets = [
            _Bullet(point.keys[0] if point.keys else None, rows[same_words(point.text)])
            for point in theme_points(theme)
        ]
        work.append(_Theme(theme, bullets))
    return work


def _find(work: list[_Theme], key: int | None) -> tuple[_Theme, _Bullet] | None:
    if key is None:
        return None
    for theme in work:
        for bullet in theme.bullets:
            if bullet.key == key:
                return theme, bullet
    return None


def _with_text(rows: list[ReportContribution], text: str) -> list[ReportContribution]:
    return [replace(row, text=text) for row in rows]


def _rewrite(work: list[_Theme], edit: Edit) -> None:
    found = _find(work, edit.key)
    if found is not None and edit.text.strip():
        found[1].rows = _with_text(found[1].rows, edit.text)


def _merge(work: list[_Theme], edit: Edit) -> None:
    kept, merged = _find(work, edit.key), _find(work, edit.other)
    if kept is None or merged is None or kept[1] is merged[1]:
        return
    merged[0].bullets.remove(merged[1])
    text = edit.text.strip() or merged_text(kept[1].text, merged[1].text)
    # The secretary's words for two bullets: no count beside them ("2 skrev det samme" would
    # say something nobody wrote). The annex keeps every row of both.
    kept[1].rows = [replace(kept[1].rows[0], text=text, endorsements=0)]


def merged_text(first: str, second: str) -> str:
    """Two bullets' words as one, when the secretary gives none: the first as a sentence,
    then the second."""
    first, second = first.strip(), second.strip()
    if not first or not second:
        return first or second
    if first[-1] not in ".!?…":
        first += "."
    return f"{first} {second}"


def _ordered(items: list, keys: list, positions: Mapping[int | None, int]) -> list:
    """`items` by the positions of their keys; those without a position after, as they were."""
    ranked = sorted(
        range(len(items)),
        key=lambda i: (keys[i] not in positions, positions.get(keys[i], 0), i),
    )
    return [items[i] for i in ranked]


def edited_body(activity: ActivityReport, edits: Sequence[Edit]) -> tuple[ReportTheme, ...]:
    """The activity's body with `edits` applied (in the order given: the order they were
    made). A theme left without bullets by a merge goes, unless it has a note."""
    work = _working(default_body(activity))
    for edit in edits:
        if edit.kind == REWRITE:
            _rewrite(work, edit)
        elif edit.kind == MERGE:
            _merge(work, edit)
    bullet_places = {e.key: e.position for e in edits if e.kind == POINT_ORDER}
    theme_places = {e.key: e.position for e in edits if e.kind == THEME_ORDER}
    for theme in work:
        theme.bullets = _ordered(theme.bullets, [b.key for b in theme.bullets], bullet_places)
    work = [t for t in work if t.bullets or t.theme.note]
    work = _ordered(work, [t.theme.key for t in work], theme_places)
    return tuple(
        replace(
            theme.theme,
            contributions=tuple(row for bullet in theme.bullets for row in bullet.rows),
            pinned=False,  # the order is final: ordered_themes must not move pinned ones up
            ordered=True,
        )
        for theme in work
    )


def apply_edits(report: SessionReport, edits: Mapping[int, Sequence[Edit]]) -> SessionReport:
    """The report with each activity's edits (by ActivityReport.key) applied to its body.
    Activities without edits, and dilemmas and votes (no themed body), are left as built."""
    if not edits:
        return report
    activities = tuple(
        replace(activity, body=edited_body(activity, chosen))
        if activity.themes and (chosen := edits.get(activity.key or 0))
        else activity
        for activity in report.activities
    )
    return replace(report, activities=activities)
