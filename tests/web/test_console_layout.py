"""The console as a compact run-of-show (issue 11, item 4): the open activity first and
expanded, one line per activity with its state, counts and actions, details on demand, the
session's downloads; the themes page never shows old themes as current while a grouping runs;
the agenda's controls are named in words."""

from __future__ import annotations

import re

import pytest

from facilitator.activities.services import open_activity, reveal_results
from facilitator.clustering.headings import add_headings
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.core.jobs import JobStatus
from facilitator.live.background import theme_jobs_for

EXPORTS = {
    "export.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "export.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "export.md": "text/markdown",
    "export.json": "application/json",
    "export-anonymt.json": "application/json",
}


def _console(facilitator, session) -> str:  # noqa: ANN001
    response = facilitator.get(f"/facilitate/sessions/{session.id}/console")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _kind(session, kind: str):  # noqa: ANN001, ANN202
    return next(a for a in session.activities if a.kind == kind)


@pytest.fixture
def room(db, live_session):
    """Statements on the direction-arrows activity, one answer on the dilemma; the dilemma
    stays open."""
    arrows, dilemma = _kind(live_session, "retningspil"), _kind(live_session, "dilemma")
    person = join(db, live_session, "konsol" * 6, Profile(group="embedsperson"))
    open_activity(db, arrows)
    submit(db, person, arrows, Submission("k" * 32, "Flere fælles tilbud på tværs"))
    open_activity(db, dilemma)
    submit(db, person, dilemma, Submission("d" * 32, "Borgeren vælger selv", side=0))
    return live_session


def test_the_open_activity_comes_first_then_one_line_per_activity(facilitator, room) -> None:
    page = _console(facilitator, room)
    dilemma, arrows = _kind(room, "dilemma"), _kind(room, "retningspil")
    current = re.search(
        r'<section class="card activity current state-open" id="aktivitet-(\d+)"', page
    )
    assert current and int(current.group(1)) == dilemma.id
    run_of_show = page.index('class="run-of-show"')
    assert current.start() < run_of_show  # first, above the run-of-show
    # expanded: its reasons and moderation are there, outside any <details>
    expanded = page[current.start() : run_of_show]
    assert "Borgeren vælger selv" in expanded and "Fremhæv" in expanded
    assert '<details class="line-more"' not in expanded
    # one line per activity in agenda order, each with its state and count
    lines = re.findall(r'<li class="activity line state-(\w+)"', page)
    assert len(lines) == len(room.activities)
    assert lines == [a.state for a in room.activities]
    titles = re.findall(r'<span class="line-what">.*?<strong>(.*?)</strong>', page)
    assert titles == [a.title for a in room.activities]
    # the other activities' contributions are one click away (details), not spread out
    arrows_line = page[page.index(f'id="aktivitet-{arrows.id}"') :]
    arrows_line = arrows_line[: arrows_line.index('<li class="activity line')]
    assert "1 bidrag" in arrows_line
    assert re.search(rf'<details class="line-more" id="detaljer-{arrows.id}">', arrows_line)
    assert "Flere fælles tilbud på tværs" in arrows_line  # inside the details
    assert f'id="note-{arrows.id}"' in arrows_line  # its notes form too
    # the dilemma counts people who answered; its line has no second copy of its details
    assert page.count(f'id="note-{dilemma.id}"') == 1
    assert "1 har svaret" in page


def test_lines_offer_open_close_and_reveal(facilitator, room, db) -> None:
    page = _console(facilitator, room)
    dilemma, vote = _kind(room, "dilemma"), _kind(room, "topic_vote")
    arrows = _kind(room, "retningspil")
    action = 'action="/facilitate/activities/{}/{}"'
    assert page.count(action.format(dilemma.id, "close")) == 2  # expanded and its line
    assert action.format(arrows.id, "open") in page
    # dilemmas and votes wait for "Vis resultater", prominently for the open one
    assert action.format(dilemma.id, "reveal") in page
    assert action.format(vote.id, "reveal") in page
    assert re.search(
        r'<button class="button small primary">Vis resultater<span class="sr-only">'
        rf" – {re.escape(dilemma.title)}</span>",
        page,
    )
    reveal_results(db, dilemma, True)
    page = _console(facilitator, room)
    assert action.format(dilemma.id, "conceal") in page
    assert action.format(dilemma.id, "reveal") not in page
    dilemma.settings = {**dilemma.settings, "results_live": True}
    db.commit()
    page = _console(facilitator, room)
    assert "Resultater vises live" in page
    assert action.format(dilemma.id, "conceal") not in page
    # the action buttons say which activity they act on
    response = facilitator.post(
        f"/facilitate/activities/{arrows.id}/open",
        {"back": f"/facilitate/sessions/{room.id}/console#aktivitet-{arrows.id}"},
    )
    assert response.location.endswith(f"#aktivitet-{arrows.id}")
    page = _console(facilitator, room)
    current = re.search(r'class="card activity current state-open" id="aktivitet-(\d+)"', page)
    assert int(current.group(1)) == arrows.id  # the newly opened one comes first


