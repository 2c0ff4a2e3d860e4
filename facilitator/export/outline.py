"""The document outline shared by DOCX and Markdown: a session's document in seed 004's shape,
section by section, as calls on a Sink (export.sink), and the sections the process document
(export.process_outline) reuses.

Seed 004's shape: Baggrund (when, who met, in one sentence; the purpose; the day's topics),
then per activity a framing sentence and bullets grouped by theme, results said in sentences,
the secretariat's notes after the bullet they concern. No participant prompts, no tool text,
no number the document does not explain. The annex (optional) holds the participants' table
and every contribution with its theme, its dilemma side and the minute it was sent.

Pure outline: a report model in, Sink calls out; the words come from export.phrases and
export.result_sentences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from facilitator.contributions import privacy
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext, pgettext
from facilitator.core.wording import da_percent, da_timestamp, participants
from facilitator.export.table_sections import write_by_table

from .phrases import (
    AGREEMENT_NOTE,
    NO_INPUT,
    activity_heading,
    activity_intro,
    agenda,
    background_sentence,
    da_count,
    participants_in_words,
    session_name,
    session_title,
    share_fraction,
    suppressed_label,
)
from .report import (
    UNCLUSTERED_LABEL,
    ActivityReport,
    CountRow,
    SessionReport,
    activity_contributions,
    author_group_label,
    body_themes,
    group_label,
    group_text,
    has_input,
    has_votes,
    is_curated,
    organisation_text,
    theme_label,
    theme_points,
    unlisted_count,
)
from .result_sentences import (
    dilemma_groups_sentence,
    dilemma_sentence,
    reasons_intro,
    topic_sentences,
    topics_need_table,
)
from .sink import TEXT_WIDTH_CM, Bullet, Sink, concerned, theme_bullets
from .text import clean, one_line
from .word_sections import write_words


def write_session(sink: Sink, report: SessionReport, annex: bool = True) -> None:
    """The session's document; `annex`: the archive copy's appendix of every contribution
    (the committee copy goes without)."""
    annex = annex and any(has_input(a) for a in report.activities)
    agreement = shows_agreement(report.activities)
    sink.title(session_title(report))
    _session_background(sink, report, annex, agreement)
    for activity in report.activities:
        write_activity(sink, activity, level=1, agreement=agreement, annex=annex)
    _parking(sink, report)
    _next_steps(sink, report)
    if annex:
        sink.page_break()
        sink.heading(_("Bilag"), 1)
        write_participants(sink, report, level=2, heading=_("Deltagere"))
        sink.heading(_("Alle bidrag"), 2)
        write_annex_body(sink, [report], with_session=False, level=3)


def blocks(text: str) -> list[str]:
    """Paragraphs of a free-text description (blank-line separated)."""
    return [block.strip() for block in clean(text).split("\n\n") if block.strip()]


def shows_agreement(activities: Iterable[ActivityReport]) -> bool:
    """Whether the body shows "(4 enige)" anywhere: only in activities the secretariat did not
    curate (a hand-picked list with counts would mislead: an unlisted statement may have
    more), and only where someone agreed. The background then says once what it means."""
    return any(
        not is_curated(activity)
        and any(point.endorsements for theme in activity.themes for point in theme_points(theme))
        for activity in activities
    )


def _session_background(sink: Sink, report: SessionReport, annex: bool, agreement: bool) -> None:
    sink.heading(_("Baggrund"), 1)
    sink.paragraph(background_sentence(report))
    for block in blocks(report.description):
        sink.paragraph(block)
    if report.activities:
        sink.paragraph(_("På dagen drøftede man:"))
        sink.bullets(agenda(report.activities))
    if any(has_input(a) for a in report.activities):
        below = [_("Nedenfor er de samlede input fra dagen.")]
        if annex:
            below.append(_("Alle bidrag står i bilaget sidst i dokumentet."))
        if agreement:
            below.append(_(AGREEMENT_NOTE))
        sink.paragraph(" ".join(below))


def write_participants(sink: Sink, report: SessionReport, level: int, heading: str) -> None:
    """Who took part in one sentence, the privacy rule once, and the organisations' table
    (it says more than the sentence)."""
    sink.heading(heading, level)
    if not report.participant_count:
        sink.paragraph(_("Der er ikke registreret deltagere."))
        return
    total = participants(report.participant_count)
    who = participants_in_words(report)
    if who and who != total:
        sink.paragraph(_("I alt %(total)s: %(who)s.", total=total, who=who))
    else:
        sink.paragraph(_("I alt %(total)s.", total=total))
    sink.paragraph(privacy.privacy_note())
    if report.by_organisation:
        _count_table(
            sink,
            _("Fordelt på organisation"),
            _("Organisation"),
            [CountRow(organisation_text(row.label), row.count) for row in report.by_organisation],
        )


def _count_table(sink: Sink, caption: str, first_header: str, rows: Iterable[CountRow]) -> None:
    sink.paragraph(caption, "bold")
    data = [(one_line(row.label), da_count(row.count)) for row in rows]
    sink.table((first_header, _("Antal")), data, (11.0, 3.0), numeric=frozenset({1}))


def write_activity(
    sink: Sink, activity: ActivityReport, level: int, agreement: bool = False, annex: bool = True
) -> None:
    """One activity: its heading, the secretariat's framing, the result in words and the
    bullets. `agreement`: the document explains "(4 enige)"; `annex`: it has an annex to
    point to."""
    sink.heading(activity_heading(activity), level)
    if not has_input(activity):
        write_voice(sink, activity)
        sink.paragraph(_(NO_INPUT))
        return
    for block in blocks(activity.summary):
        sink.paragraph(block)
    if activity.kind == "dilemma":
        _note_above(sink, activity.note)
        _dilemma(sink, activity, level + 1)
    elif activity.kind == "topic_vote":
        _note_above(sink, activity.note)
        _topics(sink, activity)
    elif activity.kind == "wordcloud":
        _note_above(sink, activity.note)
        write_words(sink, activity)
    elif activity.by_table:
        _note_above(sink, activity.note)
        write_by_table(sink, activity)
    else:
        curated = is_curated(activity)
        themes = body_themes(activity.themes, curated) if activity.body is None else activity.body
        bullets = theme_bullets(themes, agreement and not curated)
        bullets, note = attach_note(activity.note, bullets)
        _note_above(sink, note)
        intro = activity_intro(activity)
        if intro and bullets:
            sink.paragraph(intro)
        if bullets:
            sink.bullet_list(bullets)
        write_unlisted(sink, unlisted_count(activity.themes, curated), annex)


def write_voice(sink: Sink, activity: ActivityReport) -> None:
    """The secretariat's note (a remark, in italics) and summary paragraphs, seed 004's
    prose under a heading, before the list they sum up."""
    _note_above(sink, activity.note)
    for block in blocks(activity.summary):
        sink.paragraph(block)


def _note_above(sink: Sink, note: str) -> None:
    if one_line(note):
        sink.paragraph(one_line(note), "italic")


def attach_note(note: str, bullets: list[Bullet]) -> tuple[list[Bullet], str]:
    """The activity's note after the bullet it concerns (a theme or a point); the note back
    when it concerns none (it then stands under the heading, about the whole)."""
    if not one_line(note):
        return bullets, ""
    places: list[tuple[int, int | None]] = [(i, None) for i in range(len(bullets))]
    places += [(i, j) for i, b in enumerate(bullets) for j in range(len(b.children))]
    texts = [
        f"{bullets[i].lead} {bullets[i].text}" if j is None else bullets[i].children[j].text
        for i, j in places
    ]
    found = concerned(note, texts)
    if found is None:
        return bullets, note
    i, j = places[found]
    bullets = list(bullets)
    if j is None:
        bullets[i] = replace(bullets[i], note=_joined(bullets[i].note, note))
    else:
        children = list(bullets[i].children)
        children[j] = replace(children[j], note=_joined(children[j].note, note))
        bullets[i] = replace(bullets[i], children=tuple(children))
    return bullets, ""


def _joined(first: str, second: str) -> str:
    return " ".join(one_line(n) for n in (first, second) if one_line(n))


def write_unlisted(sink: Sink, count: int, annex: bool) -> None:
    """Nothing vanishes silently: the curated body says what it left out."""
    if not count:
        return
    if annex:
        sink.paragraph(
            ngettext(
                "Derudover kom %(num)s bidrag uden for temaerne; det står i bilaget.",
                "Derudover kom %(num)s bidrag uden for temaerne; de står i bilaget.",
                count,
            )
        )
    else:
        sink.paragraph(
            ngettext(
                "Derudover kom %(num)s bidrag uden for temaerne, som ikke er gengivet her.",
                "Derudover kom %(num)s bidrag uden for temaerne, som ikke er gengivet her.",
                count,
            )
        )


def _parking(sink: Sink, report: SessionReport) -> None:
    """The parking lot: the open items, then the answered, each with its votes (plain
    bullets, as the rest of the document)."""
    for answered, heading in ((False, _("Åbne spørgsmål")), (True, _("Besvarede spørgsmål"))):
        rows = [row for row in report.parking if row.answered == answered]
        if rows:
            sink.heading(heading, 1)
            sink.bullets(
                ngettext(
                    "%(text)s (%(num)s stemme)",
                    "%(text)s (%(num)s stemmer)",
                    row.votes,
                    text=one_line(row.text),
                )
                for row in rows
            )


def _next_steps(sink: Sink, report: SessionReport) -> None:
    """The closing section, before the annex, when the secretariat has written it."""
    paragraphs = blocks(report.next_steps)
    if paragraphs:
        sink.heading(_("Næste skridt"), 1)
        for block in paragraphs:
            sink.paragraph(block)


def _topics(sink: Sink, activity: ActivityReport) -> None:
    sentences = topic_sentences(activity)
    if sentences:
        sink.paragraph(sentences)
    if topics_need_table(activity):
        rows = [(f"{t.rank}.", one_line(t.label), str(t.votes)) for t in activity.topics]
        sink.table(
            (_("Placering"), _("Emne"), _("Stemmer")), rows, (2.5, 10.5, 3.0), frozenset({0, 2})
        )


def _dilemma(sink: Sink, activity: ActivityReport, level: int) -> None:
    if one_line(activity.prompt):
        sink.paragraph(one_line(activity.prompt), "italic")  # the case, as the room read it
    described = [s for s in activity.sides if one_line(s.description)]
    if described:
        sink.bullet_list(
            [Bullet(one_line(s.description), lead=one_line(s.label) + ":") for s in described]
        )
    if has_votes(activity):
        sink.paragraph(
            " ".join(
                p for p in (dilemma_sentence(activity), dilemma_groups_sentence(activity)) if p
            )
        )
        if len(activity.sides) > 2:
            _side_table(sink, activity)
            sink.chart(activity)
            if activity.by_group:
                _group_table(sink, activity)
    curated = is_curated(activity)
    for side in activity.sides:
        themes = body_themes(side.themes, curated)
        if themes:
            sink.paragraph(reasons_intro(side.label))
            sink.bullet_list(theme_bullets(themes))
    del level


def _side_table(sink: Sink, activity: ActivityReport) -> None:
    rows = [
        (one_line(s.label), str(s.count), da_percent(share_fraction(s.share)))
        for s in activity.sides
    ]
    sink.table(
        (pgettext("dilemma", "Valg"), _("Antal"), _("Andel")),
        rows,
        (10.0, 3.0, 3.0),
        frozenset({1, 2}),
    )


def _group_table(sink: Sink, activity: ActivityReport) -> None:
    sides = [one_line(s.label) for s in activity.sides]
    rows = []
    for breakdown in activity.by_group:
        counts = {one_line(r.label): r.count for r in breakdown.counts or ()}
        cells = [
            da_count(counts.get(side, 0)) if breakdown.counts is not None else suppressed_label()
            for side in sides
        ]
        shown = None if breakdown.counts is None else breakdown.participants
        rows.append((group_text(group_label(breakdown.group)), da_count(shown), *cells))
    side_width = (TEXT_WIDTH_CM - 6.5) / max(len(sides), 1)
    widths = (4.0, 2.5, *([side_width] * len(sides)))
    numeric = frozenset(range(1, len(sides) + 2))
    sink.table((_("Gruppe"), _("Deltagere"), *sides), rows, widths, numeric)


def write_annex_body(
    sink: Sink, sessions: Sequence[SessionReport], with_session: bool, level: int
) -> None:
    """Per activity (per meeting first, in a process) a table of every contribution in the
    order it was sent: its theme, its side (dilemmas) and its group as privacy allows."""
    sink.paragraph(
        _(
            "Alle bidrag, aktivitet for aktivitet, i den rækkefølge de blev sendt, med "
            "klokkeslættet for hvert (og datoen, hvis det ikke var på mødets dag)."
        )
    )
    for session in sessions:
        activities = [
            a
            for a in session.activities
            if a.photos or next(activity_contributions(a), None) is not None
        ]
        if with_session and activities:
            sink.heading(session_name(session), level)
        for activity in activities:
            sink.heading(activity_heading(activity), level + 1 if with_session else level)
            if next(activity_contributions(activity), None):
                _annex_table(sink, session, activity)
            for photo in activity.photos:
                sink.photo(
                    photo, _("Foto af flip-over, Bord %(number)s", number=photo.table_number)
                )


def _annex_table(sink: Sink, session: SessionReport, activity: ActivityReport) -> None:
    """Bidrag | Valg (dilemmas) | Tema (when grouped) | Gruppe | Tidspunkt."""
    dilemma = activity.kind == "dilemma"
    rows = sorted(activity_contributions(activity), key=lambda pair: pair[1].created_at)
    themed = any(theme != UNCLUSTERED_LABEL for theme, _row in rows)
    data = [
        (
            contribution.text,
            *([one_line(contribution.side or "")] if dilemma else []),
            *([one_line(theme_label(theme))] if themed else []),
            group_text(author_group_label(contribution.author_group)),
            da_timestamp(contribution.created_at, session.date),
        )
        for theme, contribution in rows
    ]
    headers = [_("Bidrag"), _("Gruppe"), _("Tidspunkt")]
    widths = [10.8, 3.4, 1.8]
    if themed:
        headers.insert(1, _("Tema"))
        widths = [8.0, 3.0, 3.2, 1.8]
    if dilemma:
        headers.insert(1, pgettext("dilemma", "Valg"))
        widths = [widths[0] - 2.4, 2.4, *widths[1:]]
    sink.table(headers, data, widths)
