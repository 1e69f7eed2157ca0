"""Bodies of API calls as a person would send them: valid by default, override what the test is about."""
from __future__ import annotations


def request_body(**overrides) -> dict:
    body = {"kind": "maatje", "first_name": "Anna", "email": "anna@example.org", "postcode": "3511 AB",
            "interests": ["wandelen", "koffie"], "availability": ["tue_afternoon", "thu_evening"], "consent": True}
    return body | overrides


def volunteer_body(**overrides) -> dict:
    body = {"first_name": "Bram", "last_name": "de Vries", "email": "bram@example.org", "phone": "0612345678",
            "postcode": "3512", "interests": ["wandelen", "film"], "availability": ["tue_afternoon"],
            "consent": True, "capacity": 1, "max_distance_km": 10}
    return body | overrides


def placement_body(**overrides) -> dict:
    body = {"title": "Keukenhulp", "description": "Helpen in de keuken", "postcode": "3513",
            "interests": ["keuken"], "availability": ["tue_morning"], "hours_per_week": 12, "capacity": 2}
    return body | overrides


def activity_body(**overrides) -> dict:
    body = {"title": "Koffie-inloop", "description": "Koffie, thee en een praatje", "category": "inloop",
            "postcode": "3512", "address": "Buurtpunt De Linde, Lindestraat 4", "slots": ["tue_afternoon", "wed_morning"],
            "interests": ["koffie", "praten"], "walk_in": True, "capacity": None,
            "host": {"name": "Mieke", "email": "mieke@example.org"}}
    return body | overrides
