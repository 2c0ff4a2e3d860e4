"""The distribution chart of a vote in Word: when it adds to the table (`chart_adds`) and the
bar chart itself, drawn by matplotlib with Danish digits."""

from __future__ import annotations

import textwrap
import warnings
from io import BytesIO

from facilitator.core.i18n import gettext as _
from facilitator.core.wording import da_percent

from .docx_tables import da_number
from .phrases import share_fraction
from .report import ActivityReport, has_votes
from .text import one_line

CHART_WIDTH_CM = 13.7  # ~ the figure's own width, so chart fonts print at ~9 pt


def chart_adds(activity: ActivityReport) -> bool:
    """A chart only where it shows more than its table does at a glance: a distribution of
    three or more sides with votes. Two sides are two numbers and two shares the table
    already reads plainly; an activity without votes gets no empty chart."""
    return len(activity.sides) >= 3 and has_votes(activity)


def chart_png(activity: ActivityReport) -> bytes:
    # Figure (not pyplot) keeps rendering free of global state, so it is thread-safe.
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    labels = [_mpl_safe(textwrap.fill(one_line(s.label), 28)) for s in activity.sides]
    counts = [s.count for s in activity.sides]
    figure = Figure(figsize=(5.4, 0.7 + 0.5 * len(labels)), dpi=130)
    axes = figure.add_subplot()
    positions = range(len(labels))
    bars = axes.barh(positions, counts, color="#1f5f8b", height=0.6)
    axes.set_yticks(positions, labels=labels, fontsize=9)
    axes.invert_yaxis()  # first side on top, like the table
    axes.bar_label(
        bars,
        labels=[
            f"{da_number(s.count)} ({da_percent(share_fraction(s.share))})" for s in activity.sides
        ],
        padding=3,
        fontsize=9,
    )
    axes.set_xlim(0, max(counts + [1]) * 1.3)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # people come whole
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: da_number(value)))
    axes.set_xlabel(_("Antal deltagere"), fontsize=9)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    figure.tight_layout()
    buffer = BytesIO()
    with warnings.catch_warnings():  # missing glyphs (emoji) only warn; never fail export
        warnings.simplefilter("ignore")
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _mpl_safe(label: str) -> str:
    """'$' would switch matplotlib into mathtext and can raise on malformed input."""
    return label.replace("$", r"\$")
