"""`facilitator cluster`: group a file's lines into themes, without an app or a database (so it
hangs on the console script's group, not on the app's `flask` commands)."""

from __future__ import annotations

import click

from facilitator.cli.common import fail
from facilitator.clustering.examples import Examples, read_examples
from facilitator.core.errors import DomainError
from facilitator.core.i18n import gettext as _


@click.command("cluster")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--k",
    "k",
    type=click.IntRange(2, 50),
    default=None,
    help=_("Antal temaer (standard: vælges automatisk)."),
)
@click.option(
    "--themes",
    "themes_file",
    type=click.Path(dir_okay=False),
    default=None,
    help=_(
        "Fil med jeres egne overskrifter, én pr. linje: bidragene sorteres ind "
        "under dem; det, der ikke passer, får nye temaer."
    ),
)
@click.option(
    "--examples",
    "examples_file",
    type=click.Path(dir_okay=False),
    default=None,
    help=_(
        "Fil med eksempler, én pr. linje: overskrift<TAB>bidrag (bidrag, der også står i "
        "FILE). De placeres under overskriften og lærer den, hvad den dækker."
    ),
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True
)
@click.option(
    "--backend",
    type=click.Choice(["semantic", "lexical", "local-model"]),
    default="semantic",
    show_default=True,
)
def cluster(
    file: str,
    k: int | None,
    themes_file: str | None,
    examples_file: str | None,
    fmt: str,
    backend: str,
) -> None:
    """Group the lines of FILE (one contribution per line, UTF-8) into themes. No database."""
    import json

    from facilitator.clustering import (
        SemanticModelMissing,
        cluster_lines_json,
        format_clusters_text,
    )
    from facilitator.clustering.backends import get_backend

    lines = _read_lines(file)
    headings = [h.strip() for h in _read_lines(themes_file) if h.strip()] if themes_file else []
    examples = read_examples(_read_lines(examples_file) if examples_file else [], lines, headings)
    _warn_about(examples, examples_file or "", file)
    if not any(line.strip() for line in lines):
        # Still a valid answer for scripts (no lines, no themes); the person is told why.
        click.echo(_("Bemærk: Filen %(file)s indeholder ingen bidrag.", file=file), err=True)
        if fmt == "json":
            click.echo(json.dumps({"clusters": []}))
        return
    try:
        get_backend(backend)  # asked for by name: a missing model is an error, not a fallback
        result = cluster_lines_json(
            lines, k, backend=backend, headings=examples.headings, examples=examples.placed
        )
    except SemanticModelMissing as error:
        fail(DomainError(str(error)))
    if fmt == "json":
        shown = ("label", "members", "alternatives", "suggestion")
        result = {
            "clusters": [{key: c[key] for key in shown if key in c} for c in result["clusters"]]
        }
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_clusters_text(lines, result))


def _warn_about(examples: Examples, examples_file: str, file: str) -> None:
    """Examples that could not be used are named on stderr; the grouping still runs."""
    if examples.malformed:
        numbers = ", ".join(str(n) for n in examples.malformed[:10])
        click.echo(
            _(
                "Bemærk: linje %(lines)s i %(file)s har ikke formen overskrift<TAB>bidrag og "
                "blev sprunget over.",
                lines=numbers,
                file=examples_file,
            ),
            err=True,
        )
    for statement in examples.unknown[:10]:
        click.echo(
            _(
                "Bemærk: eksemplet »%(text)s« står ikke i %(file)s og blev sprunget over.",
                text=statement[:80],
                file=file,
            ),
            err=True,
        )


def _read_lines(file: str) -> list[str]:
    from pathlib import Path

    try:
        return Path(file).read_text(encoding="utf-8-sig").splitlines()  # Notepad writes a BOM
    except FileNotFoundError:
        fail(DomainError(_("Filen %(file)s findes ikke.", file=file)))
    except UnicodeDecodeError:
        fail(
            DomainError(
                _("Filen %(file)s er ikke UTF-8. Gem den som UTF-8 og prøv igen.", file=file)
            )
        )
    return []
