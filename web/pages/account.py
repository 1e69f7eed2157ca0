"""A coordinator's own account: change the password, two-factor login on or off, log out everywhere.
Each change ends the account's other sessions; this browser gets a fresh one."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from matching.domain import commands
from matching.domain.errors import Invalid
from matching.services import accounts
from web import auth
from web.context import bus, user_id

blp = Blueprint("account", __name__, url_prefix="/werkplek/account")

MESSAGES = {
    "current_password": "Dit is niet je huidige wachtwoord.",
    "password": "Dit is niet je huidige wachtwoord.",
    "code": "Deze code klopt niet. Typ de 6 cijfers die de app nu laat zien.",
    "again": "De twee nieuwe wachtwoorden zijn niet gelijk.",
}


@blp.before_request
@login_required
def require_login():
    """Only for a logged-in coordinator."""


def _page(errors: dict | None = None, status: int = 200):
    setup = None
    if not current_user.two_factor:
        secret = session.setdefault("totp_setup", accounts.new_two_factor_secret(bus()))
        setup = accounts.two_factor_setup(bus(), secret, current_user.email)
    return render_template("workspace/account.html", errors=errors or {}, setup=setup), status


def _dutch(error: Invalid) -> dict:
    if error.field == "new_password":
        if "at least" in error.message:
            return {"new_password": "Kies een wachtwoord van minstens 12 tekens. Een zin van een paar woorden werkt goed."}
        if "at most" in error.message:
            return {"new_password": "Kies een wachtwoord van hoogstens 256 tekens."}
        return {"new_password": "Gebruik niet je e-mailadres als wachtwoord."}
    return {error.field: MESSAGES.get(error.field, str(error))}


def _fresh_session(message: str):
    """The account's other sessions ended; this browser carries on in a new one."""
    auth.start_session(accounts.account(bus(), user_id()))
    flash(message, "ok")
    return redirect(url_for("account.show"), code=303)


@blp.get("/")
def show():
    return _page()


@blp.post("/wachtwoord")
def change_password():
    form = request.form
    if form.get("new_password", "") != form.get("new_password_again", ""):
        return _page({"new_password_again": MESSAGES["again"]}, 422)
    try:
        bus().handle(commands.ChangePassword(user_id(), form.get("current_password", ""), form.get("new_password", "")))
    except Invalid as error:
        return _page(_dutch(error), 422)
    return _fresh_session("Je wachtwoord is veranderd. Op andere apparaten ben je nu uitgelogd.")


@blp.post("/tweestaps")
def enable_two_factor():
    secret = session.get("totp_setup")
    if current_user.two_factor or not secret:
        return redirect(url_for("account.show"), code=303)
    try:
        bus().handle(commands.EnableTwoFactor(user_id(), secret, request.form.get("code", "")))
    except Invalid as error:
        return _page(_dutch(error), 422)
    session.pop("totp_setup", None)
    return _fresh_session("Inloggen in twee stappen staat aan. Vanaf nu vraagt Koppel ook de code uit je app.")


@blp.post("/tweestaps/uit")
def disable_two_factor():
    try:
        bus().handle(commands.DisableTwoFactor(user_id(), request.form.get("password", "")))
    except Invalid as error:
        if error.field == "code":  # an admin cannot switch it off
            flash("Voor beheerders blijft inloggen in twee stappen verplicht.", "error")
            return redirect(url_for("account.show"), code=303)
        return _page(_dutch(error), 422)
    return _fresh_session("Inloggen in twee stappen staat uit.")


@blp.post("/overal-uitloggen")
def log_out_everywhere():
    auth.end_every_session()
    return redirect(url_for("login.show"), code=303)
