"""A check-in in the session document: how many answered and their most written words, as a
sentence when they are few ("De hyppigste ord var »samarbejde« (12), »mod« (9) og »tillid«
(6).") and as a short list when they are more, then the words by group as the builder's
breakdown holds them (made by contributions.privacy: a group of fewer than 3 never has a row).
Shared by DOCX and Markdown through the outline's Sink."""

from __future__ import annotations

from facilitator.contributions import privacy
from facilitator.core.i18n import gettext as _
from facilitator.core.i18n import ngettext
from facilitator.core.wording import da_list, participants
from facilitator.wordcloud.breakdown import GroupWords
from facilitator.wordcloud.words import WordCount

from .docx_tables import da_number
from .report import ActivityReport, group_label, group_text
from .sink import Bullet, Sink
from .text import one_line

SENTENCE_WORDS = 5  # this many read well in one sentence; more as a list
LIST_WORDS = 10  # the document's list; the spreadsheet has every word
GROUP_WORDS_SHOWN = 3  # per group in the document (the breakdown holds a few more)


def _counted(word: WordCount) -> str:
    return f"{one_line(word.text)} ({da_number(word.count)})"


def _quoted(word: WordCount) -> str:
    return _("»%(word)s« (%(count)s)", word=one_line(word.text), count=da_number(word.count))


def words_sentence(activity: ActivityReport) -> str:
    """ "28 deltagere svarede. De hyppigste ord var »a« (12), »b« (9) og »c« (6)."; the second
    sentence names at most SENTENCE_WORDS words (a list follows when there are more)."""
    facts = _("%(people)s svarede.", people=participants(activity.voters))
    if not activity.words:
        return " ".join((facts, _("Ingen af svarene havde ord, der tæller med i ordskyen.")))
    if len(activity.words) > SENTENCE_WORDS:
        return facts
    named = da_list([_quoted(w) for w in activity.words])
    if len(activity.words) == 1:
        words = _("Det eneste ord var %(words)s.", words=named)
    else:
        words = _("De hyppigste ord var %(words)s.", words=named)
    return f"{facts} {words}"


def write_words(sink: Sink, activity: ActivityReport) -> None:
    """The check-in's words: the sentence, the short list, the groups."""
    sink.paragraph(words_sentence(activity))
    if len(activity.words) > SENTENCE_WORDS:
        shown = activity.words[:LIST_WORDS]
        sink.paragraph(_("De %(num)s hyppigste ord:", num=len(shown)))
        sink.bullets([_counted(w) for w in shown])
        rest = len(activity.words) - len(shown)
        if rest:
            sink.paragraph(
                ngettext(
                    "Derudover blev %(num)s andet ord skrevet.",
                    "Derudover blev %(num)s andre ord skrevet.",
                    rest,
                )
            )
    groups = [g for g in activity.word_groups if g.words]
    if len(groups) > 1:  # one row would only repeat the room's words
        sink.paragraph(_("Fordelt på grupper:"))
        sink.bullet_list([_group_bullet(g) for g in groups])
        sink.paragraph(privacy.group_table_note())


def _group_bullet(row: GroupWords) -> Bullet:
    label = group_text(group_label(row.group))
    words = da_list([_counted(w) for w in row.words[:GROUP_WORDS_SHOWN]])
    return Bullet(
        words, lead=_("%(group)s (%(people)s):", group=label, people=da_number(row.people))
    )
