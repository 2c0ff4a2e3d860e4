"""The agenda: add, edit, reorder and delete activities; open, close and reveal them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from facilitator.activities.models import ACTIVITY_KINDS, HIDDEN_RESULTS_KINDS, Activity
from facilitator.core import signals
from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.processes.services import clean_lines
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.notes import NOTE_MAX, SUMMARY_MAX, clean_note

MIN_SIDES, MAX_SIDES = 2, 4
MIN_TOPICS, MAX_TOPICS = 2, 20


def dilemma_settings(sides: Sequence[tuple[str, str]], reason_required: bool) -> dict[str, Any]:
    """Sides are (label, description) pairs; blank rows from a form are dropped."""
    cleaned = [
        {"label": " ".join(label.split()), "description": description.strip()}
        for label, description in sides
        if label.strip()
    ]
    if not MIN_SIDES <= len(cleaned) <= MAX_SIDES:
        raise ValidationError(
            _(
                "Et dilemma skal have %(min)s-%(max)s sider med en titel.",
                min=MIN_SIDES,
                max=MAX_SIDES,
            )
        )
    if len({side["label"].lower() for side in cleaned}) != len(cleaned):
        raise ValidationError(_("To sider i dilemmaet har samme titel."))
    return {"sides": cleaned, "reason_required": bool(reason_required)}


def topic_vote_settings(topics: Sequence[str], max_choices: int) -> dict[str, Any]:
    cleaned = clean_lines(topics)
    if not MIN_TOPICS <= len(cleaned) <= MAX_TOPICS:
        raise ValidationError(
            _("Angiv %(min)s-%(max)s emner, ét pr. linje.", min=MIN_TOPICS, max=MAX_TOPICS)
        )
    if not 1 <= max_choices <= len(cleaned):
        raise ValidationError(_("Antal valg skal være mellem 1 og %(max)s.", max=len(cleaned)))
    return {"topics": cleaned, "max_choices": max_choices}


def results_live_default(kind: str) -> bool:
    """Dilemmas and votes hide their tallies until "Vis resultater" (the first answers would
    steer the rest); statements and a check-in's cloud show as they come."""
    return kind not in HIDDEN_RESULTS_KINDS


def shared_settings(
    *, results_live: bool, endorsements: bool, premoderated: bool = False, by_table: bool = False
) -> dict[str, Any]:
    """The settings every kind has (Activity.results_live, endorsements_enabled, premoderated,
    document_by_table)."""
    return {
        "results_live": bool(results_live),
        "endorsements": bool(endorsements),
        "premoderated": bool(premoderated),
        "by_table": bool(by_table),
    }


def _check(kind: str, title: str, settings: dict[str, Any]) -> str:
    if kind not in ACTIVITY_KINDS:
        raise ValidationError(_("Ukendt aktivitetstype."))
    title = " ".join(title.split())
    if not title:
        raise ValidationError(_("Giv aktiviteten en titel."))
    if kind == "dilemma" and not settings.get("sides"):
        raise ValidationError(_("Et dilemma skal have sider."))
    if kind == "topic_vote" and not settings.get("topics"):
        raise ValidationError(_("En prioritering skal have emner."))
    return title


def _changed(activity: Activity, change: str) -> None:
    signals.activity_changed.send(
        activity, session_id=activity.session_id, activity_id=activity.id, change=change
    )


def add_activity(
    db: DbSession,
    session: WorkshopSession,
    *,
    kind: str,
    title: str,
    prompt: str = "",
    settings: dict[str, Any] | None = None,
    focus_area_id: int | None = None,
) -> Activity:
    settings = settings or {}
    activity = Activity(
        kind=kind,
        title=_check(kind, title, settings),
        prompt=prompt.strip(),
        settings=settings,
        focus_area_id=focus_area_id,
        position=len(session.activities),
    )
    session.activities.append(activity)
    db.commit()
    _changed(activity, "added")
    return activity


