"""The anonymous JSON export: a session's content for sharing, with nobody in it.

Built from the SessionReport, so contributions.privacy has already decided which stakeholder
groups and organisations may be shown (the builder withholds those of fewer than 3). What
it leaves out: names, participant keys/ids/tokens (nothing links two rows to one person),
table numbers, join codes. Unlike the complete archive (archive.py) it cannot be imported
again: without participants there is nothing to restore votes and endorsements to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _

from .report import (
    ActivityReport,
    CountRow,
    ReportContribution,
    ReportTheme,
    SessionReport,
    author_group_label,
    group_label,
    group_text,
    organisation_text,
    theme_label,
)

FORMAT = "facilitator-anonymt-udtraek"
VERSION = 1
# Keys and content stay as they are; the note and the app's own labels (groups, "Øvrige
# bidrag") are for people and follow the export's language.
NOTE = N_(
    "Anonymt udtræk til deling: ingen navne og ingen deltager-id'er. Interessentgruppe "
    "og organisation står kun, hvor mindst 3 deltagere deler dem. Udtrækket kan ikke "
    "importeres igen; brug det komplette arkiv til det."
)


def anonymous_session(report: SessionReport) -> dict[str, Any]:
    """JSON-ready dict of one session without anything that identifies a participant."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "personoplysninger": False,
        "note": _(NOTE),
        "process": report.process_title,
        "session": {
            "title": report.title,
            "kind": report.kind,
            "date": _iso(report.date),
            "starts_at": _iso(report.starts_at),
            "ends_at": _iso(report.ends_at),
            "venue": report.venue,
            "description": report.description,
            "next_steps": report.next_steps,
        },
        "participants": {
            "count": report.participant_count,
            "by_group": _counts(report.by_group, _group),
            "by_organisation": _counts(report.by_organisation, organisation_text),
        },
        "activities": [_activity(a) for a in report.activities],
        "generated_at": _minute(report.generated_at),
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def _minute(value: datetime) -> str:
    """A moment to the minute ("2022-06-10T09:05"): a shared file never says to the second
    when someone pressed "Send", which could link a row to a person watching the clock."""
    return value.isoformat(timespec="minutes")


def _group(label: str) -> str:
    return group_text(group_label(label))


def _counts(
    rows: tuple[CountRow, ...], label: Callable[[str], str] = lambda text: text
) -> list[dict[str, Any]]:
    """None = withheld by the privacy rule ("færre end 3")."""
    return [{"label": label(row.label), "count": row.count} for row in rows]


def _activity(activity: ActivityReport) -> dict[str, Any]:
    return {
        "kind": activity.kind,
        "title": activity.title,
        "prompt": activity.prompt,
        "focus_area": activity.focus_area,
        "note": activity.note,
        "summary": activity.summary,
        "voters": activity.voters,
        "contribution_count": activity.contribution_count,
        "themes": [_theme(t) for t in activity.themes],
        "sides": [
            {
                "label": s.label,
                "description": s.description,
                "count": s.count,
                "share": s.share,
                "themes": [_theme(t) for t in s.themes],
            }
            for s in activity.sides
        ],
        "by_group": [
            {
                "group": _group(b.group),
                "participants": None if b.counts is None else b.participants,
                "counts": None if b.counts is None else _counts(b.counts),
            }
            for b in activity.by_group
        ],
        "topics": [{"label": t.label, "votes": t.votes, "rank": t.rank} for t in activity.topics],
        "words": [{"text": w.text, "count": w.count} for w in activity.words],
        "words_by_group": [
            {
                "group": _group(g.group),
                "participants": g.people,
                "words": [{"text": w.text, "count": w.count} for w in g.words],
            }
            for g in activity.word_groups
        ],
    }


def _theme(theme: ReportTheme) -> dict[str, Any]:
    return {
        "label": theme_label(theme.label),
        "note": theme.note,
        "contributions": [_contribution(c) for c in theme.contributions],
    }


def _contribution(contribution: ReportContribution) -> dict[str, Any]:
    return {
        "text": contribution.text,
        "group": group_text(author_group_label(contribution.author_group)) or None,
        "organisation": contribution.organisation,
        "endorsements": contribution.endorsements,
        "side": contribution.side,
        "highlighted": contribution.highlighted,
        "created_at": _minute(contribution.created_at),
    }


__all__ = ["FORMAT", "NOTE", "anonymous_session"]
