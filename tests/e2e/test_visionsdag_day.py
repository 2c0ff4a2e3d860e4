"""One visionsdag played end to end (issue 25, "How it is judged"), against a real `facilitator
serve` with its default settings: no raised limits, and every phone behind one address
(127.0.0.1), as at a venue.

A facilitator logs in and sets up three tables, a word cloud, a pre-moderated retningspil and
the parking lot; six phones join (two in Chromium, four over HTTP and Socket.IO), two at each
table, one of them the table's scribe by its card's link; the word cloud gets 40 words (ten
more phones that only check in); the retningspil's lines wait for approval, the one with a
filtered word stays held, and a countdown closes it at 0; a phone asks in the parking lot, the
others vote, the facilitator marks it answered; the secretariat types a table's flip-over notes
and photo in afterwards; the Word document is then read as the secretary reads it. No page,
request or socket answer is a server error, and the server logs no traceback."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import docx
import pytest
import requests
import socketio
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect

from tests.e2e.conftest import CHROMIUM
from tests.support.photos import camera_jpeg
from tests.support.server import free_port, start_server

pytestmark = pytest.mark.e2e

EMAIL, PASSWORD = "sekretariat@kommune.dk", "korrekt-hest-batteri"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TIMEOUT = 10.0  # seconds one socket answer or pushed event may take
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')

CLOUD = "Check-in: Hvad tager du med herfra?"
STATEMENTS = "Retningspile for visionen"
# The word cloud: 16 check-ins, 40 words, each phone's 1-3. Inflections fold into one word
# ("skoven", "Skove", "skovene" are "skov"), "og" is a stop word and never counted.
PHONE_WORDS = [
    ["skoven", "fællesskab"],
    ["Skov", "og", "tryghed"],
    ["skove", "mod"],
    ["fællesskabet", "ro", "håb"],
    ["skovene", "trygheden"],
    ["nysgerrig"],
]
CHECK_IN_WORDS = [
    ["skov", "fællesskaber", "energi"],
    ["skoven", "tryghed", "kaffe"],
    ["fællesskab", "mod", "og"],
    ["tryghed", "glæde", "tillid"],
    ["modet", "samarbejde", "børn"],
    ["fællesskabet", "nærvær", "tid"],
    ["inspiration", "forandring", "idé"],
    ["håbet", "nysgerrige"],
    ["tiden", "tilliden"],
    ["forventning", "ro"],
]
TOP_WORDS = ["skov 6", "fællesskab 5", "tryghed 4", "mod 3"]
# The retningspil, phone by phone (the same order as PHONE_WORDS); FILTERED has a word of the
# default word filter ("pis") and stays held.
LINES = [
    "Bord 1 vil have en fælles indgang til kommunen",
    "Flere hænder i ældreplejen om aftenen",
    "Bord 2 ønsker tryghed i nattevagten",
    "Bord 3 vil styrke de pårørendes stemme",
    "Det er noget pis at vente et halvt år på en plads",
    "Tidlig hjælp til unge i psykiatrien",
]
FILTERED = LINES[4]
QUESTION = "Hvem betaler for transporten til dagtilbuddet?"
FLIPOVER = ["Tryghed om natten kræver faste ansigter", "Pårørende med i planlægningen"]


def _cli(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "facilitator", *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _done(command: subprocess.Popen, stdin: str | None = None) -> None:
    _out, err = command.communicate(stdin, timeout=180)
    assert command.returncode == 0, err


@dataclass(frozen=True)
class Venue:
    base: str
    log: Path


@pytest.fixture(scope="module")
def venue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Venue]:
    """A fresh instance with one facilitator account and nothing else: the day creates its own
    process and session, whatever other tests did."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (./scripts/test installs it)")
    instance = tmp_path_factory.mktemp("visionsdag-instance")
    # The defaults, whatever the environment says: the shared e2e server raises the login
    # throttle for its many logins; a real day must do without.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    env["FACILITATOR_INSTANCE_PATH"] = str(instance)
    _done(_cli(env, "init-db"))
    # The account is made while the server starts (each process loads the app for seconds).
    account = _cli(env, "create-user", EMAIL, "--password-stdin", "--name", "Sekretariatet")
    port = free_port()
    log = instance / "server.log"
    server = start_server(port, env, log=log)
    try:
        _done(account, PASSWORD)
        yield Venue(f"http://127.0.0.1:{port}", log)
    finally:
        server.terminate()
        server.wait(timeout=10)


