"""Web wiring: extensions, blueprints, security headers and error pages."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError

from facilitator.core.errors import DomainError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.extensions import csrf, db, limiter, login_manager, migrate, socketio

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src {connect}",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
# No page needs these; a script that got in anyway must not reach camera, microphone, etc.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
)
HSTS = "max-age=31536000; includeSubDomains"
# A host[:port] as it may appear in a CSP source; anything else in a Host header is ignored.
_HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")


def connect_sources(public_url: str | None, host: str, secure: bool) -> str:
    """`'self'` plus the WebSocket URLs of this app's own origin(s), never any ws: host.

    Older Safari does not count ws(s):// as 'self', so the own host is named: the host the
    page came from and, if different, the public URL phones use."""
    hosts = [urlsplit(public_url).netloc] if public_url else []
    hosts.append(host)
    schemes = ("wss",) if secure else ("ws", "wss")
    sources = ["'self'"]
    for name in dict.fromkeys(h.lower() for h in hosts if h and _HOST.fullmatch(h)):
        sources += [f"{scheme}://{name}" for scheme in schemes]
    return " ".join(sources)


def init_web(app: Flask) -> None:
    import facilitator.models  # noqa: F401  (register every table before the first query)

    # Socket.IO handlers must be declared before init_app so every app's server gets them.
    from facilitator.live.bridge import bridge
    from facilitator.live.connections import init_connections
    from facilitator.live.events import init_events
    from facilitator.live.parking import pushes as parking_pushes
    from facilitator.web.facilitate.themes import init_themes
    from facilitator.web.language import init_language
    from facilitator.web.participate.phone import page_budget

    # First of all hooks, so a flooding phone's refusal costs no CSRF check, no language
    # lookup and no login: the page budget needs only the request's cookies.
    app.before_request(page_budget)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("Log ind for at fortsætte.")
    login_manager.localize_callback = _  # translated when flashed, in the reader's language
    init_language(app)
    socketio.init_app(
        app, async_mode=app.config["ASYNC_MODE"], message_queue=app.config["MESSAGE_QUEUE"]
    )
    if app.config["TRUSTED_PROXIES"]:  # the client's address, not the proxy's, is limited
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Outside Socket.IO's middleware: a socket's handshake must see the phone's https
        # origin and address too, not the proxy's (the Origin check compares them).
        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops
        )
    # The live room: the bridge hears the domain's signals; the phones' presence counts go
    # out through it; the events are registered with this app's Socket.IO server.
    bridge.init_app(app)
    init_connections(app, on_change=bridge.counts_changed)
    parking_pushes.init_app(app)
    init_events(app)  # after live.parking is imported: its events are registered with the rest
    init_themes(app)

    from facilitator.web import admin, auth, facilitate, language
    from facilitator.web.facilitate import followup, plan, rounds, themes
    from facilitator.web.participate import answer, join, screen

    for module in (
        auth,
        admin,
        facilitate,
        join,
        screen,
        themes,
        language,
        plan,
        rounds,
        answer,
        followup,
    ):
        app.register_blueprint(module.bp)
    from facilitator.web.filters import register_filters

    register_filters(app)
    _register_handlers(app)


def _register_handlers(app: Flask) -> None:
    @app.after_request
    def security_headers(response):  # noqa: ANN001, ANN202
        connect = connect_sources(
            app.config["PUBLIC_URL"],
            request.host,
            request.is_secure or app.config["SECURE_COOKIES"],
        )
        response.headers.setdefault(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY.format(connect=connect)
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if app.config["SECURE_COOKIES"]:  # served over HTTPS: browsers must never fall back
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint != "static":
            # Pages and downloads show contributions or people: nothing of them may stay in a
            # shared computer's cache (or a proxy's) for the next person. Static files cache.
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):  # noqa: ANN202
        return render_template("error.html", message=error.message), error.status

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # noqa: ANN202
        message = _("Formularen var for gammel. Gå tilbage, genindlæs siden og prøv igen.")
        if request.accept_mimetypes.best_match(["text/html", "application/json"]) == (
            "application/json"
        ):  # a page's script (the console's countdown) shows the words itself
            return jsonify(ok=False, message=message), 400
        # A phone's text (or "Ret") without JavaScript is shown back, never lost.
        typed = request.form.get("text", "") if request.method == "POST" else ""
        return render_template("error.html", message=message, typed=typed), 400

    @app.errorhandler(429)
    def too_many(error):  # noqa: ANN001, ANN202
        message = _("Der kom for mange forsøg på kort tid. Vent et øjeblik, og prøv igen.")
        response = render_template("error.html", message=message), 429
        return response

    @app.errorhandler(413)
    def too_large(error):  # noqa: ANN001, ANN202
        message = _(
            "Filen er for stor til at blive sendt (højst 15 MB). Gå tilbage, og vælg et mindre "
            "billede; det, du har skrevet, står stadig i formularen."
        )
        return render_template("error.html", message=message), 413

    @app.errorhandler(404)
    def not_found(error):  # noqa: ANN001, ANN202
        return render_template("error.html", message=_("Siden findes ikke.")), 404

    @app.teardown_request
    def rollback_on_error(exc: BaseException | None) -> None:
        if exc is not None:
            db.session.rollback()

    @app.get("/favicon.ico")
    def favicon() -> (
        ResponseReturnValue
    ):  # browsers ask for it whatever the page's <link rel=icon> says
        return redirect(url_for("static", filename="favicon.svg"))

    @app.context_processor
    def inject_request_path() -> dict:
        return {"request_path": request.path}
