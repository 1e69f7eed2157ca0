"""The message that brings a check-in's questions: by mail with a private link; to someone without
email as the questions themselves, which land on the coordinator's call list (or, with SMS_URL set,
a short text with the link). The stored body holds the link masked, like every private link."""
from __future__ import annotations

from matching.domain.message import PULSE_PATH, Message, masked_link
from matching.domain.organization import Organization, contact_footer
from matching.domain.pulse import Pulse, round_day
from matching.services.ports import Dependencies
from matching.services.queued_links import seal_into

PERIODS = {14: "twee weken", 42: "zes weken", 91: "drie maanden", 182: "een half jaar", 364: "een jaar"}


def period(round_: int) -> str:
    """How long the match has run at this round, in words."""
    days = round_day(round_)
    return PERIODS.get(days) or f"{round(days / 30.44)} maanden"


def ask(org: Organization, pulse: Pulse, person, partner: str, deps: Dependencies) -> Message:
    """The check-in's message to one side; `partner` is the other side's first name or the place's title."""
    sign_off = f"\n\nHartelijke groet,\nde coördinator van {org.name}{contact_footer(org.name, org.contact)}"
    opening = (f"Beste {person.first_name},\n\nJe koppeling met {partner} loopt nu {period(pulse.round)}. "
               "Hoe gaat het? We stellen je een paar korte vragen. Dat kost een minuut.")
    if person.email:
        body = (f"{opening}\n\nVul ze in via deze persoonlijke link:\n{masked_link(deps.public_url, PULSE_PATH)}\n\n"
                "Alleen jij en de coördinator zien je antwoorden. Praat je liever? Bel ons gerust.\n"
                "Deel deze link met niemand." + sign_off)
        sms = None
    else:
        asked = "\n".join(f"{n}. {q.text('nl', pulse.track)} ({' / '.join(q.words('nl'))})"
                          for n, q in enumerate(pulse.questions, 1))
        body = (f"{opening}\n\n{asked}\n\nWil je nog iets kwijt? Dat mag ook." + sign_off)
        call = f" Liever praten? Bel {org.contact['phone']}." if org.contact.get("phone") else ""
        sms = (f"{org.name}: hoe gaat het met je koppeling? Beantwoord een paar korte vragen: "
               f"{masked_link(deps.public_url, PULSE_PATH)}{call}")
    message = Message.queue(org.id, person.email, f"Hoe gaat het met je koppeling met {partner}?", body,
                            pulse.person_type, pulse.person_id, pulse.match_id, now=pulse.created_at, sms_body=sms)
    return seal_into(message, pulse.token, deps)


def exit_paragraph(pulse: Pulse, person, deps: Dependencies) -> str:
    """The questions at the end of a match, as a paragraph of the ending message: the link by mail;
    for someone without email the questions themselves, for the coordinator to ask on the phone."""
    if person.email:
        return ("Wil je ons vertellen hoe het was? Het zijn drie korte vragen en het kost een minuut:\n"
                f"{masked_link(deps.public_url, PULSE_PATH)}\n\n")
    asked = "\n".join(f"{n}. {q.text('nl', pulse.track)} ({' / '.join(q.words('nl'))})"
                      for n, q in enumerate(pulse.questions, 1))
    return f"We horen graag hoe het was:\n{asked}\n\n"
