"""A vote's result in words, as a secretariat writes it ("Flest stemmer fik »Egenmestring«
(25 af 72)", "politikerne 7-2 for »Tryghed«"): the sentences the session document says
instead of tables, where a sentence carries all a table would.

What a sentence may say per group is what the builder's breakdown holds: it is made by
facilitator.contributions.privacy, and a row it suppressed (counts None) is never split here.
"""

from __future__ import annotations

from facilitator.contributions.privacy import OTHER_GROUPS_LABEL
from facilitator.core.i18n import N_, ngettext
from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_list, da_percent, participants

from .docx_tables import da_number
from .phrases import share_fraction
from .report import NOT_STATED, ActivityReport, GroupBreakdown, group_label, group_text
from .text import one_line

MAX_TOPICS_IN_WORDS = 8  # more topics than this read better as the ranking table

# A group named in running text, definite: "politikerne 7-2 for ..." (English without article).
_GROUP_NAMES = {
    "Politikere": N_("politikerne"),
    "Embedspersoner": N_("embedsfolkene"),
    "Brugerorganisationer": N_("repræsentanterne for brugerorganisationerne"),
    "Andre": N_("de andre deltagere"),
    NOT_STATED: N_("deltagerne uden oplyst rolle"),
    OTHER_GROUPS_LABEL: N_("de øvrige deltagere"),  # everyone not counted in a named group
}


def group_name(label: str) -> str:
    """ "politikerne"; a group the facilitator typed stays as typed."""
    key = group_label(label)
    return _(_GROUP_NAMES[key]) if key in _GROUP_NAMES else one_line(group_text(key))


def _quoted(label: str) -> str:
    return _("»%(label)s«", label=one_line(label))


def topic_sentences(activity: ActivityReport) -> str:
    """ "40 deltagere afgav 72 stemmer. Flest stemmer fik »A« (25 af 72). Derefter fulgte
    »B« (17) og »C« (16)." Empty without votes."""
    total = sum(t.votes for t in activity.topics)
    if not total:
        return ""
    facts = _(
        "%(people)s afgav %(votes)s.",
        people=participants(activity.voters),
        votes=_votes(total),
    )
    winners = [t for t in activity.topics if t.rank == 1]
    names = da_list([_quoted(t.label) for t in winners])
    if len(winners) == 1:
        top = _(
            "Flest stemmer fik %(topic)s (%(votes)s af %(total)s).",
            topic=names,
            votes=da_number(winners[0].votes),
            total=da_number(total),
        )
    else:
        top = _(
            "Flest stemmer fik %(topics)s (hver %(votes)s af %(total)s).",
            topics=names,
            votes=da_number(winners[0].votes),
            total=da_number(total),
        )
    rest = [t for t in activity.topics if t.rank != 1]
    if not rest or len(activity.topics) > MAX_TOPICS_IN_WORDS:
        return f"{facts} {top}"
    then = _(
        "Derefter fulgte %(topics)s.",
        topics=da_list([f"{_quoted(t.label)} ({da_number(t.votes)})" for t in rest]),
    )
    return f"{facts} {top} {then}"


def _votes(n: int) -> str:
    return ngettext("%(num)s stemme", "%(num)s stemmer", n)


def topics_need_table(activity: ActivityReport) -> bool:
    return len(activity.topics) > MAX_TOPICS_IN_WORDS and any(t.votes for t in activity.topics)


def dilemma_sentence(activity: ActivityReport) -> str:
    """ "36 deltagere tog stilling: 20 (55,6 %) valgte »B« og 16 (44,4 %) valgte »A«." The
    most chosen side first."""
    if not activity.voters:
        return ""
    ordered = sorted(activity.sides, key=lambda side: -side.count)
    parts = [
        _(
            "%(count)s (%(share)s) valgte %(side)s",
            count=da_number(side.count),
            share=da_percent(share_fraction(side.share)),
            side=_quoted(side.label),
        )
        for side in ordered
    ]
    return _(
        "%(people)s tog stilling: %(parts)s.",
        people=participants(activity.voters),
        parts=da_list(parts),
    )


def _split(row: GroupBreakdown, sides: list[str]) -> str:
    counts = [
        next((r.count for r in row.counts or () if one_line(r.label) == s), 0) or 0 for s in sides
    ]
    first, second = counts
    name = group_name(row.group)
    if first == second:
        return _("%(group)s delt %(first)s-%(second)s", group=name, first=first, second=second)
    most, least = max(first, second), min(first, second)
    side = sides[0] if first > second else sides[1]
    return _(
        "%(group)s %(most)s-%(least)s for %(side)s",
        group=name,
        most=most,
        least=least,
        side=_quoted(side),
    )


def dilemma_groups_sentence(activity: ActivityReport) -> str:
    """Two sides: the split per group in one sentence ("Fordelt på grupper var politikerne
    6-3 for »B«, embedsfolkene 9-4 for »A« og ..."), and which groups privacy keeps whole.
    Empty for other dilemmas (the table says it) or without a breakdown."""
    if len(activity.sides) != 2 or not activity.by_group:
        return ""
    sides = [one_line(s.label) for s in activity.sides]
    shown = [row for row in activity.by_group if row.counts is not None and row.participants]
    hidden = [row for row in activity.by_group if row.counts is None]
    sentences = []
    if shown:
        sentences.append(
            _("Fordelt på grupper var %(parts)s.", parts=da_list([_split(r, sides) for r in shown]))
        )
    if hidden:
        sentences.append(
            _(
                "For %(groups)s vises fordelingen ikke af hensyn til anonymiteten.",
                groups=da_list([group_name(r.group) for r in hidden]),
            )
        )
    return " ".join(sentences)


def reasons_intro(side: str) -> str:
    return _("De, der valgte %(side)s, begrundede det med:", side=_quoted(side))
