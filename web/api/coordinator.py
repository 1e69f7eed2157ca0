"""Coordinator API: every call is scoped to the logged-in coordinator's organisation."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import abort

from matching.domain import commands
from matching.services.queries import (dashboard_page, match_list, message_list, placement_list, request_detail,
                                       volunteer_list, waiting_list)
from web import schemas, schemas_lists, schemas_out, schemas_pulse
from web.api.blueprint import Blueprint
from web.schemas_lists import list_query, paged
from web.context import bus, org_id, user_id

blp = Blueprint("coordinator_api", __name__, url_prefix="/api/v1", description="Coordinators")


@blp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401, message="Log in first.")


@blp.route("/requests", methods=["GET"])
@blp.arguments(schemas_lists.RequestListArgs, location="query")
@blp.response(200, paged(schemas_out.RequestSummary))
def list_requests(query):
    """The requests (`status=waiting`: the waiting list), longest waiting first; searched and filtered."""
    return waiting_list.page(bus(), org_id(), list_query(query, user_id()))


@blp.route("/requests/<string:request_id>", methods=["GET"])
@blp.response(200, schemas_out.RequestDetail)
def get_request(request_id):
    return request_detail.request(bus(), org_id(), request_id, user_id())


@blp.route("/requests/<string:request_id>/candidates", methods=["GET"])
@blp.arguments(schemas.LimitQuery, location="query")
@blp.response(200, schemas_out.Candidates)
def candidates(query, request_id):
    """Stored suggestions, best first; `pending` while the workers have not scored the request yet."""
    return request_detail.candidates(bus(), org_id(), request_id, query["limit"])


@blp.route("/volunteers", methods=["GET"])
@blp.arguments(schemas_lists.VolunteerListArgs, location="query")
@blp.response(200, paged(schemas_out.VolunteerSummary))
def list_volunteers(query):
    """The volunteers, first signed up first; searched and filtered."""
    return volunteer_list.page(bus(), org_id(), list_query(query, user_id()))


@blp.route("/volunteers/<string:volunteer_id>/activate", methods=["POST"])
@blp.arguments(schemas.ActivateIn)
@blp.response(200, schemas.Created)
def activate_volunteer(body, volunteer_id):
    """Activate after the kennismakingsgesprek and a checked VOG."""
    status = bus().handle(commands.ActivateVolunteer(org_id(), volunteer_id, body["vog_checked"], user_id()))
    return {"id": volunteer_id, "status": status}


@blp.route("/volunteers/<string:volunteer_id>/pause", methods=["POST"])
@blp.arguments(schemas.NoBody, required=False)
@blp.response(200, schemas.Created)
def pause_volunteer(_, volunteer_id):
    return {"id": volunteer_id, "status": bus().handle(commands.PauseVolunteer(org_id(), volunteer_id, user_id()))}


@blp.route("/volunteers/<string:volunteer_id>/stop", methods=["POST"])
@blp.arguments(schemas.NoBody, required=False)
@blp.response(200, schemas.Created)
def stop_volunteer(_, volunteer_id):
    return {"id": volunteer_id, "status": bus().handle(commands.StopVolunteer(org_id(), volunteer_id, user_id()))}


@blp.route("/placements", methods=["GET"])
@blp.response(200, schemas_out.items_of(schemas_out.PlacementOut))
def list_placements():
    return {"items": placement_list.rows(bus(), org_id())}


@blp.route("/placements", methods=["POST"])
@blp.arguments(schemas.PlacementIn)
@blp.response(201, schemas.Created)
def create_placement(fields):
    return bus().handle(commands.CreatePlacement(org_id(), fields, user_id()))


@blp.route("/placements/<string:placement_id>", methods=["PATCH"])
@blp.arguments(schemas.PlacementPatch)
@blp.response(200, schemas.Created)
def change_placement(fields, placement_id):
    """Edit a placement (any of its fields); waiting requests are scored anew."""
    status = bus().handle(commands.ChangePlacement(org_id(), placement_id, fields, user_id()))
    return {"id": placement_id, "status": status}


@blp.route("/matches", methods=["GET"])
@blp.arguments(schemas_lists.MatchListArgs, location="query")
@blp.response(200, paged(schemas_lists.MatchListItem))
def list_matches(query):
    """Matches with both names, newest first; `health=needs_check_in` gives the running ones that need a call."""
    return match_list.page(bus(), org_id(), list_query(query, user_id()))


@blp.route("/matches", methods=["POST"])
@blp.arguments(schemas.MatchIn)
@blp.response(201, schemas.Created)
def propose_match(body):
    """Propose a pairing; 409 when the request is not waiting or the offer has no free place."""
    offer = body["offer"]
    return bus().handle(commands.ProposeMatch(org_id(), body["request_id"], offer["type"], offer["id"], user_id()))


@blp.route("/matches/<string:match_id>/confirm", methods=["POST"])
@blp.arguments(schemas.NoBody, required=False)
@blp.response(200, schemas.Created)
def confirm_match(_, match_id):
    """Confirm: both sides get an introduction with each other's contact details."""
    return {"id": match_id, "status": bus().handle(commands.ConfirmMatch(org_id(), match_id, user_id()))}


@blp.route("/matches/<string:match_id>/decline", methods=["POST"])
@blp.arguments(schemas.ReasonIn)
@blp.response(200, schemas.Created)
def decline_match(body, match_id):
    status = bus().handle(commands.DeclineMatch(org_id(), match_id, body["reason"], user_id()))
    return {"id": match_id, "status": status}


@blp.route("/matches/<string:match_id>/end", methods=["POST"])
@blp.arguments(schemas_pulse.EndIn)
@blp.response(200, schemas.Created)
def end_match(body, match_id):
    """End with a reason, who started the ending, a note and whether there was a goodbye meeting."""
    return {"id": match_id, "status": bus().handle(commands.EndMatch(org_id(), match_id, by_user=user_id(), **body))}


@blp.route("/matches/<string:match_id>/undo", methods=["POST"])
@blp.arguments(schemas.NoBody, required=False)
@blp.response(200, schemas.Created)
def undo_match_step(_, match_id):
    """Take back an ending or a decline of the last day; 409 later, or when something happened since."""
    return {"id": match_id, "status": bus().handle(commands.UndoMatchStep(org_id(), match_id, user_id()))}


@blp.route("/messages", methods=["GET"])
@blp.arguments(schemas_lists.MessageListArgs, location="query")
@blp.response(200, paged(schemas_out.MessageOut))
def list_messages(query):
    """The messages, newest first; searched (recipient, subject) and filtered."""
    return message_list.page(bus(), org_id(), list_query(query, user_id()))


@blp.route("/stats", methods=["GET"])
@blp.response(200, schemas_out.Stats)
def get_stats():
    return dashboard_page.stats(bus(), org_id())
