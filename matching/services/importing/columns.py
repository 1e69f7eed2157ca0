"""Recognising columns by their (Dutch or English) headers; the coordinator can correct the guess."""
from __future__ import annotations

import re
import unicodedata

from matching.domain.import_job import ImportKind

# target field -> header words that mean it (compared without accents, case, spaces and punctuation)
SYNONYMS = {
    "first_name": ["voornaam", "roepnaam", "first name", "firstname", "given name", "naam", "name"],
    "last_name": ["achternaam", "familienaam", "last name", "lastname", "surname"],
    "email": ["e-mail", "email", "e-mailadres", "emailadres", "mail", "email address"],
    "phone": ["telefoon", "telefoonnummer", "tel", "mobiel", "gsm", "phone", "phone number", "mobile"],
    "postcode": ["postcode", "post code", "zip", "zipcode", "postal code", "pc"],
    "interests": ["interesses", "interesse", "hobby", "hobbys", "activiteiten", "interests", "wat doe je graag"],
    "availability": ["beschikbaarheid", "beschikbaar", "tijd", "wanneer", "availability", "available"],
    "kind": ["soort", "zoekt", "type", "kind", "vraag"],
    "kinds": ["rol", "wil", "kinds"],
    "capacity": ["aantal", "capaciteit", "hoeveel", "capacity", "max maatjes"],
    "gender": ["geslacht", "gender", "m v"],
    "languages": ["talen", "taal", "languages", "language"],
    "birth_year": ["geboortejaar", "birth year", "jaar"],
    "max_distance_km": ["afstand", "max afstand", "km", "distance"],
    "about": ["opmerkingen", "opmerking", "toelichting", "notes", "about"],
    "motivation": ["motivatie", "motivation"],
    "status": ["status"],
    "vog_date": ["vog", "vog datum", "datum vog", "vog date"],
    "signed_up": ["aangemeld op", "aanmelddatum", "datum aanmelding", "ingeschreven", "signup date", "signed up", "datum"],
    "request_contact": ["deelnemer", "deelnemer email", "deelnemer e-mail", "participant", "participant email"],
    "volunteer_contact": ["vrijwilliger", "vrijwilliger email", "vrijwilliger e-mail", "maatje email", "volunteer",
                          "volunteer email"],
    "started_on": ["start", "startdatum", "begonnen", "sinds", "start date", "started"],
}
FIELDS = {
    ImportKind.VOLUNTEERS: ["first_name", "last_name", "email", "phone", "postcode", "interests", "availability", "kinds",
                   "capacity", "gender", "languages", "birth_year", "max_distance_km", "motivation", "status", "vog_date"],
    ImportKind.REQUESTS: ["first_name", "email", "phone", "postcode", "interests", "availability", "kind", "gender",
                 "languages", "birth_year", "max_distance_km", "about", "signed_up"],
    ImportKind.MATCHES: ["request_contact", "volunteer_contact", "started_on"],
}


def normalise(text: str) -> str:
    """Lowercase, no accents, letters and digits only, single spaces."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def guess_mapping(headers: list[str], kind: str) -> dict[str, str | None]:
    """For each header, the field it most likely holds (None: ignore). Exact synonyms win over partial ones."""
    wanted = FIELDS[kind]
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for exact in (True, False):
        for header in headers:
            if mapping.get(header):
                continue
            words = normalise(header)
            for field in wanted:
                if field in taken:
                    continue
                if any(words == normalise(s) if exact else normalise(s) in words.split() or words.startswith(normalise(s))
                       for s in SYNONYMS[field]):
                    mapping[header], _ = field, taken.add(field)
                    break
            else:
                mapping.setdefault(header, None)
    return mapping
