"""The word cloud check-in in Debian's Chromium: the demo's room (40 answers) is joined by a
few phones that send words from the live page; the projector (1920x1080) draws the cloud from
the pushed counts with no two words overlapping, every word inside the cloud and readable at
8 m, the most written biggest and central; a 95-character "word" is refused on the phone.

FACILITATOR_SHOTS=docs/screenshots saves the projector and the phone (320 and 390 px)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import LiveServer, demo_server, log_in

pytestmark = pytest.mark.e2e

CHECK_IN = "Check-in: Hvad håber du på i dag?"
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "da-DK"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SHOTS = os.environ.get("FACILITATOR_SHOTS")

# Every drawn word's box, the cloud's box, and the text alternative beside it.
CLOUD = """() => {
  const cloud = document.querySelector('.cloud');
  const box = r => ({x: r.left, y: r.top, w: r.width, h: r.height});
  return {
    cloud: box(cloud.getBoundingClientRect()),
    words: Array.from(cloud.querySelectorAll('.cloud-word')).map(w => ({
      text: w.textContent, count: Number(w.dataset.count),
      size: parseFloat(getComputedStyle(w).fontSize), ...box(w.getBoundingClientRect())})),
    listed: Array.from(document.querySelectorAll('.cloud-list li'), li => li.textContent.trim()),
  };
}"""


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with demo_server(tmp_path_factory, "wordcloud-instance") as server:
        yield server


def _shot(page: Page, name: str, full_page: bool = False) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=full_page)


def _send(page: Page, *words: str) -> None:
    for n, word in enumerate(words, start=1):
        page.locator(f"#word-{n}").fill(word)
    page.locator("form.submit-form button.primary").click()


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and (a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])
    )


def test_phones_send_words_and_the_projector_draws_the_cloud(
    browser: Browser, room: LiveServer
) -> None:
    console = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    log_in(console, room)
    console.goto(room.console_url)
    line = console.locator(".run-of-show .activity", has_text=CHECK_IN).first
    line.get_by_role("button", name="Åbn").click()
    expect(console.locator("section.activity.current", has_text=CHECK_IN)).to_be_visible()

    projector = browser.new_context(**PROJECTOR).new_page()
    projector.goto(room.screen_url)
    expect(projector.locator(".cloud .cloud-word").first).to_be_visible()

    phones = []
    for words in (["nysgerrig", "Skoven"], ["skov", "mod"], ["kompetenceudviklingsforløbene"]):
        phone = browser.new_context(**PHONE, locale="da-DK").new_page()
        phone.goto(room.join_url)
        phone.locator("main form button.primary").click()
        expect(phone.locator("#word-1")).to_be_visible()
        _send(phone, *words)
        expect(phone.locator(".own-words")).to_contain_text(
            " · ".join(words) if len(words) > 1 else words[0]
        )
        phones.append(phone)
    # a 95-character "word" never leaves the phone: the same message as the server's
    _send(phones[0], "x" * 95)
    expect(phones[0].locator("form.submit-form .error")).to_have_text(
        "Et ord må højst have 30 tegn. »xxxxxxxxxxxx…« har 95."
    )
    phones[0].locator("#word-1").fill("")

    expect(
        projector.locator(".cloud .cloud-word", has_text="kompetenceudviklingsforløbene")
    ).to_be_visible()
    drawn = projector.evaluate(CLOUD)
    cloud, words = drawn["cloud"], drawn["words"]
    assert len(words) >= 20, words  # the demo's answers and the phones'
    for word in words:  # inside the cloud, readable at 8 m
        assert word["x"] >= cloud["x"] - 0.5 and word["y"] >= cloud["y"] - 0.5, word
        assert word["x"] + word["w"] <= cloud["x"] + cloud["w"] + 0.5, word
        assert word["y"] + word["h"] <= cloud["y"] + cloud["h"] + 0.5, word
        assert word["size"] >= 36, word
    for i, a in enumerate(words):  # no two words overlap
        for b in words[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    biggest = max(words, key=lambda w: w["size"])
    assert biggest["count"] == max(w["count"] for w in words)
    centre = (cloud["x"] + cloud["w"] / 2, cloud["y"] + cloud["h"] / 2)
    assert abs(biggest["x"] + biggest["w"] / 2 - centre[0]) < cloud["w"] / 4
    assert abs(biggest["y"] + biggest["h"] / 2 - centre[1]) < cloud["h"] / 4
    # "skov" and "Skoven" are one word: two people, not two words
    skov = [w for w in words if w["text"] in ("skov", "skoven")]
    assert len(skov) == 1 and skov[0]["count"] == 2
    # the text alternative: every word with its count, for screen readers
    assert any(item.startswith("skov") and item.endswith("2") for item in drawn["listed"])
    expect(projector.locator(".cloud")).to_have_attribute("aria-hidden", "true")
    assert projector.evaluate("document.documentElement.scrollWidth") <= 1920
    _shot(projector, "projector-wordcloud-1920-da.png")
    for width in (320, 390):
        phones[1].set_viewport_size({"width": width, "height": 720})
        assert phones[1].evaluate("document.documentElement.scrollWidth") <= width
        _shot(phones[1], f"phone-wordcloud-{width}-da.png", full_page=True)

    # offline: the words wait on the phone and go with the same id once it is back
    late = phones[2]
    late.context.set_offline(True)
    _send(late, "tålmodighed")
    expect(late.locator(".own-words")).to_contain_text("tålmodighed")
    expect(late.locator(".own-words .state.pending")).to_contain_text("venter på forbindelse")
    late.context.set_offline(False)
    expect(late.locator(".own-words .state.pending")).to_have_count(0, timeout=15000)
    expect(projector.locator(".cloud .cloud-word", has_text="tålmodighed")).to_be_visible()
    expect(projector.locator(".cloud .cloud-word", has_text="kompetenceudvikling")).to_have_count(0)

    # the console takes a word off the cloud: the projector redraws without it at once
    console.locator(".cloud-list li", has_text="nysgerrig").get_by_role("button").click()
    expect(projector.locator(".cloud .cloud-word", has_text="nysgerrig")).to_have_count(0)
    for page in (console, projector, *phones):
        page.context.close()
