"""Statements by table, for the console, the projector and the documents. A scribe's statement
is its table's and always shows under it; a person's shows under their table only where
contributions.privacy lets that table be told apart (at least 3 people, with complementary
suppression), else under "Øvrige borde", like a small stakeholder group."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from facilitator.activities.models import Activity
from facilitator.contributions import results
from facilitator.contributions.models import Participant
from facilitator.contributions.privacy import hidden_groups
from facilitator.core.db import DbSession
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.live.protocol import Statement
from facilitator.tables.models import SessionTable
from facilitator.tables.services import table_label, tables_of

OTHER_TABLES_LABEL = N_("Øvrige borde")


@dataclass
class TableGroup:
    """One table's statements (`number` None: "Øvrige borde", the small tables together)."""

    number: int | None
    label: str
    statements: list[Statement] = field(default_factory=list)


def table_sizes(db: DbSession, session_id: int, tables: list[SessionTable]) -> dict[int, int]:
    """People (not scribes) per table, from the table number each gave when joining."""
    numbers = {str(t.number): t.number for t in tables}
    query = (
        select(Participant.table_number, func.count(Participant.id))
        .where(Participant.session_id == session_id, Participant.scribe_table_id.is_(None))
        .group_by(Participant.table_number)
    )
    sizes: Counter[int] = Counter({t.number: 0 for t in tables})
    for number, n in db.execute(query):
        if number in numbers:
            sizes[numbers[number]] += n
    return dict(sizes)


def readable_tables(db: DbSession, session_id: int, tables: list[SessionTable]) -> set[int]:
    """Tables a person's statement may be shown under (contributions.privacy's rule)."""
    sizes = table_sizes(db, session_id, tables)
    total = db.scalar(
        select(func.count(Participant.id)).where(
            Participant.session_id == session_id, Participant.scribe_table_id.is_(None)
        )
    )
    hidden = hidden_groups(sizes, withheld=(total or 0) - sum(sizes.values()))
    return {number for number, n in sizes.items() if n > 0 and number not in hidden}


def by_table(db: DbSession, activity: Activity) -> list[TableGroup]:
    """The activity's visible statements by table, in table order, then "Øvrige borde";
    tables without a statement are left out."""
    tables = tables_of(db, activity.session_id)
    readable = readable_tables(db, activity.session_id, tables)
    groups = {t.number: TableGroup(t.number, table_label(t.number, t.name)) for t in tables}
    others = TableGroup(None, _(OTHER_TABLES_LABEL))
    authors = {c.id: p for c, p in results.current_rows(db, activity)}
    for row in results.statements(db, activity):
        # No group label beside a table: "Politiker at Bord 3" could be one person.
        statement: Statement = {**row, "group": ""}
        table = statement["table"]
        participant = authors.get(statement["id"])
        own = participant.table_number if participant is not None else ""
        if table is not None and table["number"] in groups:
            groups[table["number"]].statements.append(statement)
        elif own.isdigit() and int(own) in readable and int(own) in groups:
            groups[int(own)].statements.append(statement)
        else:
            others.statements.append(statement)
    shown = [g for g in groups.values() if g.statements]
    return [*shown, *([others] if others.statements else [])]