@dataclass
class ServerErrors:
    """Every answer of the day that was a server error: pages and requests of the browsers,
    HTTP of the socket phones, and socket acknowledgements saying `error`."""

    seen: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.on("response", self._response)
        return context

    def _response(self, response: Response) -> None:
        if response.status >= 500:
            self.seen.append(f"{response.status} {response.request.method} {response.url}")

    def http(self, response: requests.Response) -> requests.Response:
        if response.status_code >= 500:
            self.seen.append(f"{response.status_code} {response.request.method} {response.url}")
        return response


def wait_until(check: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while not (found := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout}s: {what}")
        time.sleep(0.05)
    return found


class SocketDevice:
    """A phone without a browser, as phone.js talks: the join form (or the scribe's link) over
    HTTP for the cookie, then Socket.IO; or the projector's socket on its secret link. Keeps
    every event pushed to it."""

    def __init__(self, venue: Venue, code: str, errors: ServerErrors) -> None:
        self.venue, self.code, self.errors = venue, code, errors
        self.http = requests.Session()
        self.events: list[tuple[str, Any]] = []
        self._lock = threading.Lock()
        self.client = socketio.Client(reconnection=False)
        self.client.on("*", self._record)

    def _post_form(self, url: str, **fields: str) -> None:
        page = self.errors.http(self.http.get(url, timeout=TIMEOUT))
        token = CSRF.search(page.text)
        assert token, (url, page.status_code)
        answer = self.http.post(
            url, data={"csrf_token": token.group(1), **fields}, allow_redirects=False
        )
        assert self.errors.http(answer).status_code == 302, (url, answer.status_code)

    def join(self, table: int | None = None) -> SocketDevice:
        query = f"?bord={table}" if table else ""
        url = f"{self.venue.base}/j/{self.code}"
        self._post_form(url + query, table_number=str(table or ""))
        return self._connect()

    def scribe(self, link: str) -> SocketDevice:
        self._post_form(link)  # the secret `k` stays in the link's query
        return self._connect()

    def screen(self, session_id: int, screen_url: str) -> SocketDevice:
        token = parse_qs(urlsplit(screen_url).query)["t"][0]
        return self._connect({"role": "screen", "session_id": session_id, "token": token})

    def _connect(self, auth: dict[str, Any] | None = None) -> SocketDevice:
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        self.client.connect(
            self.venue.base,
            auth=auth or {"role": "participant", "code": self.code},
            headers={"Cookie": cookie},
            transports=["websocket"],
            wait_timeout=TIMEOUT,
        )
        self.call("state:get")
        return self

    def _record(self, event: str, data: Any = None) -> None:
        with self._lock:
            self.events.append((event, data))

    def call(self, event: str, data: Any = None) -> dict[str, Any]:
        answer = self.client.call(event, data, timeout=TIMEOUT)
        if answer.get("code") == "error":
            self.errors.seen.append(f"socket {event}: {answer}")
        assert answer["ok"], (event, data, answer)
        return answer

    def submit(self, activity_id: int, **fields: Any) -> dict[str, Any]:
        payload = {"activity_id": activity_id, "client_id": uuid.uuid4().hex, **fields}
        return self.call("contribution:submit", payload)["contribution"]

    def received(self, name: str) -> list[Any]:
        with self._lock:
            return [data for event, data in self.events if event == name]

    def pushed(self, name: str, until: Callable[[Any], bool]) -> Any:
        """The first `name` event that satisfies `until`, waiting for it if need be."""

        def found() -> Any:
            return next((d for d in self.received(name) if until(d)), None)

        return wait_until(found, f"{name} on a socket")

    def close(self) -> None:
        if self.client.connected:
            self.client.disconnect()


@dataclass
class Day:
    """What the facilitator set up, as the pages show it."""

    session_id: int
    code: str
    console: str
    screen: str
    scribe_links: list[str]
    cloud_id: int = 0
    statements_id: int = 0


def _save_form(desk: Page, url: str, fill: Callable[[], None]) -> None:
    desk.goto(url)
    fill()
    desk.get_by_role("button", name="Gem", exact=True).click()
    expect(desk.locator(".flash").first).to_be_visible()


def _set_up(desk: Page, venue: Venue) -> Day:
    """Log in, then a process, a session with three tables, the word cloud and the pre-moderated
    retningspil, and start it: every step through the facilitator's own pages."""
    desk.goto(venue.base + "/login")
    desk.get_by_label("E-mail").fill(EMAIL)
    desk.get_by_label("Adgangskode").fill(PASSWORD)
    desk.get_by_role("button", name="Log ind").click()
    _save_form(
        desk,
        venue.base + "/facilitate/processes/new",
        lambda: desk.get_by_label("Titel").fill("Nordjysk Socialaftale 2025-2026"),
    )
    process_url = desk.url.split("#")[0]
    assert re.search(r"/processes/\d+$", process_url), process_url

    def session_fields() -> None:
        desk.get_by_label("Titel").fill("Visionsdag om fremtidens velfærd")
        desk.get_by_label("Type").select_option("visionsdag")

    _save_form(desk, process_url + "/sessions/new", session_fields)
    session_id = int(re.search(r"/sessions/(\d+)", desk.url).group(1))
    session_url = f"{venue.base}/facilitate/sessions/{session_id}"
    desk.locator("#tables").fill("1 Sundhed\n2 Ældre\n3 Psykiatri")
    desk.get_by_role("button", name="Gem borde").click()
    links = desk.locator(".table-list input.copy-link")
    expect(links).to_have_count(3)
    scribe_links = [links.nth(i).input_value() for i in range(3)]

    new = f"{session_url}/activities/new"
    _save_form(desk, f"{new}/wordcloud", lambda: desk.get_by_label("Titel").fill(CLOUD))

    def statements_fields() -> None:
        desk.get_by_label("Titel").fill(STATEMENTS)
        desk.get_by_label("Godkend bidrag, før de vises").check()
        desk.get_by_label("efter bord").check()  # the document attributes lines to tables

    _save_form(desk, f"{new}/retningspil", statements_fields)
    desk.goto(session_url)
    desk.get_by_role("button", name="Start session").click()
    expect(desk.locator("h1 .tag")).to_have_text("Live")
    join = desk.locator("a[href*='/j/']").first.get_attribute("href")
    screen = desk.get_by_role("link", name="åbn storskærmsvisningen").get_attribute("href")
    console = f"{session_url}/console"
    desk.goto(console)
    day = Day(session_id, join.rstrip("/").rsplit("/", 1)[1], console, screen, scribe_links)
    ids = desk.locator(".run-of-show .activity").evaluate_all(
        "lines => lines.map(l => l.querySelector('form[action*=\"/open\"]').action)"
    )
    day.cloud_id, day.statements_id = (int(re.search(r"/(\d+)/open", a).group(1)) for a in ids)
    return day


def _open(desk: Page, title: str) -> None:
    line = desk.locator(".run-of-show .activity", has_text=title).first
    line.get_by_role("button", name="Åbn").click()
    expect(desk.locator("section.activity.current")).to_contain_text(title)


def _browser_phone(browser: Browser, errors: ServerErrors, url: str) -> Page:
    phone = errors.watch(browser.new_context(**PHONE, locale="da-DK")).new_page()
    phone.goto(url)
    return phone


def _send_words(phone: Page, words: list[str]) -> None:
    for n, word in enumerate(words, start=1):
        phone.locator(f"#word-{n}").fill(word)
    phone.locator("form.submit-form button.primary").click()
    expect(phone.locator(".own-words")).to_contain_text(" · ".join(words))


def _send_line(phone: Page, text: str) -> None:
    phone.locator("form.submit-form textarea").fill(text)
    phone.locator("form.submit-form button.primary").click()
    expect(phone.locator("#bidrag li", has_text=text)).to_contain_text("venter på godkendelse")


def _paragraphs(document: docx.document.Document) -> list[str]:
    """The document's paragraphs, then its tables' cells (the annex), in order."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return lines


def _under(document: docx.document.Document, lead: str) -> list[str]:
    """The bullets right after the paragraph that starts with `lead`."""
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith(lead))
    bullets = []
    for paragraph in paragraphs[start + 1 :]:
        if not paragraph.style.name.startswith("List"):
            break
        bullets.append(paragraph.text)
    return bullets


@dataclass
class Room:
    """The day's devices: the facilitator's laptop, the projector (in Chromium, and its socket
    to read what reaches it), the two Chromium phones and the four socket phones."""

    day: Day
    desk: Page
    projector: Page
    wire: SocketDevice
    browsers: list[Page]
    sockets: list[SocketDevice]


def _word_cloud(room: Room, venue: Venue, errors: ServerErrors) -> list[SocketDevice]:
    """40 words from 16 phones: the room's six, and ten that only check in."""
    _open(room.desk, CLOUD)
    for phone, words in zip(room.browsers, PHONE_WORDS, strict=False):
        expect(phone.locator("#word-1")).to_be_visible()
        _send_words(phone, words)
    for phone, words in zip(room.sockets, PHONE_WORDS[2:], strict=True):
        phone.submit(room.day.cloud_id, words=words)
    check_ins = []
    for words in CHECK_IN_WORDS:
        check_ins.append(SocketDevice(venue, room.day.code, errors).join())
        check_ins[-1].submit(room.day.cloud_id, words=words)
    assert sum(map(len, PHONE_WORDS + CHECK_IN_WORDS)) == 40
    # the projector's text alternative: the folded words, most written first, with counts
    projector = room.projector
    expect(projector.locator(".cloud-answered")).to_contain_text("16 har svaret")
    listed = projector.locator(".cloud-list li")
    for n, word in enumerate(TOP_WORDS):
        expect(listed.nth(n)).to_have_text(word)
    shown = [item.split()[0] for item in listed.all_inner_texts()]
    assert not {"og", "skoven", "skove", "skovene", "fællesskabet"} & set(shown), shown
    drawn = projector.locator(".cloud .cloud-word")
    expect(drawn.filter(has_text=re.compile(r"^skov$"))).to_have_count(1)
    expect(drawn.filter(has_text=re.compile(r"^og$"))).to_have_count(0)
    return check_ins


def _added(wire: SocketDevice, activity: int) -> dict[str, int | None]:
    """The lines pushed to the projector for `activity`, each with its table's number."""
    pushed = [c for c in wire.received("contribution:added") if c["activity_id"] == activity]
    assert len(pushed) == len({c["id"] for c in pushed}), pushed  # none twice
    return {c["text"]: (c["table"] or {}).get("number") for c in pushed}


def _premoderated(room: Room) -> None:
    """Six lines, one with a filtered word: none reaches the projector before approval; all but
    that one are approved, by ticking them with the keyboard."""
    desk, activity = room.desk, room.day.statements_id
    _open(desk, STATEMENTS)
    scribe_1, person_2 = room.browsers
    for phone in room.browsers:
        expect(phone.locator("form.submit-form textarea")).to_be_visible()
    _send_line(scribe_1, LINES[0])
    _send_line(person_2, LINES[1])
    for phone, text in zip(room.sockets, LINES[2:], strict=True):
        assert phone.submit(activity, text=text)["held"], text
    pending = desk.locator(f"#venter-{activity}")
    count = pending.locator(f"[data-pending-count='{activity}']")
    expect(count).to_have_text("6")
    filtered = pending.locator("li", has_text=FILTERED)
    expect(filtered.locator(".filtered")).to_have_text("Ordfilter: »pis«")
    # Nothing on the projector's wire: its snapshot, asked after every line was saved, comes
    # after any push those lines made; nor on its wall.
    snapshot = room.wire.call("state:get")
    assert not set(LINES) & {c["text"] for c in snapshot["results"]["contributions"]}
    assert _added(room.wire, activity) == {}
    wall = room.projector.locator(".screen-activity")
    expect(wall).to_contain_text(STATEMENTS)
    for text in LINES:
        expect(wall).not_to_contain_text(text)
    approved = [text for text in LINES if text != FILTERED]
    for text in approved:
        pending.locator("li", has_text=text).get_by_role("checkbox").press("Space")
    pending.get_by_role("button", name="Godkend valgte").click()
    expect(count).to_have_text("1")
    for text in approved:
        expect(wall).to_contain_text(text)
    expect(wall).not_to_contain_text(FILTERED)
    # each line once, a scribe's as its table's ("Bord 2"), a person's as nobody's
    on_wire = _added(room.wire, activity)
    assert on_wire == {text: None for text in approved} | {LINES[0]: 1, LINES[2]: 2, LINES[3]: 3}
    # the phones hear they were approved
    expect(scribe_1.locator("#bidrag li", has_text=LINES[0])).not_to_contain_text("venter")
    room.sockets[0].pushed("own:changed", lambda d: not d["held"] and not d["hidden"])


def _countdown(room: Room) -> None:
    """A 6-second countdown that closes the activity at 0: every phone sees it closed."""
    timer = room.desk.locator(".timer-controls")
    timer.get_by_label("Minutter").fill("0,1")
    timer.get_by_label("Luk aktiviteten ved 0").check()
    timer.get_by_role("button", name="Start nedtælling").click()
    for phone in room.sockets:
        phone.pushed(
            "activity:changed",
            lambda d: d["activity"] and (d["activity"]["timer"] or {}).get("closes_at_zero"),
        )
    for phone in room.browsers:
        expect(phone.get_by_role("heading", name="Vent et øjeblik")).to_be_visible(timeout=20000)
    for phone in room.sockets:
        phone.pushed("activity:changed", lambda d: d["activity"] is None)
    expect(room.desk.get_by_role("heading", name="Ingen aktivitet er åben")).to_be_visible()
    late = room.sockets[3].client.call(
        "contribution:submit",
        {"activity_id": room.day.statements_id, "client_id": uuid.uuid4().hex, "text": "Sent"},
        timeout=TIMEOUT,
    )
    assert late["code"] == "closed", late


def _parking_lot(room: Room) -> None:
    """The scribe of table 1 asks; a Chromium phone and two socket phones vote; answered."""
    scribe_1, person_2 = room.browsers
    scribe_1.get_by_role("link", name="Spørgsmål").click()
    scribe_1.get_by_label("Dit spørgsmål eller husk").fill(QUESTION)
    scribe_1.get_by_role("button", name="Send").click()
    mine = scribe_1.locator("#board-list li", has_text=QUESTION)
    expect(mine).to_be_visible()
    person_2.get_by_role("link", name="Spørgsmål").click()
    theirs = person_2.locator("#board-list li", has_text=QUESTION)
    theirs.get_by_role("button", name="+1").click()
    expect(theirs.get_by_role("button", name="+1")).to_have_attribute("aria-pressed", "true")
    board = room.sockets[0].call("parking:get")["board"]["items"]
    item = next(i["id"] for i in board if i["text"] == QUESTION)
    for phone in room.sockets[:2]:
        assert phone.call("parking:vote", {"id": item, "vote": True})["changed"]
    expect(mine).to_contain_text("3 stemmer")
    line = room.desk.locator(f"#parkering #punkt-{item}")
    expect(line).to_contain_text("3 stemmer")
    line.get_by_role("button", name="Besvaret").click()
    expect(scribe_1.locator("#board-answered-list")).to_contain_text(QUESTION)
    room.sockets[2].pushed(
        "parking:updated",
        lambda d: any(i["id"] == item and i["state"] == "answered" for i in d["items"]),
    )


def _flipover(room: Room, venue: Venue) -> None:
    """Table 2's notes and photo typed in afterwards; the activity is pre-moderated, so its
    points wait for approval as its phone's lines did."""
    desk, activity = room.desk, room.day.statements_id
    desk.goto(f"{venue.base}/facilitate/activities/{activity}/flipover")
    desk.locator("#table").select_option("2")
    desk.locator("#notes").fill("\n".join(f"- {point}" for point in FLIPOVER))
    photo = {"name": "flipover.jpg", "mimeType": "image/jpeg", "buffer": camera_jpeg(800, 600)}
    desk.locator("#photo").set_input_files(files=[photo])
    desk.get_by_role("button", name="Gem noter").click()
    expect(desk.locator(".flash").first).to_be_visible()
    expect(desk.get_by_role("img", name="Flip-over fra Bord 2")).to_be_visible()
    desk.goto(room.day.console)
    details = desk.locator(f"#detaljer-{activity}")
    details.locator("summary").first.click()
    for point in FLIPOVER:
        details.locator("li", has_text=point).get_by_role("checkbox").check()
    details.get_by_role("button", name="Godkend valgte").click()
    expect(desk.locator(f"[data-pending-count='{activity}']")).to_have_text("1")


def _document(room: Room, venue: Venue) -> None:
    """The session's Word document, read as the secretary reads it."""
    url = f"{venue.base}/facilitate/sessions/{room.day.session_id}/export.docx"
    answer = room.desk.request.get(url)
    assert answer.ok, answer.status
    document = docx.Document(io.BytesIO(answer.body()))
    text = "\n".join(_paragraphs(document))
    assert "16 deltagere mødtes" in text  # people: not the flip-over's table voice
    assert "16 deltagere svarede." in text
    words = _under(document, "De 10 hyppigste ord")
    assert words[:4] == [re.sub(r" (\d+)$", r" (\1)", w) for w in TOP_WORDS], words
    assert not [w for w in words if w.startswith("og ")], words
    # the approved lines by table, as 004 attributes them; people at tables too small to be
    # told apart (one person each) under "Øvrige borde"; the held line nowhere
    assert _under(document, "Bord 1 (Sundhed)") == [LINES[0]]
    assert _under(document, "Bord 2 (Ældre)") == [LINES[2], *FLIPOVER]
    assert _under(document, "Bord 3 (Psykiatri)") == [LINES[3]]
    assert sorted(_under(document, "Øvrige borde")) == sorted([LINES[1], LINES[5]])
    assert FILTERED not in text
    assert _under(document, "Besvarede spørgsmål") == [f"{QUESTION} (3 stemmer)"]
    assert "Foto af flip-over, Bord 2" in text
    assert len(document.inline_shapes) == 1  # the photo, in the annex


def test_a_visionsdag_with_tables_cloud_timer_parking_and_flipover(
    browser: Browser, venue: Venue
) -> None:
    errors = ServerErrors()
    desk = errors.watch(browser.new_context(viewport={"width": 1366, "height": 900})).new_page()
    day = _set_up(desk, venue)
    projector = errors.watch(
        browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")
    ).new_page()
    projector.goto(day.screen)
    join_url = f"{venue.base}/j/{day.code}"

    # Six phones, two at each table: in Chromium the scribe of table 1 (joined at the table
    # first, then made its scribe by the card's link) and a person at table 2; over sockets the
    # scribes of tables 2 and 3 and people at tables 1 and 3.
    scribe_1 = _browser_phone(browser, errors, f"{join_url}?bord=1")
    scribe_1.locator("main form button.primary").last.click()
    scribe_1.goto(day.scribe_links[0])
    scribe_1.get_by_role("button", name="Bliv bordets skriver").click()
    expect(scribe_1.locator("#phone[data-live]")).to_be_attached()
    person_2 = _browser_phone(browser, errors, f"{join_url}?bord=2")
    expect(person_2.get_by_label("Bordnummer", exact=False)).to_have_value("2")
    person_2.locator("main form button.primary").last.click()
    expect(person_2.locator("#phone[data-live]")).to_be_attached()
    devices = [SocketDevice(venue, day.code, errors) for _ in range(5)]
    wire = devices[0].screen(day.session_id, day.screen)
    sockets = [
        devices[1].scribe(day.scribe_links[1]),
        devices[2].scribe(day.scribe_links[2]),
        devices[3].join(table=1),
        devices[4].join(table=3),
    ]
    room = Room(day, desk, projector, wire, [scribe_1, person_2], sockets)
    check_ins: list[SocketDevice] = []
    try:
        check_ins = _word_cloud(room, venue, errors)
        _premoderated(room)
        _countdown(room)
        _parking_lot(room)
        _flipover(room, venue)
        _document(room, venue)
    finally:
        # All at once: python-engineio's client sends its close frame before its queued packets
        # and then waits 3 s for the server's reply, which its own reader thread has taken.
        with ThreadPoolExecutor() as pool:
            list(pool.map(SocketDevice.close, devices + check_ins))
        for page in (desk, projector, scribe_1, person_2):
            page.context.close()
    assert errors.seen == []
    log = venue.log.read_text(errors="replace")
    assert "Traceback" not in log and "Exception on" not in log, log[-4000:]
