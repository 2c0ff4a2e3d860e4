"""Text hygiene, Danish wording and the document outline shared by every export writer.

Participant text is hostile by default. One policy for all formats:

* XML-illegal characters (facilitator.core.text.UNTYPEABLE: C0 controls except TAB/LF, DEL,
  C1 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. Both openpyxl
  (IllegalCharacterError) and python-docx/lxml (ValueError) refuse them; replacing rather
  than dropping keeps it visible that something was there. CR and CRLF are normalised to LF.
* Unterminated bidi embeddings/overrides/isolates (e.g. U+202E) are closed at the end of
  the text, so they cannot visually reverse text *after* the contribution.
* Spreadsheet formula triggers are detected here; the XLSX writer decides how to neutralise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from facilitator.contributions import privacy
from facilitator.contributions.privacy import OTHER_GROUPS_LABEL
from facilitator.core.i18n import N_, ngettext, pgettext
from facilitator.core.i18n import gettext as _
from facilitator.core.text import UNTYPEABLE, one_newline
from facilitator.core.wording import (
    da_date,
    da_datetime,
    da_list,
    da_long_date,
    da_percent,
    da_timestamp,
    participants,
)

from .report import (
    NOT_STATED,
    ActivityReport,
    AnnexRow,
    CountRow,
    FocusSection,
    ProcessReport,
    ReportTheme,
    SessionReport,
    annex_rows,
    author_group_label,
    body_themes,
    focus_sections,
    group_label,
    group_text,
    has_input,
    has_votes,
    is_curated,
    is_only_unclustered,
    non_focus_activities,
    ordered_themes,
    organisation_text,
    point_origins,
    sessions_with_input,
    theme_label,
    theme_points,
)

REPLACEMENT = "\ufffd"

_EMBED_OPEN = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF U+202C
_ISOLATE_OPEN = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI U+2069
_FORMULA_TRIGGERS = ("=", "+", "-", "@")


def clean(text: object) -> str:
    """Make any value safe to place in an XML document as text (see module docstring)."""
    if text is None:
        return ""
    value = UNTYPEABLE.sub(REPLACEMENT, one_newline(str(text)))
    return _close_bidi(value)


def _close_bidi(value: str) -> str:
    # Cheap pre-check: almost no text contains bidi controls.
    if not any(ch in value for ch in _EMBED_OPEN + _ISOLATE_OPEN):
        return value
    embeds = sum(value.count(ch) for ch in _EMBED_OPEN) - value.count("\u202c")
    isolates = sum(value.count(ch) for ch in _ISOLATE_OPEN) - value.count("\u2069")
    return value + "\u202c" * max(embeds, 0) + "\u2069" * max(isolates, 0)


def one_line(text: object) -> str:
    """clean() and collapse all whitespace runs (incl. newlines) to single spaces."""
    return " ".join(clean(text).split())


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet could read the text as a formula (OWASP CSV-injection list).

    Leading whitespace (space, TAB, CR, LF) is ignored because Excel and LibreOffice trim
    it on edit/import, which would turn "  =1+1" into a live formula.
    """
    return text.lstrip().startswith(_FORMULA_TRIGGERS) or text.startswith(("\t", "\r"))


def da_count(count: int | None) -> str:
    return suppressed_label() if count is None else str(count)


def suppressed_label() -> str:
    """facilitator.contributions.privacy's "færre end 3" in the document's language."""
    return privacy.suppressed_label()


def support_note(writers: int, endorsements: int) -> str:
    """ " (3 skrev det samme, 2 enige)" – empty when one person wrote it and nobody agreed."""
    parts = [ngettext("%(num)s skrev det samme", "%(num)s skrev det samme", writers)] \
        if writers > 1 else []
    if endorsements > 0:
        parts.append(ngettext("%(num)s enig", "%(num)s enige", endorsements))
    return f" ({', '.join(parts)})" if parts else ""


