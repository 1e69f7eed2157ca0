"""Importing a spreadsheet from the workspace: upload, fix the column mapping, watch it run, read the report."""
from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_required

from matching.domain import commands
from matching.domain.errors import Conflict
from matching.domain.import_job import ImportKind
from matching.services.queries import import_page
from matching.services.importing.columns import FIELDS
from matching.services.importing.reader import UnreadableFile
from matching.services.importing.service import OUTCOME_WORDS
from web.context import bus, org_id, user_id

blp = Blueprint("imports", __name__, url_prefix="/werkplek/importeren")
KIND_LABELS = {ImportKind.VOLUNTEERS: "Vrijwilligers", ImportKind.REQUESTS: "Wachtlijst (deelnemers)",
               ImportKind.MATCHES: "Lopende koppelingen"}
FIELD_LABELS = {
    "first_name": "Voornaam", "last_name": "Achternaam", "email": "E-mailadres", "phone": "Telefoon",
    "postcode": "Postcode", "interests": "Interesses", "availability": "Beschikbaarheid", "kind": "Zoekt (maatje of plaats)",
    "kinds": "Wil (maatje, begeleider)", "capacity": "Aantal deelnemers", "gender": "Geslacht", "languages": "Talen",
    "birth_year": "Geboortejaar", "max_distance_km": "Afstand (km)", "about": "Opmerkingen", "motivation": "Motivatie",
    "status": "Status", "vog_date": "VOG-datum", "signed_up": "Aangemeld op", "request_contact": "Deelnemer (e-mail of telefoon)",
    "volunteer_contact": "Vrijwilliger (e-mail of telefoon)", "started_on": "Startdatum",
}
MAX_UPLOAD = 10 * 1024 * 1024


@blp.before_request
@login_required
def require_login():
    """Coordinators only."""


@blp.route("/", methods=["GET", "POST"])
def upload():
    error = None
    if request.method == "POST":
        file, kind = request.files.get("bestand"), request.form.get("soort")
        if kind not in FIELDS:
            error = "Kies wat je wilt importeren."
        elif not file or not file.filename:
            error = "Kies een bestand (.csv of .xlsx)."
        else:
            content = file.read(MAX_UPLOAD + 1)
            if len(content) > MAX_UPLOAD:
                error = "Dit bestand is groter dan 10 MB. Splits het in delen."
            else:
                try:
                    job_id = bus().handle(commands.UploadImport(org_id(), kind, file.filename, content, user_id()))
                    return redirect(url_for("imports.show", import_id=job_id), code=303)
                except UnreadableFile as unreadable:
                    error = str(unreadable)
    return render_template("workspace/import_upload.html", kinds=KIND_LABELS, error=error), 422 if error else 200


@blp.get("/<import_id>")
def show(import_id: str):
    job = import_page.job(bus(), org_id(), import_id)
    fields = [("", "Niet gebruiken")] + [(f, FIELD_LABELS[f]) for f in FIELDS[job["kind"]]]
    return render_template("workspace/import_job.html", job=job, fields=fields, words=OUTCOME_WORDS,
                           kind_label=KIND_LABELS[job["kind"]])


@blp.post("/<import_id>")
def start(import_id: str):
    """Save the corrected mapping; "Controleer" shows the preview again, "Importeer" starts the worker."""
    job = import_page.job(bus(), org_id(), import_id, preview=False)
    mapping = {header: request.form.get(f"kolom-{i}") or None for i, header in enumerate(job["headers"])}
    try:
        if request.form.get("actie") == "controleer":
            bus().handle(commands.SetImportMapping(org_id(), import_id, mapping, user_id()))
        else:
            bus().handle(commands.StartImport(org_id(), import_id, mapping, user_id()))
    except Conflict:
        flash("Deze import is al gestart.", "error")
    return redirect(url_for("imports.show", import_id=import_id), code=303)


@blp.get("/<import_id>/stand")
def progress(import_id: str):
    """For the page's progress bar (progressive enhancement)."""
    job = import_page.job(bus(), org_id(), import_id, preview=False)
    return jsonify({"status": job["status"], "done": job["done"], "total": job["total"]})
