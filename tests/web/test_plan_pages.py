"""The process plan's pages: add, edit, delete and paste milestones; the timeline on the process
page; bad input gets a Danish message (400, what was typed kept), other users get nothing."""

from __future__ import annotations

import html
import re
from datetime import date, datetime

import pytest

from facilitator.consultations.services import create_round, template_questions
from facilitator.processes import plan
from facilitator.processes.models import Milestone
from facilitator.processes.services import create_process
from facilitator.sessions.services import create_session
from tests.conftest import Browser
from tests.support.plan_seed import SEED_000_PLAN


@pytest.fixture
def process(db, user):
    return create_process(db, user, "Nordjysk Socialaftale 2023-2024")


def _page(response) -> str:  # noqa: ANN001
    return html.unescape(response.get_data(as_text=True))


def _timeline(page: str) -> list[str]:
    """Each milestone on the process page as "label status-words action", tags stripped."""
    blocks = re.findall(r'<li class="milestone \w+".*?</li>', page, flags=re.DOTALL)
    assert blocks, "no timeline on the page"
    return [" ".join(re.sub(r"<[^>]+>", " ", block).split()) for block in blocks]


def test_add_a_milestone_through_the_page(facilitator, db, process) -> None:
    meeting = create_session(db, process, title="Socialpolitisk Dialogforum", kind="dialogforum")
    create_round(
        db,
        process,
        title="Høring om visionen",
        deadline=datetime(2030, 1, 20),
        questions=template_questions(),
    )
    form = _page(facilitator.get(f"/facilitate/processes/{process.id}/plan/new"))
    assert "Socialpolitisk Dialogforum" in form and "Høring om visionen" not in form
    response = facilitator.post(
        f"/facilitate/processes/{process.id}/plan/new",
        {
            "when": "2022-06-10",
            "month_only": "y",
            "forum": "Socialpolitisk Dialogforum",
            "action": "Politiske drøftelser og input til visionen",
            "session_id": meeting.id,
        },
    )
    assert response.status_code == 302 and response.location.endswith(
        f"/facilitate/processes/{process.id}#procesplan"
    )
    page = _page(facilitator.get(f"/facilitate/processes/{process.id}"))
    assert "Punktet er tilføjet procesplanen." in page
    [row] = _timeline(page)
    assert row.startswith("Juni 2022")
    assert "Socialpolitisk Dialogforum · Politiske drøftelser" in row
    assert f'href="/facilitate/sessions/{meeting.id}"' in page
    db.expire_all()
    [milestone] = process.milestones
    assert (milestone.when, milestone.precision, milestone.session_id) == (
        date(2022, 6, 1),
        "month",
        meeting.id,
    )


def test_edit_and_delete(facilitator, db, process) -> None:
    milestone = plan.add_milestone(
        db, process, when=date(2022, 1, 28), forum="DAS", action="DAS udpeger fokusområder"
    )
    url = f"/facilitate/processes/{process.id}/plan/{milestone.id}"
    form = _page(facilitator.get(f"{url}/edit"))
    assert 'value="2022-01-28"' in form and "DAS udpeger fokusområder</textarea>" in form
    response = facilitator.post(
        f"{url}/edit",
        {
            "when": "2022-03-01",
            "month_only": "y",
            "forum": "DAS",
            "action": "DAS drøfter rammen",
            "session_id": 0,
        },
    )
    assert response.status_code == 302
    db.expire_all()
    assert (plan.milestone_label(milestone), milestone.action) == (
        "Marts 2022",
        "DAS drøfter rammen",
    )
    assert facilitator.post(f"{url}/delete", csrf=False).status_code == 400
    assert db.get(Milestone, milestone.id) is not None
    response = facilitator.post(f"{url}/delete", follow_redirects=True)
    assert "Punktet er slettet fra procesplanen." in _page(response)
    db.expire_all()
    assert db.get(Milestone, milestone.id) is None


def test_seed_000_pasted_shows_eleven_rows(facilitator, db, process) -> None:
    response = facilitator.post(
        f"/facilitate/processes/{process.id}/plan/paste",
        {"table": SEED_000_PLAN},
        follow_redirects=True,
    )
    page = _page(response)
    assert response.status_code == 200 and "11 punkter er tilføjet procesplanen." in page
    assert "»September/oktober« står i planen, som det er skrevet" in page
    rows = _timeline(page)
    assert [row.split(" Overstået")[0] for row in rows][:2] == ["November 2021", "28. januar 2022"]
    assert len(rows) == 11 and rows[-1].startswith("1. december 2022")
    assert all("Overstået" in row for row in rows)  # 2022 is over
    assert "Næste" not in " ".join(rows)


def test_oversized_paste_is_refused_in_danish(facilitator, db, process) -> None:
    response = facilitator.post(
        f"/facilitate/processes/{process.id}/plan/paste",
        {"table": "Juni 2022\tDAS\t" + "x" * 100_000},
    )
    assert response.status_code == 400 and "Højst 100000 tegn (nu 100014)." in _page(response)
    db.expire_all()
    assert process.milestones == []


