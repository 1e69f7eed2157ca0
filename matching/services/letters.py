"""The printed letter for someone without email: their first name, what happens next, how to reach
the organisation, and a new private link as a short address and a QR code (plain Dutch, B1).

Only a hash of a private link is stored, so a letter cannot repeat the old one: printing issues a new
link (the old one stops working), and the coordinator's button says so."""
from __future__ import annotations

from datetime import date
from typing import Any

from matching.domain import commands
from matching.domain.errors import Conflict
from matching.domain.letter import Letter, Section
from matching.domain.people import RequestStatus, VolunteerStatus
from matching.domain.short_link import shown
from matching.services.calls import person
from matching.services.messagebus import MessageBus

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
KIND_WORDS = {"maatje": "een maatje", "werkervaringsplaats": "een werkervaringsplaats"}
NEXT = {
    ("request", RequestStatus.WAITING): ("We bellen je voor een kennismaking. Dan praten we over wat je zoekt.",
                             "Daarna zoeken we iemand die bij je past. Dat kan een tijdje duren.",
                             "Hebben we iemand gevonden? Dan bellen we je en vertellen we wie het is."),
    ("request", RequestStatus.PROPOSED): ("We hebben misschien iemand voor je gevonden.",
                              "We bellen je binnenkort om erover te praten. Jij beslist mee."),
    ("request", RequestStatus.MATCHED): ("Je bent gekoppeld. Fijn!",
                             "Na jullie eerste ontmoeting vragen we via je persoonlijke link of jullie door willen gaan.",
                             "Klikt het niet? Zeg het gerust. Dat is helemaal goed."),
    ("volunteer", VolunteerStatus.APPLIED): ("We nodigen je uit voor een kennismakingsgesprek.",
                               "Daarna vragen we een VOG aan (Verklaring Omtrent het Gedrag).",
                               "Dan zoeken we iemand die bij je past."),
    ("volunteer", VolunteerStatus.ACTIVE): ("Je bent actief als vrijwilliger. We kunnen je koppelen.",
                              "Via je persoonlijke link pas je aan wanneer je tijd hebt, of las je een pauze in."),
    ("volunteer", VolunteerStatus.PAUSED): ("Je hebt een pauze. We koppelen je nu niet aan iemand nieuw.",
                              "Wil je weer meedoen? Bel ons."),
}


def print_letter(bus: MessageBus, org: str, person_type: str, person_id: str, user_id: str | None) -> bytes:
    """A new private link for the person, printed in a letter (PDF). The old link stops working."""
    facts = _facts(bus, org, person_type, person_id)
    issued = bus.handle(commands.IssueNewLink(org, person_type, person_id, "letter", user_id))
    public, today = bus.deps.public_url, bus.deps.clock.now().astimezone().date()  # the local date, on paper
    return bus.deps.letters.render(compose(facts, f"{public}/l/{shown(issued['short_code'])}",
                                           f"{public}/mijn/{issued['manage_token']}", today))


def _facts(bus: MessageBus, org: str, person_type: str, person_id: str) -> dict[str, Any]:
    with bus.uow() as uow:
        someone = person(uow, org, person_type, person_id)
        if someone.erased_at is not None:
            raise Conflict("this person's data was erased")
        organization = uow.organizations.get(org)
        return {"type": person_type, "first_name": someone.first_name, "status": str(someone.status),
                "kind": getattr(someone, "kind", None), "organization": organization.name,
                "contact": organization.contact}


def compose(facts: dict[str, Any], short_url: str, full_url: str, today: date) -> Letter:
    """The words of the letter, short sentences, one idea each."""
    org, contact = facts["organization"], facts["contact"]
    reach = [line for line in (contact.get("address"), contact.get("phone") and f"Telefoon: {contact['phone']}",
                               contact.get("email") and f"E-mail: {contact['email']}") if line]
    if facts["type"] == "request":
        intro = (f"Fijn dat je je hebt aangemeld bij {org}. Je wilt graag {KIND_WORDS.get(facts['kind'], 'iemand')}.",)
    else:
        intro = (f"Fijn dat je vrijwilliger wilt zijn bij {org}.",)
    intro += ("In deze brief lees je wat er nu gebeurt. En je krijgt je eigen persoonlijke link.",)
    steps = NEXT.get((facts["type"], facts["status"]), ("Heb je vragen? Bel ons gerust.",))
    return Letter(
        title=f"Brief van {org}", sender=(org, *reach), date=f"{today.day} {MONTHS[today.month - 1]} {today.year}",
        greeting=f"Beste {facts['first_name']},",
        before=(Section("", intro), Section("Wat gebeurt er nu?", steps, bullets=True)),
        link_title="Je persoonlijke link",
        link_lines=("Met deze link zie je hoe het staat. Je kunt er ook je gegevens aanpassen of alles laten "
                    "verwijderen.", "Typ dit adres in op een telefoon, tablet of computer:"),
        short_url=short_url, scan_text="Of scan deze code met de camera van je telefoon.", qr_url=full_url,
        after=(Section("Let op", ("Bewaar deze brief goed. Laat de link aan niemand anders zien.",
                                  "Had je al een link van ons? Die werkt nu niet meer. Gebruik deze.",
                                  "Brief kwijt? Bel ons. Je krijgt dan een nieuwe brief met een nieuwe link."),
                       bullets=True),
               Section("Vragen?", _questions(org, contact))),
        sign_off=("Hartelijke groet,", f"de coördinator van {org}"))


def _questions(org: str, contact: dict[str, str | None]) -> tuple[str, ...]:
    """Who to call or mail, and when: the one thing someone without email must be able to find."""
    hours = f" ({contact['opening_hours']})" if contact.get("opening_hours") else ""
    lines = [f"Bel ons op {contact['phone']}{hours}." if contact.get("phone") else "",
             f"Of mail naar {contact['email']}." if contact.get("email") else "",
             f"Of kom langs: {contact['address']}." if contact.get("address") and not contact.get("phone") else ""]
    return tuple(line for line in lines if line) or (f"Vraag het aan de coördinator van {org}.",)
