"""Table groups: the session's tables, their printable cards, and each table's scribe (a phone
that speaks for the whole table, counted as one voice)."""
