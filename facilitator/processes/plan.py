"""The process plan (seed 000's table Tidspunkt / Forum / Handling): milestones per process,
their wording ("28. januar 2022", "Juni 2022"), the timeline on the process page and pasting
the whole table at once.

Pasted time texts, one per row, in Danish or English:

* "28. januar 2022", "28 January 2022", "28.1.2022", "2022-01-28": a day;
* "Juni 2022", "jun. 2022": a month;
* "September/oktober" (a span, maybe without a year, as in seed 000): placed in time as its
  first month, with the year of the row above (the next year if that would go back in time),
  and reported back as a note. Nothing of the row is refused for that: refusing would make
  seed 000 itself impossible to paste.

A pasted row whose time the date cannot say keeps its words (Milestone.time_text): the plan
shows "September/oktober", never a month the parser guessed; the date only places the row in
time. A time the date says exactly ("28. januar 2022", "Juni 2022") is written from the date,
so the Danish plan reads as pasted and the English one in English. The plan's
rows stay in the order they were entered within a month (seed 000 has "Juni 2022" twice, the
dialogue forum first), and the months follow the calendar (see plan_rows).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from babel.dates import get_month_names

from facilitator.core.db import DbSession
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.text import clean_text
from facilitator.core.wording import da_month, da_planned
from facilitator.processes.models import DATE_PRECISIONS, Milestone, Process, planned_day

TIME_TEXT_MAX = 60  # Milestone.time_text: "September/oktober 2022" and then some
FORUM_MAX = 200  # the column's length: "Socialpolitisk Dialogforum", "Arbejdsgrupper under DAS"
ACTION_MAX = 1000  # seed 000's longest action is about 110 characters
IMPORT_MAX_ROWS = 200  # a plan is a page of a DAS paper, not a database dump
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # outside these a year is a typing error
PAST, NEXT, LATER = "past", "next", "later"


# --- one milestone -----------------------------------------------------------------------------


def _month_start(when: date) -> date:
    return when.replace(day=1)


def _checked(
    process: Process,
    *,
    when: date | None,
    precision: str,
    forum: str,
    action: str,
    session_id: int | None,
) -> dict[str, object]:
    """The milestone's fields, cleaned, or a ValidationError in the reader's language."""
    if precision not in DATE_PRECISIONS:
        raise ValidationError(_("Vælg, om tidspunktet er en dato eller kun en måned."))
    if when is None:
        raise ValidationError(_("Skriv en dato for punktet i procesplanen."))
    if not EARLIEST_YEAR <= when.year <= LATEST_YEAR:
        raise ValidationError(_("Året %(year)s er ikke muligt i en procesplan.", year=when.year))
    forum = " ".join(clean_text(forum).split())
    action = clean_text(action)
    if not action:
        raise ValidationError(_("Skriv handlingen, fx »DAS udpeger fokusområder«."))
    if len(forum) > FORUM_MAX:
        raise ValidationError(
            _("Forum må højst være %(max)s tegn (nu %(count)s).", max=FORUM_MAX, count=len(forum))
        )
    if len(action) > ACTION_MAX:
        raise ValidationError(
            _(
                "Handlingen må højst være %(max)s tegn (nu %(count)s).",
                max=ACTION_MAX,
                count=len(action),
            )
        )
    if session_id is not None and session_id not in {s.id for s in process.meetings}:
        raise ValidationError(_("Den valgte session hører ikke til dette forløb."))
    return {
        "when": planned_day(when, precision),
        "precision": precision,
        "forum": forum,
        "action": action,
        "session_id": session_id,
    }


def plan_rows(process: Process) -> list[Milestone]:
    """The plan as the secretariat entered it: month by month, and within a month in the order
    the rows were entered (never "Juni 2022" after "10. juni 2022" only because the 1st comes
    before the 10th: seed 000 lists the dialogue forum first)."""
    return sorted(process.milestones, key=lambda m: (m.when.year, m.when.month, m.id or 0))


def add_milestone(
    db: DbSession,
    process: Process,
    *,
    when: date | None,
    precision: str = "day",
    forum: str = "",
    action: str,
    session_id: int | None = None,
) -> Milestone:
    milestone = Milestone(
        **_checked(
            process,
            when=when,
            precision=precision,
            forum=forum,
            action=action,
            session_id=session_id,
        )
    )
    process.milestones.append(milestone)
    db.commit()
    db.refresh(process, ["milestones"])  # the plan is ordered by date
    return milestone


def update_milestone(
    db: DbSession,
    milestone: Milestone,
    *,
    when: date | None,
    precision: str,
    forum: str,
    action: str,
    session_id: int | None = None,
) -> Milestone:
    was = (milestone.when, milestone.precision)
    fields = _checked(
        milestone.process,
        when=when,
        precision=precision,
        forum=forum,
        action=action,
        session_id=session_id,
    )
    for name, value in fields.items():
        setattr(milestone, name, value)
    if (milestone.when, milestone.precision) != was:
        milestone.time_text = ""  # a new time: the pasted words no longer say it
    db.commit()
    db.refresh(milestone.process, ["milestones"])  # the plan is ordered by date
    return milestone


def delete_milestone(db: DbSession, milestone: Milestone) -> None:
    milestone.process.milestones.remove(milestone)  # delete-orphan: the row goes too
    db.commit()


def milestone_of(process: Process, milestone_id: int) -> Milestone:
    """One of `process`'s milestones (the caller checked access to the process)."""
    for milestone in process.milestones:
        if milestone.id == milestone_id:
            return milestone
    raise NotFound(_("Punktet findes ikke i forløbets procesplan."))


