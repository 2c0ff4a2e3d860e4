"""What a document writer implements (Sink), and the themed bullet list every outline section
writes through it.

The writers (DOCX, Markdown) implement the small Sink; the outline (export.outline,
export.process_sections) decides *what* is said and in which order, once. Sinks clean/escape
every string they receive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from facilitator.core.i18n import gettext as _

from .phrases import attribution, support_note
from .report import (
    ActivityReport,
    ReportTheme,
    is_only_unclustered,
    ordered_themes,
    theme_label,
    theme_points,
)
from .text import clean, one_line


class Sink(Protocol):
    def title(self, text: str) -> None: ...  # generated_note() goes to properties/footer
    def heading(self, text: str, level: int) -> None: ...
    def paragraph(self, text: str, style: str = "plain") -> None: ...  # plain|bold|italic
    def labelled(self, label: str, text: str) -> None: ...
    def bullets(self, items: Iterable[str]) -> None: ...
    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[str]],
        widths_cm: Sequence[float],
        numeric: frozenset[int] = frozenset(),
    ) -> None: ...
    def chart(self, activity: ActivityReport) -> None: ...
    def page_break(self) -> None: ...


TEXT_WIDTH_CM = 16.0  # A4 with 2.5 cm margins


def write_themes(
    sink: Sink,
    themes: tuple[ReportTheme, ...],
    level: int,
    origin: Callable[[str], str] = lambda text: "",
) -> None:
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
            sink.bullets(
                clean(p.text)
                + support_note(1 if p.authors else p.writers, p.endorsements)
                + origin(p.text)
                + attribution(p.authors)
                for p in theme_points(theme)
            )
