"""`koppel demo`'s activities: what an organisation in the province of Utrecht typically runs (an inloop,
a herstelwerkgroep, a wandelgroep, a koffie-ochtend, ...), spread over its region, so that the
thank-you page, the private link and the sociale kaart show something on a fresh `make run`.
Everything goes through the same schema and command as the coordinator's form and the API."""
from __future__ import annotations

import random

from matching.domain import commands
from matching.schemas import ActivityIn
from matching.scoring.postcodes import areas, great_circle_km
from matching.services.queries import organization_pages

# title, category, description, slots, interests, walk in, capacity, host
ACTIVITIES = [
    ("Koffie-inloop in het buurtpunt", "inloop", "Koffie of thee, een praatje, een krant. Kom wanneer je wilt.",
     ["mon_morning", "wed_morning", "fri_morning"], ["koffie", "praten", "lezen"], True, None, "Mieke"),
    ("Wandelgroep in het park", "wandelen", "Elke week een rustige wandeling van een uur, daarna koffie.",
     ["tue_afternoon", "sat_morning"], ["wandelen", "natuur", "praten"], True, None, "Henk"),
    ("Herstelwerkgroep: samen verder", "groep", "Een kleine groep die ervaringen deelt. Je vertelt alleen wat je wilt.",
     ["thu_afternoon"], ["praten"], False, 10, "Samira"),
    ("Samen koken en eten", "eten", "We koken met wat het seizoen geeft en eten samen. Meedoen kost 3 euro.",
     ["wed_evening"], ["koken", "praten"], False, 12, "Kees"),
    ("Creatieve middag", "creatief", "Tekenen, schilderen of kleien. Je hoeft het niet te kunnen.",
     ["mon_afternoon", "thu_afternoon"], ["creatief", "fotografie"], True, None, "Ilse"),
    ("Spelletjesavond", "groep", "Sjoelen, kaarten, schaken of een bordspel.",
     ["fri_evening"], ["spelletjes", "schaken", "praten"], True, None, "Ruud"),
    ("Moestuin: samen tuinieren", "anders", "Zaaien, wieden en oogsten in de buurttuin. Laarzen hebben we.",
     ["tue_morning", "sat_morning"], ["tuinieren", "natuur"], True, None, "Anouk"),
    ("WRAP-workshop: je eigen herstelplan", "cursus", "Zes bijeenkomsten over wat jou helpt. Met een ervaringsdeskundige.",
     ["wed_afternoon"], ["praten", "lezen"], False, 8, "Samira"),
    ("Bewegen op muziek", "sport", "Rustig bewegen, voor elk lijf. Gewoon in je eigen kleren.",
     ["tue_morning", "thu_morning"], ["sport", "muziek"], True, None, "Fatma"),
    ("Taalcafé: Nederlands oefenen", "groep", "Praten over gewone dingen, in je eigen tempo.",
     ["mon_evening", "thu_morning"], ["taal", "praten", "koffie"], True, None, "Joost"),
    ("Fietsclub", "sport", "Een tochtje van 20 kilometer door de polder. Een fiets lenen kan.",
     ["sun_afternoon"], ["fietsen", "natuur", "uitstapjes"], False, 15, "Henk"),
    ("Repair café", "anders", "Samen spullen repareren, met koffie erbij.",
     ["sat_afternoon"], ["klussen", "techniek", "koffie"], True, None, "Ruud"),
]
STREETS = ["Lindestraat", "Kerkplein", "Parkweg", "Molenlaan", "Dorpsstraat", "Stationsweg", "Schoolstraat"]


def add_demo_activities(bus, org_slug: str, seed: int = 1, copies: int = 2, region: str = "Utrecht") -> int:
    """Add each kind of activity `copies` times: first in the city (within 6 km of Utrecht's centre), then
    anywhere in the region; returns how many were added."""
    rng = random.Random(seed)
    org_id = organization_pages.id_of(bus, org_slug)
    codes = sorted(a.postcode for a in areas().values() if a.province == region)
    centre = areas()["3511"]
    city = [c for c in codes if great_circle_km(centre.lat, centre.lon, areas()[c].lat, areas()[c].lon) <= 6]
    added = 0
    for round_ in range(copies):
        for title, category, about, slots, interests, walk_in, capacity, host in ACTIVITIES:
            code = rng.choice(city if round_ == 0 else codes)
            body = {"title": title, "category": category, "description": about, "postcode": code,
                    "address": f"{rng.choice(STREETS)} {rng.randint(1, 80)}, {areas()[code].place}", "slots": slots,
                    "interests": interests, "walk_in": walk_in, "capacity": capacity,
                    "host": {"name": host, "phone": f"06 {rng.randint(10_000_000, 99_999_999)}",
                             "email": f"{host.lower()}@buurtpunt.example"}}
            bus.handle(commands.CreateActivity(org_id, ActivityIn().load(body)))
            added += 1
    return added
