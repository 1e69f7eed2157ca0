"""Why nobody fits: which hard rule blocks a request, counted over the organisation's offers.

Tells the coordinator whom to recruit ("12 zijn te ver weg, 3 spreken geen Turks, 1 is vol").
"""
from __future__ import annotations

from collections import Counter

from matching import vocabulary as vocab
from matching.scoring import rules
from matching.services.ports import UnitOfWork
from matching.services.profiles import offer_profile, request_profile


def counts(uow: UnitOfWork, organization_id: str, request) -> Counter:
    """For each offer of the organisation, the first hard rule it breaks for this request."""
    loads = uow.matches.reserved_loads(organization_id)
    excluded = {(offer_type, offer_id) for _, offer_type, offer_id in uow.matches.excluded_pairs([request.id])}
    ask = request_profile(request)
    counts: Counter = Counter()
    for offer_type, offer in uow.offers.on_books(organization_id):
        profile = offer_profile(offer_type, offer, offer.capacity - loads[(offer_type, offer.id)])
        rule = rules.broken_rule(ask, profile, rules.distance_km(ask, profile), (offer_type, offer.id) in excluded)
        counts[rule or "fits"] += 1
    return counts


def sentence(counts: Counter, languages: list[str] | None = None) -> str:
    """A short Dutch sentence, most frequent reason first, the verb agreeing with the count
    ("1 biedt dit niet aan", "12 zijn te ver weg")."""
    spoken = " of ".join(vocab.label(vocab.LANGUAGES, code) for code in (languages or []))
    language = f"geen {spoken}" if spoken else "een andere taal"
    phrases = {  # (one, more)
        "distance": ("is te ver weg", "zijn te ver weg"),
        "availability": ("is op andere momenten vrij", "zijn op andere momenten vrij"),
        "language": (f"spreekt {language}", f"spreken {language}"),
        "kind": ("biedt dit niet aan", "bieden dit niet aan"),
        "gender": ("past niet bij de voorkeur voor man of vrouw", "passen niet bij de voorkeur voor man of vrouw"),
        "full": ("is vol", "zijn vol"), "inactive": ("is niet actief", "zijn niet actief"),
        "declined": ("is eerder afgewezen", "zijn eerder afgewezen"),
        "work_area": ("biedt ander werk", "bieden ander werk"), "hours": ("heeft minder uren", "hebben minder uren"),
    }
    parts = [f"{n} {phrases[rule][n != 1]}" for rule, n in counts.most_common() if rule in phrases and n]
    return ", ".join(parts) if parts else "er zijn nog geen vrijwilligers of plaatsen"
