"""The bridge: domain signals in, Socket.IO out. Every emit of the live room goes through here
(the handlers in events.py only answer their own socket): who hears what (rooms.py), in which
shape (payloads.py), batched where a room would otherwise get one push per vote."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, cast

from flask import Flask, current_app

from facilitator.activities.models import TEXT_KINDS, Activity
from facilitator.contributions import results
from facilitator.contributions.models import Contribution, Participant
from facilitator.core import jobs, signals
from facilitator.core.i18n import LANGUAGES
from facilitator.core.text import same_words
from facilitator.extensions import db, socketio
from facilitator.live import background, fragments, payloads
from facilitator.live.connections import LOGGED_OUT, registry
from facilitator.live.protocol import (
    ActivityChanged,
    ClusterJob,
    ClusterView,
    HeldAdded,
    OwnChanged,
)
from facilitator.live.rooms import (
    FACILITATORS,
    PARTICIPANTS,
    SCREEN,
    heard,
    participant_room,
    room,
    room_watchers,
    user_room,
    watchers,
)
from facilitator.sessions.models import WorkshopSession

FLUSH_INTERVAL = 0.25  # tallies and counts: a few pushes per second, not one per vote
# Statements on phones ("Enig", or revealed): what changed, once a second. Nobody reads faster,
# and each push goes to every phone in the room.
PHONE_INTERVAL = 1.0
RESULTS, COUNTS = "results", "counts"  # the bridge's batch keys


class Bridge:
    """Turns domain signals into Socket.IO emits; batches tallies and counts."""

    def __init__(self) -> None:
        self.app: Flask | None = None
        self.batches: jobs.Batcher | None = None
        self.phone_batches: jobs.Batcher | None = None

    def init_app(self, app: Flask) -> None:
        self.app = app
        self.batches = jobs.Batcher(
            "live pushes",
            self.flush_batch,
            interval=FLUSH_INTERVAL,
            runtime=background.socket_runtime(app),
            context=background.app_context(app),
        )
        self.phone_batches = jobs.Batcher(
            "statements to phones",
            self.flush_statements,
            interval=PHONE_INTERVAL,
            runtime=background.socket_runtime(app),
            context=background.app_context(app),
        )
        signals.contribution_added.connect(self.on_contribution_added, weak=False)
        signals.contribution_changed.connect(self.on_contribution_changed, weak=False)
        signals.activity_changed.connect(self.on_activity_changed, weak=False)
        signals.session_changed.connect(self.on_session_changed, weak=False)
        signals.participant_joined.connect(self.on_participant_joined, weak=False)
        signals.clusters_updated.connect(self.on_clusters_updated, weak=False)
        signals.user_sessions_revoked.connect(self.on_user_sessions_revoked, weak=False)
        signals.contribution_withdrawn.connect(self.on_contribution_withdrawn, weak=False)
        signals.cluster_job_changed.connect(self.on_cluster_job_changed, weak=False)

    # signal receivers ---------------------------------------------------------------------------
    def on_user_sessions_revoked(self, user: Any, *, user_id: int, **_: Any) -> None:
        """Logout, deactivation or a new password: the user's sockets close now. Sockets in
        other workers get the event through the message queue, and are refused at their next
        event (_check_login)."""
        socketio.emit("session:revoked", {"message": LOGGED_OUT}, to=user_room(user_id))
        for sid in registry.of_user(user_id):
            socketio.server.disconnect(sid, namespace="/")

    def on_contribution_added(
        self,
        row: Contribution,
        *,
        session_id: int,
        activity_id: int,
        restored: bool = False,
        reviewed: bool = False,
        **_: Any,
    ) -> None:
        if reviewed:
            self._reviewed(row)
        if row.held:  # waits for approval: the consoles alone see it, with what held it
            held: HeldAdded = {
                **payloads.contribution_payload(row),
                "endorsements": 0,
                "same": same_words(row.text),
                "held_word": row.held_word,
            }
            socketio.emit("contribution:added", held, to=room(session_id, FACILITATORS))
            if row.hidden:  # a statement; a dilemma's choice counts while its reason waits
                return
        elif row.activity.kind in TEXT_KINDS:  # a statement appears at once
            # new: no "Enig" yet; back after "Fortryd": the ones it had
            payload = {
                **payloads.contribution_payload(row),
                "endorsements": len(row.endorsements) if restored else 0,
                "same": same_words(row.text),
            }  # the projector's "×2"
            for target in room_watchers(session_id, row.activity):
                socketio.emit("contribution:added", payload, to=target)
        self._changed(row, session_id, activity_id)

    def _reviewed(self, row: Contribution) -> None:
        """The author's phone learns that the facilitator approved or hid what it sent."""
        own: OwnChanged = {
            "activity_id": row.activity_id,
            "id": row.id,
            "held": row.held,
            "hidden": row.hidden,
        }
        socketio.emit("own:changed", own, to=participant_room(row.participant_id))

    def on_contribution_withdrawn(
        self, row: Contribution, *, session_id: int, activity_id: int, **_: Any
    ) -> None:
        payload = {"activity_id": activity_id, "id": row.id}
        for target in watchers(session_id):
            socketio.emit("contribution:removed", payload, to=target)
        self._changed(row, session_id, activity_id)

    def _changed(self, row: Contribution, session_id: int, activity_id: int) -> None:
        """What follows a change besides its own event: a vote's tallies; for a statement,
        the phones' list (only what changed) and the hidden wall's answer count. Statements
        never trigger a full results push: console and projector add them one by one."""
        activity = db.session.get(Activity, activity_id)  # a withdrawn row is gone
        if activity is None:
            return
        if activity.kind not in TEXT_KINDS:
            self.mark_results(session_id, activity_id)
            return
        if activity.results_on_phones and self.phone_batches is not None:
            self.phone_batches.mark((session_id, activity_id), row.id)
        if not activity.results_visible:
            self.mark_results(session_id, activity_id)

    def on_contribution_changed(
        self,
        row: Contribution,
        *,
        session_id: int,
        activity_id: int,
        edited: bool = False,
        reviewed: bool = False,
        **_: Any,
    ) -> None:
        if reviewed:
            self._reviewed(row)
        payload: dict[str, Any] = {
            "activity_id": activity_id,
            "id": row.id,
            "held": row.held,
            "hidden": row.hidden,
            "highlighted": row.highlighted,
            "endorsements": len(row.endorsements),
        }
        if edited and not row.hidden:  # the author's correction ("Ret"); never a hidden text
            payload["text"] = row.text
            payload["same"] = same_words(row.text)
        for target in room_watchers(session_id, row.activity):
            socketio.emit("contribution:changed", payload, to=target)
        # Endorsement counts and corrected texts reach phones (and reasons) batched.
        self._changed(row, session_id, activity_id)

    def on_activity_changed(self, activity: Activity, *, session_id: int, **_: Any) -> None:
        session = db.session.get(WorkshopSession, session_id)
        if session is None:
            return
        max_chars = current_app.config["MAX_CONTRIBUTION_CHARS"]
        open_activity = session.open_activity
        current = payloads.activity_payload(db.session, open_activity, max_chars)
        payload: ActivityChanged = {"session_id": session_id, "activity": current}
        # The projector draws from the push: its wall comes with it (themes computed once).
        wall = {**payload, **payloads.screen_wall(db.session, open_activity)}
        drawn = fragments.with_results_html
        for language in LANGUAGES:
            socketio.emit(
                "activity:changed",
                {**wall, "activity": drawn(open_activity, current, language)},
                to=room(session_id, SCREEN, language),
            )
        if (
            open_activity is not None
            and open_activity.results_on_phones != open_activity.results_visible
        ):
            payload = {
                "session_id": session_id,
                "activity": payloads.activity_payload(
                    db.session, open_activity, max_chars, phones=True
                ),
            }
        phones = payload["activity"]
        for language in LANGUAGES:
            socketio.emit(
                "activity:changed",
                {**payload, "activity": drawn(open_activity, phones, language)},
                to=room(session_id, PARTICIPANTS, language),
            )
        # Last, the console's activities (rendered once per language, fragments.py): the room
        # is not kept waiting while the facilitator's list of every statement is drawn.
        self._console(
            session, {"session_id": session_id, "activity": current}, "activity:changed", head=False
        )

    def _console(
        self, session: WorkshopSession, payload: dict[str, Any], event: str, *, head: bool
    ) -> None:
        """`event` to the consoles with their activities (and, `head`, the session's state and
        buttons) rendered as the page renders them: read once, rendered once per language."""
        from facilitator.web.facilitate.console import console_context

        languages = [lang for lang in LANGUAGES if heard(room(session.id, FACILITATORS, lang))]
        if not languages:
            return
        context = console_context(session)
        for language in languages:
            html = fragments.console_fragments(language, context)
            if not head:
                del html["console_head_html"]
            socketio.emit(event, {**payload, **html}, to=room(session.id, FACILITATORS, language))

    def on_session_changed(self, session: WorkshopSession, *, session_id: int, **_: Any) -> None:
        # next_steps: what the projector's closing screen and the phones show once closed
        payload = {
            "session_id": session_id,
            "state": session.state,
            "title": session.title,
            "next_steps": session.next_steps or "",
        }
        self._console(session, payload, "session:changed", head=True)
        for audience in (PARTICIPANTS, SCREEN):
            socketio.emit("session:changed", payload, to=room(session_id, audience))
        if session.state == "closed":  # the secret projector link dies with the session
            for sid in registry.link_screens(session_id):
                socketio.server.disconnect(sid, namespace="/")

    def on_participant_joined(self, participant: Participant, *, session_id: int, **_: Any) -> None:
        self.mark_counts(session_id)

    def on_clusters_updated(
        self, activity: Activity, *, session_id: int, activity_id: int, **_: Any
    ) -> None:
        payload = self._themes(activity, "clusters:updated")
        if activity.results_visible:  # the projector gets what its wall shows, nothing more
            socketio.emit(
                "clusters:updated",
                payloads.screen_clusters_payload(payload, activity),
                to=room(session_id, SCREEN),
            )

    def on_cluster_job_changed(
        self, activity: Activity, *, session_id: int, status: jobs.JobStatus, **_: Any
    ) -> None:
        """A grouping started, finished or failed (live/background.py): the consoles word it,
        and the themes page shows its progress or its failure in place."""
        self._themes(activity, "clusters:job", background.job_payload(activity.id, status))

    def _themes(
        self, activity: Activity, event: str, payload: ClusterJob | None = None
    ) -> ClusterView:
        """`event` to the consoles with the themes page's live part (`themes_html`): the
        cluster view computed once for the change, rendered once per language. Without
        `payload` the event carries the view itself (`clusters:updated`)."""
        from facilitator.clustering.theme_view import cluster_view
        from facilitator.web.facilitate.themes import themes_context

        runner = background.theme_jobs_for(current_app).runner  # CPU work off the event loop
        view = cluster_view(db.session, activity, runner=runner)
        languages = [
            lang for lang in LANGUAGES if heard(room(activity.session_id, FACILITATORS, lang))
        ]
        if not languages:
            return view
        context = themes_context(activity, view)
        for language in languages:
            socketio.emit(
                event,
                {
                    **(view if payload is None else payload),
                    "themes_html": fragments.themes_fragment(language, context),
                },
                to=room(activity.session_id, FACILITATORS, language),
            )
        return view

    # batching (core/jobs.py) -------------------------------------------------------------
    def mark_results(self, session_id: int, activity_id: int) -> None:
        if self.batches is not None:
            self.batches.mark(RESULTS, (session_id, activity_id))

    def mark_counts(self, session_id: int) -> None:
        if self.batches is not None:
            self.batches.mark(COUNTS, session_id)

    def counts_changed(self, session_ids: set[int]) -> None:
        """Phones came or went (here or in another worker: connections.init_connections)."""
        for session_id in session_ids:
            self.mark_counts(session_id)

    def flush_batch(self, batch: dict[Hashable, set[Any]]) -> None:
        self.flush(batch.get(RESULTS, set()), batch.get(COUNTS, set()))

    def flush_statements(self, batch: dict[Hashable, set[Any]]) -> None:
        """`statements:changed` to phones: the statements added or changed since the last
        push, and the ids that left (withdrawn, hidden); never the whole list again."""
        for key, ids in batch.items():
            session_id, activity_id = cast(tuple[int, int], key)  # mark_statements' key
            activity = db.session.get(Activity, activity_id)
            if activity is None or not activity.results_on_phones:
                continue
            shown = results.statements(db.session, activity, ids)
            payload = {
                "activity_id": activity_id,
                "statements": shown,
                "removed": sorted(ids - {s["id"] for s in shown}),
            }
            socketio.emit("statements:changed", payload, to=room(session_id, PARTICIPANTS))

    def flush(self, dirty_results: set[tuple[int, int]], dirty_counts: set[int]) -> None:
        for session_id, activity_id in dirty_results:
            activity = db.session.get(Activity, activity_id)
            if activity is None:
                continue
            if activity.kind in TEXT_KINDS:  # statements travel one by one (see _changed)
                if not activity.results_visible:
                    self._responses(session_id, activity)
                continue
            data = results.activity_results(db.session, activity)
            # The console always sees the tallies; phones and projector only once they are
            # visible to them (Activity.results_visible / results_on_phones; activity_payload
            # agrees). Before, the projector gets how many have answered, which steers nobody.
            # Each gets them drawn by the results_view macro, once per language.
            audiences = (
                [FACILITATORS]
                + [PARTICIPANTS] * activity.results_on_phones
                + [SCREEN] * activity.results_visible
            )
            for language in LANGUAGES:
                update = {**data, "results_html": fragments.results_html(activity, data, language)}
                for audience in audiences:
                    pushed = update
                    if audience == FACILITATORS and activity.kind == "wordcloud":
                        # the console's words have "Skjul" each: drawn for it alone
                        html = fragments.results_html(activity, data, language, moderate=True)
                        pushed = {**update, "results_html": html}
                    socketio.emit(
                        "results:updated", pushed, to=room(session_id, audience, language)
                    )
            if not activity.results_visible:
                self._responses(session_id, activity)
        for session_id in dirty_counts:
            session = db.session.get(WorkshopSession, session_id)
            if session is None:
                continue
            payload = {
                "joined": results.participant_count(db.session, session),
                "online": registry.online(session_id),
            }
            for target in watchers(session_id):
                socketio.emit("participants:count", payload, to=target)

    @staticmethod
    def _responses(session_id: int, activity: Activity) -> None:
        """How many have answered, for a projector whose results are hidden: a count only."""
        socketio.emit(
            "responses:count",
            {"activity_id": activity.id, "responses": results.response_count(db.session, activity)},
            to=room(session_id, SCREEN),
        )


bridge = Bridge()
