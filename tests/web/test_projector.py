"""The projector's first paint and the activity form's reveal settings (issue 11)."""

from __future__ import annotations

import re

from facilitator.activities.models import Activity
from facilitator.activities.services import open_activity, reveal_results
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.core.text import same_words
from facilitator.live.payloads import wall_statements, wall_view
from facilitator.sessions.services import set_next_steps, set_state


def _screen(browser, session) -> str:
    """The projector's markup, without the scripts' string tables (words, not results)."""
    page = browser.get(f"/screen/{session.id}?t={session.screen_token}").get_data(as_text=True)
    return re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)


def _vote(db, session, n: int) -> Activity:
    dilemma = next(a for a in session.activities if a.kind == "dilemma")
    open_activity(db, dilemma)
    for i in range(n):
        person = join(db, session, f"stemme{i:02d}" * 4, Profile(group="embedsperson"))
        submit(db, person, dilemma, Submission(f"valg-{i:04d}", "", side=i % 2))
    return dilemma


def test_first_paint_hides_tallies_until_revealed(db, live_session, visitor) -> None:
    dilemma = _vote(db, live_session, 4)
    page = _screen(visitor, live_session)
    assert "4 har svaret" in page and "Vis resultater" in page
    assert "<progress" not in page and 'class="groups"' not in page  # no bars, no breakdown

    reveal_results(db, dilemma, True)
    page = _screen(visitor, live_session)
    assert "har svaret" not in page
    assert page.count("<progress") == len(dilemma.sides)
    assert 'aria-label="' in page.split("<progress", 1)[1].split(">", 1)[0]  # named in words
    assert "50\u00a0%" in page  # the sign never wraps away from its number
    assert '<td data-label="' in page  # the narrow layout labels each count with its side


def test_first_paint_in_english(db, live_session, visitor) -> None:
    dilemma = _vote(db, live_session, 3)
    reveal_results(db, dilemma, True)
    visitor.client.set_cookie("facilitator_sprog", "en")
    page = _screen(visitor, live_session)
    assert '<html lang="en"' in page
    assert "Distribution by stakeholder group" in page and "Embedsperson" not in page


def test_loopback_join_url_gets_a_hint(app, db, live_session, visitor) -> None:
    assert "FACILITATOR_PUBLIC_URL" not in _screen(visitor, live_session)
    app.config["PUBLIC_URL"] = "http://127.0.0.1:5000"
    try:
        page = _screen(visitor, live_session)
    finally:
        app.config["PUBLIC_URL"] = "https://deltag.example.dk"
    hint = re.search(r'<p class="loopback-hint"[^>]*>(.*?)</p>', page, re.S)
    assert hint and "--host 0.0.0.0" in hint.group(1)
    assert "FACILITATOR_PUBLIC_URL" in hint.group(1) and "http://192.168.1.20:5000" in hint.group(1)


def test_announcements_region(db, live_session, visitor) -> None:
    page = _screen(visitor, live_session)
    assert re.search(r'id="screen-announce"[^>]*aria-live="polite"', page)


def test_statement_wall_draws_every_statement_for_the_pager(db, live_session, visitor) -> None:
    """The first paint is the paging wall's: every statement, newest first, nothing hidden
    behind "+ N flere bidrag" (screen.js pages them by the real layout)."""
    wall = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, wall)
    person = join(db, live_session, "skribent" * 4, Profile())
    for i in range(25):
        submit(db, person, wall, Submission(f"tekst-{i:04d}", f"Forslag {i}"))
    page = _screen(visitor, live_session)
    drawn = re.findall(r'<span class="statement-text">Forslag (\d+)</span>', page)
    assert drawn == [str(i) for i in range(24, -1, -1)]
    assert "flere bidrag" not in page
    assert '<p class="pager single">' in page


def _member(i: int, count: int = 1) -> dict:
    return {"id": i, "text": f"Bidrag {i}", "count": count, "ids": [i], "endorsements": 0}


def test_wall_view_sends_every_theme_with_its_representatives() -> None:
    themes = [
        {
            "id": n,
            "label": f"Tema {n}",
            "pinned": False,
            "new": False,
            "count": 9,
            "members": [_member(10 * n + k) for k in range(8)],
        }
        for n in range(20)
    ]
    themes[0]["members"][0]["count"] = 2  # a near-duplicate pair is one member
    view = wall_view(
        {"activity_id": 1, "clusters": themes, "unclustered": [_member(900 + k) for k in range(45)]}
    )
    # every theme goes to the wall (it pages), each with its first five: the most representative
    assert len(view["clusters"]) == 20 and view["more_themes"] == 0
    assert [m["id"] for m in view["clusters"][0]["members"]] == [0, 1, 2, 3, 4]
    assert view["clusters"][0]["more"] == 9 - 6 and view["clusters"][1]["more"] == 9 - 5
    assert view["clusters"][0]["members"][0]["same"] == "bidrag 0"
    # "Nye bidrag": the newest forty first, and how many more
    assert [m["id"] for m in view["unclustered"]][:3] == [944, 943, 942]
    assert len(view["unclustered"]) == 40 and view["more_unclustered"] == 5
    # beneath a dilemma: headings only
    compact = wall_view({"activity_id": 1, "clusters": themes, "unclustered": []}, compact=True)
    assert compact["density"] == "headings"
    assert all(c["members"] == [] for c in compact["clusters"])