def milestone_label(milestone: Milestone) -> str:
    """The time as pasted ("September/oktober"), else "28. januar 2022" or "Juni 2022"
    (capitalised, as the month opens seed 000's rows) in the current language."""
    if milestone.time_text:
        return milestone.time_text
    label = da_planned(milestone.when, milestone.precision)
    return label[:1].upper() + label[1:]


# --- the timeline ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    milestone: Milestone
    label: str
    status: str  # PAST, NEXT or LATER


def _is_past(milestone: Milestone, today: date) -> bool:
    if milestone.precision == "month":  # the current month is still going on
        return _month_start(milestone.when) < _month_start(today)
    return milestone.when < today


def timeline(process: Process, today: date) -> list[TimelineEntry]:
    """The plan in its order (plan_rows), each past, next or later. The next one is the first
    not yet past, together with any other milestone at the same time ("Juni 2022" twice in
    seed 000: both are what happens next)."""
    entries: list[TimelineEntry] = []
    next_time: tuple[date, str] | None = None
    for milestone in plan_rows(process):
        if _is_past(milestone, today):
            status = PAST
        elif next_time is None or next_time == (milestone.when, milestone.precision):
            next_time = (milestone.when, milestone.precision)
            status = NEXT
        else:
            status = LATER
        entries.append(TimelineEntry(milestone, milestone_label(milestone), status))
    return entries


# --- pasting seed 000's table ------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    line: int  # 1-based, as the reader counts the pasted lines
    text: str  # the time as written when the date cannot say it ("September/oktober"), else ""
    when: date
    precision: str
    forum: str
    action: str


