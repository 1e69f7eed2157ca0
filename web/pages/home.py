"""The front door: `/` lists the organisations' public forms and the login (one organisation: straight
to its own page), and `/<org>` is an organisation's page with its three forms and contact details."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from matching.services.queries import organization_pages
from web.context import bus

blp = Blueprint("home", __name__)


@blp.get("/")
def index():
    organizations = organization_pages.every_public_face(bus())
    if len(organizations) == 1:
        return redirect(url_for("home.organization", org=organizations[0]["slug"]))
    return render_template("public/home.html", organizations=organizations)


@blp.get("/<org>")
def organization(org: str):
    return render_template("public/org_home.html", org=organization_pages.public_face(bus(), org))