# How a committee names who took part ("11 politikere, 15 embedsfolk og ..."), by the group
# labels facilitator.contributions.privacy lets through; folded small groups read "og 5 andre".
_PEOPLE: dict[str, Callable[[int], str]] = {
    "Politikere": lambda n: ngettext("%(num)s politiker", "%(num)s politikere", n),
    "Embedspersoner": lambda n: ngettext("%(num)s embedsperson", "%(num)s embedsfolk", n),
    "Brugerorganisationer": lambda n: ngettext(
        "%(num)s repræsentant for brugerorganisationer",
        "%(num)s repræsentanter for brugerorganisationer", n),
    "Andre": lambda n: ngettext("%(num)s anden deltager", "%(num)s andre deltagere", n),
    NOT_STATED: lambda n: ngettext("%(num)s deltager uden oplyst rolle",
                                   "%(num)s deltagere uden oplyst rolle", n),
    OTHER_GROUPS_LABEL: lambda n: ngettext("%(num)s anden", "%(num)s andre", n),
}
_SESSION_NOUNS = {  # "til en visionsdag for ..."
    "visionsdag": N_("en visionsdag"),
    "workshop": N_("en workshop"),
    "dialogforum": N_("et dialogforum"),
}


def participants_in_words(report: SessionReport) -> str:
    """"11 politikere, 15 embedsfolk og 5 andre" from the published group counts; only
    "35 deltagere" when no group may be named. Empty when nobody is registered."""
    total = report.participant_count
    if not total:
        return ""
    rows = [(group_label(row.label), row.count) for row in report.by_group if row.count]
    named = [row for row in rows if row[0] not in (OTHER_GROUPS_LABEL, NOT_STATED)]
    if not named or sum(n for _label, n in rows) != total:
        return participants(total)
    return da_list([_PEOPLE[label](n) if label in _PEOPLE else f"{n} {group_text(label)}"
                    for label, n in rows])


def generated_note(report: SessionReport | ProcessReport) -> str:
    """"Dannet af facilitator 3. februar 2020 kl. 14.05." – for the document properties and
    the footer, not the body: a committee reads the content, not how it was made."""
    return _("Dannet af facilitator %(when)s.", when=da_datetime(report.generated_at))


def document_title(title: str) -> str:
    """"Output fra visionsdagen" (seed 004)."""
    return _("Output fra %(title)s", title=one_line(title))


# --- wording shared by DOCX and Markdown ------------------------------------------------

_INTROS = {
    "retningspil": N_("Følgende retningspile blev pointeret:"),
    "open_question": N_("Deltagernes svar, samlet i temaer:"),
    "dilemma": N_("Fordelingen af deltagernes valg og deres begrundelser:"),
    "topic_vote": N_("Emnerne er listet efter antal stemmer:"),
}


def focus_heading(focus_area: str) -> str:
    return _("Fokusområde: %(area)s", area=focus_area)


def activity_heading(activity: ActivityReport) -> str:
    """Initiatives are headed by their focus area, like seed 004 ("Den gode alderdom")."""
    if activity.kind == "initiative" and activity.focus_area:
        return focus_heading(activity.focus_area)
    return activity.title


def initiatives_intro(subject: str) -> str:
    """Seed 004: "Deltagerne foreslog følgende fælleskommunale initiativer ift. den gode
    alderdom:" – the subject in running text starts in lower case (not an acronym: "KKR")."""
    subject = one_line(subject)
    if subject[1:2].islower():
        subject = subject[:1].lower() + subject[1:]
    return _("Deltagerne foreslog følgende initiativer ift. %(subject)s:", subject=subject)


def activity_intro(activity: ActivityReport) -> str:
    if activity.kind == "initiative":
        return initiatives_intro(activity.focus_area or activity.title)
    if activity.kind == "open_question" and is_only_unclustered(activity.themes):
        return _("Deltagernes svar:")  # not "samlet i temaer" above a flat list
    return _(_INTROS[activity.kind]) if activity.kind in _INTROS else _("Deltagernes bidrag:")


NO_INPUT = N_("Der kom ingen bidrag til denne aktivitet.")


def reason_count(activity: ActivityReport) -> int:
    return sum(len(t.contributions) for side in activity.sides for t in side.themes)


