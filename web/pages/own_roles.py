"""Fluid roles from the private link: a participant also signs up as a volunteer, a volunteer also asks
for a maatje or a werkervaringsplaats. What we already know is carried over; the form asks only
what is missing. Checked by the same schemas as the public forms; routing only."""
from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from marshmallow import ValidationError

from matching.domain import commands
from matching.domain.errors import Conflict
from matching.services.queries import own_link
from web import forms, schemas
from web.context import bus
from web.pages.own import _page

blp = Blueprint("own_roles", __name__, url_prefix="/mijn")
CARRIED = ("first_name", "email", "phone", "postcode", "availability", "languages", "gender", "birth_year")


def _known(token: str, role: str) -> dict:
    """The fields of the person's current record that the other role asks too."""
    page = own_link.page(bus(), token)
    if page["role"] != role:
        raise Conflict("this link belongs to the other role")
    person = page["person"]
    return {key: person[key] for key in CARRIED if person.get(key) not in (None, "", [])} | {
        "interests": person.get("interests") or []}


@blp.post("/<token>/ook-vrijwilliger")
def volunteer_too(token: str):
    """Last name, an email address when we have none, and (for someone without interests) what they like."""
    known, form = _known(token, "request"), request.form
    body = known | {"last_name": (form.get("last_name") or "").strip(), "consent": form.get("consent") == "ja",
                    "kinds": form.getlist("kinds") or ["maatje"]}
    body["email"] = known.get("email") or (form.get("new_email") or "").strip()
    body["interests"] = known["interests"] or form.getlist("interests")
    if (form.get("motivation") or "").strip():
        body["motivation"] = form["motivation"].strip()
    return _sign_up(token, schemas.VolunteerIn(), body, lambda fields: commands.SignUpAsVolunteerToo(token, fields))


@blp.post("/<token>/ook-aanvragen")
def request_too(token: str):
    """A maatje (their interests carried over) or a werkervaringsplaats (what work, how many hours)."""
    known, form = _known(token, "volunteer"), request.form
    kind = form.get("kind") if form.get("kind") in ("maatje", "werkervaringsplaats") else "maatje"
    body = forms.request_body(form, kind) | {key: value for key, value in known.items() if key != "interests"}
    if kind == "maatje":
        body["interests"] = known["interests"]
    body["consent"] = form.get("consent") == "ja"
    return _sign_up(token, schemas.RequestIn(), body, lambda fields: commands.AskForMatchToo(token, fields))


def _sign_up(token: str, schema, body: dict, command):
    try:
        fields = schema.load(body)
    except ValidationError as error:
        errors = {("new_email" if name == "email" else name): text for name, text in forms.dutch_errors(error, body).items()}
        return _page(token, errors, status=422)
    try:
        bus().handle(command(fields))
    except Conflict:
        return redirect(url_for("own.show", token=token), code=303)
    return redirect(url_for("own.show", token=token, klaar="rol"), code=303)
