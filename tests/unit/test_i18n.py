"""The English catalog is complete and compiled, and no Danish UI text hides in Python code.

Danish is the source language (every msgid is Danish), so "complete" means: every message the
code marks has an English msgstr, and the shipped .mo is exactly the compiled .po.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "facilitator"
CATALOG = PACKAGE / "translations" / "en" / "LC_MESSAGES"
# The same keywords as ./scripts/translations (-k _ -k gettext -k ngettext:1,2 ...).
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "lazy_gettext": None,
    "N_": None,
}
TRANSLATING_CALLS = set(KEYWORDS)
# A pattern may name Danish letters (re.compile(r"[æøå]")): language handling, not text.
REGEX_CALLS = {"compile", "sub", "subn", "match", "fullmatch", "search", "findall", "split"}
# An anchor in a URL ("#aktivitet-", "#bidrag"): the page's element ids, not text.
FRAGMENT = re.compile(r"#[\w-]*")


def _mapping() -> list[tuple[str, str]]:
    """babel.cfg's [method: pattern] sections, as extract_from_dir wants them."""
    sections = re.findall(
        r"^\[(\w+):\s*(.+?)\]\s*$", (ROOT / "babel.cfg").read_text(), flags=re.MULTILINE
    )
    assert sections, "babel.cfg has no mapping"
    return [(pattern, method) for method, pattern in sections]


def _extracted() -> dict[str | tuple[str, str], tuple[str, int]]:
    """Every msgid the code marks (context-qualified as (context, msgid)), with a location."""
    found: dict[str | tuple[str, str], tuple[str, int]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map=_mapping(), keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if not msgid:
            continue
        found.setdefault((context, msgid) if context else msgid, (filename, lineno))
    return found


def _po():  # noqa: ANN202
    with (CATALOG / "messages.po").open("rb") as handle:
        return read_po(handle, locale="en")


def _key(message) -> str | tuple[str, str]:  # noqa: ANN001
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return (message.context, msgid) if message.context else msgid


def test_every_marked_message_has_an_english_translation() -> None:
    catalog = {_key(m): m for m in _po() if m.id}
    missing, untranslated = [], []
    for key, (filename, lineno) in sorted(_extracted().items(), key=lambda kv: kv[1]):
        message = catalog.get(key)
        where = f"{filename}:{lineno}: {key!r}"
        if message is None:
            missing.append(where)
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s and s.strip() for s in strings):
            untranslated.append(where)
    assert not missing, "not in messages.po (run ./scripts/translations):\n" + "\n".join(missing)
    assert not untranslated, "no English translation:\n" + "\n".join(untranslated)


def test_the_shipped_mo_is_the_compiled_po() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _po())
    compiled.seek(0)
    with (CATALOG / "messages.mo").open("rb") as handle:
        shipped = read_mo(handle)

    def messages(catalog) -> dict:  # noqa: ANN001
        def plain(value):  # noqa: ANN001, ANN202  (plural forms come back as lists)
            return tuple(value) if isinstance(value, (list, tuple)) else value

        return {(m.context, plain(m.id)): plain(m.string) for m in catalog if m.id}

    fresh = messages(read_mo(compiled))
    assert messages(shipped) == fresh, "messages.mo is stale: run ./scripts/translations"


# --- no Danish UI text left in Python code ----------------------------------------------------

# Modules whose strings are Danish CONTENT or language data, not interface text.
ALLOWED_MODULES = {
    "cli/demo": "the demo's sample content: a Danish workshop, its process, plan, consultation "
    "round, follow-up and the committees' written answers",
    "clustering/danish.py": "Danish language data (stop words, suffixes) for grouping",
    "clustering/labels": "Danish language data for naming themes",
    "clustering/data": "language data",
    "core/i18n.py": 'language names, each in itself ("Dansk")',
    "migrations": "schema history; server defaults",
}
# Single strings that are names or stored records, not interface text.
ALLOWED_STRINGS = {
    # Proper nouns: the municipalities offered as organisations.
    ("processes/services.py", "Kommune"),
    # Audit details are a record written once and kept as written (counts in Danish).
    ("accounts/services.py", "i træk)"),
    ("accounts/services.py", "spærret i "),
    # A new theme's label is content stored with the session, not interface text.
    ("clustering/guided.py", " (nyt)"),
}
# Danish letters, or words common in Danish sentences and rare in English or code.
DANISH = re.compile(
    r"[æøåÆØÅ]|\b(og|ikke|til|med|er|af|eller|skal|kan|har|findes|ingen|ugyldig\w*|"
    r"venligst|tilbage|slet|gem|vælg|skriv|indtast|deltager\w*|bidrag|forløb|sessionen|"
    r"aktivitet\w*|adgangskode\w*)\b",
    re.IGNORECASE,
)


