"""Downloads of exports from the facilitator's pages: the file, who took it, in which form."""

from __future__ import annotations

import io
from typing import Any

from flask import current_app, request, send_file
from flask_login import current_user
from werkzeug.wrappers import Response

from facilitator.export.docx_writer import DocxOptions
from facilitator.export.services import ExportFile


def download(result: ExportFile) -> Response:
    return send_file(io.BytesIO(result.content), mimetype=result.mimetype, as_attachment=True,
                     download_name=result.filename)


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
