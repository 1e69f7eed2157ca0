"""Referrals and the regional network (CONTRACT section 11): routing only."""
from __future__ import annotations

from flask import request
from flask_login import current_user
from flask_smorest import abort

from matching.domain import commands
from matching.domain.errors import NotFound
from matching.services.queries import elsewhere, referral_status
from web import schemas_network as schemas
from web.api.blueprint import Blueprint
from web.context import bus, org_id, user_id
from web.security import public_posts

public = Blueprint("referral_api", __name__, url_prefix="/api/v1", description="Public: referrals by professionals")
blp = Blueprint("network_api", __name__, url_prefix="/api/v1", description="Coordinators: the regional network")


@public.route("/organizations/<string:org>/referrals", methods=["POST"])
@public_posts()
@public.arguments(schemas.ReferralIn)
@public.response(201, schemas.ReferralCreated)
def refer(body, org):
    """A professional refers someone who agreed; `share_status` lets the referrer follow a status."""
    return bus().handle(commands.ReferPerson(org, body["person"], body["referrer"], body["share_status"]))


@public.route("/referrals/self", methods=["GET"])
@public.response(200, schemas.ReferralStatusOut)
def referral_self():
    """The status behind a referrer's link (Authorization: Bearer <referrer_token>); 404 without share_status."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer ") or not header[7:].strip():
        raise NotFound("no token")
    return referral_status.status(bus(), header[7:].strip())


@blp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401, message="Log in first.")


@blp.route("/requests/<string:request_id>/elsewhere", methods=["GET"])
@blp.response(200, schemas.ElsewhereOut)
def elsewhere_counts(request_id):
    """Per partner organisation, how many of its offers pass every hard rule for this request (counts only)."""
    return elsewhere.counts(bus(), org_id(), request_id)


@blp.route("/requests/<string:request_id>/transfer", methods=["POST"])
@blp.arguments(schemas.TransferIn)
@blp.response(200, schemas.TransferOut)
def transfer(body, request_id):
    """Hand a waiting request to a partner, with the person's consent (404 outside the network)."""
    return bus().handle(commands.TransferRequest(org_id(), request_id, body["to"], body["person_consent"], user_id()))
