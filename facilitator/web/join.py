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
from sqlalchemy import select

from facilitator.activities.models import Activity
from facilitator.contributions import results
from facilitator.contributions import services as contributions
from facilitator.contributions.models import Contribution, Participant
from facilitator.errors import DomainError, NotFound
from facilitator.extensions import db
from facilitator.sessions import services as sessions
from facilitator.sessions.models import WorkshopSession
from facilitator.web.forms import ContributionForm, JoinForm
from facilitator.web.links import join_url, qr_png, qr_svg

bp = Blueprint("join", __name__)

COOKIE = "facilitator_deltager"
COOKIE_MAX_AGE = 30 * 24 * 3600


def _live_session(code: str) -> WorkshopSession:
    return sessions.find_by_join_code(db.session, code)


def current_participant(session: WorkshopSession) -> Participant | None:
    return contributions.participant_for_token(db.session, session, request.cookies.get(COOKIE))


@bp.get("/")
def index() -> str | Response:
    code = request.args.get("code", "")
    if code:
        return redirect(url_for(".join", code=sessions.normalise_join_code(code)))
    return render_template("join/index.html")


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code: str) -> str | Response | tuple[str, int]:
    session = _live_session(code)
    if session.join_code != code:  # lower case or spaces typed by hand
        return redirect(url_for(".join", code=session.join_code))
    participant = current_participant(session)
    if participant is not None and request.method == "GET" and "ret" not in request.args:
        return redirect(url_for(".phone", code=session.join_code))
    form = JoinForm(obj=participant if request.method == "GET" else None)
    if form.validate_on_submit():
        token = request.cookies.get(COOKIE) or contributions.new_participant_token()
        profile = contributions.Profile(form.name.data or "", form.group.data or None,
                                        form.organisation.data or "", form.table_number.data or "")
        try:
            contributions.join(db.session, session, token, profile)
        except DomainError as error:
            form.form_errors.append(error.message)
        else:
            response = redirect(url_for(".phone", code=session.join_code))
            response.set_cookie(COOKIE, token, max_age=COOKIE_MAX_AGE, httponly=True,
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
def phone(code: str) -> tuple[str, int]:
    return _render_phone(*_joined(code), ContributionForm())


def _submission_from_form(form: ContributionForm) -> contributions.Submission:
    side = request.form.get("side", "")
    choices = [int(c) for c in request.form.getlist("choices") if c.isdigit()]
    return contributions.Submission(client_id=form.client_id.data or "",
                                    text=form.text.data or "",
                                    side=int(side) if side.isdigit() else None, choices=choices)


@bp.post("/s/<code>")
def submit(code: str) -> Response | tuple[str, int]:
    session, participant = _joined(code)
    form = ContributionForm()
    typed = {"text": form.text.data or "", "side": request.form.get("side"),
             "choices": request.form.getlist("choices")}
    if not form.validate_on_submit():
        form.text.errors.append("Siden var for gammel. Tryk send igen.")
        return _render_phone(session, participant, form, 400, typed)
    activity_id = int(form.activity_id.data) if (form.activity_id.data or "").isdigit() else 0
    activity = db.session.get(Activity, activity_id)
    try:
        if activity is None or activity.session_id != session.id:
            raise NotFound("Aktiviteten findes ikke længere.")
        contributions.submit(db.session, participant, activity, _submission_from_form(form),
                             max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"])
    except DomainError as error:
        form.text.errors.append(error.message)
        return _render_phone(session, participant, form, error.status, typed)
    flash("Tak! Dit bidrag er gemt.")
    return redirect(url_for(".phone", code=session.join_code) + "#bidrag")


def _qr_session(code: str) -> WorkshopSession:
    session = db.session.scalar(select(WorkshopSession).where(
        WorkshopSession.join_code == sessions.normalise_join_code(code)))
    if session is None:
        raise NotFound("Koden findes ikke.")
    return session


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
