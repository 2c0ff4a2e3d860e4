"""The process document's own sections, beside its meetings: the process plan (seed 000's
table) and "Skriftlige tilbagemeldinger", the written consultation rounds' answers per question,
grouped by theme, each point followed by the body that wrote it.

Pure outline like process_outline.write_process, which calls these: a report model in,
Sink calls out.
"""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.core.wording import da_date, da_datetime

from .report import PlanRow, WrittenRound
from .sink import Sink, write_themes
from .text import one_line

PLAN_WIDTHS_CM = (3.5, 4.0, 8.5)  # Tidspunkt | Forum | Handling: the action is the long one


def write_plan(sink: Sink, plan: Sequence[PlanRow]) -> None:
    """Seed 000's table "Tidspunkt | Forum | Handling"; nothing when no plan has been made."""
    if not plan:
        return
    sink.heading(_("Procesplan"), 1)
    rows = [(one_line(row.label), one_line(row.forum), row.action) for row in plan]
    sink.table((_("Tidspunkt"), _("Forum"), _("Handling")), rows, PLAN_WIDTHS_CM)


def deadline_text(round_: WrittenRound) -> str:
    """ "20. januar 2020" ("senest d. 20. januar", the whole day), else with the time."""
    return da_date(round_.deadline) if round_.whole_day else da_datetime(round_.deadline)


def who_answered(round_: WrittenRound) -> str:
    """ "2 af 24 inviterede har svaret: Socialudvalget, Aalborg Kommune; Handicaprådet, ..."."""
    invited = len(round_.answered) + len(round_.not_answered)
    return ngettext(
        "%(answered)s af %(num)s inviteret har svaret: %(bodies)s.",
        "%(answered)s af %(num)s inviterede har svaret: %(bodies)s.",
        invited,
        answered=len(round_.answered),
        bodies="; ".join(one_line(body) for body in round_.answered),
    )


def write_written_rounds(sink: Sink, rounds: Sequence[WrittenRound]) -> None:
    """One section per round with answers (the builder leaves out rounds nobody answered)."""
    for round_ in rounds:
        sink.heading(_("Skriftlige tilbagemeldinger: %(title)s", title=one_line(round_.title)), 1)
        sink.labelled(_("Svarfrist"), deadline_text(round_))
        sink.paragraph(who_answered(round_))
        if round_.not_answered:
            sink.labelled(_("Ikke svaret"), "; ".join(one_line(b) for b in round_.not_answered))
        sink.paragraph(
            _(
                "Svarene er samlet i temaer under hvert spørgsmål. Efter hvert punkt "
                "står, hvem der har skrevet det."
            )
        )
        for question in round_.questions:
            sink.heading(question.text, 2)
            if question.focus_area:
                sink.labelled(_("Fokusområde"), question.focus_area)
            if question.themes:
                write_themes(sink, question.themes, 3)
            else:
                sink.paragraph(
                    _("Ingen af dem, der svarede, skrev noget til dette spørgsmål."), "italic"
                )