def test_no_open_activity_says_so(facilitator, live_session) -> None:
    page = _console(facilitator, live_session)
    assert "Ingen aktivitet er åben" in page
    assert "activity current" not in page
    assert len(re.findall(r'<li class="activity line', page)) == len(live_session.activities)


def test_the_console_and_the_agenda_link_every_download(facilitator, room) -> None:
    for url in (f"/facilitate/sessions/{room.id}/console", f"/facilitate/sessions/{room.id}"):
        page = facilitator.get(url).get_data(as_text=True)
        for name in (
            "Hent Word-dokument",
            "Hent Excel-ark",
            "Hent Markdown",
            "Hent anonymt udtræk",
            "Hent arkiv med personoplysninger",
        ):
            assert name in page, (url, name)
        for path in EXPORTS:  # the documents from the form with the annex box, the rest linked
            target = (
                "action"
                if path == "export.docx"
                else "formaction"
                if path == "export.md"
                else "href"
            )
            assert f'{target}="/facilitate/sessions/{room.id}/{path}"' in page, (url, path)
        assert "Med bilag over alle bidrag (arkivudgaven)" in page and "udvalgets udgave" in page
        # the document in the other language (the default is Danish)
        assert "Hent Word-dokument på engelsk" in page
        assert f'href="/facilitate/sessions/{room.id}/export.docx?sprog=en"' in page
    for path, mimetype in EXPORTS.items():
        response = facilitator.get(f"/facilitate/sessions/{room.id}/{path}")
        assert response.status_code == 200, path
        assert response.mimetype == mimetype, path
        assert response.data
    english = facilitator.get(f"/facilitate/sessions/{room.id}/export.md?sprog=en")
    assert english.status_code == 200 and english.mimetype == EXPORTS["export.md"]


def test_the_agenda_names_every_control_in_words(facilitator, live_session) -> None:
    page = facilitator.get(f"/facilitate/sessions/{live_session.id}").get_data(as_text=True)
    first = live_session.activities[0]
    for words in (f"Flyt »{first.title}« op", f"Flyt »{first.title}« ned", f"Slet »{first.title}«"):
        assert f'<span class="sr-only">{words}</span>' in page, words
    # the arrows stay as the visible label, hidden from screen readers (the words name it)
    assert '<span aria-hidden="true">↑</span>' in page
    assert not re.search(r"<button[^>]*>\s*[↑↓]\s*</button>", page)


def test_the_themes_page_hides_old_themes_while_a_grouping_runs(
    app, facilitator, db, live_session
) -> None:
    activity = _kind(live_session, "retningspil")
    add_headings(db, activity, ["Gammelt tema om mad", "Gammelt tema om trafik"])
    url = f"/facilitate/activities/{activity.id}/themes"
    before = facilitator.get(url).get_data(as_text=True)
    assert 'value="Gammelt tema om mad"' in before  # shown as current when nothing runs
    jobs = theme_jobs_for(app)
    jobs.grouping._status[activity.id] = JobStatus("running")
    try:
        page = facilitator.get(url).get_data(as_text=True)
    finally:
        jobs.grouping._status.pop(activity.id, None)
    assert 'data-state="running"' in page and "Grupperingen kører" in page
    assert "<progress" in page
    assert "Gammelt tema" not in page  # neither as headings nor as fields to edit
    assert "De 2 tidligere temaer er skjult imens." in page
    assert f'href="{url}"' in page and "Opdatér siden" in page  # without JavaScript
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    after = facilitator.get(url).get_data(as_text=True)
    assert "refresh" not in after and 'value="Gammelt tema om mad"' in after


def test_the_console_speaks_english(facilitator, room) -> None:
    facilitator.post("/sprog", {"language": "en"})  # the footer's button: the user's setting
    page = _console(facilitator, room)
    for english in (
        "Programme",
        "Open now",
        "Show results",
        "Download Word document",
        "1 has answered",
    ):
        assert english in page, english
    for danish in ("Program<", "Åben nu", "Vis resultater", "Hent Word-dokument"):
        assert danish not in page, danish
