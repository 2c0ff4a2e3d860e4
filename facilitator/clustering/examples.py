"""Examples given from outside (`facilitator cluster --examples`): lines `heading<TAB>statement`
whose statements also occur in the file being grouped, read into what `sort_into_themes`
takes (headings, and line -> heading position)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Examples:
    headings: list[str]  # the given headings first, then those only the examples name
    placed: dict[int, int] = field(default_factory=dict)  # line -> heading position
    unknown: list[str] = field(default_factory=list)  # statements not found in the lines
    malformed: list[int] = field(default_factory=list)  # 1-based example lines without a tab


def read_examples(
    example_lines: Sequence[str], lines: Sequence[str], headings: Sequence[str]
) -> Examples:
    """Match each example's statement to the lines with the same words (spacing and case
    aside); every copy of a repeated statement becomes an example. A heading the examples
    name that is not among `headings` is added: an example says what its theme is called."""
    result = Examples(headings=[" ".join(h.split()) for h in headings if h.strip()])
    position = {_key(h): p for p, h in enumerate(result.headings)}
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.strip():
            where.setdefault(_key(line), []).append(i)
    for number, raw in enumerate(example_lines, start=1):
        if not raw.strip():
            continue
        heading, tab, statement = raw.partition("\t")
        heading = " ".join(heading.split())
        if not tab or not heading or not statement.strip():
            result.malformed.append(number)
            continue
        found = where.get(_key(statement), [])
        if not found:
            result.unknown.append(statement.strip())
            continue
        if _key(heading) not in position:
            position[_key(heading)] = len(result.headings)
            result.headings.append(heading)
        for i in found:
            result.placed[i] = position[_key(heading)]
    return result
