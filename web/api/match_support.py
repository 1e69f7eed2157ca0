"""Coordinator API for following a match: one match with its health and check-ins. Routing only;
scoped to the coordinator's organisation (404 for anyone else's)."""
from __future__ import annotations

from flask import Response
from flask_login import current_user
from flask_smorest import abort

from matching.services import certificates
from matching.services.queries import match_detail
from web import schemas_pulse as s
from web.api.blueprint import Blueprint
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


@blp.route("/matches/<string:match_id>/certificate.pdf", methods=["GET"])
@blp.doc(responses={"200": {"description": "the bewijs van werkervaring",
                            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}})
def certificate(match_id):
    """The bewijs van werkervaring of an active or ended placement match (PDF); 409 while only proposed."""
    pdf = certificates.for_coordinator(bus(), org_id(), match_id, user_id())
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": 'attachment; filename="bewijs-van-werkervaring.pdf"'})
