"""The process document's own sections, beside its meetings: the process plan (seed 000's
table, as entered), "Skriftlige tilbagemeldinger" (the written rounds: who answered, and the
answers to the questions that are not about one focus area) and the initiatives' status
(seed 003's table).

Pure outline like process_outline.write_process, which calls these: a report model in,
Sink calls out.
"""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.core.wording import da_date, da_datetime, da_list

from .report import Invitee, PlanRow, WrittenRound
from .sink import Bullet, Sink, write_themes
from .status_report import StatusReport, write_status
from .text import one_line

PLAN_WIDTHS_CM = (3.5, 4.0, 8.5)  # Tidspunkt | Forum | Handling: the action is the long one


def write_plan(sink: Sink, plan: Sequence[PlanRow]) -> None:
    """Seed 000's table "Tidspunkt | Forum | Handling", the rows as entered; nothing when no
    plan has been made."""
    if not plan:
        return
    sink.heading(_("Procesplan"), 1)
    rows = [(one_line(row.label), one_line(row.forum), row.action) for row in plan]
    sink.table((_("Tidspunkt"), _("Forum"), _("Handling")), rows, PLAN_WIDTHS_CM)


def deadline_text(round_: WrittenRound) -> str:
    """ "20. januar 2020" ("senest d. 20. januar", the whole day), else with the time."""
    return da_date(round_.deadline) if round_.whole_day else da_datetime(round_.deadline)


def who_answered(round_: WrittenRound) -> str:
    """ "7 af 24 inviterede har svaret:" – the bodies follow as a list."""
    invited = len(round_.answered) + len(round_.not_answered)
    return ngettext(
        "%(answered)s af %(num)s inviteret har svaret:",
        "%(answered)s af %(num)s inviterede har svaret:",
        invited,
        answered=len(round_.answered),
    )


def body_bullets(invitees: Sequence[Invitee]) -> list[Bullet]:
    """The bodies grouped by what they are: "Handicaprådet: Aalborg Kommune, Brønderslev
    Kommune og Region Nordjylland", one bullet per kind of body, in invitation order."""
    grouped: dict[str, list[str]] = {}
    for invitee in invitees:
        grouped.setdefault(one_line(invitee.body), []).append(one_line(invitee.organisation))
    bullets = []
    for body, organisations in grouped.items():
        named = list(dict.fromkeys(o for o in organisations if o))
        if named:
            bullets.append(Bullet(da_list(named), lead=body + ":"))
        if len(named) < len(organisations):  # invited as the body alone
            bullets.append(Bullet(body))
    return bullets


def _bodies(round_: WrittenRound, answered: bool) -> list[Bullet]:
    if round_.invitees:
        return body_bullets([i for i in round_.invitees if i.answered == answered])
    names = round_.answered if answered else round_.not_answered
    return [Bullet(one_line(name)) for name in names]


def round_intro(round_: WrittenRound, named: bool) -> str:
    """ "Høringen »…« havde svarfrist 20. maj 2022." (`named`: its title is not a heading)."""
    if named:
        return _(
            "Høringen »%(title)s« havde svarfrist %(deadline)s.",
            title=one_line(round_.title),
            deadline=deadline_text(round_),
        )
    return _("Høringen havde svarfrist %(deadline)s.", deadline=deadline_text(round_))


def write_written_rounds(
    sink: Sink, rounds: Sequence[WrittenRound], focus_elsewhere: frozenset[str]
) -> None:
    """One section with the rounds that have answers (the builder leaves out rounds nobody
    answered), in the order of their deadlines. Answers to a question about a focus area in
    `focus_elsewhere` stand under that focus area instead (process_outline), so no focus area
    is told twice."""
    if not rounds:
        return
    sink.heading(_("Skriftlige tilbagemeldinger"), 1)
    many = len(rounds) > 1
    for round_ in rounds:
        if many:
            sink.heading(one_line(round_.title), 2)
        sink.paragraph(f"{round_intro(round_, named=not many)} {who_answered(round_)}")
        sink.bullet_list(_bodies(round_, answered=True))
        if round_.not_answered:
            sink.paragraph(
                ngettext(
                    "%(num)s inviteret har ikke svaret:",
                    "%(num)s inviterede har ikke svaret:",
                    len(round_.not_answered),
                )
            )
            sink.bullet_list(_bodies(round_, answered=False))
        _questions(sink, round_, focus_elsewhere, level=3 if many else 2)


def _questions(sink: Sink, round_: WrittenRound, elsewhere: frozenset[str], level: int) -> None:
    here = [q for q in round_.questions if not (q.focus_area and q.focus_area in elsewhere)]
    moved = len(here) < len(round_.questions)
    if here:
        sink.paragraph(
            _(
                "Under hvert spørgsmål er svarene samlet i temaer, og efter hvert punkt står, "
                "hvem der skrev det."
            )
        )
    for question in here:
        sink.heading(one_line(question.text), level)
        if question.themes:
            write_themes(sink, question.themes, level + 1)
        else:
            sink.paragraph(
                _("Ingen af dem, der svarede, skrev noget til dette spørgsmål."), "italic"
            )
    if moved:
        sink.paragraph(
            _(
                "Svarene om de enkelte fokusområder står under fokusområderne nedenfor, "
                "sammen med input fra møderne."
            )
        )


def write_initiatives_status(sink: Sink, status: StatusReport | None, level: int) -> None:
    """The initiatives the process follows up (seed 003's tables, export.status_report's own
    section); nothing when none is followed."""
    if status is None or not any(group.rows for group in status.groups):
        return
    write_status(sink, status, level)
