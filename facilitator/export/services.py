"""Export entry points shared by the web pages and the CLI: format -> bytes + file name.

A document is written in the language asked for (`language`: "da" or "en"), Danish unless
asked, whatever the reader's screen language: a committee's document is Danish. Errors about
the request itself (an unknown format) stay in the reader's language."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from facilitator.accounts.models import User
from facilitator.audit import services as audit
from facilitator.core.clock import danish_now
from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import DEFAULT_LOCALE, LANGUAGES, N_, supported, use_locale
from facilitator.core.i18n import gettext as _
from facilitator.export.anonymous import anonymous_session
from facilitator.export.archive import export_session
from facilitator.export.builder import build_process_report, build_session_report
from facilitator.export.docx_writer import DocxOptions, render_process_docx, render_session_docx
from facilitator.export.edit_store import apply_session_edits
from facilitator.export.markdown_writer import render_process_markdown, render_session_markdown
from facilitator.export.status_builder import build_status_report
from facilitator.export.status_files import render_status_docx, render_status_xlsx
from facilitator.export.xlsx_writer import render_process_xlsx, render_session_xlsx
from facilitator.processes.models import Process
from facilitator.sessions.models import WorkshopSession

MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}
SESSION_FORMATS = ("docx", "xlsx", "md", "json")
PROCESS_FORMATS = ("docx", "md", "xlsx")
STATUS_FORMATS = ("docx", "xlsx")


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    filename: str
    mimetype: str


def file_stem(title: str) -> str:
    """A file name Windows, macOS and e-mail clients all accept; Danish letters kept."""
    stem = re.sub(r"[^\wæøåÆØÅ -]+", "", title, flags=re.UNICODE).strip()
    return re.sub(r"\s+", "-", stem)[:80] or "output"


def _audit(db: DbSession, what: str, fmt: str, user: User | None, actor: str, address: str) -> None:
    """Every export is personal data leaving the app: who took which session, in what form."""
    audit.record(db, "export", user=user, actor=actor, address=address, detail=f"{what} ({fmt})")


def document_language(language: str | None) -> str:
    """ "da" or "en" for a document; None is the default (Danish); anything else is refused."""
    if language is None or not language.strip():
        return DEFAULT_LOCALE
    chosen = supported(language.strip())
    if chosen is None:
        raise ValidationError(
            _(
                "Ukendt sprog »%(language)s«. Vælg mellem %(choices)s.",
                language=language,
                choices=", ".join(LANGUAGES),
            )
        )
    return chosen


def _json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def export_session_file(
    db: DbSession,
    session: WorkshopSession,
    fmt: str,
    *,
    user: User | None = None,
    actor: str = "",
    address: str = "",
    docx: DocxOptions | None = None,
    anonymous: bool = False,
    language: str | None = None,
    annex: bool = True,
) -> ExportFile:
    """`anonymous` (JSON only): the shareable export without people, not the archive.
    `language`: the document's ("da" or "en"; None: Danish). `annex` (DOCX, Markdown): the
    archive copy with every contribution; False: the committee copy without."""
    if fmt not in SESSION_FORMATS:
        raise ValidationError(
            _(
                "Ukendt format »%(fmt)s«. Vælg mellem %(choices)s.",
                fmt=fmt,
                choices=", ".join(SESSION_FORMATS),
            )
        )
    if anonymous and fmt != "json":
        raise ValidationError(_("Det anonyme udtræk findes kun som JSON."))
    language = document_language(language)
    # The audit trail is stored, so in the source language (Danish), never translated.
    _audit(
        db,
        f"Session {session.id}",
        f"{fmt}, {N_('anonymt')}" if anonymous else fmt,
        user,
        actor,
        address,
    )
    title = file_stem(session.title)
    with use_locale(language):
        if fmt == "json" and not anonymous:  # the name warns wherever the file ends up
            content = _json(export_session(db, session))
            return ExportFile(
                content,
                _("Arkiv-med-personoplysninger-%(title)s.json", title=title),
                MIMETYPES[fmt],
            )
        report = build_session_report(db, session, now=danish_now())
        # The secretary's edits from the output page, in the body only (annex and XLSX as sent).
        report = apply_session_edits(db, session, report)
        if fmt == "json":
            return ExportFile(
                _json(anonymous_session(report)),
                _("Anonymt-udtræk-%(title)s.json", title=title),
                MIMETYPES[fmt],
            )
        content = {
            "docx": lambda r: render_session_docx(r, docx, annex=annex),
            "xlsx": render_session_xlsx,
            "md": lambda r: render_session_markdown(r, annex=annex).encode(),
        }[fmt](report)
        return ExportFile(
            content, _("Output-fra-%(title)s.%(ext)s", title=title, ext=fmt), MIMETYPES[fmt]
        )


def export_process_file(
    db: DbSession,
    process: Process,
    fmt: str,
    *,
    user: User | None = None,
    actor: str = "",
    address: str = "",
    docx: DocxOptions | None = None,
    language: str | None = None,
) -> ExportFile:
    if fmt not in PROCESS_FORMATS:
        raise ValidationError(
            _(
                "Ukendt format »%(fmt)s«. Vælg mellem %(choices)s.",
                fmt=fmt,
                choices=", ".join(PROCESS_FORMATS),
            )
        )
    language = document_language(language)
    _audit(db, N_("Forløb %(id)s") % {"id": process.id}, fmt, user, actor, address)
    with use_locale(language):
        report = build_process_report(db, process, now=danish_now())
        content = {
            "docx": lambda r: render_process_docx(r, docx),
            "md": lambda r: render_process_markdown(r).encode(),
            "xlsx": render_process_xlsx,
        }[fmt](report)
        return ExportFile(
            content,
            _("Output-fra-%(title)s.%(ext)s", title=file_stem(process.title), ext=fmt),
            MIMETYPES[fmt],
        )


def export_status_file(
    db: DbSession,
    process: Process,
    fmt: str,
    *,
    user: User | None = None,
    actor: str = "",
    address: str = "",
    docx: DocxOptions | None = None,
    language: str | None = None,
    meeting_on: date | None = None,
) -> ExportFile:
    """The initiatives' status table for a meeting (seed 003), as Word or Excel."""
    if fmt not in STATUS_FORMATS:
        raise ValidationError(
            _(
                "Statusoversigten kan eksporteres som %(first)s eller %(second)s.",
                first=STATUS_FORMATS[0],
                second=STATUS_FORMATS[1],
            )
        )
    language = document_language(language)
    _audit(db, N_("Status for forløb %(id)s") % {"id": process.id}, fmt, user, actor, address)
    with use_locale(language):
        report = build_status_report(process, now=danish_now(), meeting_on=meeting_on)
        content = render_status_docx(report, docx) if fmt == "docx" else render_status_xlsx(report)
        return ExportFile(
            content,
            _("Status-på-%(title)s.%(ext)s", title=file_stem(process.title), ext=fmt),
            MIMETYPES[fmt],
        )
