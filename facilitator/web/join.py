"""The participant's side: the QR target /j/<CODE>, the join form and the phone page."""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select

from facilitator.activities.models import Activity
from facilitator.contributions import results
from facilitator.contributions import services as contributions
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.submission import parse_submission, record_id
from facilitator.errors import DomainError, NotFound
from facilitator.extensions import db, limiter
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.web.forms import ContributionForm, JoinForm, WithdrawForm
from facilitator.web.links import join_url, qr_png, qr_svg
from facilitator.web.ratelimit import TOO_FAST, participant_may_send

bp = Blueprint("join", __name__)

# One cookie per session, each with its own random token: two sessions' records of the same
# phone cannot be linked through it. Not path-limited: the socket handshake (/socket.io/)
# needs it too.
COOKIE_PREFIX = "facilitator_deltager_"
COOKIE_MAX_AGE = 24 * 3600  # a workshop day

# Guessing join codes: only misses (the neutral 404) count, on every page that takes a code.
code_guesses = limiter.shared_limit(lambda: current_app.config["CODE_GUESS_RATE"],
                                    scope="join-code",
                                    deduct_when=lambda response: response.status_code == 404)
joins = limiter.limit(lambda: current_app.config["JOIN_RATE"], methods=["POST"])


def cookie_name(session: WorkshopSession) -> str:
    return f"{COOKIE_PREFIX}{session.id}"


def _live_session(code: str) -> WorkshopSession:
    return sessions.find_by_join_code(db.session, code)


def current_participant(session: WorkshopSession) -> Participant | None:
    return contributions.participant_for_token(db.session, session,
                                               request.cookies.get(cookie_name(session)))


@bp.get("/")
@code_guesses
def index() -> str | Response | tuple[str, int]:
    code = request.args.get("code", "")
    if code:
        try:
            session = _live_session(code)
        except DomainError as error:  # stay on the form, with the neutral answer
            return render_template("join/index.html", error=error.message, code=code[:12]), 404
        return redirect(url_for(".join", code=session.join_code))
    return render_template("join/index.html")


@bp.route("/j/<code>", methods=["GET", "POST"])
@code_guesses
@joins
def join(code: str) -> str | Response | tuple[str, int]:
    session = _live_session(code)
    if session.join_code != code:  # lower case or spaces typed by hand
        return redirect(url_for(".join", code=session.join_code))
    participant = current_participant(session)
    if participant is not None and request.method == "GET" and "ret" not in request.args:
        return redirect(url_for(".phone", code=session.join_code))
    form = JoinForm(obj=participant if request.method == "GET" else None)
    if form.validate_on_submit():
        cookie = cookie_name(session)
        token = request.cookies.get(cookie) or contributions.new_participant_token()
        profile = contributions.Profile(form.name.data or "", form.group.data or None,
                                        form.organisation.data or "", form.table_number.data or "")
        try:
            contributions.join(db.session, session, token, profile, passcode=form.passcode.data)
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            response = redirect(url_for(".phone", code=session.join_code))
            response.set_cookie(cookie, token, max_age=COOKIE_MAX_AGE, httponly=True,
                                samesite="Lax", secure=current_app.config["SECURE_COOKIES"])
            return response
    status = 400 if form.errors or form.form_errors else 200
    return render_template("join/join.html", form=form, session=session,
                           organisations=session.process.organisations,
                           returning=participant is not None), status


def _own_contributions(participant: Participant, activity: Activity) -> list[Contribution]:
    return list(db.session.scalars(
        select(Contribution).where(Contribution.participant_id == participant.id,
                                   Contribution.activity_id == activity.id,
                                   Contribution.superseded.is_(False))
        .order_by(Contribution.created_at.desc(), Contribution.id.desc())))


