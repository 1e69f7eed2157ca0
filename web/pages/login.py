"""Coordinator login and logout (pages); the API has its own /api/v1/session."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required, logout_user

from web import auth
from web.security import limiter, login_limit

blp = Blueprint("login", __name__)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to somewhere else."""
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("workspace.dashboard")
    return target


@blp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def show():
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(url_for("workspace.dashboard"))
        return render_template("workspace/login.html", errors={}, email="")
    email = (request.form.get("email") or "").strip()
    user = auth.check_password(email, request.form.get("password") or "")
    if user is None:
        errors = {"email": "Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."}
        return render_template("workspace/login.html", errors=errors, email=email), 401
    auth.start_session(user)
    return redirect(_safe_next(request.args.get("next")), code=303)


@blp.post("/logout")
@login_required
def logout():
    logout_user()
    return redirect(url_for("login.show"), code=303)


@blp.errorhandler(429)
def too_many(error):
    errors = {"email": "Te veel pogingen. Wacht een paar minuten en probeer het dan opnieuw."}
    return render_template("workspace/login.html", errors=errors, email=request.form.get("email", "")), 429