def _allowed(module: str, text: str) -> bool:
    if any(module == name or module.startswith(name.rstrip("/") + "/") for name in ALLOWED_MODULES):
        return True
    return any(module == name and part in text for name, part in ALLOWED_STRINGS)


def _call_name(node: ast.Call) -> str | None:
    function = node.func
    if isinstance(function, ast.Name):
        return function.id
    return function.attr if isinstance(function, ast.Attribute) else None


def _danish_strings(source: str, module: str) -> list[str]:
    """`module:line: text` for each Danish-looking string literal outside gettext calls and
    docstrings (an f-string is judged by its text parts together)."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call) and _call_name(node) in TRANSLATING_CALLS | REGEX_CALLS:
            # the msgid (and plural, context) themselves; a regular expression's pattern
            for argument in node.args[:1] if _call_name(node) in REGEX_CALLS else node.args:
                skip.update(id(inner) for inner in ast.walk(argument))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value
                for part in node.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            skip.update(id(part) for part in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if DANISH.search(text) and not FRAGMENT.fullmatch(text) and not _allowed(module, text):
            found.append(f"{module}:{node.lineno}: {text[:80]!r}")
    return found


def test_no_danish_text_left_in_python_code() -> None:
    """Interface text goes through gettext; a Danish literal anywhere else is never translated.
    Operators' log messages may be English; content and language data are allowed above."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if not _allowed(module, ""):
            offenders += _danish_strings(path.read_text(encoding="utf-8"), module)
    assert not offenders, (
        f"{len(offenders)} Danish strings outside gettext (mark them with "
        "_()/N_() or allow them above with a reason):\n" + "\n".join(offenders)
    )


def test_the_danish_detector_catches_interface_text_and_spares_translated_text() -> None:
    """The scan above must be able to fail: a raw Danish message is flagged, the same text
    inside _(), a docstring and a technical string are not."""
    source = (
        '"""Modul på dansk."""\n'
        "from facilitator.core.i18n import gettext as _\n"
        'A = "Sessionen findes ikke."\n'
        'B = _("Sessionen findes ikke.")\n'
        'C = f"Forløbet {A} er slettet."\n'
        'D = "utf-8"\n'
        'E = _("Forløbet %(n)s", n=f"{A} kan ikke")\n'
        'F = re.sub(r"[^æøå]", "", A) + "#aktivitet-"\n'
    )
    found = _danish_strings(source, "web/sample.py")
    assert sorted(int(line.split(":")[1]) for line in found) == [3, 5, 7], found


# --- domain texts in the reader's language ------------------------------------------------------


def test_privacy_texts_and_labels_are_translated_where_they_are_used() -> None:
    from facilitator.contributions import privacy
    from facilitator.core.i18n import gettext, use_locale

    assert "»Øvrige grupper«" in privacy.privacy_note()  # Danish by default
    assert privacy.suppressed_label() == "færre end 3"
    with use_locale("en"):
        note, table, suppressed = (
            privacy.privacy_note(),
            privacy.group_table_note(),
            privacy.suppressed_label(),
        )
        other = gettext(privacy.OTHER_GROUPS_LABEL)
    assert not re.search("[æøåÆØÅ]", note + table + suppressed), (note, table, suppressed)
    assert "“Other groups”" in note and "fewer than 3" in note and suppressed == "fewer than 3"
    assert other == "Other groups" and privacy.OTHER_GROUPS_LABEL == "Øvrige grupper"


def test_deletion_reports_and_labels_follow_the_language() -> None:
    from facilitator.activities.models import Activity
    from facilitator.core.i18n import use_locale
    from facilitator.processes.retention import DeletionReport

    report = DeletionReport(sessions=1, participants=40, contributions=1)
    assert report.describe() == "1 session, 40 deltagere, 1 bidrag"
    assert DeletionReport().describe() == "intet"
    activity = Activity(kind="open_question", state="open", title="x")
    assert (activity.kind_label, activity.state_label) == ("Åbent spørgsmål", "Åben")
    with use_locale("en"):
        assert report.describe() == "1 session, 40 participants, 1 contribution"
        assert (activity.kind_label, activity.state_label) == ("Open question", "Open")
