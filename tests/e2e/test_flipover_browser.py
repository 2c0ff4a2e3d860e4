"""Flip-over notes typed in after the meeting, through the real page in Chromium: the points
join the activity as the table's voice, the photo (taken on a phone, with GPS in its EXIF)
arrives resized and stripped, the console shows its thumbnail, axe-core finds nothing."""

from __future__ import annotations

import io
import sqlite3
import time

import pytest
from PIL import Image
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import LiveServer, log_in
from tests.e2e.test_accessibility import assert_accessible
from tests.support.photos import camera_jpeg

pytestmark = pytest.mark.e2e


def _retningspil(server: LiveServer) -> int:
    with sqlite3.connect(server.database) as connection:
        query = "SELECT id FROM activities WHERE kind = 'retningspil' ORDER BY id LIMIT 1"
        return connection.execute(query).fetchone()[0]


def _points(server: LiveServer, stamp: int) -> list[str]:
    """The saved points with `stamp`, each by a participant who speaks for a table."""
    with sqlite3.connect(server.database) as connection:
        rows = connection.execute(
            "SELECT c.text FROM contributions c JOIN participants p ON p.id = c.participant_id"
            " WHERE c.text LIKE ? AND p.scribe_table_id IS NOT NULL ORDER BY c.id",
            (f"%{stamp}",),
        )
        return [text for (text,) in rows]


def test_notes_and_a_photo_typed_in_afterwards(browser: Browser, live_server: LiveServer) -> None:
    stamp = time.time_ns()
    desk = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 900}).new_page()
    log_in(desk, live_server)
    # the statements' activity, open or not (other tests of this server move the room on)
    activity_url = f"{live_server.base}/facilitate/activities/{_retningspil(live_server)}/flipover"
    desk.goto(activity_url)
    assert_accessible(desk, "flip-over notes form")
    table = desk.locator("#table")
    if table.evaluate("(node) => node.tagName") == "SELECT":
        table.select_option(index=0)
    else:
        table.fill("4")
    desk.locator("#notes").fill(
        f"- Tryghed i nattevagten {stamp}\n\n• Flere hænder om aftenen {stamp}"
    )
    desk.locator("#photo").set_input_files(
        files=[
            {"name": "flipover.jpg", "mimeType": "image/jpeg", "buffer": camera_jpeg(3000, 2000)}
        ]
    )
    desk.get_by_role("button", name="Gem noter").click()
    expect(desk.locator(".flash").first).to_be_visible()
    assert_accessible(desk, "flip-over notes saved, with a photo")
    assert _points(live_server, stamp) == [  # the table's voice, in the order written
        f"Tryghed i nattevagten {stamp}",
        f"Flere hænder om aftenen {stamp}",
    ]
    photo = desk.locator("img[alt^='Flip-over fra Bord']").first
    stored = desk.request.get(live_server.base + photo.get_attribute("src")).body()
    image = Image.open(io.BytesIO(stored))
    assert max(image.size) <= 1600 and not image.getexif()  # resized, no GPS left
    assert b"PhoneMaker" not in stored