def test_bad_paste_keeps_the_text_and_names_the_line(facilitator, db, process) -> None:
    text = "Juni 2022\tDAS\tOk\n31. februar 2022\tDAS\tTjek af datoen"
    response = facilitator.post(f"/facilitate/processes/{process.id}/plan/paste", {"table": text})
    page = _page(response)
    assert response.status_code == 400
    assert "Linje 2: »31. februar 2022« er ikke en dato eller måned" in page
    assert "Tjek af datoen</textarea>" in page  # nothing typed is lost
    db.expire_all()
    assert process.milestones == []


@pytest.mark.parametrize(
    "data, message",
    [
        ({"when": "2022-02-31", "action": "DAS mødes"}, "Skriv en gyldig dato"),
        ({"when": "", "action": "DAS mødes"}, "Feltet skal udfyldes."),
        ({"when": "2022-02-01", "action": " "}, "Feltet skal udfyldes."),
        ({"when": "2022-02-01", "action": "x" * 1001}, "Handlingen må højst være 1000 tegn"),
        (
            {"when": "2022-02-01", "forum": "F" * 201, "action": "DAS mødes"},
            "Forum må højst være 200 tegn",
        ),
    ],
)
def test_bad_milestone_gets_a_message_and_keeps_the_input(
    facilitator, db, process, data, message
) -> None:
    data = {"forum": "Politiske udvalg", "session_id": 0, **data}
    response = facilitator.post(f"/facilitate/processes/{process.id}/plan/new", data)
    page = _page(response)
    assert response.status_code == 400 and message in page
    assert f'value="{data["forum"]}"' in page
    db.expire_all()
    assert process.milestones == []


def test_a_session_of_another_process_is_refused(facilitator, db, user, process) -> None:
    other = create_process(db, user, "Et andet forløb")
    foreign = create_session(db, other, title="Andet møde", kind="dialogforum")
    for session_id in (foreign.id, "abc"):
        response = facilitator.post(
            f"/facilitate/processes/{process.id}/plan/new",
            {"when": "2022-02-01", "action": "A", "session_id": session_id},
        )
        assert response.status_code == 400
        assert "Den valgte session hører ikke til dette forløb." in _page(response)
    db.expire_all()
    assert process.milestones == []


def test_past_and_next_are_said_in_words(facilitator, db, process) -> None:
    plan.add_milestone(db, process, when=date(2000, 1, 1), precision="month", action="Før")
    plan.add_milestone(db, process, when=date(2199, 5, 1), action="Snart")
    plan.add_milestone(db, process, when=date(2199, 6, 1), action="Senere")
    page = _page(facilitator.get(f"/facilitate/processes/{process.id}"))
    past, upcoming, later = _timeline(page)
    assert "Overstået" in past and "Næste" in upcoming and "aria-current" not in later
    assert "Næste" not in later and "Overstået" not in later
    assert page.count('aria-current="step"') == 1


def test_empty_plan_invites_to_add(facilitator, process) -> None:
    page = _page(facilitator.get(f"/facilitate/processes/{process.id}"))
    assert "Procesplan" in page and "Ingen punkter endnu." in page
    assert f"/facilitate/processes/{process.id}/plan/paste" in page


def test_dates_in_english(facilitator, db, user, process) -> None:
    plan.add_milestone(db, process, when=date(2022, 6, 1), precision="month", action="A")
    plan.add_milestone(db, process, when=date(2022, 1, 28), action="B")
    user.language = "en"
    db.commit()
    rows = _timeline(_page(facilitator.get(f"/facilitate/processes/{process.id}")))
    assert rows[0].startswith("28 January 2022") and rows[1].startswith("June 2022")


def test_another_user_gets_nothing(app, db, other_user, process) -> None:
    milestone = plan.add_milestone(db, process, when=date(2022, 6, 1), action="Hemmelig")
    stranger = Browser(app.test_client())
    stranger.login("bo@region.dk")
    base = f"/facilitate/processes/{process.id}/plan"
    for response in (
        stranger.get(f"{base}/new"),
        stranger.get(f"{base}/paste"),
        stranger.get(f"{base}/{milestone.id}/edit"),
        stranger.post(f"{base}/{milestone.id}/delete"),
        stranger.post(f"{base}/paste", {"table": SEED_000_PLAN}),
    ):
        assert response.status_code == 404
        assert "Hemmelig" not in response.get_data(as_text=True)
    own = create_process(db, other_user, "Bos forløb")  # a milestone through another process
    assert (
        stranger.get(f"/facilitate/processes/{own.id}/plan/{milestone.id}/edit").status_code == 404
    )
    db.expire_all()
    assert [m.action for m in process.milestones] == ["Hemmelig"]
    assert Browser(app.test_client()).get(f"{base}/new").status_code == 302  # to the login
