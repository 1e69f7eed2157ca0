"""The private link's words: where someone stands, and "Dit weten we van je", every field we hold
in plain Dutch (B1) labels beside the JSON download that a person cannot read."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import format_date, lazy_gettext as _l

from matching import vocabulary as vocab

STATES = {
    ("request", "waiting"): _l("Je staat op de wachtlijst. De coördinator zoekt iemand die bij je past."),
    ("request", "paused"): _l("Je hebt even pauze."),
    ("request", "proposed"): _l("De coördinator heeft iemand voor je op het oog en neemt contact met je op."),
    ("request", "matched"): _l("Je bent gekoppeld. Fijn!"),
    ("request", "ended"): _l("Dank je wel dat je meedeed."),
    ("volunteer", "applied"): _l("Je aanmelding is binnen. De coördinator nodigt je uit voor een kennismakingsgesprek."),
    ("volunteer", "active"): _l("Je bent actief als vrijwilliger. We kunnen je koppelen."),
    ("volunteer", "paused"): _l("Je hebt een pauze ingelast. We koppelen je nu niet aan iemand nieuw."),
    ("volunteer", "paused_by_coordinator"): _l("De coördinator heeft je op pauze gezet. We koppelen je nu niet aan iemand nieuw."),
    ("volunteer", "stopped"): _l("Je bent gestopt als vrijwilliger."),
}
NOT_GIVEN = _l("niet ingevuld")
GENDER_WISH = {None: _l("Maakt me niet uit"), "vrouw": _l("Een vrouw"), "man": _l("Een man"), "anders": _l("Anders")}


def status_text(role: str, state: str) -> str:
    return str(STATES.get((role, state), ""))


def _labels(table: dict, keys: list[str] | None, lang: str) -> str:
    """Labels in the vocabulary's own order (the week from Monday), not the keys' alphabet."""
    held = set(keys or [])
    return ", ".join(vocab.label(table, key, lang) for key in table if key in held) or str(NOT_GIVEN)


def _day(moment: datetime | None) -> str:
    return format_date(moment, "d MMMM yyyy") if moment else str(NOT_GIVEN)


def _or_not_given(value: Any) -> str:
    return str(value) if value not in (None, "") else str(NOT_GIVEN)


def _distance(page: dict[str, Any]) -> str:
    distance = page.get("distance") or {"km": page["person"].get("max_distance_km"), "is_default": False}
    km = f"{distance['km']:g}"
    if distance["is_default"]:
        return str(_l("Geen eigen keuze. We zoeken tot %(km)s km van je postcode: de standaard van %(org)s.",
                      km=km, org=page["organization"]["name"]))
    return str(_l("Tot %(km)s km van je postcode", km=km))


def facts(page: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(label, value) for every field held about the person, in the order the forms ask them."""
    person, role = page["person"], page["role"]
    rows = [(_l("Voornaam"), _or_not_given(person["first_name"]))]
    if role == "volunteer":
        rows.append((_l("Achternaam"), _or_not_given(person["last_name"])))
    rows += [(_l("E-mailadres"), _or_not_given(person["email"])), (_l("Telefoonnummer"), _or_not_given(person["phone"])),
             (_l("Postcode"), _l("%(digits)s (we bewaren alleen de cijfers)", digits=person["postcode"]))]
    if role == "request":
        rows.append((_l("Wat je zoekt"), vocab.label(vocab.KINDS, person["kind"], lang)))
    else:
        rows += [(_l("Wat je wilt doen"), _labels(vocab.KINDS, person["kinds"], lang)),
                 (_l("Voor hoeveel mensen tegelijk"), str(person["capacity"]))]
    if role == "request" and person["kind"] == "werkervaringsplaats":  # work, not leisure
        rows += [(_l("Wat voor werk"), _labels(vocab.WORK_AREAS, person["work_areas"] or [], lang)),
                 (_l("Uren per week"), _or_not_given(person["hours_per_week"])),
                 (_l("Wat je wilt leren"), _or_not_given(person["goals"])),
                 (_l("Wat je helpt op het werk"), _or_not_given(person["work_support"]))]
    else:
        rows.append((_l("Wat je graag doet"), _labels(vocab.INTERESTS, person["interests"], lang)))
    rows += [(_l("Wanneer je tijd hebt"), _labels(vocab.AVAILABILITY, person["availability"], lang)),
             (_l("Hoe ver je wilt reizen"), _distance(page)),
             (_l("Talen"), _labels(vocab.LANGUAGES, person["languages"], lang)),
             (_l("Je geslacht"), vocab.label(vocab.GENDERS, person["gender"], lang) if person["gender"] else NOT_GIVEN),
             (_l("Geboortejaar"), _or_not_given(person["birth_year"]))]
    if role == "request":
        rows += [(_l("Voorkeur voor je maatje"), GENDER_WISH.get(person["preferences"]["volunteer_gender"])),
                 (_l("Wat je ons vertelde"), _or_not_given(person["about"]))]
    else:
        rows += [(_l("Voorkeur voor de deelnemer"), GENDER_WISH.get(person["preferences"]["participant_gender"])),
                 (_l("Waarom je vrijwilliger wilt worden"), _or_not_given(person["motivation"])),
                 (_l("VOG bekeken op"), _day(person["vog_checked_at"]))]
    rows += [(_l("Aangemeld op"), _day(person["created_at"])), (_l("Toestemming gegeven op"), _day(person["consent_at"]))]
    return [(str(label), str(value)) for label, value in rows]