def test_near_duplicates_share_the_exports_key() -> None:
    """One rule for "the same sentence" (report.same_words): the wall's "×2" and the document's
    "(2 skrev det samme)" count alike."""
    rows = [
        {"id": 1, "text": "Flere cykelstier", "group": "", "endorsements": 0, "highlighted": False},
        {
            "id": 2,
            "text": "flere  CYKELSTIER!",
            "group": "",
            "endorsements": 1,
            "highlighted": False,
        },
        {"id": 3, "text": "Færre cykelstier", "group": "", "endorsements": 0, "highlighted": False},
    ]
    keys = [row["same"] for row in wall_statements(rows)]
    assert keys[0] == keys[1] != keys[2]
    assert keys[0] == same_words("Flere cykelstier.")


def test_a_draft_projector_shows_no_code(db, live_session, visitor) -> None:
    set_state(db, live_session, "draft")
    page = _screen(visitor, live_session)
    assert "Vi går snart i gang" in page and live_session.title in page
    assert live_session.join_code not in page and 'class="qr"' not in page


def test_a_closed_projector_link_shows_the_closing_screen_only(db, live_session, visitor) -> None:
    wall = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, wall)
    person = join(db, live_session, "lukket" * 6, Profile())
    submit(db, person, wall, Submission("lukket-1", "Et bidrag, der ikke skal ses bagefter"))
    set_next_steps(db, live_session, "Referatet kommer i næste uge.")
    set_state(db, live_session, "closed")
    page = _screen(visitor, live_session)  # the secret link, reloaded after the end
    assert "Tak for i dag" in page and live_session.title in page
    assert "Referatet kommer i næste uge." in page
    assert "Et bidrag, der ikke skal ses bagefter" not in page
    assert live_session.join_code not in page and "data-offline" in page
    assert 'class="qr"' not in page


def test_activity_form_reveal_settings(facilitator, live_session, db) -> None:
    sid = live_session.id
    dilemma_form = facilitator.get(f"/facilitate/sessions/{sid}/activities/new/dilemma")
    box = re.search(r'<input[^>]*name="results_live"[^>]*>', dilemma_form.get_data(as_text=True))
    assert box and "checked" not in box.group(0)  # dilemmas wait for "Vis resultater"
    text_form = facilitator.get(f"/facilitate/sessions/{sid}/activities/new/open_question")
    box = re.search(r'<input[^>]*name="results_live"[^>]*>', text_form.get_data(as_text=True))
    assert box and "checked" in box.group(0)
    assert 'name="endorsements"' in text_form.get_data(as_text=True)

    response = facilitator.post(
        f"/facilitate/sessions/{sid}/activities/new/dilemma",
        {
            "title": "Live dilemma",
            "side1_label": "A",
            "side2_label": "B",
            "focus_area": "0",
            "results_live": "y",
            "endorsements": "y",
        },
    )
    assert response.status_code == 302
    activity = db.query(Activity).filter_by(title="Live dilemma").one()
    assert activity.results_live and activity.endorsements_enabled and activity.results_visible
    edit = facilitator.get(f"/facilitate/activities/{activity.id}/edit").get_data(as_text=True)
    assert re.search(
        r'<input[^>]*checked[^>]*name="results_live"|<input[^>]*name="results_live"'
        r"[^>]*checked",
        edit,
    )
    facilitator.post(
        f"/facilitate/activities/{activity.id}/edit",
        {"title": "Live dilemma", "side1_label": "A", "side2_label": "B", "focus_area": "0"},
    )
    db.refresh(activity)
    assert not activity.results_live and not activity.endorsements_enabled
    assert activity.sides and len(activity.sides) == 2


def test_serve_warns_when_phones_cannot_reach_the_qr_target() -> None:
    from facilitator.cli.serve import serve_hints
    from facilitator.web.loopback import is_loopback_url

    hint = "\n".join(serve_hints("127.0.0.1", 5000, None))
    assert "http://127.0.0.1:5000" in hint and "--host 0.0.0.0" in hint
    assert "FACILITATOR_PUBLIC_URL" in hint
    assert serve_hints("0.0.0.0", 5000, "http://192.168.1.20:5000") == []
    assert serve_hints("0.0.0.0", 5000, "http://localhost:5000")  # the QR still says loopback
    assert all(
        is_loopback_url(u)
        for u in ("http://127.0.1.1:80/j/X", "http://[::1]:5000", "localhost:5000")
    )
    assert not any(
        is_loopback_url(u) for u in ("https://deltag.example.dk", "http://10.0.0.5", "", None)
    )
