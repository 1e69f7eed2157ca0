"""Coordinator API for following a match: one match with its health and check-ins. Routing only;
scoped to the coordinator's organisation (404 for anyone else's)."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint, abort

from matching.services.queries import match_detail
from web import schemas_pulse as s
from web.context import bus, org_id, user_id

blp = Blueprint("match_api", __name__, url_prefix="/api/v1", description="Coordinators: a match's health")


@blp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401, message="Log in first.")


@blp.route("/matches/<string:match_id>", methods=["GET"])
@blp.response(200, s.MatchDetail)
def get_match(match_id):
    """The match with `health` (too_early, on_track, needs_check_in), `health_reasons` in Dutch, and its pulses."""
    return match_detail.detail(bus(), org_id(), match_id, user_id())
