"""Statements by table, for the console, the projector and the documents. A scribe's statement
is its table's and always shows under it; a person's shows under their table only where
contributions.privacy lets that table be told apart (at least 3 people, with complementary
suppression, decided once per activity and held), else under "Øvrige borde", like a small
stakeholder group."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from facilitator.activities.models import Activity
from facilitator.contributions import results
from facilitator.contributions.models import Participant
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


def table_sizes(
    db: DbSession, session_id: int, tables: list[SessionTable]
) -> tuple[dict[int, int], int]:
    """People (not scribes) per table, from the table number each gave when joining, and how
    many gave no known table (they hide among the small tables)."""
    numbers = {str(t.number): t.number for t in tables}
    query = (
        select(Participant.table_number, func.count(Participant.id))
        .where(Participant.session_id == session_id, Participant.scribe_table_id.is_(None))
        .group_by(Participant.table_number)
    )
    sizes: Counter[int] = Counter({t.number: 0 for t in tables})
    withheld = 0
    for number, n in db.execute(query):
        if number in numbers:
            sizes[numbers[number]] += n
        else:
            withheld += n
    return dict(sizes), withheld


def held_tables(
    db: DbSession, activity: Activity, tables: list[SessionTable], publish: bool
) -> frozenset[int]:
    """Tables a person's statement may be shown under in this activity: decided once, from the
    table sizes at its first published view with a person's statement (`publish`), and held on
    the activity's privacy decision. Two views can be subtracted, so a table that appears or
    grows later stays under "Øvrige borde" (contributions.privacy, "Over time")."""
    held = results.decision(activity).tables
    if held is None and publish and tables:
        sizes, withheld = table_sizes(db, activity.session_id, tables)
        held = results.moved_on(db, activity, lambda d: d.with_tables(sizes, withheld)).tables
    return held or frozenset()


def by_table(db: DbSession, activity: Activity, publish: bool | None = None) -> list[TableGroup]:
    """The activity's visible statements by table, in table order, then "Øvrige borde";
    tables without a statement are left out. `publish` (default: the room sees the results)
    says the view is published, so it may fix the activity's held tables (held_tables);
    an unpublished view shows people's statements only under tables already held."""
    publish = activity.results_visible if publish is None else publish
    tables = tables_of(db, activity.session_id)
    groups = {t.number: TableGroup(t.number, table_label(t.number, t.name)) for t in tables}
    others = TableGroup(None, _(OTHER_TABLES_LABEL))
    authors = {c.id: p for c, p in results.current_rows(db, activity)}
    rows = results.statements(db, activity)
    people = any(row["table"] is None for row in rows)
    readable = held_tables(db, activity, tables, publish and people)
    for row in rows:
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
