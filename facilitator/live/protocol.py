"""The JSON shapes of the live protocol (docs/realtime.md), as types: what the server sends over
Socket.IO and what every client (phone, projector, console, outside load tests) may rely on.

Plain TypedDicts, no Flask: the domain builders (results, clustering) and the web builders
(web/payloads.py, web/background.py) are annotated with them, and tests/unit/test_wire.py checks
real payloads against them key by key, so code and docs cannot drift apart unnoticed.

No `from __future__ import annotations` here: TypedDict must see NotRequired[...] as a type,
not a string, to know which keys are optional."""

from typing import Literal, NotRequired, TypedDict

# --- results ---------------------------------------------------------------------------------


class SideTally(TypedDict):
    label: str
    description: str
    count: int
    share: float


class GroupRow(TypedDict):
    """One row of a dilemma's breakdown; `counts`/`size` are None for a suppressed row."""

    group: str
    group_key: str
    size: int | None
    counts: list[int] | None
    others: NotRequired[bool]  # the added-up small groups ("Øvrige grupper")


class Reason(TypedDict):
    id: int
    side: int
    side_label: str
    text: str
    group: str  # "" unless facilitator.contributions.privacy lets the group be named
    highlighted: bool


class DilemmaResults(TypedDict):
    activity_id: int
    kind: str
    total: int
    sides: list[SideTally]
    by_group: list[GroupRow]
    reasons: list[Reason]
    results_html: NotRequired[str]  # as `results:updated`: the results_view macro's markup


class TopicTally(TypedDict):
    label: str
    votes: int


class TopicVoteResults(TypedDict):
    activity_id: int
    kind: str
    voters: int
    topics: list[TopicTally]  # most votes first
    results_html: NotRequired[str]  # as `results:updated`: the results_view macro's markup


class WordTally(TypedDict):
    text: str  # the form most people wrote
    count: int  # participants who wrote it (any form)


class WordCloudResults(TypedDict):
    """A check-in's cloud (wordcloud.words.cloud): the projector lays it out itself."""

    activity_id: int
    kind: str
    voters: int  # participants whose answer counts
    words: list[WordTally]  # most written first, at most wordcloud.words.CLOUD_WORDS
    more: int  # counted words left out of `words`
    font_px: list[int]  # [smallest, biggest] font size at 1920x1080, by count
    results_html: NotRequired[str]  # as `results:updated`: the results_view macro's markup


class TableRef(TypedDict):
    """The table a scribe speaks for (facilitator/tables): each reader words it ("Bord 3")."""

    number: int
    name: str


class Statement(TypedDict):
    """A visible statement of a text activity, as results and phones list it."""

    id: int
    text: str
    group: str
    table: TableRef | None  # a table scribe's statement: the table's, never a person's
    endorsements: int
    highlighted: bool


class WallStatement(Statement):
    """A statement on the projector: `same` (text.same_words) makes near-duplicates one item."""

    same: str


class TextResults(TypedDict):
    activity_id: int
    kind: str
    contributions: list[Statement]  # oldest first


Results = DilemmaResults | TopicVoteResults | WordCloudResults | TextResults


class WallTextResults(TypedDict):
    """TextResults as the projector gets them (payloads.screen_results)."""

    activity_id: int
    kind: str
    contributions: list[WallStatement]  # oldest first


ScreenResults = DilemmaResults | TopicVoteResults | WordCloudResults | WallTextResults

# --- activities and contributions --------------------------------------------------------------


class SideSetting(TypedDict):
    label: str
    description: NotRequired[str]


class TimerPayload(TypedDict):
    """The open activity's countdown (activities/timer.py). Clients count down to `ends_at`,
    correcting their own clock by the server's `now` (both milliseconds since the epoch, UTC);
    paused, `remaining` stands still. No words: each client says "Pause" in its language."""

    state: Literal["running", "paused", "expired"]
    ends_at: int | None  # while running or run out; null while paused
    remaining: int  # whole seconds left at `now`
    closes_at_zero: bool  # the activity closes by itself at 0
    now: int  # the server's clock when the payload was built


