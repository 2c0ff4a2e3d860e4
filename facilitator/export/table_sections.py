"""A document section grouped by table ("Dokumentet: efter bord"): built from the by-table view
(facilitator/tables/grouping.py, so the privacy rule is the screens') and written with a lead
sentence per table: "Bord 3 (Sundhed) lagde vægt på Tid og Tillid."."""

from __future__ import annotations

from collections import Counter

from facilitator.activities.models import Activity
from facilitator.core.db import DbSession
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.core.wording import da_list
from facilitator.export.report import ActivityReport, ReportTheme, TableSection
from facilitator.export.sink import Bullet, Sink
from facilitator.tables.grouping import by_table


def table_sections(
    db: DbSession, activity: Activity, themes: tuple[ReportTheme, ...]
) -> tuple[TableSection, ...]:
    """The activity's statements by table, each table with the labels of the themes its
    statements fell under, most frequent first (at most three)."""
    theme_of = {c.key: t.label for t in themes if t.key is not None for c in t.contributions}
    sections = []
    for group in by_table(db, activity, publish=True):  # a document is published
        counted = Counter(theme_of[s["id"]] for s in group.statements if s["id"] in theme_of)
        sections.append(
            TableSection(
                label=group.label,
                themes=tuple(label for label, _n in counted.most_common(3)),
                texts=tuple(s["text"] for s in group.statements),
                others=group.number is None,
            )
        )
    return tuple(sections)


def lead_sentence(section: TableSection) -> str:
    if section.themes:
        return _(
            "%(table)s lagde vægt på %(themes)s.",
            table=section.label,
            themes=da_list(list(section.themes)),
        )
    return ngettext(
        "%(table)s kom med %(num)s bidrag:",
        "%(table)s kom med %(num)s bidrag:",
        len(section.texts),
        table=section.label,
    )


def write_by_table(sink: Sink, activity: ActivityReport) -> None:
    """Each table: its lead sentence, then its statements as bullets."""
    for section in activity.by_table:
        sink.paragraph(lead_sentence(section))
        sink.bullet_list([Bullet(text) for text in section.texts])