def activity_facts(activity: ActivityReport) -> str:
    """One sentence of numbers under the prompt, counting what was actually counted: a topic
    vote's choices are votes, not voters; a dilemma's answers are choices, not contributions."""
    if not has_input(activity):
        return _(NO_INPUT)
    if activity.kind == "topic_vote":
        votes = sum(t.votes for t in activity.topics)
        return _("%(people)s afgav %(votes)s.", people=participants(activity.voters),
                 votes=ngettext("%(num)s stemme", "%(num)s stemmer", votes))
    if activity.kind == "dilemma":
        chose = _("%(people)s tog stilling", people=participants(activity.voters))
        reasons = reason_count(activity)
        if not reasons:
            return f"{chose}."
        return ngettext("%(chose)s; %(num)s deltager begrundede sit valg.",
                        "%(chose)s; %(num)s begrundede deres valg.", reasons, chose=chose)
    return ngettext("Deltagerne kom med %(num)s bidrag.", "Deltagerne kom med %(num)s bidrag.",
                    activity.contribution_count)


def share_fraction(share: float) -> float:
    """Shares are fractions (0-1); tolerate a builder that passes percentages."""
    return share / 100 if share > 1 else share


# --- document outline shared by DOCX and Markdown ---------------------------------------
# The writers implement a small Sink; the outline below decides *what* is said and in
# which order, once. Sinks clean/escape every string they receive.


class Sink(Protocol):
    def title(self, text: str) -> None: ...  # generated_note() goes to properties/footer
    def heading(self, text: str, level: int) -> None: ...
    def paragraph(self, text: str, style: str = "plain") -> None: ...  # plain|bold|italic
    def labelled(self, label: str, text: str) -> None: ...
    def bullets(self, items: Iterable[str]) -> None: ...
    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]],
              widths_cm: Sequence[float], numeric: frozenset[int] = frozenset()) -> None: ...
    def chart(self, activity: ActivityReport) -> None: ...
    def page_break(self) -> None: ...


TEXT_WIDTH_CM = 16.0  # A4 with 2.5 cm margins


def write_session(sink: Sink, report: SessionReport, annex: bool = True) -> None:
    sink.title(document_title(report.title))
    _session_background(sink, report)
    for activity in report.activities:
        _activity(sink, activity, level=1)
    _next_steps(sink, report)
    if annex and any(has_input(a) for a in report.activities):
        _annex(sink, [report], with_session=False)


def write_process(sink: Sink, report: ProcessReport, annex: bool = True) -> None:
    """Sessions without any input are left out: the document reports what was said."""
    # Imported here: the process-only sections build on this module's outline.
    from .process_sections import write_plan, write_written_rounds

    held = sessions_with_input(report.sessions)
    report = replace(report, sessions=held)
    sink.title(document_title(report.title))
    _process_background(sink, report)
    write_plan(sink, report.plan)
    for section in focus_sections(report):
        _focus_section(sink, section, level=1)
    for session in held:
        activities = [a for a in non_focus_activities(session) if has_input(a)]
        if activities:
            sink.heading(session_name(session), 1)
            sink.paragraph(_when_where(session))
            for activity in activities:
                _activity(sink, activity, level=2)
    write_written_rounds(sink, report.written_rounds)
    if annex and held:
        _annex(sink, held, with_session=True)


def session_name(session: SessionReport) -> str:
    """"Workshop: Psykiatri, 3. februar 2020" – how a process document tells its sessions
    apart (the kind only when the title does not already say it)."""
    when = f", {da_date(session.date)}" if session.date else ""  # ", 3. februar 2020"
    title = one_line(session.title)
    kind = one_line(session.kind_label)
    return f"{title}{when}" if kind.casefold() in title.casefold() else f"{kind}: {title}{when}"


def _blocks(text: str) -> list[str]:
    """Paragraphs of a free-text description (blank-line separated)."""
    return [block.strip() for block in clean(text).split("\n\n") if block.strip()]


def _when_where(session: SessionReport) -> str:
    when = da_long_date(session.date, session.starts_at, session.ends_at)
    parts = [when[:1].upper() + when[1:] if when else _("Dato ikke fastsat")]
    if one_line(session.venue):
        parts.append(one_line(session.venue))
    return ", ".join(parts) + "."


