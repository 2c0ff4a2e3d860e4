"""What a document writer implements (Sink), and the themed bullet list every outline section
writes through it.

The writers (DOCX, Markdown) implement the small Sink; the outline (export.outline,
export.process_sections) decides *what* is said and in which order, once. Sinks clean/escape
every string they receive.

Themes are written as seed 004 writes them: a theme with several points is a bullet of its own
with the points nested under it, a theme with one point is that point with the theme as a bold
lead-in ("**Analyse af tilbudsviften:** Har vi de rette tilbud?"); never a heading over one
bullet. The secretariat's note on a theme follows the bullet it concerns, in italics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _

from .phrases import attribution, support_note
from .report import (
    ActivityReport,
    PhotoReport,
    Point,
    ReportTheme,
    is_only_unclustered,
    ordered_themes,
    theme_label,
    theme_points,
)
from .text import clean, one_line


@dataclass(frozen=True)
class Bullet:
    """One bullet: an optional bold lead-in, its text, the secretariat's note after it (in
    italics) and the bullets nested under it (one level)."""

    text: str
    lead: str = ""
    note: str = ""
    children: tuple[Bullet, ...] = ()


class Sink(Protocol):
    def title(self, text: str) -> None: ...  # generated_note() goes to properties/footer
    def heading(self, text: str, level: int) -> None: ...
    def paragraph(self, text: str, style: str = "plain") -> None: ...  # plain|bold|italic
    def labelled(self, label: str, text: str) -> None: ...
    def bullets(self, items: Iterable[str]) -> None: ...
    def bullet_list(self, items: Sequence[Bullet]) -> None: ...
    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str]],
        widths_cm: Sequence[float],
        numeric: frozenset[int] = frozenset(),
    ) -> None: ...
    def chart(self, activity: ActivityReport) -> None: ...
    def photo(self, photo: PhotoReport, caption: str) -> None: ...  # a flip-over, in the annex
    def page_break(self) -> None: ...


TEXT_WIDTH_CM = 16.0  # A4 with 2.5 cm margins
PHOTO_IN_DOCX = N_("billedet er i Word-dokumentets bilag")
_WORD = re.compile(r"\w+")
STEM = 5  # "tidlig", "tidlige", "tidligt" share a stem: enough to tell what a note is about
MIN_SHARED_STEMS = 2


def _stems(text: str) -> set[str]:
    return {w[:STEM] for w in _WORD.findall(text.casefold()) if len(w) >= 4}


def concerned(note: str, texts: Sequence[str]) -> int | None:
    """Which of `texts` a note is about: the one sharing the most content words with it (at
    least two, and more than any other); None when the note is about the theme as a whole."""
    wanted = _stems(note)
    scores = [len(wanted & _stems(text)) for text in texts]
    best = max(scores, default=0)
    if best < MIN_SHARED_STEMS or scores.count(best) > 1:
        return None
    return scores.index(best)


def point_text(point: Point, agreement: bool, origin: Callable[[str], str]) -> str:
    """A bullet's words: the text, how many wrote it (and agreed, where the document says
    what that number means), where it came from and who (written answers)."""
    # Named bodies already say who (and how many) wrote a point: no count beside them.
    writers = 1 if point.authors else point.writers
    return (
        clean(point.text)
        + support_note(writers, point.endorsements if agreement else 0)
        + origin(point.text)
        + attribution(point.authors)
    )


def theme_bullets(
    themes: Sequence[ReportTheme],
    agreement: bool = False,
    origin: Callable[[str], str] = lambda text: "",
) -> list[Bullet]:
    """The themes as seed 004's bullets (see the module docstring)."""
    if is_only_unclustered(tuple(themes)):
        return [Bullet(point_text(p, agreement, origin)) for p in theme_points(themes[0])]
    bullets = []
    for theme in ordered_themes(themes):
        texts = [point_text(p, agreement, origin) for p in theme_points(theme)]
        label = one_line(theme_label(theme.label))
        note = one_line(theme.note)
        if len(texts) == 1:
            # A point that already names its theme needs no lead-in repeating it.
            named = _stems(label) <= _stems(texts[0])
            bullets.append(Bullet(texts[0], lead="" if named else label + ":", note=note))
            continue
        at = concerned(note, texts) if note else None
        children = tuple(
            Bullet(text, note=note if index == at else "") for index, text in enumerate(texts)
        )
        bullets.append(Bullet("", lead=label, note=note if at is None else "", children=children))
    return bullets


def write_themes(
    sink: Sink,
    themes: tuple[ReportTheme, ...],
    level: int,
    origin: Callable[[str], str] = lambda text: "",
    agreement: bool = False,
) -> None:
    """`origin` adds where a bullet came from (a focus area merged across sessions);
    `agreement`: the document explains "(3 enige)", so bullets may show it. `level` is kept
    for callers: themes are bullets now, not headings."""
    del level
    if not themes:
        sink.paragraph(_("Ingen skrev noget her."))
        return
    sink.bullet_list(theme_bullets(themes, agreement, origin))
