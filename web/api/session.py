"""Coordinator login for the API: a session cookie (Flask-Login)."""
from __future__ import annotations

from flask_login import login_required
from flask_smorest import abort

from matching.services import accounts
from web import auth, schemas, schemas_out
from web.api.blueprint import Blueprint
from web.context import bus
from web.lockout import login_attempts

blp = Blueprint("session_api", __name__, url_prefix="/api/v1", description="Coordinator session")


@blp.route("/session", methods=["POST"])
@login_attempts()
@blp.arguments(schemas.SessionIn)
@blp.response(200, schemas_out.SessionOut)
@blp.alt_response(401, description="Wrong email or password, or the two-factor code is missing or wrong")
@blp.alt_response(403, description="An admin must set up two-factor login first (in the browser)")
def log_in(credentials):
    """Log in with email and password (and `code`, the authenticator app's 6 digits, for accounts
    with two-factor login); answers 401 for a wrong pair (never says which part)."""
    try:
        account = accounts.log_in(bus(), credentials["email"], credentials["password"], credentials.get("code"))
    except accounts.LoginRefused as refused:
        if refused.reason == "password":
            abort(401, message=refused.message)
        abort(403 if refused.reason == "setup" else 401, errors={"code": [refused.message]})
    auth.start_session(account)
    return {"id": account.id, "organization_id": account.organization_id, "role": account.role}


@blp.route("/session", methods=["DELETE"])
@blp.response(204)
@login_required
def log_out():
    """End the session, and every other session of this account."""
    auth.end_every_session()