def background_sentence(report: SessionReport) -> str:
    """Seed 004's opening: "Mandag den 3. februar 2020, kl. 9.00-12.00, mødtes 11 politikere,
    15 embedsfolk og 9 repræsentanter for brugerorganisationer til en visionsdag for ..."."""
    occasion = _(_SESSION_NOUNS[report.kind]) if report.kind in _SESSION_NOUNS \
        else _("et møde")
    if report.process_title and report.process_title.strip():
        occasion = _("%(occasion)s for %(process)s", occasion=occasion,
                     process=one_line(report.process_title))
    when = da_long_date(report.date, report.starts_at, report.ends_at)
    who = participants_in_words(report)
    # The hours are an aside: "..., kl. 9.00-12.00, mødtes ..." (English: "On ..., ... met").
    if who and when and report.starts_at:
        sentence = _("%(when)s, mødtes %(who)s til %(occasion)s.", when=when, who=who,
                     occasion=occasion)
    elif who and when:
        sentence = _("%(when)s mødtes %(who)s til %(occasion)s.", when=when, who=who,
                     occasion=occasion)
    elif who:
        sentence = _("%(who)s mødtes til %(occasion)s.", who=who, occasion=occasion)
    elif when and report.starts_at:  # "Deltagere" below says that nobody is registered
        sentence = _("%(when)s, blev der holdt %(occasion)s.", when=when, occasion=occasion)
    elif when:
        sentence = _("%(when)s blev der holdt %(occasion)s.", when=when, occasion=occasion)
    else:
        sentence = _("Der blev holdt %(occasion)s.", occasion=occasion)
    venue = one_line(report.venue)
    if venue:
        sentence += " " + _("Mødested: %(venue)s.", venue=venue)
    return sentence[:1].upper() + sentence[1:]


def agenda(activities: Iterable[ActivityReport]) -> list[str]:
    """What was on the day's agenda, as a reader names it: the focus area or the title,
    without the app's kind prefixes, each once."""
    return list(dict.fromkeys(one_line(activity_heading(a)) for a in activities))


def _session_background(sink: Sink, report: SessionReport) -> None:
    sink.heading(_("Baggrund"), 1)
    sink.paragraph(background_sentence(report))
    for block in _blocks(report.description):
        sink.paragraph(block)
    if report.activities:
        sink.paragraph(_("På dagen drøftede man:"))
        sink.bullets(agenda(report.activities))
    if any(has_input(a) for a in report.activities):
        grouped = any(not is_only_unclustered(a.themes) and a.themes for a in report.activities)
        sink.paragraph(
            _("Nedenfor er de samlede input fra dagen, grupperet i temaer. Alle bidrag findes "
              "i bilaget sidst i dokumentet.") if grouped
            else _("Nedenfor er de samlede input fra dagen. Alle bidrag findes i bilaget sidst "
                   "i dokumentet."))
    _participants(sink, report, level=2, heading=_("Deltagere"))


def _participants(sink: Sink, report: SessionReport, level: int, heading: str) -> None:
    sink.heading(heading, level)
    if not report.participant_count:
        sink.paragraph(_("Der er ikke registreret deltagere."))
        return
    total = participants(report.participant_count)
    sink.paragraph(_("I alt %(total)s. %(note)s", total=total,
                     note=privacy.privacy_note()))
    _count_table(sink, _("Fordelt på interessentgruppe"), _("Interessentgruppe"),
                 [CountRow(group_text(group_label(row.label)), row.count)
                  for row in report.by_group])
    if report.by_organisation:
        _count_table(sink, _("Fordelt på organisation"), _("Organisation"),
                     [CountRow(organisation_text(row.label), row.count)
                      for row in report.by_organisation])


def _count_table(sink: Sink, caption: str, first_header: str, rows: Iterable[CountRow]) -> None:
    sink.paragraph(caption, "bold")
    data = [(one_line(row.label), da_count(row.count)) for row in rows]
    sink.table((first_header, _("Antal")), data, (11.0, 3.0), numeric=frozenset({1}))


