"""The workspace's Cijfers page: the charts and the quarter's figures. They read every request and match
of the organisation, so they have a page of their own and the waiting list (the daily work) stays fast."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

from matching.services.queries import dashboard_page
from web.context import bus, org_id
from web.pages import match_views

blp = Blueprint("figures", __name__, url_prefix="/werkplek")


@blp.before_request
@login_required
def require_login():
    """Every page here needs a logged-in coordinator."""


@blp.get("/cijfers")
def show():
    charts = dashboard_page.charts(bus(), org_id())
    return render_template("workspace/figures.html", stats=dashboard_page.stats(bus(), org_id()), charts=charts,
                           **match_views.dashboard_parts(charts["matches"]))