def _render_phone(session: WorkshopSession, participant: Participant, form: ContributionForm,
                  status: int = 200, typed: dict | None = None) -> tuple[str, int]:
    activity = session.open_activity
    form.client_id.data = uuid.uuid4().hex  # a fresh id per rendered form: resubmits dedupe
    if activity is not None:
        form.activity_id.data = str(activity.id)
    own = _own_contributions(participant, activity) if activity else []
    shown = results.activity_results(db.session, activity) \
        if activity is not None and activity.results_revealed else None
    return render_template("join/phone.html", session=session, participant=participant,
                           activity=activity, form=form, own=own, results=shown,
                           withdraw=WithdrawForm(),
                           typed=typed or {},
                           max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"]), status


class JoinFirst(Exception):
    """A phone without a participant cookie for this session: send it to the join form."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@bp.errorhandler(JoinFirst)
def join_first(error: JoinFirst) -> Response:
    return redirect(url_for(".join", code=error.code))


@bp.errorhandler(DomainError)
def unavailable(error: DomainError) -> tuple[str, int]:
    """Unknown, not yet started or closed sessions get a phone-sized Danish page."""
    return render_template("join/unavailable.html", message=error.message), error.status


def _joined(code: str) -> tuple[WorkshopSession, Participant]:
    session = _live_session(code)
    participant = current_participant(session)
    if participant is None:
        raise JoinFirst(session.join_code)
    return session, participant


@bp.get("/s/<code>")
@code_guesses
def phone(code: str) -> tuple[str, int]:
    return _render_phone(*_joined(code), ContributionForm())


@bp.post("/s/<code>")
@code_guesses
def submit(code: str) -> Response | tuple[str, int]:
    session, participant = _joined(code)
    form = ContributionForm()
    typed = {"text": form.text.data or "", "side": request.form.get("side"),
             "choices": request.form.getlist("choices")}
    if not form.validate_on_submit():
        form.text.errors.append("Siden var for gammel. Tryk send igen."
                                if form.csrf_token.errors else _first_error(form))
        return _render_phone(session, participant, form, 400, typed)
    if not participant_may_send(participant.id):
        form.text.errors.append(TOO_FAST)
        return _render_phone(session, participant, form, 429, typed)
    try:
        submission = parse_submission({**typed, "activity_id": form.activity_id.data,
                                       "client_id": form.client_id.data}, from_form=True)
        activity = contributions.find_activity(db.session, participant, submission.activity_id)
        contributions.submit(db.session, participant, activity, submission,
                             max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"])
    except DomainError as error:
        form.text.errors.append(error.message)
        return _render_phone(session, participant, form, error.status, typed)
    flash("Tak! Dit bidrag er gemt.")
    return redirect(url_for(".phone", code=session.join_code) + "#bidrag")


def _first_error(form: ContributionForm) -> str:
    return next(iter(error for errors in form.errors.values() for error in errors))


@bp.post("/s/<code>/withdraw")
@code_guesses
def withdraw(code: str) -> Response | tuple[str, int]:
    """"Træk tilbage" without JavaScript."""
    session, participant = _joined(code)
    form = WithdrawForm()
    page = ContributionForm(formdata=None)
    if not form.validate_on_submit():
        page.text.errors = ["Siden var for gammel. Tryk igen."
                            if form.csrf_token.errors else _first_error(form)]
        return _render_phone(session, participant, page, 400)
    if not participant_may_send(participant.id):
        page.text.errors = [TOO_FAST]
        return _render_phone(session, participant, page, 429)
    try:
        contributions.withdraw(db.session, participant,
                               record_id(form.contribution_id.data, from_form=True))
    except DomainError as error:
        page.text.errors = [error.message]
        return _render_phone(session, participant, page, error.status)
    flash("Dit bidrag er trukket tilbage.")
    return redirect(url_for(".phone", code=session.join_code) + "#bidrag")


def _qr_session(code: str) -> WorkshopSession:
    """The QR image only while the session is live, except for its facilitator and its
    projector link (they set the room up before it starts); all others get the neutral 404."""
    session = db.session.scalar(select(WorkshopSession).where(
        WorkshopSession.join_code == sessions.normalise_join_code(code)))
    if session is not None and session.state != "live":
        try:
            if request.args.get("t") and current_app.config["SCREEN_LINKS"]:
                sessions.find_by_screen_token(db.session, session.id, request.args["t"])
            elif current_user.is_authenticated:
                sessions.get_session_for(db.session, current_user, session.id)
            else:
                session = None
        except DomainError:
            session = None
    if session is None:
        raise NotFound(sessions.CODE_NOT_OPEN)
    return session


@bp.get("/qr/<code>.svg")
@code_guesses
def qr_code_svg(code: str) -> Response:
    response = make_response(qr_svg(join_url(_qr_session(code))))
    response.mimetype = "image/svg+xml"
    return response


@bp.get("/qr/<code>.png")
@code_guesses
def qr_code_png(code: str) -> Response:
    response = make_response(qr_png(join_url(_qr_session(code))))
    response.mimetype = "image/png"
    return response
