"""Activities (CONTRACT section 10). Routing only: coordinators manage their organisation's activities;
anyone reads an organisation's open ones (no personal data); the person behind a private link sees
theirs and joins or leaves one."""
from __future__ import annotations

from flask_login import current_user
from flask_smorest import abort

from matching.domain import commands
from matching.domain.errors import Invalid
from matching.schemas import ActivityIn, ActivityPatch
from matching.scoring.postcodes import UnknownPostcode
from matching.services.queries import activity_pages
from web import schemas, schemas_activities as s
from web.api.blueprint import Blueprint
from web.api.public import _bearer_token
from web.context import bus, org_id, user_id
from web.schemas_contact import PageQuery

blp = Blueprint("activity_api", __name__, url_prefix="/api/v1", description="Coordinators: activities")
public = Blueprint("activity_public_api", __name__, url_prefix="/api/v1", description="Public: activities")


@blp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401, message="Log in first.")


@blp.route("/activities", methods=["POST"])
@blp.arguments(ActivityIn)
@blp.response(201, schemas.Created)
def create_activity(fields):
    """Add an activity; waiting people near it see it at once."""
    return bus().handle(commands.CreateActivity(org_id(), fields, user_id()))


@blp.route("/activities", methods=["GET"])
@blp.arguments(PageQuery, location="query")
@blp.response(200, s.CoordinatorActivities)
def list_activities(query):
    """Every activity of the organisation with how many joined, open ones first."""
    return activity_pages.page_of(activity_pages.rows(bus(), org_id()), query["page"], query["per_page"])


@blp.route("/activities/<string:activity_id>", methods=["GET"])
@blp.response(200, s.ActivityDetailOut)
def get_activity(activity_id):
    """One activity with who joined (first name and how to reach them)."""
    return activity_pages.detail(bus(), org_id(), activity_id, user_id())


@blp.route("/activities/<string:activity_id>", methods=["PATCH"])
@blp.arguments(ActivityPatch)
@blp.response(200, schemas.Created)
def change_activity(fields, activity_id):
    status = bus().handle(commands.ChangeActivity(org_id(), activity_id, fields, user_id()))
    return {"id": activity_id, "status": status}


@blp.route("/activities/<string:activity_id>", methods=["DELETE"])
@blp.response(204)
def close_activity(activity_id):
    """Close it: nobody new sees or joins it."""
    bus().handle(commands.CloseActivity(org_id(), activity_id, user_id()))


@public.route("/organizations/<string:org>/activities", methods=["GET"])
@public.arguments(s.PublicActivitiesQuery, location="query")
@public.response(200, s.PublicActivities)
def organization_activities(query, org):
    """The organisation's open activities (and, with the regional network, its partners'), nearest first
    when a postcode is given; `interests` keeps those sharing one. No personal data."""
    try:
        postcode = activity_pages.valid_postcode(query.get("postcode"))
    except UnknownPostcode:
        raise Invalid("postcode", "Unknown Dutch postcode (use 1234 AB or 1234).") from None
    found = activity_pages.public_list(bus(), org, postcode, query.get("interests") or ())
    return activity_pages.page_of(found["items"], query["page"], query["per_page"])


@public.route("/requests/self/activities", methods=["GET"])
@public.arguments(s.LinkActivitiesQuery, location="query")
@public.response(200, s.OwnActivities)
def own_activities(query):
    """Open activities within the person's maximum distance that share a week slot, best first."""
    return activity_pages.for_link(bus(), _bearer_token(), query["limit"])


@public.route("/requests/self/activities/<string:activity_id>", methods=["POST"])
@public.arguments(s.JoinIn)
@public.response(201, s.Joined)
def join_activity(body, activity_id):
    """Join: the host learns the first name and the email (or phone), only when `share_contact` is true
    (422 otherwise); 409 when the activity is full or closed."""
    return bus().handle(commands.JoinActivity(_bearer_token(), activity_id, body["share_contact"]))


@public.route("/requests/self/activities/<string:activity_id>", methods=["DELETE"])
@public.response(204)
def leave_activity(activity_id):
    bus().handle(commands.LeaveActivity(_bearer_token(), activity_id))