@dataclass
class ParsedPlan:
    rows: list[PlanRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # guesses the reader should check


@cache
def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations in Danish and English, lower case, without the dot."""
    names: dict[str, int] = {}
    for locale in ("da", "en_GB"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names[name.lower().rstrip(".")] = number
    return names


_HEADER = ("tidspunkt", "dato", "tid", "time", "when", "date")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.?\s+([^\W\d]+)\.?,?\s+(\d{4})")
# "Juni 2022", "September/oktober", "september-oktober 2022", "Maj"
_MONTHS = re.compile(r"([^\W\d]+)\.?(?:\s*[/–-]\s*([^\W\d]+)\.?)?(?:\s+(\d{4}))?")


class _BadTime(Exception):
    pass


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise _BadTime from error


def _month(name: str) -> int:
    number = _month_numbers().get(name.lower())
    if number is None:
        raise _BadTime
    return number


def _parse_time(text: str, previous: date | None) -> tuple[date, str, bool]:
    """(date, precision, guessed) for one row's time text; `previous` is the row above's date,
    for a span without a year. Raises _BadTime."""
    text = " ".join(text.split())
    if match := _ISO.fullmatch(text):
        year, month, day = map(int, match.groups())
        return _day(year, month, day), "day", False
    if match := _NUMERIC.fullmatch(text):
        day, month, year = map(int, match.groups())
        return _day(year, month, day), "day", False
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        return _day(int(match[3]), _month(match[2]), int(match[1])), "day", False
    if match := _MONTHS.fullmatch(text):
        first, second, year_text = match[1], match[2], match[3]
        month = _month(first)
        if second:
            _month(second)  # a typo in the second name is still a typo
        if year_text:
            return _day(int(year_text), month, 1), "month", second is not None
        if previous is None:
            raise _BadTime
        when = date(previous.year, month, 1)
        if when < _month_start(previous):  # plans run forward: "Januar" after "December 2022"
            when = when.replace(year=previous.year + 1)
        return when, "month", True
    raise _BadTime


def _cells(line: str) -> list[str]:
    """A pasted table row's cells: tab-separated (Word, Excel, a web page) or a Markdown row."""
    if "\t" not in line and line.strip().startswith("|"):
        return [cell.strip() for cell in line.strip().strip("|").split("|")]
    return [cell.strip() for cell in line.split("\t")]


def _is_rule(cells: Iterable[str]) -> bool:
    """A Markdown table's |---|---| line."""
    return all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells)


def parse_plan(text: str) -> ParsedPlan:
    """Seed 000's pasted table as rows, or a ValidationError naming each line it cannot read.
    The header row and empty lines are skipped; a row with two cells is time and action."""
    parsed = ParsedPlan()
    problems: list[str] = []
    previous: date | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        cells = _cells(line)
        if not any(cells) or _is_rule(cells) or cells[0].lower() in _HEADER:
            continue
        if len(cells) < 2:
            problems.append(
                _(
                    "Linje %(line)s: skriv tidspunkt, forum og handling adskilt af "
                    "tabulatorer (kopiér tabellen fra Word eller Excel).",
                    line=number,
                )
            )
            continue
        time_text = cells[0]
        forum, action = ("", cells[1]) if len(cells) == 2 else (cells[1], " ".join(cells[2:]))
        try:
            when, precision, guessed = _parse_time(time_text, previous)
        except _BadTime:
            problems.append(
                _(
                    "Linje %(line)s: »%(text)s« er ikke en dato eller måned, vi kan "
                    "læse. Skriv fx »28. januar 2022« eller »Juni 2022«.",
                    line=number,
                    text=time_text[:60],
                )
            )
            continue
        if guessed:
            parsed.notes.append(
                _(
                    "Linje %(line)s: »%(text)s« står i planen, som det er skrevet, og "
                    "regnes som %(month)s i tidslinjen.",
                    line=number,
                    text=time_text[:60],
                    month=da_month(when),
                )
            )
        previous = when
        text = " ".join(time_text.split())[:TIME_TEXT_MAX] if guessed else ""
        parsed.rows.append(PlanRow(number, text, when, precision, forum, action))
    if problems:
        raise ValidationError(" ".join(problems))
    if not parsed.rows:
        raise ValidationError(
            _("Der er ingen rækker at indsætte. Kopiér tabellen med Tidspunkt, Forum og Handling.")
        )
    if len(parsed.rows) > IMPORT_MAX_ROWS:
        raise ValidationError(_("Højst %(max)s rækker ad gangen.", max=IMPORT_MAX_ROWS))
    return parsed


def import_plan_rows(db: DbSession, process: Process, text: str) -> ParsedPlan:
    """Add every row of a pasted plan to `process`, all or none: a row that breaks a rule
    (no action, too long) is named by its line and nothing is saved."""
    parsed = parse_plan(text)
    checked = []
    for row in parsed.rows:
        try:
            checked.append(
                _checked(
                    process,
                    when=row.when,
                    precision=row.precision,
                    forum=row.forum,
                    action=row.action,
                    session_id=None,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                _("Linje %(line)s: %(problem)s", line=row.line, problem=error.message)
            ) from error
    process.milestones.extend(
        Milestone(**fields, time_text=row.text)
        for row, fields in zip(parsed.rows, checked, strict=True)
    )
    db.commit()
    db.refresh(process, ["milestones"])
    return parsed