def update_activity(
    db: DbSession,
    activity: Activity,
    *,
    title: str,
    prompt: str,
    settings: dict[str, Any] | None = None,
    focus_area_id: int | None = None,
) -> Activity:
    settings = settings if settings is not None else activity.settings
    if activity.hidden_words and "hidden_words" not in settings:  # moderation, not a form field
        settings = {**settings, "hidden_words": activity.hidden_words}
    activity.title = _check(activity.kind, title, settings)
    activity.prompt = prompt.strip()
    activity.settings = settings
    activity.focus_area_id = focus_area_id
    db.commit()
    _changed(activity, "edited")
    return activity


def move_activity(db: DbSession, activity: Activity, delta: int) -> None:
    """Move up (delta=-1) or down (+1) in the agenda."""
    agenda = list(activity.session.activities)
    index = agenda.index(activity)
    target = max(0, min(len(agenda) - 1, index + delta))
    agenda.insert(target, agenda.pop(index))
    for position, item in enumerate(agenda):
        item.position = position
    activity.session.activities = agenda  # keep the loaded list in agenda order too
    db.commit()
    _changed(activity, "moved")


def delete_activity(db: DbSession, activity: Activity) -> None:
    """Only empty activities can be deleted: participants' contributions are never thrown away."""
    from facilitator.contributions.models import Contribution

    saved = (
        db.scalar(
            select(func.count(Contribution.id)).where(Contribution.activity_id == activity.id)
        )
        or 0
    )
    if saved:
        raise ValidationError(
            _(
                "»%(title)s« har %(n)s bidrag og kan ikke slettes. Luk den i "
                "stedet, eller flyt den ned i dagsordenen.",
                title=activity.title,
                n=saved,
            )
        )
    session = activity.session
    session.activities.remove(activity)
    for position, item in enumerate(session.activities):
        item.position = position
    db.commit()
    signals.activity_changed.send(
        activity, session_id=session.id, activity_id=None, change="deleted"
    )


def open_activity(db: DbSession, activity: Activity, *, exclusive: bool = True) -> Activity:
    """Open one activity; by default every other open activity closes (one at a time)."""
    if exclusive:
        for other in activity.session.activities:
            if other.state == "open" and other is not activity:
                other.state = "closed"
    activity.state = "open"
    db.commit()
    _changed(activity, "opened")
    return activity


def close_activity(db: DbSession, activity: Activity) -> Activity:
    activity.state = "closed"
    db.commit()
    _changed(activity, "closed")
    return activity


def set_notes(db: DbSession, activity: Activity, *, note: str, summary: str) -> Activity:
    """The secretariat's note and summary paragraph for the output document."""
    note = clean_note(note, limit=NOTE_MAX, field=_("Noten"))
    summary = clean_note(summary, limit=SUMMARY_MAX, field=_("Opsummeringen"))
    activity.note, activity.summary = note, summary
    db.commit()
    _changed(activity, "edited")
    return activity


def reveal_results(db: DbSession, activity: Activity, revealed: bool) -> Activity:
    activity.results_revealed = revealed
    db.commit()
    _changed(activity, "revealed" if revealed else "concealed")
    return activity


def set_word_hidden(db: DbSession, activity: Activity, word: str, hidden: bool) -> Activity:
    """Take a word off a word cloud (every form of it: "skoven" hides "skov"), or put it back:
    the facilitator's moderation, on the projector, the phones and in the documents alike.
    Hiding twice, or showing what is not hidden, changes nothing."""
    from facilitator.wordcloud.words import fold, split_words

    if activity.kind != "wordcloud":
        raise ValidationError(_("Kun en ordsky har ord at skjule."))
    words = split_words([word])
    if len(words) != 1:
        raise ValidationError(_("Vælg ét ord ad gangen."))
    key = fold(words[0])
    kept = [w for w in activity.hidden_words if fold(w) != key]
    wanted = [*kept, words[0]] if hidden else kept
    if wanted == activity.hidden_words:
        return activity
    activity.settings = {**activity.settings, "hidden_words": wanted}
    db.commit()
    _changed(activity, "edited")
    return activity
