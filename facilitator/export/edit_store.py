"""Reading and writing the secretary's body edits (export.models.BodyEdit), checked against
the body as it reads now: a theme or bullet that is not in it (withdrawn, regrouped, or from
another activity) is refused with a message, never stored. No Flask here.

export.services applies them to every session document (Word, Markdown, either language);
the output page (web/facilitate/output.py) shows and changes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, delete, select

from facilitator.activities.models import Activity
from facilitator.core.db import DbSession
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.sessions.models import WorkshopSession

from .body_edits import (
    MERGE,
    POINT_ORDER,
    REWRITE,
    THEME_ORDER,
    Edit,
    apply_edits,
    edited_body,
    merged_text,
)
from .builder import build_activity_report
from .models import BodyEdit
from .report import ReportTheme, SessionReport, theme_points

TEXT_MAX = 1000  # a rewritten or merged bullet: two contributions' worth and some
UP, DOWN = -1, 1


def _edit(row: BodyEdit) -> Edit:
    key = row.cluster_id if row.kind == THEME_ORDER else row.contribution_id
    return Edit(row.kind, key, row.other_id, row.position, row.text)


def _rows(db: DbSession, activity_ids: Iterable[int] | Select[Any]) -> list[BodyEdit]:
    return list(
        db.scalars(
            select(BodyEdit).where(BodyEdit.activity_id.in_(activity_ids)).order_by(BodyEdit.id)
        )
    )


def session_edits(db: DbSession, session: WorkshopSession) -> dict[int, list[Edit]]:
    """Every activity's edits (by activity id), in the order they were made."""
    ids = select(Activity.id).where(Activity.session_id == session.id)
    edits: dict[int, list[Edit]] = defaultdict(list)
    for row in _rows(db, ids):
        edits[row.activity_id].append(_edit(row))
    return dict(edits)


def apply_session_edits(
    db: DbSession, session: WorkshopSession, report: SessionReport
) -> SessionReport:
    """The session's report with the secretary's edits in its body (export.services)."""
    return apply_edits(report, session_edits(db, session))


def activity_rows(db: DbSession, activity: Activity) -> list[BodyEdit]:
    """The activity's edits, oldest first (the output page lists the rewrites and merges)."""
    return _rows(db, [activity.id])


def current_body(db: DbSession, activity: Activity) -> tuple[ReportTheme, ...]:
    """The activity's body as the document reads it now, edits applied."""
    report = build_activity_report(db, activity)
    return edited_body(report, [_edit(row) for row in _rows(db, [activity.id])])


def bullet_keys(body: tuple[ReportTheme, ...]) -> dict[int, str]:
    """Each bullet's key and its words, in document order."""
    return {
        point.keys[0]: point.text
        for theme in body
        for point in theme_points(theme)
        if point.keys and point.keys[0] is not None
    }


def _gone() -> ValidationError:
    return ValidationError(
        _("Punktet står ikke længere i dokumentet (det er måske trukket tilbage). Prøv igen.")
    )


def _order(body: tuple[ReportTheme, ...]) -> tuple[list[int | None], list[list[int]]]:
    """The body's themes (keys) and each theme's bullets (keys), as the document reads now."""
    bullets = [
        [p.keys[0] for p in theme_points(theme) if p.keys and p.keys[0] is not None]
        for theme in body
    ]
    return [theme.key for theme in body], bullets


def _store_order(
    db: DbSession, activity: Activity, themes: list[int | None], bullets: list[list[int]]
) -> None:
    """This order as the secretary's, whole: every theme and every bullet."""
    db.execute(
        delete(BodyEdit).where(
            BodyEdit.activity_id == activity.id, BodyEdit.kind.in_((THEME_ORDER, POINT_ORDER))
        )
    )
    for position, key in enumerate(themes):
        db.add(
            BodyEdit(activity_id=activity.id, kind=THEME_ORDER, cluster_id=key, position=position)
        )
    for keys in bullets:
        for position, key in enumerate(keys):
            db.add(
                BodyEdit(
                    activity_id=activity.id,
                    kind=POINT_ORDER,
                    contribution_id=key,
                    position=position,
                )
            )
    db.commit()


def _swap(items: list, at: int, step: int) -> None:
    """One place up or down; the first stays first going up, the last last going down."""
    to = at + step
    if 0 <= to < len(items):
        items[at], items[to] = items[to], items[at]


def move_theme(db: DbSession, activity: Activity, key: int | None, step: int) -> None:
    """The theme one place up (UP) or down (DOWN)."""
    themes, bullets = _order(current_body(db, activity))
    if key not in themes:
        raise ValidationError(_("Temaet står ikke længere i dokumentet. Prøv igen."))
    _swap(themes, themes.index(key), step)
    _store_order(db, activity, themes, bullets)


def move_bullet(db: DbSession, activity: Activity, key: int, step: int) -> None:
    """The bullet one place up or down within its theme."""
    themes, bullets = _order(current_body(db, activity))
    for keys in bullets:
        if key in keys:
            _swap(keys, keys.index(key), step)
            _store_order(db, activity, themes, bullets)
            return
    raise _gone()


def _words(text: str, *, required: bool) -> str:
    words = (text or "").strip()
    if required and not words:
        raise ValidationError(_("Skriv punktets nye ordlyd."))
    if len(words) > TEXT_MAX:
        raise ValidationError(
            _(
                "Teksten er på %(length)s tegn. Der er plads til højst %(max)s.",
                length=len(words),
                max=TEXT_MAX,
            )
        )
    return words


def rewrite(db: DbSession, activity: Activity, key: int, text: str) -> None:
    """The bullet's words in the body; the contribution itself (annex, archive) is unchanged.
    A newer rewrite of the same bullet replaces the older."""
    words = _words(text, required=True)
    if key not in bullet_keys(current_body(db, activity)):
        raise _gone()
    db.execute(
        delete(BodyEdit).where(
            BodyEdit.activity_id == activity.id,
            BodyEdit.kind == REWRITE,
            BodyEdit.contribution_id == key,
        )
    )
    db.add(BodyEdit(activity_id=activity.id, kind=REWRITE, contribution_id=key, text=words))
    db.commit()


def merge(db: DbSession, activity: Activity, first: int, second: int, text: str = "") -> None:
    """`second` merged into `first`: one bullet, at the first's place, in the given words or
    both bullets' words joined."""
    if first == second:
        raise ValidationError(_("Vælg to forskellige punkter at slå sammen."))
    words = _words(text, required=False)
    bullets = bullet_keys(current_body(db, activity))
    if first not in bullets or second not in bullets:
        raise _gone()
    words = words or merged_text(bullets[first], bullets[second])
    if len(words) > TEXT_MAX:
        words = _words(words, required=True)  # the message says how long
    db.add(
        BodyEdit(
            activity_id=activity.id,
            kind=MERGE,
            contribution_id=first,
            other_id=second,
            text=words,
        )
    )
    db.commit()


def undo(db: DbSession, activity: Activity, edit_id: int) -> None:
    """Take back one rewrite or merge of this activity."""
    row = db.get(BodyEdit, edit_id)
    if row is None or row.activity_id != activity.id or row.kind not in (REWRITE, MERGE):
        raise NotFound(_("Ændringen findes ikke (den er måske allerede fortrudt)."))
    db.delete(row)
    db.commit()


def reset_order(db: DbSession, activity: Activity) -> None:
    """The document's own order again (merges and rewrites stay)."""
    db.execute(
        delete(BodyEdit).where(
            BodyEdit.activity_id == activity.id, BodyEdit.kind.in_((THEME_ORDER, POINT_ORDER))
        )
    )
    db.commit()
