"""The output page through its real routes: the secretary reorders themes and bullets, merges
two bullets and rewrites one; the Word document (read with python-docx), the Markdown and the
English version say the new words in the new order, and the annex keeps the originals. Bad
input gets a message, never a 500; an edit whose bullet is withdrawn is left out."""

from __future__ import annotations

import hashlib
import io
import re

import docx
import pytest
from sqlalchemy import func, select

from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution, Participant
from facilitator.export.models import BodyEdit
from facilitator.processes.retention import delete_participant_data
from facilitator.sessions.services import set_state

TEXTS = {
    "Mod": ["Vi skal turde fejle", "Vi skal stå sammen"],
    "Borgeren": ["Borgeren for bordenden", "Lyt til borgeren"],
}


@pytest.fixture
def filled(db, live_session):
    """Four statements in two themes of the visionsdag's first retningspil."""
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    ids = {}
    for position, (label, texts) in enumerate(TEXTS.items()):
        theme = Cluster(activity_id=activity.id, label=label, position=position)
        db.add(theme)
        db.flush()
        for text in texts:
            person = Participant(
                session_id=live_session.id,
                group="politiker",
                token_hash=hashlib.sha256(text.encode()).hexdigest(),
            )
            db.add(person)
            db.flush()
            row = Contribution(
                activity_id=activity.id,
                participant_id=person.id,
                client_id=f"k-{len(ids)}",
                text=text,
                cluster_id=theme.id,
            )
            db.add(row)
            db.flush()
            ids[text] = row.id
        ids[label] = theme.id
    db.commit()
    return activity, ids


def page(browser, session_id: int) -> str:
    response = browser.get(f"/facilitate/sessions/{session_id}/output")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def post(browser, activity, action: str, data: dict) -> str:
    """POST, follow the redirect back to the page, return the page."""
    response = browser.post(
        f"/facilitate/activities/{activity.id}/output/{action}", data, follow_redirects=True
    )
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def document(browser, session_id: int, query: str = "") -> tuple[list[str], str]:
    """The Word document's body paragraphs (before the annex) and the annex's table text."""
    response = browser.get(f"/facilitate/sessions/{session_id}/export.docx{query}")
    assert response.status_code == 200
    doc = docx.Document(io.BytesIO(response.data))
    texts = [p.text for p in doc.paragraphs]
    body = texts[: texts.index("Bilag")] if "Bilag" in texts else texts
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    return body, cells


def test_reorder_merge_and_rewrite_reach_word_markdown_and_english(
    facilitator, live_session, filled
) -> None:
    activity, ids = filled
    shown = page(facilitator, live_session.id)
    assert "Vi skal turde fejle" in shown and 'name="csrf_token"' in shown
    assert shown.index("Mod") < shown.index("Borgeren")
    session_page = facilitator.get(f"/facilitate/sessions/{live_session.id}").get_data(True)
    assert f"/facilitate/sessions/{live_session.id}/output" in session_page

    post(
        facilitator,
        activity,
        "move",
        {"target": "theme", "key": ids["Borgeren"], "direction": "up"},
    )
    move = {"target": "bullet", "key": ids["Vi skal stå sammen"], "direction": "up"}
    post(facilitator, activity, "move", move)
    merged = post(
        facilitator,
        activity,
        "merge",
        {"first": ids["Borgeren for bordenden"], "second": ids["Lyt til borgeren"], "text": ""},
    )
    assert "Punkterne er slået sammen" in merged
    rewritten = post(
        facilitator,
        activity,
        "rewrite",
        {"key": ids["Vi skal turde fejle"], "text": "Vi skal have mod til at fejle"},
    )
    assert "Punktet er omformuleret" in rewritten
    # The preview reads as the document will.
    preview = rewritten[rewritten.index('class="document"') :]
    assert (
        preview.index("Borgeren for bordenden. Lyt til borgeren")
        < preview.index("Vi skal stå sammen")
        < preview.index("Vi skal have mod til at fejle")
    )
    assert "Vi skal turde fejle" not in preview

    body, annex = document(facilitator, live_session.id)
    text = "\n".join(body)
    assert text.index("Borgeren") < text.index("Mod")
    assert "Borgeren for bordenden. Lyt til borgeren" in body  # no count: not "2 wrote it"
    assert text.index("Vi skal stå sammen") < text.index("Vi skal have mod til at fejle")
    assert "Vi skal turde fejle" not in text and "Lyt til borgeren" not in body
    for original in ("Vi skal turde fejle", "Lyt til borgeren", "Borgeren for bordenden"):
        assert original in annex  # the annex keeps every contribution as written

    markdown = facilitator.get(f"/facilitate/sessions/{live_session.id}/export.md")
    md_body, md_annex = markdown.get_data(as_text=True).split("# Bilag")
    assert "Vi skal have mod til at fejle" in md_body and "turde fejle" not in md_body
    assert md_body.index("Borgeren") < md_body.index("Mod")
    assert "Vi skal turde fejle" in md_annex and "Lyt til borgeren" in md_annex

    english, _annex = document(facilitator, live_session.id, "?sprog=en")
    assert "Vi skal have mod til at fejle" in "\n".join(english)

    archive = facilitator.get(f"/facilitate/sessions/{live_session.id}/export.json")
    assert "Vi skal turde fejle" in archive.get_data(as_text=True)


