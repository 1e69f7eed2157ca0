"""Consent records: for what purpose, which text the person agreed to, when and how, and when it
was withdrawn. A record holds ids only, so it outlives the erasure of the person it is about:
it proves later that data was used with consent and erased after withdrawal."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from matching.domain.base import Aggregate, new_id, utcnow

CURRENT_VERSION = "2026-11"
IMPORTED = "import"  # the organisation gathered this consent itself, before Koppel
PURPOSE = "matching"
PURPOSES = {
    PURPOSE: "Je gegevens gebruiken om je te koppelen aan een maatje, een vrijwilliger of een "
             "werkervaringsplaats, en je daarover te berichten.",
}
# The texts behind each version, as the forms showed them (the person's export names the version).
TEXTS = {
    "2026-11": "Wat we bewaren: wat je in het formulier invult, geen diagnose, geen BSN. Waarom: om een "
               "passend maatje, een vrijwilliger of een werkervaringsplaats te zoeken. Wie het ziet: alleen de "
               "coördinator van de organisatie; pas als jullie allebei ja zeggen tegen een koppeling, krijgt de "
               "ander je voornaam en hoe je te bereiken bent. Hoe lang: zolang we zoeken of je gekoppeld bent, "
               "en daarna nog hoogstens 12 maanden. Je kunt alles op elk moment zelf laten verwijderen met je "
               "persoonlijke link.",
    IMPORTED: "Toestemming gevraagd door de organisatie zelf, vóór Koppel; overgenomen bij het importeren.",
}


class Channel(StrEnum):
    """How consent was given or withdrawn."""

    FORM = "form"  # a public form
    API = "api"
    IMPORT = "import"  # gathered by the organisation before Koppel, brought in by a spreadsheet
    LINK = "link"  # the person's private link
    RETENTION = "retention"  # ended by the retention period
    REFERRAL = "referral"  # a professional referred the person (their form, or a coordinator entering it), who agreed
    TRANSFER = "transfer"  # the coordinator asked the person before handing them to a partner organisation
    PHONE = "phone"  # a coordinator entered the request during a phone call
    IN_PERSON = "in_person"  # a coordinator entered it while the person was there (walk-in)


ON_BEHALF = (Channel.PHONE, Channel.IN_PERSON, Channel.REFERRAL)  # a coordinator enters it for the person


class Consent(Aggregate):
    id: str
    organization_id: str
    subject_type: str  # "request" or "volunteer"
    subject_id: str
    purpose: str
    text_version: str
    given_via: Channel
    given_at: datetime
    withdrawn_at: datetime | None
    withdrawn_via: Channel | None

    def __init__(self, organization_id: str, subject_type: str, subject_id: str, version: str, via: str,
                 given_at: datetime | None = None, purpose: str = PURPOSE):
        self.id = new_id()
        self.organization_id = organization_id
        self.subject_type = subject_type
        self.subject_id = subject_id
        self.purpose = purpose
        self.text_version = version
        self.given_via = Channel(via)
        self.given_at = given_at or utcnow()
        self.withdrawn_at = None
        self.withdrawn_via = None

    @classmethod
    def for_person(cls, subject_type: str, person, version: str, via: str) -> "Consent":
        return cls(person.organization_id, subject_type, person.id, version, via, person.consent_at)

    def withdraw(self, via: str, now: datetime | None = None) -> None:
        """Withdrawn through the private link (or ended by the retention period); kept once only."""
        if self.withdrawn_at is None:
            self.withdrawn_at = now or utcnow()
            self.withdrawn_via = Channel(via)

    def as_dict(self) -> dict:
        return {"purpose": self.purpose, "purpose_text": PURPOSES.get(self.purpose, self.purpose),
                "text_version": self.text_version, "text": TEXTS.get(self.text_version),
                "given_at": self.given_at, "given_via": self.given_via,
                "withdrawn_at": self.withdrawn_at, "withdrawn_via": self.withdrawn_via}
