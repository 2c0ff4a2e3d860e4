"""The console and the projector never show a lone politician's group, vote or statement tag."""

from __future__ import annotations

import re

from facilitator.activities.services import open_activity
from facilitator.contributions.privacy import OTHER_GROUPS_LABEL
from tests.support.privacy_scenario import GIVEAWAYS, POLITICIAN_REASON, lone_politician


def _shown(page: str) -> str:
    """The page without its scripts' tables of words (every group's name, whether anyone is
    in it or not: what a reader's language calls a group row or reason pushed later)."""
    return re.sub(
        r'<script type="application/json" id="i18n-(live|strings)">.*?</script>',
        "",
        page,
        flags=re.S,
    )


def _group_rows(page: str) -> dict[str, list[str]]:
    """The rows of the "Fordeling pr. interessentgruppe" table."""
    table = re.search(r'<table class="groups">.*?</table>', page, re.S)
    assert table, "no breakdown table"
    rows = re.findall(r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table.group(0), re.S)
    return {label: re.findall(r"<td[^>]*>([^<]*)</td>", cells) for label, cells in rows}


def test_console_shows_no_small_group(db, facilitator, live_session) -> None:
    lone_politician(db, live_session)
    page = _shown(
        facilitator.get(f"/facilitate/sessions/{live_session.id}/console").get_data(as_text=True)
    )
    assert POLITICIAN_REASON in page  # the reason is there, untagged
    assert not GIVEAWAYS.search(page)
    assert f"{OTHER_GROUPS_LABEL}: <strong>4</strong>" in page
    assert '<p class="big-number" id="joined-count">7</p>' in page
    assert _group_rows(page) == {"Brugerorganisation": ["3", "0"], OTHER_GROUPS_LABEL: ["3", "1"]}


def test_projector_shows_no_small_group(db, live_session, visitor) -> None:
    scenario = lone_politician(db, live_session)
    open_activity(db, scenario.dilemma)  # back on the revealed dilemma
    page = _shown(
        visitor.get(f"/screen/{live_session.id}?t={live_session.screen_token}").get_data(
            as_text=True
        )
    )
    assert not GIVEAWAYS.search(page)
    rows = _group_rows(page)
    assert rows == {"Brugerorganisation": ["3", "0"], OTHER_GROUPS_LABEL: ["3", "1"]}
