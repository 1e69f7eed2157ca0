"""Referring someone (for professionals, no account) and the referrer's status page. Routing only:
the form is checked by the API's schema, stored by the ReferPerson command."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from matching.domain import commands
from matching.domain.referral import ROLE_LABELS
from matching.services.queries import organization_pages, referral_status
from web import forms, handover
from web.context import bus
from web.errors import flatten
from web.pages.public import _options, COMMON_LANGUAGES
from web.schemas_network import ReferralIn
from matching import vocabulary as vocab
from web.security import public_posts

blp = Blueprint("referral", __name__)

REFERRER = ("name", "organization", "role", "email", "phone")
MESSAGES = {
    "referrer_name": "Vul uw naam in.", "referrer_organization": "Vul de naam van uw organisatie in.",
    "referrer_role": "Kies wat voor verwijzer u bent.",
    "referrer_email": "Vul uw e-mailadres of telefoonnummer in (een geldig adres of nummer).",
    "referrer_phone": "Dit telefoonnummer klopt niet. Gebruik cijfers, bijvoorbeeld 030 123 45 67.",
    "kind": "Kies: een maatje of een werkervaringsplaats.", "first_name": "Vul de voornaam van de persoon in.",
    "person_consent": "Verwijs alleen als de persoon het goed vindt. Vink dat aan.",
    "email": "Vul het e-mailadres of het telefoonnummer van de persoon in (een geldig adres of nummer).",
    "phone": "Dit telefoonnummer klopt niet. Gebruik cijfers, bijvoorbeeld 06 12345678.",
    "postcode": "Deze postcode kennen we niet. Vul de postcode in zoals 1234 AB.",
    "interests": "Kies minstens één ding dat de persoon graag doet.",
    "availability": "Kies minstens één moment waarop de persoon tijd heeft.",
    "about": "Schrijf hier maximaal 1000 tekens.",
}


def referral_body(form: MultiDict) -> dict:
    """The API body the form stands for (empty fields left out, as an API client would)."""
    referrer = {name: form.get(f"referrer_{name}", "").strip() for name in REFERRER}
    referrer = {k: v for k, v in referrer.items() if v or k in ("name", "organization", "role")}
    kind = form.get("kind") or ""
    person = forms.request_body(form, kind if kind in vocab.KINDS else "maatje")
    person.pop("consent")
    if kind not in vocab.KINDS:
        person["kind"] = kind
    return {"referrer": referrer, "person": person, "person_consent": form.get("person_consent") == "ja",
            "share_status": form.get("share_status") == "ja"}


def _errors(error: ValidationError, body: dict) -> dict[str, str]:
    """One plain Dutch sentence per invalid field, keyed by the form field's name."""
    out = {}
    for field in flatten(error.messages):
        parts = field.split(".")
        name = f"referrer_{parts[1]}" if parts[0] == "referrer" and len(parts) > 1 else parts[-1]
        out[name] = MESSAGES.get(name, "Kies een van de mogelijkheden.")
    return out


def _context(org: dict, values: MultiDict, errors: dict) -> dict:
    return {"org": org, "values": values, "errors": errors,
            "role_options": [(str(role), label) for role, label in ROLE_LABELS.items()],
            "kind_options": [("maatje", "Een maatje"), ("werkervaringsplaats", "Een werkervaringsplaats")],
            "interest_options": _options(vocab.INTERESTS), "language_options": _options(vocab.LANGUAGES, COMMON_LANGUAGES),
            "days": _options(vocab.DAYS), "parts": _options(vocab.PARTS)}


@blp.route("/<org>/verwijzen", methods=["GET", "POST"])
@public_posts()
def refer(org: str):
    organization = organization_pages.public_face(bus(), org)
    if request.method == "GET":
        return render_template("public/referral_form.html", **_context(organization, MultiDict(), {}))
    if forms.is_bot(request.form):
        return redirect(url_for("referral.referred", org=org), code=303)
    body = referral_body(request.form)
    try:
        fields = ReferralIn().load(body)
    except ValidationError as error:
        return render_template("public/referral_form.html", **_context(organization, request.form, _errors(error, body))), 422
    result = bus().handle(commands.ReferPerson(org, fields["person"], fields["referrer"], fields["share_status"]))
    session["referred"] = handover.put({"token": result["referrer_token"] if fields["share_status"] else "",
                                        "emailed": bool(fields["person"].get("email"))})
    return redirect(url_for("referral.referred", org=org), code=303)


@blp.get("/<org>/verwijzen/bedankt")
def referred(org: str):
    organization = organization_pages.public_face(bus(), org)
    kept = handover.take(session.pop("referred", None)) or {}
    return render_template("public/referral_thanks.html", org=organization, kept=kept)


@blp.get("/verwijzing/<token>")
def status_page(token: str):
    """The referrer's page: a status and who to call, nothing about the person (404 when not shared)."""
    found = referral_status.status(bus(), token)
    return render_template("public/referral_status.html", found=found,
                           org={"name": found["organization"]["name"], "contact": found["organization"]})
