"""Joining: the front page's code form, the QR target /j/<CODE> and its join form, the QR
images, and what a code leads to (waiting, ended, unknown). The "join" blueprint is defined
here; phone.py (the phone page) and actions.py (what a phone posts) add their routes to it
(the package imports all three)."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user

from facilitator.contributions import participants as contributions
from facilitator.contributions.models import Participant
from facilitator.core.errors import DomainError, NotFound
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.sessions import services as sessions
from facilitator.sessions.models import SESSION_STATES, WorkshopSession
from facilitator.tables import services as tables
from facilitator.web.links import join_url, qr_png, qr_svg
from facilitator.web.participate.forms import JoinForm
from facilitator.web.ratelimit import (
    TOO_FAST,
    client_address,
    code_guesses,
    participant_may_join,
    passcode_guesses,
    session_may_admit,
)

bp = Blueprint("join", __name__)

# One cookie per session, each with its own random token: two sessions' records of the same
# phone cannot be linked through it. Not path-limited: the socket handshake (/socket.io/)
# needs it too.
COOKIE_PREFIX = "facilitator_deltager_"
COOKIE_MAX_AGE = 24 * 3600  # a workshop day


# A draft's waiting page asks again this often (seconds), with or without JavaScript.
WAITING_REFRESH = 10
TOO_MANY_GUESSES = N_("Der kom for mange forsøg på kort tid. Vent et øjeblik, og prøv igen.")
TOO_MANY_PASSCODES = N_(
    "Der kom for mange forkerte adgangskoder på kort tid. Vent et minut, og "
    "skriv adgangskoden fra storskærmen igen."
)


def cookie_name(session: WorkshopSession) -> str:
    return f"{COOKIE_PREFIX}{session.id}"


class NotStarted(Exception):
    """A draft session's code: the friendly waiting page, which follows the start by itself."""

    def __init__(self, session: WorkshopSession) -> None:
        super().__init__(session.join_code)
        self.session = session


class Ended(Exception):
    """A closed session's code: the closing page (results stay with the facilitator)."""

    def __init__(self, session: WorkshopSession) -> None:
        super().__init__(session.join_code)
        self.session = session


class JoinFirst(Exception):
    """A phone without a participant cookie for this session: send it to the join form."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _known_session(code: str) -> WorkshopSession:
    """The session with this code in any state. An unknown code is a guess: counted (once per
    distinct code and address) and, past CODE_GUESS_RATE, refused with 429. A known code is
    never counted nor refused, so a venue's one address is not locked out by a typo or a
    draft's QR code scanned too early."""
    try:
        return sessions.find_by_join_code(db.session, code, states=tuple(SESSION_STATES))
    except NotFound:
        address = client_address()
        if code_guesses.blocked(address):
            abort(429)
        code_guesses.miss(address, sessions.normalise_join_code(code))
        raise


def _live_session(code: str) -> WorkshopSession:
    session = _known_session(code)
    if session.state == "draft":
        raise NotStarted(session)
    if session.state != "live":
        raise Ended(session)
    return session


def current_participant(session: WorkshopSession) -> Participant | None:
    return contributions.participant_for_token(
        db.session, session, request.cookies.get(cookie_name(session))
    )


def joined(code: str) -> tuple[WorkshopSession, Participant]:
    session = _live_session(code)
    participant = current_participant(session)
    if participant is None:
        raise JoinFirst(session.join_code or code)
    return session, participant


