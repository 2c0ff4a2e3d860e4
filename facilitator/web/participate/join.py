"""The participant's side: the QR target /j/<CODE>, the join form and the phone page."""

from __future__ import annotations

import uuid

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, TextAreaField

from facilitator.activities.models import Activity
from facilitator.contributions import services as contributions
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.submission import (
    parse_edit,
    parse_endorsement,
    parse_submission,
    record_id,
)
from facilitator.core import i18n
from facilitator.core.errors import ActivityClosed, DomainError, NotFound
from facilitator.core.i18n import N_, ngettext
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.live import payloads
from facilitator.sessions import services as sessions
from facilitator.sessions.models import SESSION_STATES, WorkshopSession
from facilitator.web.forms import ContributionForm, Form, JoinForm, WithdrawForm
from facilitator.web.language import request_language
from facilitator.web.links import join_url, qr_png, qr_svg
from facilitator.web.ratelimit import (
    TOO_FAST,
    client_address,
    code_guesses,
    participant_may_join,
    participant_may_send,
    passcode_guesses,
    phone_may_load,
    retry_after,
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
TOO_MANY_PASSCODES = N_("Der kom for mange forkerte adgangskoder på kort tid. Vent et minut, og "
                        "skriv adgangskoden fra storskærmen igen.")


class EditForm(Form):
    """"Ret" on one of the phone's own contributions (JavaScript off)."""

    contribution_id = HiddenField()
    text = TextAreaField()


class EndorseForm(Form):
    """"Enig" on another participant's statement; agree "0" undoes it."""

    contribution_id = HiddenField()
    agree = HiddenField()


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
    return contributions.participant_for_token(db.session, session,
                                               request.cookies.get(cookie_name(session)))


@bp.get("/")
def index() -> str | Response | tuple[str, int]:
    code = request.args.get("code", "")
    if code:
        try:
            session = _known_session(code)
        except DomainError as error:  # stay on the form, with the neutral answer
            return render_template("participate/join/index.html", error=error.message,
                                   code=code[:12]), 404
        return redirect(url_for(".join", code=session.join_code))
    return render_template("participate/join/index.html")


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
        cookie = cookie_name(session)
        token = request.cookies.get(cookie) or contributions.new_participant_token()
        profile = contributions.Profile(form.name.data or "", form.group.data or None,
                                        form.organisation.data or "", form.table_number.data or "")
        refusal = _join_refused(session, participant, token, form.passcode.data)
        if refusal:
            form.form_errors.append(refusal)
            return render_template("participate/join/join.html", form=form, session=session,
                                   organisations=session.process.organisations,
                                   returning=participant is not None), 429
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
    return render_template("participate/join/join.html", form=form, session=session,
                           organisations=session.process.organisations,
                           returning=participant is not None), status


def _join_refused(session: WorkshopSession, participant: Participant | None, token: str,
                  passcode: str | None) -> str:
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


def _own_contributions(participant: Participant, activity: Activity) -> list[Contribution]:
    return list(db.session.scalars(
        select(Contribution).where(Contribution.participant_id == participant.id,
                                   Contribution.activity_id == activity.id,
                                   Contribution.superseded.is_(False))
        .order_by(Contribution.created_at.desc(), Contribution.id.desc())))


def _render_phone(session: WorkshopSession, participant: Participant, form: ContributionForm,
                  status: int = 200, typed: dict | None = None, *, lost: dict | None = None,
                  edit: EditForm | None = None, notice: str = "") -> tuple[str, int]:
    """The phone page. `lost`: text typed for an activity that closed before it arrived (shown
    under that activity's title, never under the open one); `edit`: the own contribution being
    corrected ("Ret"); `notice`: a refusal of "Enig" or "Ret"."""
    activity = session.open_activity
    form.client_id.data = uuid.uuid4().hex  # a fresh id per rendered form: resubmits dedupe
    if activity is not None:
        form.activity_id.data = str(activity.id)
    own = _own_contributions(participant, activity) if activity else []
    max_chars = current_app.config["MAX_CONTRIBUTION_CHARS"]
    # The same state a socket's state:get answers: phone.js draws from it before it connects.
    snapshot = payloads.phone_snapshot(db.session, session, participant, max_chars)
    shown = snapshot["activity"]["results"] if activity is not None else None
    endorsed = set(snapshot["endorsed"])
    if edit is None and activity is not None and activity.state == "open":
        wanted = request.args.get("ret", "")  # "Ret" without JavaScript: ?ret=<id>
        row = next((c for c in own if wanted.isdigit() and c.id == int(wanted)), None)
        if row is not None and activity.kind != "topic_vote":
            edit = EditForm(formdata=None, contribution_id=str(row.id), text=row.text)
    # "Ret" says first how many "Enig" a new text clears; "Fortryd" after "Træk tilbage".
    edited = next((c for c in own if edit is not None and str(c.id) == edit.contribution_id.data),
                  None)
    edit_clears = contributions.endorsement_count(db.session, edited.id) if edited else 0
    undo = request.args.get("fortryd", "")
    undo = int(undo) if undo.isascii() and undo.isdigit() and len(undo) < 10 and \
        contributions.restorable(db.session, participant, int(undo)) else None
    return render_template("participate/join/phone.html", session=session, participant=participant,
                           activity=activity, form=form, own=own, results=shown,
                           withdraw=WithdrawForm(), endorse_form=EndorseForm(),
                           endorsed=endorsed, own_ids={c.id for c in own}, edit=edit,
                           edit_clears=edit_clears, undo=undo,
                           lost=lost, notice=notice, typed=typed or {},
                           phone_strings=phone_strings(), snapshot=snapshot,
                           max_chars=max_chars), status


def phone_strings() -> dict[str, str]:
    """Every word static/js/phone.js shows, in the reader's language (live.t keys). The
    placeholders are filled with `{name}`, which live.t fills in on the phone."""
    return {
        "offline": _("Ingen forbindelse. Dine bidrag gemmes på telefonen og sendes, når "
                     "forbindelsen er tilbage."),
        "pending_one": ngettext("%(num)s bidrag venter på at blive sendt.",
                                  "%(num)s bidrag venter på at blive sendt.", 1, num="{n}"),
        "pending_many": ngettext("%(num)s bidrag venter på at blive sendt.",
                                   "%(num)s bidrag venter på at blive sendt.", 2, num="{n}"),
        "online_again": _("Forbindelsen er tilbage."),
        "new_activity": _("Ny aktivitet: %(title)s", title="{title}"),
        "results_shown": _("Resultaterne vises nu."),
        "edited": _("Dit bidrag er rettet."),
        "session_closed": _("Sessionen er afsluttet. Tak for i dag."),
        "next_steps": _("Næste skridt"),
        "sort_label": _("Sortér bidragene"),
        "sort_newest": _("Nyeste"),
        "sort_agreed": _("Flest enige"),
        "show_more": _("Vis %(n)s flere", n="{n}"),
        "shown_of": _("Viser %(n)s af %(total)s", n="{n}", total="{total}"),
        "chosen_of": _("Du har valgt %(n)s af %(max)s", n="{n}", max="{max}"),
        "your_text": _("Din tekst: »%(text)s«", text="{text}"),
        "error": _("Der skete en fejl. Prøv igen."),
        "offline_try_again": _("Ingen forbindelse. Prøv igen, når forbindelsen er tilbage."),
        "no_answer": _("Serveren svarede ikke. Prøv igen."),
        "waiting": _("Vent et øjeblik"),
        "waiting_more": _("Facilitatoren åbner snart den næste aktivitet. Siden skifter af sig "
                          "selv."),
        "not_sent": _("Ikke sendt"),
        "lost_text": _("Aktiviteten »%(title)s« blev lukket, før din tekst blev sendt. Her er "
                       "den, så du kan kopiere den.", title="{title}"),
        "your_text_label": _("Din tekst"),
        "dismiss": _("Luk"),
        "results": _("Resultater"),
        "others_wrote": _("Det har de andre skrevet"),
        "endorse_hint": _("Tryk »Enig« ved det, du er enig i. Tryk igen for at fortryde."),
        "agree": _("Enig"),
        "yours": _("Dit bidrag"),
        "n_agree_one": ngettext("%(num)s enig", "%(num)s enige", 1, num="{n}"),
        "n_agree_many": ngettext("%(num)s enig", "%(num)s enige", 2, num="{n}"),
        "choose_side": _("Vælg side"),
        "reason": _("Begrundelse"),
        "reason_optional": _("Begrundelse (valgfri)"),
        "choose_up_to": _("Vælg op til %(n)s", n="{n}"),
        "label_retningspil": _("Din retningspil"),
        "label_initiative": _("Dit forslag"),
        "label_open_question": _("Dit svar"),
        "placeholder": _("Vi skal …"),
        "send": _("Send"),
        "change_choice": _("Skift mit valg"),
        "closed": _("Aktiviteten er lukket for nye bidrag. Det, du har sendt, er gemt."),
        "your_side": _("Dit valg: %(side)s. Du kan skifte, så længe aktiviteten er åben.",
                       side="{side}"),
        "your_reason": _("Din begrundelse:"),
        "edit": _("Ret"),
        "edit_own": _("Ret dit bidrag"),
        "edit_reason": _("Ret din begrundelse"),
        "save_edit": _("Gem rettelsen"),
        "cancel": _("Fortryd"),
        "withdraw": _("Træk tilbage"),
        "withdraw_choice": _("Træk mit valg tilbage"),
        "withdrawn": _("Trukket tilbage."),
        "undo": _("Fortryd"),
        "restored": _("Dit bidrag er tilbage."),
        "edit_clears_one": ngettext(
            "Hvis du ændrer teksten, forsvinder det ene »Enig«, den har fået.",
            "Hvis du ændrer teksten, forsvinder de %(num)s »Enig«, den har fået.", 1,
            num="{n}"),
        "edit_clears_many": ngettext(
            "Hvis du ændrer teksten, forsvinder det ene »Enig«, den har fået.",
            "Hvis du ændrer teksten, forsvinder de %(num)s »Enig«, den har fået.", 2,
            num="{n}"),
        "counter": _("%(n)s / %(max)s tegn", n="{n}", max="{max}"),
        "sent": _("sendt"),
        "sending": _("sender …"),
        "waiting_for_connection": _("venter på forbindelse"),
        "nothing_yet": _("Du har ikke sendt noget endnu. Du kan sende flere."),
        "your_contributions": _("Dine bidrag"),
        "need_side": _("Vælg en af siderne i dilemmaet."),
        "need_reason": _("Skriv en kort begrundelse for dit valg."),
        "need_text": _("Skriv noget, før du sender."),
        "need_topic": _("Vælg mindst ét emne."),
        "too_many_topics": _("Du kan højst vælge %(max)s emner.", max="{max}"),
        "too_long": _("Dit bidrag er på %(length)s tegn. Der er plads til højst %(max)s.",
                      length="{length}", max="{max}"),
    }


def _typed_elsewhere(session: WorkshopSession, participant: Participant, activity_id: str | None,
                     typed: dict) -> dict | None:
    """Text posted for an activity that is no longer the open one (JavaScript off, and the
    facilitator moved on before Send): what to show back, under ITS activity's title."""
    current = session.open_activity
    try:
        wanted = record_id(activity_id, from_form=True)
    except DomainError:  # no activity could have that id: a broken form, answered as such
        return None
    try:
        activity = contributions.find_activity(db.session, participant, wanted)
    except DomainError:  # deleted meanwhile: still not the open activity's text
        activity = None
    if activity is not None and activity is current and activity.state == "open":
        return None
    text = typed.get("text") or ""
    if activity is None:
        return {"title": "", "text": text,
                "message": _("Aktiviteten findes ikke længere, så din tekst er ikke gemt. Her "
                             "er den, så du kan kopiere den.") if text else
                _("Aktiviteten findes ikke længere, så dit valg er ikke gemt.")}
    message = (_("Aktiviteten »%(title)s« blev lukket, før din tekst kom frem, så den er ikke "
                 "gemt. Her er den, så du kan kopiere den.", title=activity.title) if text else
               _("Aktiviteten »%(title)s« blev lukket, før dit valg kom frem, så det er ikke "
                 "gemt.", title=activity.title))
    return {"title": activity.title, "text": text, "message": message}


class JoinFirst(Exception):
    """A phone without a participant cookie for this session: send it to the join form."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@bp.errorhandler(JoinFirst)
def join_first(error: JoinFirst) -> Response:
    return redirect(url_for(".join", code=error.code))


@bp.errorhandler(NotStarted)
def not_started(error: NotStarted) -> tuple[str, int]:
    """Scanned before the start: a waiting page that reloads itself until the session is live
    (then the same address is the join form). Never a guess, never refused."""
    return render_template("participate/join/waiting.html", session=error.session,
                           refresh=WAITING_REFRESH), 200


@bp.errorhandler(Ended)
def ended(error: Ended) -> tuple[str, int]:
    """A closed session: one clear closing message (not a guess). Text a phone without
    JavaScript sent after the end is shown back, never lost."""
    typed = request.form.get("text", "") if request.method == "POST" else ""
    return render_template("participate/join/unavailable.html", session=error.session, typed=typed,
                           heading=_("Sessionen er afsluttet"),
                           message=_("Tak for i dag. Det, du har sendt, er gemt."),
                           ), 409 if request.method == "POST" else 200


@bp.errorhandler(DomainError)
def unavailable(error: DomainError) -> tuple[str, int]:
    """Unknown, not yet started or closed sessions get a phone-sized Danish page."""
    return render_template("participate/join/unavailable.html", message=error.message), error.status


def _joined(code: str) -> tuple[WorkshopSession, Participant]:
    session = _live_session(code)
    participant = current_participant(session)
    if participant is None:
        raise JoinFirst(session.join_code)
    return session, participant


# The phone page and its no-JS forms: each costs a page render, so each counts (PAGE_RATE).
PAGE_ENDPOINTS = frozenset({"join.phone", "join.submit", "join.withdraw", "join.restore",
                            "join.edit", "join.endorse"})
# What a refused post echoes back, so "Send igen" sends the same thing (at most this long each).
ECHOED_FIELDS = ("csrf_token", "activity_id", "client_id", "side", "choices", "contribution_id",
                 "agree")
ECHO_CHARS = 200
RELOADING = N_("Siden blev hentet mange gange på kort tid. Den kommer igen af sig selv om et "
               "øjeblik.")


def page_budget() -> Response | None:
    """One phone flooding its page or form must not slow the room: past PAGE_RATE per
    participant cookie a request is refused here, before the CSRF check, the session, the
    participant or the page is looked up (registered on the app ahead of every other hook).
    A phone without a cookie is sent to the join form, which costs little."""
    if request.endpoint not in PAGE_ENDPOINTS:
        return None
    tokens = [value for name, value in request.cookies.items()
              if name.startswith(COOKIE_PREFIX) and value]
    if not tokens or phone_may_load(tokens):
        return None
    return _too_fast(request.view_args.get("code", "") if request.view_args else "",
                     "PAGE_RATE")


def _too_fast(code: str, setting: str) -> Response:
    """A small 429 page (never the room) with Retry-After; a refused post's text and choices
    come back in a form that sends them again, so nothing typed is lost."""
    wait = retry_after(setting)
    # The page budget runs before the language hook: the phone's chosen language, cheaply.
    i18n.set_locale(request_language())
    fields: list[tuple[str, str]] = []
    typed = ""
    if request.method == "POST":
        typed = request.form.get("text", "")
        fields = [(name, value[:ECHO_CHARS]) for name in ECHOED_FIELDS
                  for value in request.form.getlist(name)]
    message = TOO_FAST if request.method == "POST" else RELOADING
    response = make_response(render_template(
        "participate/join/too_fast.html", message=_(message),
        code=code, typed=typed, fields=fields,
        reload=request.method == "GET", retry_after=wait), 429)
    response.headers["Retry-After"] = str(wait)
    return response


@bp.get("/s/<code>")
def phone(code: str) -> tuple[str, int]:
    return _render_phone(*_joined(code), ContributionForm())


@bp.post("/s/<code>")
def submit(code: str) -> Response | tuple[str, int]:
    session, participant = _joined(code)
    if not participant_may_send(participant.id):  # before the form is read or a page drawn
        return _too_fast(session.join_code, "SUBMIT_RATE")
    form = ContributionForm()
    typed = {"text": form.text.data or "", "side": request.form.get("side"),
             "choices": request.form.getlist("choices")}

    def refused(message: str, status: int) -> tuple[str, int]:
        lost = _typed_elsewhere(session, participant, form.activity_id.data, typed)
        if lost is not None:  # the open activity's form stays clean: it was not typed there
            return _render_phone(session, participant, ContributionForm(formdata=None), 409,
                                 lost=lost)
        form.text.errors.append(message)
        return _render_phone(session, participant, form, status, typed)

    if not form.validate_on_submit():
        return refused(_("Siden var for gammel. Tryk send igen.")
                       if form.csrf_token.errors else _first_error(form), 400)
    try:
        submission = parse_submission({**typed, "activity_id": form.activity_id.data,
                                       "client_id": form.client_id.data}, from_form=True)
        activity = contributions.find_activity(db.session, participant, submission.activity_id)
        contributions.submit(db.session, participant, activity, submission,
                             max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"])
    except (ActivityClosed, NotFound) as error:  # moved on, or gone: the text is not lost
        return refused(error.message, error.status)
    except DomainError as error:
        form.text.errors.append(error.message)
        return _render_phone(session, participant, form, error.status, typed)
    flash(_("Tak! Dit bidrag er gemt."))
    return redirect(url_for(".phone", code=session.join_code) + "#bidrag")


def _first_error(form: ContributionForm) -> str:
    return next(iter(error for errors in form.errors.values() for error in errors))


def _refused(form: FlaskForm, participant: Participant, stale: str) -> tuple[str, int] | None:
    """Why a phone's small form (withdraw, edit, agree) is turned away before anything is
    done, with its status: a page too old (CSRF), a bad field, or sending too fast."""
    if not form.validate_on_submit():
        return (stale if form.csrf_token.errors else _first_error(form)), 400
    if not participant_may_send(participant.id):
        return _(TOO_FAST), 429
    return None


@bp.post("/s/<code>/withdraw")
def withdraw(code: str) -> Response | tuple[str, int]:
    """"Træk tilbage" without JavaScript."""
    session, participant = _joined(code)
    form = WithdrawForm()
    page = ContributionForm(formdata=None)
    refusal = _refused(form, participant, _("Siden var for gammel. Tryk igen."))
    if refusal:
        page.text.errors = [refusal[0]]
        return _render_phone(session, participant, page, refusal[1])
    try:
        contribution_id = record_id(form.contribution_id.data, from_form=True)
        contributions.withdraw(db.session, participant, contribution_id)
    except DomainError as error:
        page.text.errors = [error.message]
        return _render_phone(session, participant, page, error.status)
    # The page says so, with "Fortryd" while contributions.RESTORE_SECONDS last (_render_phone).
    return redirect(url_for(".phone", code=session.join_code, fortryd=contribution_id)
                    + "#fortryd")


@bp.post("/s/<code>/fortryd")
def restore(code: str) -> Response | tuple[str, int]:
    """"Fortryd" after "Træk tilbage" without JavaScript: the same contribution is back."""
    session, participant = _joined(code)
    form = WithdrawForm()
    page = ContributionForm(formdata=None)
    refusal = _refused(form, participant, _("Siden var for gammel. Tryk igen."))
    if refusal:
        return _render_phone(session, participant, page, refusal[1], notice=refusal[0])
    try:
        contribution_id = record_id(form.contribution_id.data, from_form=True)
        contributions.restore(db.session, participant, contribution_id)
    except DomainError as error:
        return _render_phone(session, participant, page, error.status, notice=error.message)
    flash(_("Dit bidrag er tilbage."))
    return redirect(url_for(".phone", code=session.join_code) + f"#c-{contribution_id}")


@bp.post("/s/<code>/ret")
def edit(code: str) -> Response | tuple[str, int]:
    """"Ret" without JavaScript: a refused text stays in the edit form with the reason."""
    session, participant = _joined(code)
    form = EditForm()
    page = ContributionForm(formdata=None)
    refusal = _refused(form, participant, _("Siden var for gammel. Tryk gem igen."))
    if refusal:
        form.text.errors = [refusal[0]]
        return _render_phone(session, participant, page, refusal[1], edit=form)
    title = ""
    try:
        contribution_id, text = parse_edit(request.form, from_form=True)
        title = contributions.own_contribution(db.session, participant,
                                               contribution_id).activity.title
        contributions.edit(db.session, participant, contribution_id, text,
                           max_chars=current_app.config["MAX_CONTRIBUTION_CHARS"])
    except ActivityClosed as error:  # the form is gone with the activity: keep the text
        lost = {"title": title, "text": form.text.data or "", "message": error.message}
        return _render_phone(session, participant, page, error.status, lost=lost)
    except DomainError as error:
        form.text.errors = [error.message]
        return _render_phone(session, participant, page, error.status, edit=form)
    flash(_("Dit bidrag er rettet."))
    return redirect(url_for(".phone", code=session.join_code) + "#bidrag")


@bp.post("/s/<code>/enig")
def endorse(code: str) -> Response | tuple[str, int]:
    """"Enig" (agree "1") or undo it (agree "0") without JavaScript."""
    session, participant = _joined(code)
    form = EndorseForm()
    page = ContributionForm(formdata=None)
    refusal = _refused(form, participant, _("Siden var for gammel. Tryk igen."))
    if refusal:
        return _render_phone(session, participant, page, refusal[1], notice=refusal[0])
    try:
        contribution_id, agree = parse_endorsement(request.form, from_form=True)
        contributions.set_endorsement(db.session, participant, contribution_id, agree)
    except DomainError as error:
        return _render_phone(session, participant, page, error.status, notice=error.message)
    return redirect(url_for(".phone", code=session.join_code) + f"#c-{contribution_id}")


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
