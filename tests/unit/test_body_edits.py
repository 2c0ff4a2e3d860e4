"""The secretary's body edits on the report model (export.body_edits): pure, no database.

Reorder themes and bullets, merge two bullets, rewrite one; the annex (ActivityReport.themes)
keeps every original; an edit naming what is gone is left out, never an error."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from facilitator.export.body_edits import (
    MERGE,
    POINT_ORDER,
    REWRITE,
    THEME_ORDER,
    Edit,
    apply_edits,
    edited_body,
    merged_text,
)
from facilitator.export.markdown_writer import render_session_markdown
from facilitator.export.report import (
    UNCLUSTERED_LABEL,
    ActivityReport,
    ReportContribution,
    ReportTheme,
    SessionReport,
    activity_contributions,
    theme_points,
)

AT = datetime(2024, 3, 1, 10, 0)


def row(
    key: int, text: str, endorsements: int = 0, highlighted: bool = False
) -> ReportContribution:
    return ReportContribution(
        text, "politiker", None, AT, endorsements, highlighted=highlighted, key=key
    )


def activity(*themes: ReportTheme, key: int = 7) -> ActivityReport:
    return ActivityReport(
        kind="retningspil",
        kind_label="Retningspile",
        title="Retningspile",
        prompt="",
        focus_area=None,
        themes=themes,
        contribution_count=sum(len(t.contributions) for t in themes),
        key=key,
    )


MOD = ReportTheme(
    "Mod",
    (row(1, "Vi skal turde fejle", 3), row(2, "Vi skal stå sammen", 1), row(3, "Mere mod")),
    key=10,
)
BORGER = ReportTheme(
    "Borgeren",
    (row(4, "Borgeren for bordenden", 2), row(5, "Lyt til borgeren")),
    key=11,
)
REST = ReportTheme(UNCLUSTERED_LABEL, (row(6, "Noget helt andet"),))


def texts(body: tuple[ReportTheme, ...]) -> list[tuple[str, list[str]]]:
    return [(t.label, [p.text for p in theme_points(t)]) for t in body]


def test_no_edits_is_the_document_as_built() -> None:
    body = edited_body(activity(MOD, BORGER, REST), [])
    assert texts(body) == [
        ("Mod", ["Vi skal turde fejle", "Vi skal stå sammen", "Mere mod"]),
        ("Borgeren", ["Borgeren for bordenden", "Lyt til borgeren"]),
        (UNCLUSTERED_LABEL, ["Noget helt andet"]),
    ]


def test_themes_and_bullets_in_the_secretarys_order() -> None:
    edits = [
        Edit(THEME_ORDER, 11, position=0),
        Edit(THEME_ORDER, None, position=1),  # "Øvrige bidrag" by its key None
        Edit(THEME_ORDER, 10, position=2),
        Edit(POINT_ORDER, 3, position=0),
        Edit(POINT_ORDER, 1, position=1),
        Edit(POINT_ORDER, 2, position=2),
    ]
    body = edited_body(activity(MOD, BORGER, REST), edits)
    assert texts(body) == [
        ("Borgeren", ["Borgeren for bordenden", "Lyt til borgeren"]),
        (UNCLUSTERED_LABEL, ["Noget helt andet"]),
        ("Mod", ["Mere mod", "Vi skal turde fejle", "Vi skal stå sammen"]),
    ]


def test_pinned_themes_do_not_jump_back_above_the_secretarys_order() -> None:
    pinned = replace(BORGER, pinned=True)
    report = activity(MOD, pinned)
    assert [t.label for t in edited_body(report, [])] == ["Borgeren", "Mod"]
    body = edited_body(
        report, [Edit(THEME_ORDER, 10, position=0), Edit(THEME_ORDER, 11, position=1)]
    )
    markdown = _markdown(replace(report, body=body))
    assert markdown.index("Mod") < markdown.index("Borgeren")


def test_merge_makes_one_uncounted_bullet_and_the_annex_keeps_both() -> None:
    report = activity(MOD, BORGER)
    body = edited_body(report, [Edit(MERGE, 1, other=5, text="Mod og lytning")])
    assert texts(body) == [
        ("Mod", ["Mod og lytning", "Vi skal stå sammen", "Mere mod"]),
        ("Borgeren", ["Borgeren for bordenden"]),
    ]
    merged = theme_points(body[0])[0]
    assert merged.writers == 1 and merged.endorsements == 0 and merged.keys == (1,)
    # The annex reads `themes`: the original words, each in its own theme.
    annex = {c.text for _theme, c in activity_contributions(report)}
    assert {"Vi skal turde fejle", "Lyt til borgeren"} <= annex


def test_merge_without_words_joins_them_and_an_emptied_theme_goes() -> None:
    solo = ReportTheme("Solo", (row(8, "Tidligt ind"),), key=12)
    body = edited_body(activity(MOD, solo), [Edit(MERGE, 2, other=8)])
    assert texts(body) == [
        ("Mod", ["Vi skal turde fejle", "Vi skal stå sammen. Tidligt ind", "Mere mod"])
    ]
    assert merged_text("Spørgsmål?", "Svar") == "Spørgsmål? Svar"
    noted = replace(solo, note="Sekretariatet følger op.")
    assert [t.label for t in edited_body(activity(MOD, noted), [Edit(MERGE, 2, other=8)])] == [
        "Mod",
        "Solo",
    ]


def test_rewrite_changes_the_body_only_and_later_edits_see_it() -> None:
    report = activity(MOD)
    edits = [
        Edit(REWRITE, 3, text="Vi skal have mere mod"),
        Edit(MERGE, 3, other=2),  # the rewritten words, then the other's
    ]
    body = edited_body(report, edits)
    assert texts(body) == [
        ("Mod", ["Vi skal turde fejle", "Vi skal have mere mod. Vi skal stå sammen"])
    ]
    assert [c.text for c in report.themes[0].contributions][2] == "Mere mod"


def test_edits_naming_what_is_gone_are_left_out() -> None:
    edits = [
        Edit(REWRITE, 99, text="Findes ikke"),
        Edit(MERGE, 1, other=99),
        Edit(MERGE, 1, other=1),  # a bullet with itself
        Edit(MERGE, 98, other=2),
        Edit(POINT_ORDER, 97, position=0),
        Edit(THEME_ORDER, 96, position=0),
        Edit(REWRITE, 2, text="   "),  # no words: not a rewrite
        Edit(REWRITE, 4, text="Bordenden"),
    ]
    body = edited_body(activity(MOD, BORGER), edits)
    assert texts(body) == [
        ("Mod", ["Vi skal turde fejle", "Vi skal stå sammen", "Mere mod"]),
        ("Borgeren", ["Bordenden", "Lyt til borgeren"]),
    ]


def test_a_merged_bullet_merged_again_and_its_old_key_is_gone() -> None:
    edits = [
        Edit(MERGE, 1, other=2, text="A"),
        Edit(MERGE, 4, other=1, text="B"),
        Edit(MERGE, 2, other=3),
    ]
    body = edited_body(activity(MOD, BORGER), edits)
    assert texts(body) == [("Mod", ["Mere mod"]), ("Borgeren", ["B", "Lyt til borgeren"])]
    assert theme_points(body[1])[0].keys == (4,)


def test_a_curated_activity_edits_what_its_body_lists() -> None:
    curated = ReportTheme("Mod", (row(1, "Ikke valgt"), row(2, "Valgt", highlighted=True)), key=10)
    report = activity(curated)
    assert texts(edited_body(report, [Edit(REWRITE, 1, text="Skjult")])) == [("Mod", ["Valgt"])]


def test_apply_edits_by_activity_key_and_the_documents_words() -> None:
    report = SessionReport(
        process_title=None,
        title="Visionsdag",
        kind="visionsdag",
        kind_label="Visionsdag",
        date=date(2024, 3, 1),
        venue="",
        description="",
        participant_count=0,
        by_group=(),
        by_organisation=(),
        activities=(activity(MOD, key=7), activity(BORGER, key=8)),
        generated_at=AT,
    )
    assert apply_edits(report, {}) is report
    edited = apply_edits(
        report, {8: [Edit(REWRITE, 5, text="Lyt <b>mere</b>")], 9: [Edit(REWRITE, 1, text="x")]}
    )
    assert edited.activities[0] is report.activities[0]
    markdown = render_session_markdown(edited, annex=True)
    body, annex = markdown.split("# Bilag")
    assert "Lyt \\<b\\>mere\\</b\\>" in body and "Lyt til borgeren" not in body
    assert "Lyt til borgeren" in annex and "mere" not in annex


def _markdown(one: ActivityReport) -> str:
    report = SessionReport(None, "Dag", "workshop", "Workshop", None, "", "", 0, (), (), (one,), AT)
    return render_session_markdown(report, annex=False)