@bp.get("/")
def index() -> ResponseReturnValue:
    code = request.args.get("code", "")
    if code:
        try:
            session = _known_session(code)
        except DomainError as error:  # stay on the form, with the neutral answer
            return render_template(
                "participate/join/index.html", error=error.message, code=code[:12]
            ), 404
        return redirect(url_for(".join", code=session.join_code))
    return render_template("participate/join/index.html")


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code: str) -> ResponseReturnValue:
    session = _live_session(code)
    if session.join_code != code:  # lower case or spaces typed by hand
        return redirect(url_for(".join", code=session.join_code))
    participant = current_participant(session)
    if participant is not None and request.method == "GET" and "ret" not in request.args:
        return redirect(url_for(".phone", code=session.join_code))
    form = JoinForm(obj=participant if request.method == "GET" else None)
    table = tables.prefilled_number(request.args.get("bord"))
    if request.method == "GET" and participant is None and table:
        form.table_number.data = table  # the table card's QR code: ?bord=N
    if form.validate_on_submit():
        cookie = cookie_name(session)
        token = request.cookies.get(cookie) or contributions.new_participant_token()
        profile = contributions.Profile(
            form.name.data or "",
            form.group.data or None,
            form.organisation.data or "",
            form.table_number.data or "",
        )
        refusal = _join_refused(session, participant, token, form.passcode.data)
        if refusal:
            form.form_errors.append(refusal)
            return render_template(
                "participate/join/join.html",
                form=form,
                session=session,
                organisations=session.process.organisations,
                returning=participant is not None,
                table=table,
            ), 429
        try:
            contributions.join(db.session, session, token, profile, passcode=form.passcode.data)
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            response = redirect(url_for(".phone", code=session.join_code))
            response.set_cookie(
                cookie,
                token,
                max_age=COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=current_app.config["SECURE_COOKIES"],
            )
            return response
    status = 400 if form.errors or form.form_errors else 200
    return render_template(
        "participate/join/join.html",
        form=form,
        session=session,
        organisations=session.process.organisations,
        returning=participant is not None,
        table=table,
    ), status


def _join_refused(
    session: WorkshopSession, participant: Participant | None, token: str, passcode: str | None
) -> str:
    """Why a join post is turned away before anything is stored ("" when it is not): a phone
    re-posting too fast (per cookie), a session's join budget spent, or too many different
    wrong passcodes from this address for this session. While that last limit holds, even
    the right passcode waits: otherwise the refusal itself would tell a guesser which is right."""
    if participant is not None:  # a returning phone changing its name or group
        return "" if participant_may_join(token) else _(TOO_FAST)
    if session.passcode:
        scope = f"{session.id}:{client_address()}"
        if passcode_guesses.blocked(scope):
            return _(TOO_MANY_PASSCODES)
        if not sessions.passcode_matches(session, passcode):
            passcode_guesses.miss(scope, "".join((passcode or "").split()).casefold())
            return ""  # contributions.join says what is wrong
    if not session_may_admit(session.id):
        return _(TOO_MANY_GUESSES)
    return ""


@bp.errorhandler(JoinFirst)
def join_first(error: JoinFirst) -> ResponseReturnValue:
    return redirect(url_for(".join", code=error.code))


@bp.errorhandler(NotStarted)
def not_started(error: NotStarted) -> tuple[str, int]:
    """Scanned before the start: a waiting page that reloads itself until the session is live
    (then the same address is the join form). Never a guess, never refused."""
    return render_template(
        "participate/join/waiting.html", session=error.session, refresh=WAITING_REFRESH
    ), 200


@bp.errorhandler(Ended)
def ended(error: Ended) -> tuple[str, int]:
    """A closed session: one clear closing message (not a guess). Text a phone without
    JavaScript sent after the end is shown back, never lost."""
    typed = request.form.get("text", "") if request.method == "POST" else ""
    return render_template(
        "participate/join/unavailable.html",
        session=error.session,
        typed=typed,
        heading=_("Sessionen er afsluttet"),
        message=_("Tak for i dag. Det, du har sendt, er gemt."),
    ), 409 if request.method == "POST" else 200


@bp.errorhandler(DomainError)
def unavailable(error: DomainError) -> tuple[str, int]:
    """Unknown, not yet started or closed sessions get a phone-sized Danish page."""
    return render_template("participate/join/unavailable.html", message=error.message), error.status


def _qr_session(code: str) -> WorkshopSession:
    """The QR image only while the session is live, except for its facilitator and its
    projector link (they set the room up before it starts); all others get the neutral 404."""
    session = _known_session(code)  # an unknown code is a guess
    if session.state == "live":
        return session
    try:
        if request.args.get("t") and current_app.config["SCREEN_LINKS"]:
            return sessions.find_by_screen_token(db.session, session.id, request.args["t"])
        if current_user.is_authenticated:
            return sessions.get_session_for(db.session, current_user, session.id)
    except DomainError:
        pass
    raise NotFound(_(sessions.CODE_NOT_OPEN))  # known, not shown to this visitor: no guess


@bp.get("/qr/<code>.svg")
def qr_code_svg(code: str) -> Response:
    response = make_response(qr_svg(join_url(_qr_session(code))))
    response.mimetype = "image/svg+xml"
    return response


@bp.get("/qr/<code>.png")
def qr_code_png(code: str) -> Response:
    response = make_response(qr_png(join_url(_qr_session(code))))
    response.mimetype = "image/png"
    return response
