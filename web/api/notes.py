"""Coordinator API for reaching people: notes about a person, the call list, a new private link.
Routing only; every call is scoped to the coordinator's organisation (404 for anyone else's)."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import abort

from matching.domain import commands
from matching.services import calls
from web import schemas, schemas_contact as s
from web.api.blueprint import Blueprint
from web.context import bus, org_id, user_id

blp = Blueprint("contact_api", __name__, url_prefix="/api/v1", description="Coordinators: notes, calls, links")


@blp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401, message="Log in first.")


@blp.route("/requests/<string:request_id>/notes", methods=["POST"])
@blp.arguments(s.NoteIn)
@blp.response(201, s.NoteOut)
def note_on_request(body, request_id):
    """A note about a request; a `call` note clears the call tasks raised before it."""
    return bus().handle(commands.WriteNote(org_id(), "request", request_id, body["kind"], body["text"], user_id()))


@blp.route("/volunteers/<string:volunteer_id>/notes", methods=["POST"])
@blp.arguments(s.NoteIn)
@blp.response(201, s.NoteOut)
def note_on_volunteer(body, volunteer_id):
    return bus().handle(commands.WriteNote(org_id(), "volunteer", volunteer_id, body["kind"], body["text"], user_id()))


@blp.route("/calls", methods=["GET"])
@blp.arguments(s.PageQuery, location="query")
@blp.response(200, s.CallsOut)
def open_calls(query):
    """What people without email must still be told, newest first: cleared by a `call` note."""
    return calls.open_calls(bus(), org_id(), user_id(), query["page"], query["per_page"])


@blp.route("/requests/<string:request_id>/new-link", methods=["POST"])
@blp.arguments(schemas.NoBody, required=False)
@blp.response(200, s.NewLinkOut)
def new_link_for_request(_, request_id):
    """A new private link; the old one stops working at once."""
    return bus().handle(commands.IssueNewLink(org_id(), "request", request_id, "api", user_id()))


@blp.route("/volunteers/<string:volunteer_id>/new-link", methods=["POST"])
@blp.arguments(schemas.NoBody, required=False)
@blp.response(200, s.NewLinkOut)
def new_link_for_volunteer(_, volunteer_id):
    return bus().handle(commands.IssueNewLink(org_id(), "volunteer", volunteer_id, "api", user_id()))
