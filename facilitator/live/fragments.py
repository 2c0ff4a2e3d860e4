"""HTML the live bridge pushes: rendered once per change and language, with the templates the
pages themselves use (one place builds each piece of markup), for every client in a room.

Rendered in a clean request of no one's (a fresh app context: no login, no cookie session, no
cached token), so a fragment carries no one's CSRF token: console.js puts its own page's token
into the forms it swaps in. The data is read beforehand, in the caller's database session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, render_template

from facilitator.activities.models import Activity
from facilitator.core.i18n import use_locale
from facilitator.live.protocol import ActivityPayload, Results


@contextmanager
def clean_request(language: str, endpoint: str | None = None, **values: Any) -> Iterator[None]:
    """A request to `endpoint` (its forms' "back" links) in `language` with nobody's session,
    for rendering a fragment."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    path = app.url_map.bind("localhost").build(endpoint, values) if endpoint else "/"
    with use_locale(language), app.app_context(), app.test_request_context(path):
        yield


def console_fragments(language: str, context: dict[str, Any]) -> dict[str, str]:
    """The console's head (session state and its buttons) and its activities (the open one,
    the programme), as facilitate/console.html includes them; `context`: console_context."""
    with clean_request(language, "facilitate.console", session_id=context["session"].id):
        return {
            "console_head_html": render_template("facilitate/_console_head.html", **context),
            "console_html": render_template("facilitate/_console_main.html", **context),
        }


def parking_fragment(language: str, context: dict[str, Any]) -> str:
    """The console's parking lot (facilitate/_parking.html); `context`: parking_context."""
    with clean_request(language, "facilitate.console", session_id=context["session"].id):
        return render_template("facilitate/_parking.html", **context)


def themes_fragment(language: str, context: dict[str, Any]) -> str:
    """The live part of the themes page (facilitate/_themes_live.html); `context`:
    themes_context, built from the cluster view computed once for the change."""
    with clean_request(language, "themes.page", activity_id=context["activity"].id):
        return render_template("facilitate/_themes_live.html", **context)


def results_html(
    activity: Activity,
    data: Results | None,
    language: str,
    *,
    big: bool = False,
    responses: int = 0,
    moderate: bool = False,
) -> str:
    """The results_view macro (templates/_macros.html) for `data`: the one builder of results
    markup, for the pages and for every live client. None: only how many have answered.
    `moderate`: the console's, with a word cloud's "Skjul" per word (console.js fills in its
    page's CSRF token)."""
    with clean_request(language):
        return render_template(
            "_results_view.html",
            activity=activity,
            results=data,
            big=big,
            responses=responses,
            moderate=moderate,
        ).strip()


def activity_results_html(
    activity: Activity, payload: ActivityPayload, language: str
) -> str | None:
    """An activity payload's results as the macro draws them: a vote's tallies once visible
    to that audience, how many have answered while hidden (the projector shows it); None for
    visible statements, which travel one by one and each client lists itself."""
    if payload["results"] is None:
        return results_html(activity, None, language, responses=payload["responses"] or 0)
    return results_html(activity, payload["results"], language) if activity.is_vote else None


def with_results_html(
    activity: Activity | None, payload: ActivityPayload | None, language: str
) -> ActivityPayload | None:
    """`payload` (activity_payload of `activity`) with its `results_html` in `language`."""
    if activity is None or payload is None:
        return payload
    return {**payload, "results_html": activity_results_html(activity, payload, language)}
