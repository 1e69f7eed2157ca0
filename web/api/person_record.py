"""Coordinator API for the person record: correct, assign, enter a request for someone, the timeline,
the coordinators and possible duplicates. Routing only; every call scoped to the caller's organisation."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import abort

from matching.domain import commands
from matching.services.queries import assignment, person_page
from web import schemas_contact, schemas_person as s
from web.api.blueprint import Blueprint
from web.context import bus, org_id, user_id

blp = Blueprint("person_api", __name__, url_prefix="/api/v1", description="Coordinators: the person record")


@blp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401, message="Log in first.")


@blp.route("/requests", methods=["POST"])
@blp.arguments(s.EnterRequestIn)
@blp.response(201, s.EnteredOut)
def enter_request(fields):
    """A request entered for someone (phone call, walk-in, referral); `channel` is kept on the consent."""
    channel = fields.pop("channel")
    return bus().handle(commands.EnterRequest(org_id(), fields, channel, user_id()))


@blp.route("/requests/<string:request_id>", methods=["PATCH"])
@blp.arguments(s.PatchIn)
@blp.response(200, s.PatchOut)
def change_request(changes, request_id):
    """Correct any sign-up field, checked as at sign-up; a change that matters for matching is rescored."""
    return bus().handle(commands.CorrectPerson(org_id(), "request", request_id, changes, user_id()))


@blp.route("/volunteers/<string:volunteer_id>", methods=["PATCH"])
@blp.arguments(s.PatchIn)
@blp.response(200, s.PatchOut)
def change_volunteer(changes, volunteer_id):
    return bus().handle(commands.CorrectPerson(org_id(), "volunteer", volunteer_id, changes, user_id()))


@blp.route("/requests/<string:request_id>/assign", methods=["POST"])
@blp.arguments(s.AssignIn)
@blp.response(200, s.AssignOut)
def assign_request(body, request_id):
    """Give the person to a coordinator of the organisation; `{"coordinator_id": null}` to nobody."""
    return bus().handle(commands.AssignPerson(org_id(), "request", request_id, body["coordinator_id"], user_id()))


@blp.route("/volunteers/<string:volunteer_id>/assign", methods=["POST"])
@blp.arguments(s.AssignIn)
@blp.response(200, s.AssignOut)
def assign_volunteer(body, volunteer_id):
    return bus().handle(commands.AssignPerson(org_id(), "volunteer", volunteer_id, body["coordinator_id"], user_id()))


@blp.route("/requests/<string:request_id>/timeline", methods=["GET"])
@blp.arguments(schemas_contact.PageQuery, location="query")
@blp.response(200, s.TimelineOut)
def request_timeline(query, request_id):
    """Notes and what happened (submitted, proposed, confirmed, ended, messages), newest first."""
    return person_page.timeline(bus(), org_id(), "request", request_id, user_id(), query["page"], query["per_page"])


@blp.route("/volunteers/<string:volunteer_id>/timeline", methods=["GET"])
@blp.arguments(schemas_contact.PageQuery, location="query")
@blp.response(200, s.TimelineOut)
def volunteer_timeline(query, volunteer_id):
    return person_page.timeline(bus(), org_id(), "volunteer", volunteer_id, user_id(), query["page"], query["per_page"])


@blp.route("/coordinators", methods=["GET"])
@blp.response(200, s.CoordinatorsOut)
def list_coordinators():
    """The organisation's coordinators and admins, to assign people to."""
    return {"items": assignment.coordinators(bus(), org_id())}


@blp.route("/duplicates", methods=["GET"])
@blp.response(200, s.DuplicatesOut)
def list_duplicates():
    """Possible duplicates ("mogelijk dubbel") nobody decided yet."""
    return {"items": person_page.duplicates(bus(), org_id(), user_id())}


@blp.route("/duplicates/<string:duplicate_id>", methods=["POST"])
@blp.arguments(s.ResolveIn)
@blp.response(200, s.ResolveIn)
def resolve_duplicate(body, duplicate_id):
    """`merge` (the newer record goes into the older) or `apart` (two different people)."""
    return {"resolution": bus().handle(commands.ResolveDuplicate(org_id(), duplicate_id, body["resolution"], user_id()))}