def _process_background(sink: Sink, report: ProcessReport) -> None:
    sink.heading(_("Baggrund"), 1)
    for block in _blocks(report.description):
        sink.paragraph(block)
    if report.focus_areas:
        sink.paragraph(_("Processen har følgende fokusområder:"))
        sink.bullets(report.focus_areas)
    if not report.sessions:
        sink.paragraph(_("Der er endnu ikke kommet input fra processens møder."))
        return
    sink.paragraph(_("Dokumentet samler input fra følgende møder:"), "bold")
    rows = [
        (one_line(s.title), one_line(s.kind_label), da_date(s.date), one_line(s.venue),
         str(s.participant_count))
        for s in report.sessions
    ]
    sink.table((_("Møde"), _("Type"), _("Dato"), _("Sted"), _("Deltagere")), rows,
               (4.5, 2.5, 3.0, 4.0, 2.0), numeric=frozenset({4}))
    for session in report.sessions:
        _participants(sink, session, level=2,
                      heading=_("Deltagere: %(session)s", session=session_name(session)))


def _activity(sink: Sink, activity: ActivityReport, level: int) -> None:
    sink.heading(activity_heading(activity), level)
    if activity.prompt:
        sink.labelled(activity.kind_label, activity.prompt)
    _voice(sink, activity)
    sink.paragraph(activity_facts(activity))
    if not has_input(activity):
        return
    sink.paragraph(activity_intro(activity))
    if activity.kind == "dilemma":
        _dilemma(sink, activity, level + 1)
    elif activity.kind == "topic_vote":
        _topics(sink, activity)
    else:
        write_themes(sink, body_themes(activity.themes, is_curated(activity)), level + 1)


def _voice(sink: Sink, activity: ActivityReport) -> None:
    """The secretariat's note (a remark, in italics) and summary paragraphs, seed 004's
    prose under a heading, before the list they sum up."""
    if activity.note:
        sink.paragraph(one_line(activity.note), "italic")
    for block in _blocks(activity.summary):
        sink.paragraph(block)


def _next_steps(sink: Sink, report: SessionReport) -> None:
    """The closing section, before the annex, when the secretariat has written it."""
    blocks = _blocks(report.next_steps)
    if blocks:
        sink.heading(_("Næste skridt"), 1)
        for block in blocks:
            sink.paragraph(block)


def write_themes(sink: Sink, themes: tuple[ReportTheme, ...], level: int,
            origin: Callable[[str], str] = lambda text: "") -> None:
    """`origin` adds where a bullet came from (a focus area merged across sessions)."""
    if not themes:
        sink.paragraph(_("Ingen skrev noget her."))
        return
    bare = is_only_unclustered(themes)
    for theme in ordered_themes(themes):
        if not bare:
            sink.heading(theme_label(theme.label), level)
        if theme.note:
            sink.paragraph(one_line(theme.note), "italic")
        if theme.contributions:  # a curated theme may keep only its note
            # Named bodies already say who (and how many) wrote a point: no count beside them.
            sink.bullets(clean(p.text) + support_note(1 if p.authors else p.writers,
                                                      p.endorsements)
                         + origin(p.text) + attribution(p.authors) for p in theme_points(theme))


def attribution(authors: Sequence[str]) -> str:
    """" – Socialudvalget, Aalborg Kommune": the bodies behind a written answer's point
    (names hold commas, so several are separated by semicolons). Empty for the room's input."""
    return " – " + "; ".join(one_line(author) for author in authors) if authors else ""


def _focus_section(sink: Sink, section: FocusSection, level: int) -> None:
    sink.heading(focus_heading(section.focus_area), level)
    sessions = list(dict.fromkeys(session_name(s) for s, _activity in section.sources))
    sink.labelled(_("Fra") if len(sessions) == 1 else _("Samlet fra"), "; ".join(sessions))
    for _session, activity in section.sources:
        _voice(sink, activity)
    sink.paragraph(initiatives_intro(section.focus_area))
    if len(sessions) == 1:
        write_themes(sink, section.themes, level + 1)
        return
    origins = point_origins(section.sources)
    write_themes(sink, section.themes, level + 1, origin=lambda text: " – " + _(
        "fra %(sessions)s", sessions=da_list([one_line(s.title) for s in origins(text)])))


