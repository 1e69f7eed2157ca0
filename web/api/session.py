"""Coordinator login for the API: a session cookie (Flask-Login)."""
from __future__ import annotations

from flask_login import login_required, logout_user
from flask_smorest import Blueprint

from web import auth, schemas, schemas_out
from web.security import limiter, login_limit

blp = Blueprint("session_api", __name__, url_prefix="/api/v1", description="Coordinator session")


@blp.route("/session", methods=["POST"])
@limiter.limit(login_limit)
@blp.arguments(schemas.SessionIn)
@blp.response(200, schemas_out.SessionOut)
def log_in(credentials):
    """Log in with email and password; answers 401 for a wrong pair (never says which part)."""
    user = auth.log_in(credentials["email"], credentials["password"])
    return {"id": user.id, "organization_id": user.organization_id, "role": user.role}


@blp.route("/session", methods=["DELETE"])
@blp.response(204)
@login_required
def log_out():
    """End the session."""
    logout_user()
