"""The phone page (/s/<CODE>): what it shows, every word phone.js needs, and the page budget
that refuses a phone loading it or posting its forms too often."""

from __future__ import annotations

import uuid

from flask import Response, current_app, make_response, render_template, request
from sqlalchemy import select

from facilitator.activities.models import Activity
from facilitator.contributions import services as contributions
from facilitator.contributions import withdrawals
from facilitator.contributions.models import Contribution, Participant
from facilitator.core import i18n
from facilitator.core.i18n import N_, current_locale, ngettext
from facilitator.core.i18n import gettext as _
from facilitator.extensions import db
from facilitator.live import fragments, payloads
from facilitator.sessions.models import WorkshopSession
from facilitator.web.language import request_language
from facilitator.web.participate.forms import ContributionForm, EditForm, EndorseForm, WithdrawForm
from facilitator.web.participate.join import COOKIE_PREFIX, bp, joined
from facilitator.web.ratelimit import TOO_FAST, phone_may_load, retry_after
from facilitator.wordcloud.words import MAX_WORDS

# The phone page and its no-JS forms: each costs a page render, so each counts (PAGE_RATE).
PAGE_ENDPOINTS = frozenset(
    {
        "join.phone",
        "join.submit",
        "join.withdraw",
        "join.restore",
        "join.edit",
        "join.endorse",
        "join.board",
        "join.board_add",
        "join.board_vote",
    }
)
# What a refused post echoes back, so "Send igen" sends the same thing (at most this long each).
ECHOED_FIELDS = (
    "csrf_token",
    "activity_id",
    "client_id",
    "side",
    "choices",
    "contribution_id",
    "agree",
    "item_id",
    "vote",
    "words",
)
ECHO_CHARS = 200
RELOADING = N_(
    "Siden blev hentet mange gange på kort tid. Den kommer igen af sig selv om et øjeblik."
)


def page_budget() -> Response | None:
    """One phone flooding its page or form must not slow the room: past PAGE_RATE per
    participant cookie a request is refused here, before the CSRF check, the session, the
    participant or the page is looked up (registered on the app ahead of every other hook).
    A phone without a cookie is sent to the join form, which costs little."""
    if request.endpoint not in PAGE_ENDPOINTS:
        return None
    tokens = [
        value for name, value in request.cookies.items() if name.startswith(COOKIE_PREFIX) and value
    ]
    if not tokens or phone_may_load(tokens):
        return None
    return too_fast(request.view_args.get("code", "") if request.view_args else "", "PAGE_RATE")


def too_fast(code: str, setting: str) -> Response:
    """A small 429 page (never the room) with Retry-After; a refused post's text and choices
    come back in a form that sends them again, so nothing typed is lost."""
    wait = retry_after(setting)
    # The page budget runs before the language hook: the phone's chosen language, cheaply.
    i18n.set_locale(request_language())
    fields: list[tuple[str, str]] = []
    typed = ""
    if request.method == "POST":
        typed = request.form.get("text", "")
        fields = [
            (name, value[:ECHO_CHARS])
            for name in ECHOED_FIELDS
            for value in request.form.getlist(name)
        ]
    message = TOO_FAST if request.method == "POST" else RELOADING
    response = make_response(
        render_template(
            "participate/join/too_fast.html",
            message=_(message),
            code=code,
            typed=typed,
            fields=fields,
            reload=request.method == "GET",
            retry_after=wait,
        ),
        429,
    )
    response.headers["Retry-After"] = str(wait)
    return response


def _own_contributions(participant: Participant, activity: Activity) -> list[Contribution]:
    return list(
        db.session.scalars(
            select(Contribution)
            .where(
                Contribution.participant_id == participant.id,
                Contribution.activity_id == activity.id,
                Contribution.superseded.is_(False),
            )
            .order_by(Contribution.created_at.desc(), Contribution.id.desc())
        )
    )


