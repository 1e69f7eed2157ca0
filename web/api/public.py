"""Public API: anyone may ask for a maatje or sign up; a private token opens one's own data."""
from __future__ import annotations

from flask import request

from matching import vocabulary
from matching.domain import commands
from matching.domain.consent import Channel
from matching.domain.errors import NotFound
from matching.services import exports
from matching.services.queries import own_link
from web import schemas, schemas_activities, schemas_out
from web.api.blueprint import Blueprint
from web.context import bus
from web.security import public_posts

blp = Blueprint("public_api", __name__, url_prefix="/api/v1", description="Public: forms and private links")


def _bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer ") or not header[7:].strip():
        raise NotFound("no token")
    return header[7:].strip()


@blp.route("/organizations/<string:org>/requests", methods=["POST"])
@public_posts()
@blp.arguments(schemas.RequestIn)
@blp.response(201, schemas.RequestCreated)
def submit_request(fields, org):
    """Ask for a maatje or a werkervaringsplaats."""
    return bus().handle(commands.SubmitRequest(org, fields, via=Channel.API))


@blp.route("/organizations/<string:org>/volunteers", methods=["POST"])
@public_posts()
@blp.arguments(schemas.VolunteerIn)
@blp.response(201, schemas.Created)
def apply_as_volunteer(fields, org):
    """Sign up as a volunteer (status "applied" until a coordinator activates)."""
    return bus().handle(commands.ApplyAsVolunteer(org, fields, via=Channel.API))


@blp.route("/requests/self", methods=["GET"])
@blp.response(200, schemas_activities.OwnRequestDetail)
def own_request():
    """The request behind a private link (Authorization: Bearer <manage_token>)."""
    return own_link.request(bus(), _bearer_token())


@blp.route("/requests/self", methods=["PATCH"])
@blp.arguments(schemas.ContactIn)
@blp.response(200, schemas_out.RequestDetail)
def change_own_request(changes):
    """Change one's `email` and/or `phone`, checked as at sign-up (`null` or "" clears one; one of
    the two must stay)."""
    token = _bearer_token()
    own_link.request(bus(), token)  # 404 for a link that is not a request's
    bus().handle(commands.ChangeOwnContact(token, changes))
    return own_link.request(bus(), token)


@blp.route("/requests/self/pause", methods=["POST"])
@blp.response(200, schemas_out.RequestDetail)
def pause_own_request():
    """Take a break: not suggested, not proposed, still on the waiting list (409 unless waiting)."""
    bus().handle(commands.PauseOwnRequest(_bearer_token()))
    return own_link.request(bus(), _bearer_token())


@blp.route("/requests/self/resume", methods=["POST"])
@blp.response(200, schemas_out.RequestDetail)
def resume_own_request():
    """End the break: the request is scored again (409 when it is not paused)."""
    bus().handle(commands.ResumeOwnRequest(_bearer_token()))
    return own_link.request(bus(), _bearer_token())


@blp.route("/requests/self/export", methods=["GET"])
@blp.response(200, schemas_out.RequestExport)
def export_own_request():
    """Everything Koppel holds about the person behind the private link: the request, consents,
    matches, messages, the coordinator's notes, and every view of their data by whom."""
    everything = exports.own_export(bus(), _bearer_token())
    if everything["role"] != "request":
        raise NotFound("no such request")
    return {**everything["data"], **{key: everything[key] for key in ("consents", "matches", "messages", "notes", "pulses", "access_log", "activities")}}


@blp.route("/requests/self", methods=["DELETE"])
@blp.response(204)
def withdraw_own_request():
    """Withdraw and erase: personal data is gone at once."""
    bus().handle(commands.WithdrawRequest(_bearer_token(), via=Channel.API))


@blp.route("/vocabulary", methods=["GET"])
@blp.response(200, schemas_out.Vocabulary)
def get_vocabulary():
    """Kinds, interests, week slots, languages and genders, with Dutch (or English) labels."""
    lang = "en" if (request.accept_languages.best_match(["nl", "en"]) == "en") else "nl"
    return vocabulary.as_lists(lang)
