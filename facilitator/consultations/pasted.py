"""The secretariat's lists as text, to paste and edit in one field each.

Questions: one per line. A line starting with "#" names one of the process's focus areas;
the questions under it belong to that area (until the next "#" line, or "#" alone for none).

Bodies: one per line, "Udvalg, Organisation, e-mail", as copied from a spreadsheet: columns
separated by tabs, semicolons or commas; the e-mail is the column with an "@", wherever it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from facilitator.consultations.services import BodySpec, QuestionSpec
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.processes.models import FocusArea

HEADING = "#"


def questions_text(questions: Sequence[QuestionSpec], areas: Sequence[FocusArea]) -> str:
    names = {area.id: area.name for area in areas}
    lines: list[str] = []
    current: int | None = None
    for question in questions:
        if question.focus_area_id != current:
            current = question.focus_area_id
            lines.append(f"{HEADING} {names[current]}" if current in names else HEADING)
        lines.append(question.text)
    return "\n".join(lines)


def parse_questions(text: str, areas: Sequence[FocusArea]) -> list[QuestionSpec]:
    by_name = {area.name.casefold(): area.id for area in areas}
    questions: list[QuestionSpec] = []
    area_id: int | None = None
    for line in (line.strip() for line in text.splitlines()):
        if line.startswith(HEADING):
            name = line.lstrip(HEADING).strip()
            if name and name.casefold() not in by_name:
                raise ValidationError(
                    _(
                        "»%(name)s« er ikke et af forløbets fokusområder (%(areas)s).",
                        name=name,
                        areas=", ".join(area.name for area in areas) or _("ingen endnu"),
                    )
                )
            area_id = by_name.get(name.casefold()) if name else None
        elif line:
            questions.append(QuestionSpec(line, area_id))
    return questions


def bodies_text(bodies: Sequence[BodySpec]) -> str:
    return "\n".join(
        ", ".join(part for part in (b.body, b.organisation, b.email) if part) for b in bodies
    )


def _columns(line: str) -> list[str]:
    separator = "\t" if "\t" in line else ";" if ";" in line else ","
    return [column.strip() for column in line.split(separator)]


def parse_bodies(text: str) -> list[BodySpec]:
    bodies: list[BodySpec] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        columns = [column for column in _columns(line) if column]
        emails = [column for column in columns if "@" in column]
        names = [column for column in columns if "@" not in column]
        if len(emails) > 1 or len(names) > 2 or not names:
            raise ValidationError(
                _(
                    "Linje %(number)s (»%(line)s«): skriv »Udvalg, Organisation, e-mail« – "
                    "organisation og e-mail kan udelades.",
                    number=number,
                    line=re.sub(r"\s+", " ", line.strip())[:80],
                )
            )
        bodies.append(
            BodySpec(
                names[0],
                names[1] if len(names) > 1 else "",
                emails[0] if emails else "",
                line=number,
            )
        )
    return bodies