def _topics(sink: Sink, activity: ActivityReport) -> None:
    if not has_votes(activity):
        return
    rows = [(f"{t.rank}.", one_line(t.label), str(t.votes)) for t in activity.topics]
    sink.table((_("Placering"), _("Emne"), _("Stemmer")), rows, (2.5, 10.5, 3.0),
               frozenset({0, 2}))


def _dilemma(sink: Sink, activity: ActivityReport, level: int) -> None:
    if not has_votes(activity):
        return
    sink.heading(_("Fordeling"), level)
    rows = [
        (one_line(s.label), str(s.count), da_percent(share_fraction(s.share)))
        for s in activity.sides
    ]
    sink.table((pgettext("dilemma", "Side"), _("Antal"), _("Andel")), rows, (10.0, 3.0, 3.0),
               frozenset({1, 2}))
    if activity.sides:
        sink.chart(activity)
    if activity.by_group:
        sink.heading(_("Fordeling på interessentgrupper"), level)
        sink.paragraph(privacy.group_table_note())
        _group_table(sink, activity)
    for side in activity.sides:
        if not side.themes:
            continue  # no heading above nothing
        sink.heading(_("Begrundelser for: %(side)s", side=side.label), level)
        if side.description:
            sink.paragraph(side.description, "italic")
        write_themes(sink, body_themes(side.themes, is_curated(activity)), level + 1)


def _group_table(sink: Sink, activity: ActivityReport) -> None:
    sides = [one_line(s.label) for s in activity.sides]
    rows = []
    for breakdown in activity.by_group:
        counts = {one_line(r.label): r.count for r in breakdown.counts or ()}
        cells = [
            da_count(counts.get(side, 0)) if breakdown.counts is not None
            else suppressed_label()
            for side in sides
        ]
        shown = None if breakdown.counts is None else breakdown.participants
        rows.append((group_text(group_label(breakdown.group)), da_count(shown), *cells))
    side_width = (TEXT_WIDTH_CM - 6.5) / max(len(sides), 1)
    widths = (4.0, 2.5, *([side_width] * len(sides)))
    numeric = frozenset(range(1, len(sides) + 2))
    sink.table((_("Interessentgruppe"), _("Deltagere"), *sides), rows, widths, numeric)


def chart_alt_text(activity: ActivityReport) -> str:
    """Alt text carries the same numbers as the chart, for screen-reader users."""
    parts = "; ".join(
        f"{one_line(s.label)}: {s.count} ({da_percent(share_fraction(s.share))})"
        for s in activity.sides
    )
    return clean(_("Søjlediagram over fordelingen på dilemmaet »%(title)s«. %(parts)s.",
                   title=one_line(activity.title), parts=parts))


def _annex(sink: Sink, sessions: Sequence[SessionReport], with_session: bool) -> None:
    sink.page_break()
    sink.heading(_("Bilag: Alle bidrag"), 1)
    sink.paragraph(_("Alle bidrag i den rækkefølge, aktiviteterne blev gennemført."))
    headers = [_("Aktivitet"), _("Bidrag"), _("Interessentgruppe"), _("Tidspunkt")]
    widths = [3.2, 7.8, 3.2, 1.8]
    if with_session:
        headers.insert(0, _("Møde"))
        widths = [2.4, 2.6, 6.2, 3.0, 1.8]
    rows = (_annex_row(row, with_session) for row in annex_rows(sessions))
    sink.table(headers, rows, widths)


def _annex_row(row: AnnexRow, with_session: bool) -> list[str]:
    cells = [
        one_line(row.activity.title),
        row.contribution.text,
        group_text(author_group_label(row.contribution.author_group)),
        da_timestamp(row.contribution.created_at, row.session.date),
    ]
    return [one_line(row.session.title), *cells] if with_session else cells