def test_undo_and_the_documents_own_order(facilitator, live_session, filled) -> None:
    activity, ids = filled
    post(facilitator, activity, "rewrite", {"key": ids["Lyt til borgeren"], "text": "Lyt mere"})
    post(
        facilitator,
        activity,
        "move",
        {"target": "theme", "key": ids["Borgeren"], "direction": "up"},
    )
    shown = page(facilitator, live_session.id)
    edit_id = re.search(r"/output/undo/(\d+)", shown).group(1)
    undone = post(facilitator, activity, f"undo/{edit_id}", {})
    assert "Ændringen er fortrudt" in undone
    reset = post(facilitator, activity, "reset", {})
    body, _annex = document(facilitator, live_session.id)
    text = "\n".join(body)
    assert "Lyt til borgeren" in text and "Lyt mere" not in text
    assert text.index("Mod") < text.index("Borgeren")
    assert "Dokumentets egen rækkefølge" in reset


@pytest.mark.parametrize(
    "action, data, message",
    [
        ("rewrite", {"key": "{Lyt til borgeren}", "text": "   "}, "Skriv punktets nye ordlyd."),
        ("rewrite", {"key": "{Lyt til borgeren}", "text": "x" * 1001}, "Højst 1000 tegn."),
        ("rewrite", {"key": "999999", "text": "Ny"}, "Punktet står ikke længere i dokumentet"),
        ("rewrite", {"key": "abc", "text": "Ny"}, "Skriv et helt tal."),
        (
            "merge",
            {"first": "{Lyt til borgeren}", "second": "{Lyt til borgeren}"},
            "to forskellige",
        ),
        ("merge", {"first": "{Lyt til borgeren}", "second": "999999"}, "Vælg en af mulighederne."),
        ("move", {"target": "theme", "key": "999999", "direction": "up"}, "Temaet står ikke"),
        ("move", {"target": "bullet", "key": "999999", "direction": "up"}, "Punktet står ikke"),
        ("move", {"target": "tema", "key": "1", "direction": "op"}, "Vælg en af mulighederne."),
        ("undo/999999", {}, "Ændringen findes ikke"),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(
    facilitator, live_session, filled, action, data, message
) -> None:
    activity, ids = filled
    data = {k: ids[v[1:-1]] if v.startswith("{") else v for k, v in data.items()}
    shown = post(facilitator, activity, action, data)
    assert message in shown
    body, _annex = document(facilitator, live_session.id)
    assert "Lyt til borgeren" in "\n".join(body)


def test_another_facilitators_activity_and_a_missing_token_are_refused(
    visitor, live_session, filled, other_user
) -> None:
    activity, ids = filled
    visitor.login("bo@region.dk")
    assert visitor.get(f"/facilitate/sessions/{live_session.id}/output").status_code == 404
    response = visitor.post(
        f"/facilitate/activities/{activity.id}/output/rewrite",
        {"key": ids["Lyt til borgeren"], "text": "Overtaget"},
    )
    assert response.status_code == 404


def test_a_withdrawn_bullet_drops_its_edit_and_nothing_breaks(
    facilitator, db, live_session, filled
) -> None:
    activity, ids = filled
    first, second = ids["Borgeren for bordenden"], ids["Lyt til borgeren"]
    post(facilitator, activity, "merge", {"first": first, "second": second, "text": "Samlet"})
    post(facilitator, activity, "rewrite", {"key": ids["Vi skal stå sammen"], "text": "Sammen"})
    db.get(Contribution, first).hidden = True  # hidden by moderation: out of the document
    db.delete(db.get(Cluster, ids["Mod"]))  # the theme regrouped away
    db.commit()
    shown = page(facilitator, live_session.id)
    assert "Samlet" not in shown[shown.index('class="document"') :]
    body, annex = document(facilitator, live_session.id)
    text = "\n".join(body)
    assert "Lyt til borgeren" in text and "Samlet" not in text and "Sammen" in text
    assert "Borgeren for bordenden" not in annex  # hidden: out of every document


def test_deleting_the_participants_data_takes_the_rewritten_words_along(
    facilitator, db, live_session, filled
) -> None:
    activity, ids = filled
    post(facilitator, activity, "rewrite", {"key": ids["Lyt til borgeren"], "text": "Lyt mere"})
    post(
        facilitator,
        activity,
        "move",
        {"target": "theme", "key": ids["Borgeren"], "direction": "up"},
    )
    assert db.scalar(select(func.count(BodyEdit.id))) > 1
    delete_participant_data(db, set_state(db, live_session, "closed"))
    assert db.scalar(select(func.count(BodyEdit.id))) == 0
    assert "ingen punkter at redigere" in page(facilitator, live_session.id)