class ActivityPayload(TypedDict):
    id: int
    kind: str
    vote: bool  # Activity.is_vote: one counted choice each (clients hold no list of kinds)
    title: str
    prompt: str
    state: str
    focus_area: str | None
    sides: list[SideSetting]
    topics: list[str]
    max_choices: int
    reason_required: bool
    max_chars: int
    max_words: int  # a check-in: words per answer (wordcloud.words.MAX_WORDS) ...
    max_word_chars: int  # ... each at most this long
    results_revealed: bool
    results_live: bool
    results_visible: bool
    endorsements: bool
    results: Results | None  # only while visible to that audience
    responses: int | None  # only while the results are not
    # phones and projector: `results` (a vote's) or `responses` drawn by the results_view
    # macro in the reader's language (live/fragments.py); null for visible statements
    results_html: NotRequired[str | None]
    timer: TimerPayload | None  # the countdown, null when none runs


class ContributionPayload(TypedDict):
    """A contribution as its phone and the console see it; never its author's group."""

    id: int
    activity_id: int
    client_id: str
    text: str
    side: int | None
    choices: list[int] | None
    hidden: bool
    highlighted: bool
    held: bool  # waiting for the facilitator's approval (contributions/screening.py)
    table: TableRef | None  # sent by a table's scribe: shown as "Bord 3", not as a person


class ContributionAdded(ContributionPayload):
    """`contribution:added` to console and projector: a new statement has no "Enig" yet."""

    endorsements: int
    same: str  # core.text.same_words(text): the projector shows near-duplicates once ("×2")


class HeldAdded(ContributionAdded):
    """`contribution:added` of a held contribution, to the consoles only: with the filtered
    word that held it ("" for pre-moderation)."""

    held_word: str


class OwnContribution(ContributionPayload):
    """One of the phone's own contributions (snapshot `own`, the acks of "Ret" and "Fortryd"):
    with its "Enig", which an edit of its text clears ("Ret" says so before saving)."""

    endorsements: int


class OwnChanged(TypedDict):
    """`own:changed` to the author's phone: the facilitator approved (held false, hidden
    false) or hid (hidden true) what it sent while it waited for approval."""

    activity_id: int
    id: int
    held: bool
    hidden: bool


class ContributionChanged(TypedDict):
    activity_id: int
    id: int
    held: bool  # still waiting for approval (an edit in a pre-moderated activity holds again)
    hidden: bool
    highlighted: bool
    endorsements: int
    text: NotRequired[str]  # only after the author's correction ("Ret")
    same: NotRequired[str]  # with `text`: its core.text.same_words key


class ContributionRemoved(TypedDict):
    activity_id: int
    id: int


class StatementsChanged(TypedDict):
    """To phones (endorsements on, or revealed): the statements added or changed since the last
    push, and the ids that left (withdrawn, hidden); never the whole list again."""

    activity_id: int
    statements: list[Statement]
    removed: list[int]


# --- themes ------------------------------------------------------------------------------------


class ClusterMember(TypedDict):
    """Near-duplicates are one member: `ids` all of them, `id` and `text` the first."""

    id: int
    ids: list[int]
    text: str
    count: int
    endorsements: int


class ThemeHead(TypedDict):
    """A theme without its members: the console's and the wall's members differ."""

    id: int
    label: str
    pinned: bool
    given: bool
    new: bool
    side: int | None
    side_label: str | None
    count: int


class ClusterItem(ThemeHead):
    members: list[ClusterMember]


class ClusterView(TypedDict):
    activity_id: int
    clusters: list[ClusterItem]
    unclustered: list[ClusterMember]
    themes_html: NotRequired[str]  # `clusters:updated` to consoles: the themes page's part


class WallMember(ClusterMember):
    same: str  # core.text.same_words of the text: a later duplicate joins this item ("×2")


class WallCluster(ThemeHead):
    members: list[WallMember]  # the most representative few (payloads.WALL_EXAMPLES)
    more: int  # members the wall leaves out (the badge, `count`, counts them all)


WallDensity = Literal["few", "many", "crowded", "headings"]  # "headings": beneath a dilemma


class WallView(TypedDict):
    """ClusterView as the projector pages through it (payloads.wall_view): every theme, each
    with its most representative statements and its total count."""

    activity_id: int
    density: WallDensity
    clusters: list[WallCluster]
    more_themes: int  # always 0 now: the wall pages through every theme
    unclustered: list[WallMember]  # "Nye bidrag": the newest payloads.WALL_NEW
    more_unclustered: int


