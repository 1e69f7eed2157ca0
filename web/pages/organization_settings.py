"""The admin's page for the organisation's contact details: how people reach a human, shown on every
public page, private link and message. Coordinators who are not admins get 404, as for the log."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.datastructures import MultiDict

from matching.domain import commands
from matching.domain.errors import Invalid
from matching.domain.organization import CONTACT_FIELDS, Role
from matching.services.queries import organization_pages
from web.context import bus, org_id, user_id

blp = Blueprint("org_settings", __name__, url_prefix="/werkplek/organisatie")

DUTCH_ERRORS = {"phone": "Gebruik hoogstens 30 tekens voor het telefoonnummer.",
                "email": "Dit e-mailadres klopt niet. Kijk of er een @ in staat.",
                "address": "Gebruik hoogstens 200 tekens voor het adres.",
                "opening_hours": "Gebruik hoogstens 200 tekens voor de tijden."}


@blp.before_request
@login_required
def admins_only():
    if current_user.role != Role.ADMIN:
        abort(404)


@blp.route("", methods=["GET", "POST"])
def contact():
    organization = organization_pages.own(bus(), org_id())
    errors: dict[str, str] = {}
    if request.method == "POST":
        wanted = {name: request.form.get(name, "") for name in CONTACT_FIELDS}
        try:
            bus().handle(commands.ChangeOrganizationContact(org_id(), user_id(), wanted))
        except Invalid as error:
            errors = {error.field: DUTCH_ERRORS.get(error.field, "Dit klopt nog niet.")}
        else:
            flash("De contactgegevens zijn opgeslagen. Ze staan nu op elke openbare pagina.", "ok")
            return redirect(url_for("org_settings.contact"), code=303)
    values = request.form if errors else MultiDict({k: v or "" for k, v in organization["contact"].items()})
    return render_template("workspace/organization.html", organization=organization, values=values,
                           errors=errors), 422 if errors else 200
