"""Exports from the facilitator's pages: a session's or a process's document, the anonymous
JSON, and the download helpers (the file, who took it, in which form) followup.py uses too."""

from __future__ import annotations

import io
from typing import Any

from flask import current_app, request, send_file
from flask_login import current_user
from werkzeug.wrappers import Response

from facilitator.export.docx_writer import DocxOptions
from facilitator.export.services import ExportFile, export_process_file, export_session_file
from facilitator.extensions import db
from facilitator.web.facilitate.access import own_process, own_session
from facilitator.web.facilitate.blueprint import bp


def download(result: ExportFile) -> Response:
    return send_file(
        io.BytesIO(result.content),
        mimetype=result.mimetype,
        as_attachment=True,
        download_name=result.filename,
    )


def who() -> dict[str, Any]:
    """The audit trail's user and client address for this request."""
    return {"user": current_user._get_current_object(), "address": request.remote_addr or ""}


def docx_options() -> DocxOptions:
    """The house style: instance/skabelon.docx (or DOCX_TEMPLATE) and DOCX_TOC."""
    return DocxOptions.from_config(current_app.config, current_app.instance_path)


def document_language() -> str:
    """`?sprog=en|da`: the document's language. Not the facilitator's screen language: a
    committee's document is in DEFAULT_LANGUAGE (Danish) unless the button asks for English."""
    return request.args.get("sprog") or current_app.config["DEFAULT_LANGUAGE"]


def with_annex() -> bool:
    """`?bilag=`: the archive copy with the annex of every contribution (the default, as on
    the command line) or, with `bilag=0` or the form's box left empty, the committee's copy
    without. The form sends `udgave=1` with the box, so an empty box is told from a link."""
    if request.args.get("udgave"):
        return request.args.get("bilag") == "1"
    return request.args.get("bilag", "1") != "0"


@bp.get("/sessions/<int:session_id>/export.<fmt>")
def export_session(session_id: int, fmt: str) -> Response:
    session = own_session(session_id)
    docx = docx_options() if fmt == "docx" else None
    return download(
        export_session_file(
            db.session,
            session,
            fmt,
            docx=docx,
            language=document_language(),
            annex=with_annex(),
            **who(),
        )
    )


@bp.get("/sessions/<int:session_id>/export-anonymt.json")
def export_session_anonymous(session_id: int) -> Response:
    session = own_session(session_id)
    return download(
        export_session_file(
            db.session, session, "json", anonymous=True, language=document_language(), **who()
        )
    )


@bp.get("/processes/<int:process_id>/export.<fmt>")
def export_process(process_id: int, fmt: str) -> Response:
    process = own_process(process_id)
    docx = docx_options() if fmt == "docx" else None
    return download(
        export_process_file(
            db.session, process, fmt, docx=docx, language=document_language(), **who()
        )
    )