class ClusterJob(TypedDict):
    activity_id: int
    state: Literal["running", "done", "failed"]
    reason: str  # a failure's reason ("" otherwise); the client words the rest
    themes_html: NotRequired[str]  # the themes page's live part, rendered for the job's state


# --- counts and session ------------------------------------------------------------------------


class ParticipantsCount(TypedDict):
    joined: int
    online: int


class ResponsesCount(TypedDict):
    activity_id: int
    responses: int


class ScreenWall(TypedDict):
    """What the projector's wall draws: `results` (tallies, or statements with their `same`)
    and `clusters`, each null until the room may see them."""

    results: ScreenResults | None
    clusters: WallView | None


class ActivityChanged(TypedDict):
    session_id: int
    activity: ActivityPayload | None
    # The projector's only (payloads.screen_wall): it draws from the push, no state:get after it
    results: NotRequired[ScreenResults | None]
    clusters: NotRequired[WallView | None]
    # The consoles' only: their activities as the page renders them (live/fragments.py)
    console_html: NotRequired[str]


class SessionChanged(TypedDict):
    session_id: int
    state: str
    title: str
    next_steps: str  # "Næste skridt": the closing screen and phones show it once closed
    # The consoles' only: the session's head and its activities, rendered (live/fragments.py)
    console_head_html: NotRequired[str]
    console_html: NotRequired[str]


class SessionRevoked(TypedDict):
    message: str


# --- the parking lot (facilitator/parking) ---------------------------------------------------


class ParkingItemPayload(TypedDict):
    """An item of the board as the room sees it: no author, no group."""

    id: int
    text: str
    state: str  # "open" | "answered" (phones, projector); the console also sees the others
    votes: int


class OwnParkingItem(ParkingItemPayload):
    held: bool  # a phone's own item (parking:get, parking:add's ack) waiting for approval


class ParkingBoard(TypedDict):
    """`parking:updated`: phones get every visible item (open first, most votes first, then the
    answered); the projector the top 8 open items and `more`; the consoles also `parking_html`."""

    session_id: int
    shown: bool  # "Vis spørgsmål": the projector shows the board instead of the activity
    items: list[ParkingItemPayload]
    more: int  # open items beyond those sent (the projector's "+ 3 mere")
    parking_html: NotRequired[str]  # the consoles' only: facilitate/_parking.html, rendered


class ParkingPhone(TypedDict):
    """A phone's `parking:get` (the ack adds "ok": true): the board, its own items, its votes."""

    board: ParkingBoard
    own: list[OwnParkingItem]
    voted: list[int]


# --- snapshots (`state:get`; the ack adds "ok": true, the screen's "online") --------------------


class PhoneSession(TypedDict):
    id: int
    title: str
    state: str
    next_steps: str  # "Næste skridt": the phone's closing message shows it once closed


class PhoneSnapshot(TypedDict):
    session: PhoneSession
    activity: ActivityPayload | None
    own: list[OwnContribution]
    endorsed: list[int]


class ScreenSession(TypedDict):
    id: int
    title: str
    state: str
    kind: str
    kind_label: str
    join_code: str  # "" unless live: a draft's projector shows no code to scan
    next_steps: str


class ScreenSnapshot(TypedDict):
    session: ScreenSession
    activity: ActivityPayload | None
    results: ScreenResults | None
    clusters: WallView | None
    joined: int
    parking: ParkingBoard  # the projector's board (top items), shown when `parking.shown`


# Every server -> client event and its payload: the table in docs/realtime.md.
EVENTS: dict[str, type] = {
    "activity:changed": ActivityChanged,
    "session:changed": SessionChanged,
    "contribution:added": ContributionAdded,
    "contribution:changed": ContributionChanged,
    "contribution:removed": ContributionRemoved,
    "participants:count": ParticipantsCount,
    "responses:count": ResponsesCount,
    "clusters:job": ClusterJob,
    "statements:changed": StatementsChanged,
    "session:revoked": SessionRevoked,
    "parking:updated": ParkingBoard,
}
