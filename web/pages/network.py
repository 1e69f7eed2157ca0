"""The regional network in the workspace: partners, handovers, the region's figures, and handing a
request to a partner with the person's consent. Routing only."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import login_required

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid
from matching.domain.referral import ROLE_LABELS, ReferrerRole
from matching.services.queries import elsewhere, network_page, request_detail
from web.context import bus, org_id, user_id
from web.pages import region_chart

blp = Blueprint("network_page", __name__, url_prefix="/werkplek")


@blp.before_request
@login_required
def require_login():
    """Every page here needs a logged-in coordinator."""


@blp.get("/netwerk")
def show():
    found = network_page.page(bus(), org_id())
    return render_template("workspace/network.html", n=found, chart=region_chart.chart(found["quarters"]),
                           role_labels={str(k): v for k, v in ROLE_LABELS.items()}, roles=[str(r) for r in ReferrerRole])


@blp.get("/netwerk/cijfers.csv")
def figures_csv():
    return Response(network_page.figures_csv(bus(), org_id()), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="koppel-regio.csv"'})


@blp.route("/aanvragen/<request_id>/overdragen", methods=["GET", "POST"])
def transfer(request_id: str):
    """The handover form: which partner, and the person's consent (asked first, by phone or in person)."""
    detail = request_detail.request(bus(), org_id(), request_id, user_id())
    partners = elsewhere.counts(bus(), org_id(), request_id)["items"]
    error = None
    if request.method == "POST":
        if request.form.get("person_consent") != "ja":
            error = "Vraag het de persoon eerst. Zonder toestemming dragen we niet over."
        else:
            try:
                bus().handle(commands.TransferRequest(org_id(), request_id, request.form.get("to", ""), True, user_id()))
            except (Conflict, Invalid) as problem:
                error = str(problem)
            else:
                flash("Overgedragen. De partner heeft bericht, en de persoon ook.", "ok")
                return redirect(url_for("network_page.show"), code=303)
    return render_template("workspace/transfer.html", r=detail, partners=partners, error=error,
                           chosen=request.form.get("to") or request.args.get("naar", "")), 422 if error else 200
