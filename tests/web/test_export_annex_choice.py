"""The export form's annex box: the archive copy (with the annex, the default, as on the
command line) or the committee's copy (the box left empty)."""

from __future__ import annotations

import pytest

from facilitator.web.facilitate.exports import with_annex


@pytest.mark.parametrize(
    "query, annex",
    [
        ("", True),  # a plain link: the archive copy, as `facilitator export`
        ("?bilag=1", True),
        ("?bilag=0", False),
        ("?udgave=1&bilag=1", True),  # the form with the box ticked
        ("?udgave=1", False),  # the form with the box left empty: the committee's copy
        ("?udgave=1&sprog=en", False),
    ],
)
def test_the_box_picks_the_copy(app, query, annex) -> None:
    with app.test_request_context(f"/facilitate/sessions/1/export.docx{query}"):
        assert with_annex() is annex


def test_the_page_names_both_copies(facilitator, live_session) -> None:
    page = facilitator.get(f"/facilitate/sessions/{live_session.id}").get_data(as_text=True)
    assert 'name="bilag" value="1" checked' in page and 'name="udgave" value="1"' in page
    assert "arkivudgaven" in page and "udvalgets udgave" in page
    response = facilitator.get(f"/facilitate/sessions/{live_session.id}/export.md?udgave=1")
    assert response.status_code == 200 and "Bilag" not in response.get_data(as_text=True)
