"""The sentences every document says, in the reader's language: headings, introductions, the
facts under an activity, who took part, the background's opening, a point's support.

Shared by the outline (export.outline) and the writers (the chart's alt text, the document's
properties), so DOCX and Markdown say the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from facilitator.contributions import privacy
from facilitator.contributions.privacy import OTHER_GROUPS_LABEL
from facilitator.core.i18n import DEFAULT_LOCALE, N_, current_locale, ngettext
from facilitator.core.i18n import gettext as _
from facilitator.core.wording import (
    da_date,
    da_datetime,
    da_list,
    da_long_date,
    da_percent,
    participants,
)

from .report import (
    NOT_STATED,
    ActivityReport,
    ProcessReport,
    SessionReport,
    group_label,
    group_text,
    has_input,
    is_focus_initiative,
    is_only_unclustered,
)
from .text import clean, one_line


def da_count(count: int | None) -> str:
    return suppressed_label() if count is None else str(count)


def suppressed_label() -> str:
    """facilitator.contributions.privacy's "færre end 3" in the document's language."""
    return privacy.suppressed_label()


def support_note(writers: int, endorsements: int) -> str:
    """ " (3 skrev det samme, 2 enige)" – empty when one person wrote it and nobody agreed."""
    parts = (
        [ngettext("%(num)s skrev det samme", "%(num)s skrev det samme", writers)]
        if writers > 1
        else []
    )
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
        "%(num)s repræsentanter for brugerorganisationer",
        n,
    ),
    "Andre": lambda n: ngettext("%(num)s anden deltager", "%(num)s andre deltagere", n),
    NOT_STATED: lambda n: ngettext(
        "%(num)s deltager uden oplyst rolle", "%(num)s deltagere uden oplyst rolle", n
    ),
    OTHER_GROUPS_LABEL: lambda n: ngettext(
        "%(num)s deltager fra andre grupper", "%(num)s deltagere fra andre grupper", n
    ),
}


_SESSION_NOUNS = {  # "til en visionsdag for ..."
    "visionsdag": N_("en visionsdag"),
    "workshop": N_("en workshop"),
    "dialogforum": N_("et dialogforum"),
}
_SESSION_DEFINITE = {  # "Output fra visionsdagen om ..." (seed 004)
    "visionsdag": N_("Output fra visionsdagen om %(process)s"),
    "workshop": N_("Output fra workshoppen om %(process)s"),
    "dialogforum": N_("Output fra dialogforummet om %(process)s"),
}


def participants_in_words(report: SessionReport) -> str:
    """ "11 politikere, 15 embedsfolk og 5 andre" from the published group counts; only
    "35 deltagere" when no group may be named. Empty when nobody is registered."""
    total = report.participant_count
    if not total:
        return ""
    rows = [(group_label(row.label), row.count) for row in report.by_group if row.count]
    named = [row for row in rows if row[0] not in (OTHER_GROUPS_LABEL, NOT_STATED)]
    if not named or sum(n for _label, n in rows) != total:
        return participants(total)
    return da_list(
        [_PEOPLE[label](n) if label in _PEOPLE else f"{n} {group_text(label)}" for label, n in rows]
    )


def generated_note(report: SessionReport | ProcessReport) -> str:
    """ "Dannet af facilitator 3. februar 2020 kl. 14.05." – for the document properties and
    the footer, not the body: a committee reads the content, not how it was made."""
    return _("Dannet af facilitator %(when)s.", when=da_datetime(report.generated_at))


def document_title(title: str) -> str:
    """ "Output fra Nordjysk Socialaftale" (a process document)."""
    return _("Output fra %(title)s", title=one_line(title))


def session_title(report: SessionReport) -> str:
    """Seed 004's "Output fra visionsdagen om Nordjysk Socialaftale 2021-2022" when the
    session's title only names its kind and its process ("Visionsdag for Nordjysk
    Socialaftale 2023-2024"); otherwise the session's own title, which says more."""
    title = one_line(report.title)
    process = one_line(report.process_title or "")
    kind = one_line(report.kind_label)
    rest = title.casefold().replace(process.casefold(), "")
    for name in (kind, report.kind):  # the kind in the document's language or as stored
        rest = rest.replace(name.casefold(), "")
    if process and report.kind in _SESSION_DEFINITE and set(rest.split()) <= {"for", "om", "-"}:
        return _(_SESSION_DEFINITE[report.kind], process=process)
    return title


_INTROS = {
    "retningspil": N_("Følgende retningspile blev pointeret:"),
    "open_question": N_("Svarene samlede sig om disse temaer:"),
}


def focus_heading(focus_area: str) -> str:
    return _("Fokusområde: %(area)s", area=focus_area)


def activity_heading(activity: ActivityReport) -> str:
    """Initiatives are headed by their focus area, like seed 004 ("Den gode alderdom")."""
    if activity.kind == "initiative" and activity.focus_area:
        return activity.focus_area
    return activity.title


def initiatives_intro(subject: str) -> str:
    """Seed 004: "Deltagerne foreslog følgende fælleskommunale initiativer ift. den gode
    alderdom:" – the subject in running text starts in lower case (not an acronym: "KKR");
    English names the focus area as written, in quotes (`name`)."""
    name = one_line(subject)
    if current_locale() == DEFAULT_LOCALE:  # Danish: a name in running text in lower case
        subject = name[:1].lower() + name[1:] if name[1:2].islower() else name
    else:  # a Danish name in an English sentence: quoted, as written
        subject = _("»%(label)s«", label=name)
    return _("Deltagerne foreslog følgende initiativer ift. %(subject)s:", subject=subject)


