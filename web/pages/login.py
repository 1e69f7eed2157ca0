"""Coordinator login (password, then the app's code where two-factor login is on) and logout;
the API has its own /api/v1/session."""
from __future__ import annotations

import re

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from matching.domain.errors import Invalid
from matching.services import accounts
from web import auth
from web.context import bus
from web.lockout import login_attempts

blp = Blueprint("login", __name__)

WRONG_PAIR = "Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."
WRONG_CODE = "Deze code klopt niet. Typ de 6 cijfers die de app nu laat zien."
EXPIRED = "Dat duurde te lang. Log opnieuw in met je e-mailadres en wachtwoord."


# A path on this site: "/" then printable ASCII without spaces or backslashes, never "//" or "/\"
# at the start. Browsers drop tabs and line breaks from an address and read a backslash as "/", so
# "/\evil.example" or "/<tab>/evil.example" would leave the site; CR/LF would break the header (a 500).
SAME_SITE_PATH = re.compile(r"/(?![/\\])[!-\[\]-~]*")


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to somewhere else, never a broken header."""
    if not target or not SAME_SITE_PATH.fullmatch(target):
        return url_for("workspace.dashboard")
    return target


@blp.route("/login", methods=["GET", "POST"])
@login_attempts()
def show():
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(url_for("workspace.dashboard"))
        return render_template("workspace/login.html", errors={}, email="")
    email = (request.form.get("email") or "").strip()
    account = accounts.authenticate(bus(), email, request.form.get("password") or "")
    if account is None:
        return render_template("workspace/login.html", errors={"email": WRONG_PAIR}, email=email), 401
    if account.next_step == "done":
        auth.start_session(account)
        return redirect(_safe_next(request.args.get("next")), code=303)
    auth.begin_second_step(account)
    return redirect(url_for("login.code", next=request.args.get("next")), code=303)


@blp.route("/login/code", methods=["GET", "POST"])
@login_attempts()
def code():
    """The second step: the 6-digit code; an admin without it first scans the QR code."""
    state = auth.pending()
    if state is None:
        return render_template("workspace/login.html", errors={"email": EXPIRED}, email=""), 401
    errors = {}
    if request.method == "POST":
        try:
            auth.start_session(accounts.second_step(bus(), state["user"], request.form.get("code") or "",
                                                    state.get("secret")))
            return redirect(_safe_next(request.args.get("next")), code=303)
        except Invalid:
            errors = {"code": WRONG_CODE}
    setup = accounts.two_factor_setup(bus(), state["secret"], state["email"]) if "secret" in state else None
    return render_template("workspace/login_code.html", errors=errors, setup=setup), 401 if errors else 200


@blp.post("/logout")
def logout():
    """Ends every session of the account, not only this browser's (a copied cookie stops working)."""
    auth.end_every_session()
    return redirect(url_for("login.show"), code=303)


@blp.errorhandler(429)
def too_many(error):
    errors = {"email": "Te veel pogingen. Wacht een kwartier en probeer het dan opnieuw."}
    return render_template("workspace/login.html", errors=errors, email=request.form.get("email", "")), 429
