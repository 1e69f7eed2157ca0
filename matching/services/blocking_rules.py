"""Why nobody fits: which hard rule blocks a request, counted over the organisation's offers.

Tells the coordinator whom to recruit ("12 vrijwilligers te ver weg, 3 spreken geen Turks, 1 vol").
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
    """A short Dutch sentence, most frequent reason first."""
    spoken = " of ".join(vocab.label(vocab.LANGUAGES, code) for code in (languages or []))
    phrases = {
        "distance": "te ver weg", "availability": "op andere momenten vrij",
        "language": f"spreken geen {spoken}" if spoken else "spreken een andere taal",
        "kind": "bieden dit niet aan", "gender": "passen niet bij de voorkeur voor man of vrouw",
        "full": "vol", "inactive": "niet actief", "declined": "eerder afgewezen",
        "work_area": "bieden ander werk", "hours": "hebben minder uren",
    }
    parts = [f"{n} {phrases[rule]}" for rule, n in counts.most_common() if rule in phrases and n]
    return ", ".join(parts) if parts else "er zijn nog geen vrijwilligers of plaatsen"