def activity_intro(activity: ActivityReport) -> str:
    """The sentence that leads into an activity's bullets; empty where none is needed."""
    if activity.kind == "initiative":
        return initiatives_intro(activity.focus_area or activity.title)
    if activity.kind == "open_question" and is_only_unclustered(activity.themes):
        return _("Deltagerne svarede:")  # not "samlet i temaer" above a flat list
    return _(_INTROS[activity.kind]) if activity.kind in _INTROS else ""


AGREEMENT_NOTE = N_(
    "Et tal som »(4 enige)« efter et udsagn er antallet af deltagere, der på deres telefon "
    "erklærede sig enige i det."
)


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
        return _(
            "%(people)s afgav %(votes)s.",
            people=participants(activity.voters),
            votes=ngettext("%(num)s stemme", "%(num)s stemmer", votes),
        )
    if activity.kind == "dilemma":
        chose = _("%(people)s tog stilling", people=participants(activity.voters))
        reasons = reason_count(activity)
        if not reasons:
            return f"{chose}."
        return ngettext(
            "%(chose)s; %(num)s deltager begrundede sit valg.",
            "%(chose)s; %(num)s begrundede deres valg.",
            reasons,
            chose=chose,
        )
    return ngettext(
        "Deltagerne kom med %(num)s bidrag.",
        "Deltagerne kom med %(num)s bidrag.",
        activity.contribution_count,
    )


def share_fraction(share: float) -> float:
    """Shares are fractions (0-1); tolerate a builder that passes percentages."""
    return share / 100 if share > 1 else share


def session_name(session: SessionReport) -> str:
    """ "Workshop: Psykiatri, 3. februar 2020" – how a process document tells its sessions
    apart (the kind only when the title does not already say it)."""
    when = f", {da_date(session.date)}" if session.date else ""  # ", 3. februar 2020"
    title = one_line(session.title)
    kind = one_line(session.kind_label)
    return f"{title}{when}" if kind.casefold() in title.casefold() else f"{kind}: {title}{when}"


def background_sentence(report: SessionReport) -> str:
    """Seed 004's opening: "Mandag den 3. februar 2020, kl. 9.00-12.00, mødtes 11 politikere,
    15 embedsfolk og 9 repræsentanter for brugerorganisationer til en visionsdag for ..."."""
    occasion = _(_SESSION_NOUNS[report.kind]) if report.kind in _SESSION_NOUNS else _("et møde")
    if report.process_title and report.process_title.strip():
        occasion = _(
            "%(occasion)s for %(process)s",
            occasion=occasion,
            process=one_line(report.process_title),
        )
    when = da_long_date(report.date, report.starts_at, report.ends_at)
    who = participants_in_words(report)
    # The hours are an aside: "..., kl. 9.00-12.00, mødtes ..." (English: "On ..., ... met").
    if who and when and report.starts_at:
        sentence = _(
            "%(when)s, mødtes %(who)s til %(occasion)s.", when=when, who=who, occasion=occasion
        )
    elif who and when:
        sentence = _(
            "%(when)s mødtes %(who)s til %(occasion)s.", when=when, who=who, occasion=occasion
        )
    elif who:
        sentence = _("%(who)s mødtes til %(occasion)s.", who=who, occasion=occasion)
    elif when and report.starts_at:  # "Deltagere" below says that nobody is registered
        sentence = _("%(when)s, blev der holdt %(occasion)s.", when=when, occasion=occasion)
    elif when:
        sentence = _("%(when)s blev der holdt %(occasion)s.", when=when, occasion=occasion)
    else:
        sentence = _("Der blev holdt %(occasion)s.", occasion=occasion)
    venue = one_line(report.venue)
    if venue:  # one sentence: "... til en visionsdag for X i Aalborg Kongres & Kultur Center."
        sentence = _("%(sentence)s i %(venue)s.", sentence=sentence[:-1], venue=venue)
    return sentence[:1].upper() + sentence[1:]


def agenda(activities: Iterable[ActivityReport]) -> list[str]:
    """The day's topics as seed 004 lists them ("Fokusområde 1: Den gode alderdom"): a vote
    with its winner, a dilemma named as one, focus areas numbered; each once."""
    activities = list(activities)
    areas = list(dict.fromkeys(a.focus_area for a in activities if is_focus_initiative(a)))
    items = []
    for activity in activities:
        title = one_line(activity_heading(activity))
        if is_focus_initiative(activity) and activity.focus_area:
            number = areas.index(activity.focus_area) + 1
            items.append(_("Fokusområde %(number)s: %(area)s", number=number, area=title))
        elif activity.kind == "dilemma":
            items.append(_("Dilemma: %(title)s", title=title))
        elif activity.kind == "topic_vote" and activity.topics and activity.topics[0].votes:
            winners = [one_line(t.label) for t in activity.topics if t.rank == 1]
            items.append(
                _(
                    "%(title)s (flest stemmer: %(winners)s)",
                    title=title,
                    winners=da_list([_("»%(label)s«", label=w) for w in winners]),
                )
            )
        else:
            items.append(title)
    return list(dict.fromkeys(items))


def attribution(authors: Sequence[str]) -> str:
    """ " – Socialudvalget, Aalborg Kommune": the bodies behind a written answer's point
    (names hold commas, so several are separated by semicolons). Empty for the room's input."""
    return " – " + "; ".join(one_line(author) for author in authors) if authors else ""


def chart_alt_text(activity: ActivityReport) -> str:
    """Alt text carries the same numbers as the chart, for screen-reader users."""
    parts = "; ".join(
        f"{one_line(s.label)}: {s.count} ({da_percent(share_fraction(s.share))})"
        for s in activity.sides
    )
    return clean(
        _(
            "Søjlediagram over fordelingen på dilemmaet »%(title)s«. %(parts)s.",
            title=one_line(activity.title),
            parts=parts,
        )
    )
