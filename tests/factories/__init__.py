"""Bodies of API calls as a person would send them: valid by default, override what the test is about."""
from __future__ import annotations


def request_body(**overrides) -> dict:
    body = {"kind": "maatje", "first_name": "Anna", "email": "anna@example.org", "postcode": "3511 AB",
            "interests": ["wandelen", "koffie"], "availability": ["tue_afternoon", "thu_evening"], "consent": True}
    body |= overrides
    if body["kind"] == "werkervaringsplaats":  # work, not leisure (CONTRACT section 13); fits placement_body()
        body.setdefault("work_areas", ["horeca"])
        body.setdefault("hours_per_week", 12)
    return body


def volunteer_body(**overrides) -> dict:
    body = {"first_name": "Bram", "last_name": "de Vries", "email": "bram@example.org", "phone": "0612345678",
            "postcode": "3512", "interests": ["wandelen", "film"], "availability": ["tue_afternoon"],
            "consent": True, "capacity": 1, "max_distance_km": 10}
    return body | overrides


def placement_body(**overrides) -> dict:
    body = {"title": "Keukenhulp", "description": "Helpen in de keuken", "postcode": "3513",
            "interests": ["keuken"], "availability": ["tue_morning"], "hours_per_week": 12, "capacity": 2,
            "work_areas": ["horeca"], "host": {"name": "Buurthuis De Linde", "address": "Lindelaan 4", "postcode": "3513"},
            "supervisor": {"name": "Sanne Bakker", "email": "sanne@delinde.example", "phone": "030 765 43 21"}}
    return body | overrides


def activity_body(**overrides) -> dict:
    body = {"title": "Koffie-inloop", "description": "Koffie, thee en een praatje", "category": "inloop",
            "postcode": "3512", "address": "Buurtpunt De Linde, Lindestraat 4", "slots": ["tue_afternoon", "wed_morning"],
            "interests": ["koffie", "praten"], "walk_in": True, "capacity": None,
            "host": {"name": "Mieke", "email": "mieke@example.org"}}
    return body | overrides