def render_phone(
    session: WorkshopSession,
    participant: Participant,
    form: ContributionForm,
    status: int = 200,
    typed: dict | None = None,
    *,
    lost: dict | None = None,
    edit: EditForm | None = None,
    notice: str = "",
) -> tuple[str, int]:
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
    snapshot["activity"] = fragments.with_results_html(
        activity, snapshot["activity"], current_locale()
    )
    shown = snapshot["activity"]["results"] if snapshot["activity"] is not None else None
    endorsed = set(snapshot["endorsed"])
    if edit is None and activity is not None and activity.state == "open":
        wanted = request.args.get("ret", "")  # "Ret" without JavaScript: ?ret=<id>
        row = next((c for c in own if wanted.isdigit() and c.id == int(wanted)), None)
        if row is not None and activity.kind not in ("topic_vote", "wordcloud"):
            edit = EditForm(formdata=None, contribution_id=str(row.id), text=row.text)
    # "Ret" says first how many "Enig" a new text clears; "Fortryd" after "Træk tilbage".
    edited = next(
        (c for c in own if edit is not None and str(c.id) == edit.contribution_id.data), None
    )
    edit_clears = contributions.endorsement_count(db.session, edited.id) if edited else 0
    wanted_undo = request.args.get("fortryd", "")
    undo = (
        int(wanted_undo)
        if wanted_undo.isascii()
        and wanted_undo.isdigit()
        and len(wanted_undo) < 10
        and withdrawals.restorable(db.session, participant, int(wanted_undo))
        else None
    )
    return render_template(
        "participate/join/phone.html",
        session=session,
        participant=participant,
        activity=activity,
        form=form,
        own=own,
        results=shown,
        withdraw=WithdrawForm(),
        endorse_form=EndorseForm(),
        endorsed=endorsed,
        own_ids={c.id for c in own},
        edit=edit,
        edit_clears=edit_clears,
        undo=undo,
        lost=lost,
        notice=notice,
        typed=typed or {},
        phone_strings=phone_strings(),
        snapshot=snapshot,
        max_chars=max_chars,
        max_words=MAX_WORDS,
    ), status


def phone_strings() -> dict[str, str]:
    """Every word static/js/phone.js shows, in the reader's language (live.t keys). The
    placeholders are filled with `{name}`, which live.t fills in on the phone."""
    return {
        "offline": _(
            "Ingen forbindelse. Dine bidrag gemmes på telefonen og sendes, når "
            "forbindelsen er tilbage."
        ),
        "pending_one": ngettext(
            "%(num)s bidrag venter på at blive sendt.",
            "%(num)s bidrag venter på at blive sendt.",
            1,
            num="{n}",
        ),
        "pending_many": ngettext(
            "%(num)s bidrag venter på at blive sendt.",
            "%(num)s bidrag venter på at blive sendt.",
            2,
            num="{n}",
        ),
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
        "waiting_more": _(
            "Facilitatoren åbner snart den næste aktivitet. Siden skifter af sig selv."
        ),
        "not_sent": _("Ikke sendt"),
        "lost_text": _(
            "Aktiviteten »%(title)s« blev lukket, før din tekst blev sendt. Her er "
            "den, så du kan kopiere den.",
            title="{title}",
        ),
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
        "your_side": _(
            "Dit valg: %(side)s. Du kan skifte, så længe aktiviteten er åben.", side="{side}"
        ),
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
            "Hvis du ændrer teksten, forsvinder de %(num)s »Enig«, den har fået.",
            1,
            num="{n}",
        ),
        "edit_clears_many": ngettext(
            "Hvis du ændrer teksten, forsvinder det ene »Enig«, den har fået.",
            "Hvis du ændrer teksten, forsvinder de %(num)s »Enig«, den har fået.",
            2,
            num="{n}",
        ),
        "counter": _("%(n)s / %(max)s tegn", n="{n}", max="{max}"),
        "sent": _("sendt"),
        "held": _("sendt · venter på godkendelse"),
        "approved": _("Dit bidrag er godkendt og vises nu."),
        "sending": _("sender …"),
        "waiting_for_connection": _("venter på forbindelse"),
        "nothing_yet": _("Du har ikke sendt noget endnu. Du kan sende flere."),
        "your_contributions": _("Dine bidrag"),
        "need_side": _("Vælg en af siderne i dilemmaet."),
        "need_reason": _("Skriv en kort begrundelse for dit valg."),
        "need_text": _("Skriv noget, før du sender."),
        "need_topic": _("Vælg mindst ét emne."),
        "too_many_topics": _("Du kan højst vælge %(max)s emner.", max="{max}"),
        "label_words": _("Skriv 1-%(n)s ord", n="{n}"),
        "word_n": _("Ord %(n)s", n="{n}"),
        "word_n_optional": _("Ord %(n)s (valgfrit)", n="{n}"),
        "send_words": _("Send nye ord"),
        "your_words": _("Dine ord:"),
        "words_again": _(
            "Du kan sende nye ord, så længe aktiviteten er åben. De nye erstatter de gamle."
        ),
        "withdraw_words": _("Træk mine ord tilbage"),
        "need_words": _("Skriv mindst ét ord med bogstaver eller tal."),
        "too_many_words": _("Skriv højst %(max)s ord.", max="{max}"),
        "word_too_long": _(
            "Et ord må højst have %(max)s tegn. »%(start)s…« har %(length)s.",
            max="{max}",
            start="{start}",
            length="{length}",
        ),
        "too_long": _(
            "Dit bidrag er på %(length)s tegn. Der er plads til højst %(max)s.",
            length="{length}",
            max="{max}",
        ),
    }


@bp.get("/s/<code>")
def phone(code: str) -> tuple[str, int]:
    return render_phone(*joined(code), ContributionForm())
