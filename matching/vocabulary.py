"""The shared vocabulary of Koppel: kinds, interests, week slots, languages and genders.

Keys are stable (stored, sent in the API); labels are Dutch first with an English translation.
This module is a leaf: the domain, scoring and the web layer all read it.
"""
from __future__ import annotations

KINDS = {
    "maatje": ("Maatje", "Buddy"),
    "werkervaringsplaats": ("Werkervaringsplaats", "Work-experience placement"),
}

INTERESTS = {
    "wandelen": ("Wandelen", "Walking"),
    "koffie": ("Koffie drinken", "Having coffee"),
    "film": ("Film", "Films"),
    "sport": ("Sporten", "Sports"),
    "fietsen": ("Fietsen", "Cycling"),
    "koken": ("Koken", "Cooking"),
    "muziek": ("Muziek", "Music"),
    "creatief": ("Creatief bezig zijn", "Arts and crafts"),
    "natuur": ("Natuur", "Nature"),
    "spelletjes": ("Spelletjes", "Games"),
    "lezen": ("Lezen", "Reading"),
    "museum": ("Museum", "Museums"),
    "tuinieren": ("Tuinieren", "Gardening"),
    "dieren": ("Dieren", "Animals"),
    "computer": ("Computer", "Computers"),
    "winkelen": ("Winkelen en markt", "Shopping and markets"),
    "taal": ("Nederlands oefenen", "Practising Dutch"),
    "uitstapjes": ("Dagje uit", "Day trips"),
    "theater": ("Theater", "Theatre"),
    "fotografie": ("Fotografie", "Photography"),
    "zwemmen": ("Zwemmen", "Swimming"),
    "klussen": ("Klussen", "DIY"),
    "praten": ("Gewoon praten", "Just talking"),
    "schaken": ("Schaken en dammen", "Chess and draughts"),
    # Tasks of werkervaringsplaatsen are interests too, so one rule scores both kinds.
    "keuken": ("Werken in een keuken", "Kitchen work"),
    "administratie": ("Administratie", "Office work"),
    "receptie": ("Gastvrouw of gastheer", "Reception"),
    "kringloop": ("Kringloopwinkel", "Second-hand shop"),
    "techniek": ("Techniek en reparatie", "Repairs and tech"),
    "groen": ("Groenonderhoud", "Grounds keeping"),
}

# What kind of work a werkervaringsplaats offers and a person looks for (CONTRACT section 13).
WORK_AREAS = {
    "horeca": ("Horeca en keuken", "Hospitality and kitchen"),
    "groen": ("Groen en tuin", "Gardens and grounds"),
    "techniek": ("Techniek en reparatie", "Repairs and tech"),
    "administratie": ("Administratie", "Office work"),
    "zorg": ("Zorg en welzijn", "Care and welfare"),
    "schoonmaak": ("Schoonmaak", "Cleaning"),
    "creatief": ("Creatief werk", "Creative work"),
    "ict": ("ICT en computers", "IT and computers"),
    "winkel": ("Winkel en kringloop", "Shop and second-hand store"),
    "logistiek": ("Magazijn en vervoer", "Warehouse and transport"),
    "ervaringsdeskundigheid": ("Ervaringsdeskundigheid", "Lived-experience work"),
    "receptie": ("Gastvrouw of gastheer", "Reception"),
}
HOURS_PER_WEEK = (4, 40)  # what a werkervaringsplaats request may ask for

DAYS = {
    "mon": ("maandag", "Monday"),
    "tue": ("dinsdag", "Tuesday"),
    "wed": ("woensdag", "Wednesday"),
    "thu": ("donderdag", "Thursday"),
    "fri": ("vrijdag", "Friday"),
    "sat": ("zaterdag", "Saturday"),
    "sun": ("zondag", "Sunday"),
}
PARTS = {
    "morning": ("ochtend", "morning"),
    "afternoon": ("middag", "afternoon"),
    "evening": ("avond", "evening"),
}
AVAILABILITY = {
    f"{day}_{part}": (f"{dnl}{pnl}", f"{den} {pen}")
    for day, (dnl, den) in DAYS.items()
    for part, (pnl, pen) in PARTS.items()
}

LANGUAGES = {
    "nl": ("Nederlands", "Dutch"),
    "en": ("Engels", "English"),
    "ar": ("Arabisch", "Arabic"),
    "tr": ("Turks", "Turkish"),
    "pl": ("Pools", "Polish"),
    "fr": ("Frans", "French"),
    "de": ("Duits", "German"),
    "es": ("Spaans", "Spanish"),
    "pt": ("Portugees", "Portuguese"),
    "it": ("Italiaans", "Italian"),
    "ru": ("Russisch", "Russian"),
    "uk": ("Oekraïens", "Ukrainian"),
    "so": ("Somalisch", "Somali"),
    "ti": ("Tigrinya", "Tigrinya"),
    "fa": ("Perzisch", "Persian"),
    "ro": ("Roemeens", "Romanian"),
    "bg": ("Bulgaars", "Bulgarian"),
    "zh": ("Chinees", "Chinese"),
}

GENDERS = {
    "vrouw": ("Vrouw", "Woman"),
    "man": ("Man", "Man"),
    "anders": ("Anders", "Other"),
}

ACTIVITY_CATEGORIES = {
    "inloop": ("Inloop", "Drop-in"),
    "groep": ("Groep", "Group"),
    "cursus": ("Cursus of workshop", "Course or workshop"),
    "wandelen": ("Wandelen", "Walking"),
    "eten": ("Samen eten", "Eating together"),
    "creatief": ("Creatief", "Arts and crafts"),
    "sport": ("Sport en bewegen", "Sports and exercise"),
    "anders": ("Anders", "Other"),
}

DEFAULT_MAX_DISTANCE_KM = {"maatje": 10.0, "werkervaringsplaats": 25.0}

_LISTS = {
    "kinds": KINDS,
    "interests": INTERESTS,
    "availability": AVAILABILITY,
    "languages": LANGUAGES,
    "genders": GENDERS,
    "work_areas": WORK_AREAS,
}


def label(table: dict[str, tuple[str, str]], key: str, lang: str = "nl") -> str:
    """Return the label of `key` in Dutch (default) or English."""
    dutch, english = table[key]
    return english if lang == "en" else dutch


def as_lists(lang: str = "nl") -> dict[str, list[dict[str, str]]]:
    """The vocabulary as the API serves it: each list of {key, label}."""
    return {
        name: [{"key": key, "label": label(table, key, lang)} for key in table]
        for name, table in _LISTS.items()
    }
