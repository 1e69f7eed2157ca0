"""Free text from a spreadsheet -> the vocabulary: mapped where it is unambiguous, flagged where not."""
from __future__ import annotations

import re
from datetime import date, datetime

from matching import vocabulary as vocab
from matching.domain.people import VolunteerStatus
from matching.services.importing.columns import normalise

DAY_WORDS = {
    "mon": ["ma", "maandag", "maandags", "mon", "monday"], "tue": ["di", "dinsdag", "dinsdags", "tue", "tuesday"],
    "wed": ["wo", "woensdag", "woensdags", "wed", "wednesday"], "thu": ["do", "donderdag", "donderdags", "thu", "thursday"],
    "fri": ["vr", "vrijdag", "vrijdags", "fri", "friday"], "sat": ["za", "zaterdag", "zaterdags", "sat", "saturday"],
    "sun": ["zo", "zondag", "zondags", "sun", "sunday"],
}
GROUPS = {"weekend": ["sat", "sun"], "doordeweeks": ["mon", "tue", "wed", "thu", "fri"],
          "werkdagen": ["mon", "tue", "wed", "thu", "fri"], "weekdays": ["mon", "tue", "wed", "thu", "fri"],
          "dagelijks": list(DAY_WORDS), "elke dag": list(DAY_WORDS), "daily": list(DAY_WORDS)}
PART_WORDS = {"morning": ["ochtend", "ochtenden", "morgen", "s ochtends", "morning", "mornings"],
              "afternoon": ["middag", "middagen", "s middags", "afternoon", "afternoons"],
              "evening": ["avond", "avonden", "s avonds", "evening", "evenings"]}
INTEREST_WORDS = {normalise(key): key for key in vocab.INTERESTS} | {
    normalise(dutch): key for key, (dutch, english) in vocab.INTERESTS.items()} | {
    normalise(english): key for key, (dutch, english) in vocab.INTERESTS.items()} | {
    "wandelingen": "wandelen", "lopen": "wandelen", "koffiedrinken": "koffie", "bioscoop": "film", "films": "film",
    "sporten": "sport", "fitness": "sport", "fiets": "fietsen", "fietstochten": "fietsen", "eten koken": "koken",
    "muziek maken": "muziek", "zingen": "muziek", "knutselen": "creatief", "tekenen": "creatief", "schilderen": "creatief",
    "handwerken": "creatief", "spelletjes doen": "spelletjes", "bordspellen": "spelletjes", "boeken": "lezen",
    "musea": "museum", "tuin": "tuinieren", "huisdieren": "dieren", "honden": "dieren", "pc": "computer",
    "markt": "winkelen", "boodschappen": "winkelen", "taalmaatje": "taal", "nederlands": "taal", "dagjes uit": "uitstapjes",
    "uitjes": "uitstapjes", "kletsen": "praten", "schaken": "schaken", "dammen": "schaken", "horeca": "keuken",
    "coffee": "koffie", "kitchen": "keuken", "cooking": "koken", "walks": "wandelen", "movies": "film",
    "cinema": "film", "garden": "tuinieren", "office": "administratie", "reception": "receptie", "shop": "kringloop",
    "second hand shop": "kringloop", "repairs": "techniek", "talking": "praten", "chess": "schaken", "bike": "fietsen",
}
LANGUAGE_WORDS = {normalise(code): code for code in vocab.LANGUAGES} | {
    normalise(d): code for code, (d, e) in vocab.LANGUAGES.items()} | {normalise(e): code for code, (d, e) in vocab.LANGUAGES.items()}
SPLIT = re.compile(r"\s*(?:[,;/+&\n]|\ben\b|\band\b)\s*", re.IGNORECASE)


def interests(text: object) -> tuple[list[str], list[str]]:
    """Interest keys found, and the words that matched nothing (to flag)."""
    found, unknown = [], []
    for part in SPLIT.split(str(text or "")):
        word = normalise(part)
        if not word:
            continue
        key = INTEREST_WORDS.get(word) or INTEREST_WORDS.get(word.rstrip("s")) or INTEREST_WORDS.get(word.rstrip("en"))
        (found if key else unknown).append(key or part.strip())
    return sorted(set(found)), unknown


def availability(text: object) -> tuple[list[str], list[str]]:
    """Week slots in free text ("di middag, do avond", "weekend", "ma-vr ochtend"); a day without a part of
    the day counts as the whole day and is flagged, as is anything not understood."""
    slots, notes = set(), []
    for part in re.split(r"\s*[,;/\n]\s*|\s+en\s+|\s+and\s+", str(text or "")):
        words = normalise(part.replace("-", " tot "))
        if not words:
            continue
        days = _days(words)
        parts = [p for p, names in PART_WORDS.items() if any(re.search(rf"\b{n}\b", words) or
                 any(re.fullmatch(rf"{d}{n}", w) for d in _all_day_words() for w in words.split()) for n in names)]
        if not days and parts:
            notes.append(f"'{part.strip()}' zonder dag")
            continue
        if not days:
            notes.append(f"'{part.strip()}' niet begrepen")
            continue
        if not parts:
            notes.append(f"'{part.strip()}': hele dag genomen")
            parts = list(PART_WORDS)
        slots.update(f"{d}_{p}" for d in days for p in parts)
    order = list(vocab.AVAILABILITY)
    return sorted(slots, key=order.index), notes


def _all_day_words() -> list[str]:
    return [w for words in DAY_WORDS.values() for w in words if len(w) > 3]


def _days(words: str) -> list[str]:
    for group, days in GROUPS.items():
        if group in words:
            return days
    tokens = words.split()
    found = []
    for token in tokens:
        for day, names in DAY_WORDS.items():
            if token in names or any(token.startswith(n) and len(n) > 3 for n in names):
                found.append(day)
    if "tot" in tokens and len(found) == 2:  # ma tot vr
        order = list(DAY_WORDS)
        return order[order.index(found[0]): order.index(found[1]) + 1]
    return list(dict.fromkeys(found))


def languages(text: object) -> list[str]:
    return [LANGUAGE_WORDS[w] for w in (normalise(p) for p in SPLIT.split(str(text or ""))) if w in LANGUAGE_WORDS]


def gender(text: object) -> str | None:
    word = normalise(str(text or ""))
    return {"v": "vrouw", "vrouw": "vrouw", "f": "vrouw", "female": "vrouw", "woman": "vrouw", "m": "man",
            "man": "man", "male": "man", "x": "anders", "anders": "anders", "other": "anders"}.get(word)


def kind(text: object) -> str | None:
    word = normalise(str(text or ""))
    if not word or "maatje" in word or "buddy" in word:
        return "maatje"
    if "werk" in word or "placement" in word:
        return "werkervaringsplaats"
    return None


def day(value: object) -> date | None:
    """Excel dates (also as stored ISO text), ISO dates and Dutch dd-mm-yyyy; None when empty. Raises
    ValueError when unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    try:  # an Excel date as an upload stores it for the worker: 2025-03-01T00:00:00
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(text) from None


def whole_number(value: object) -> int | None:
    if value in (None, ""):
        return None
    return int(float(str(value).replace(",", ".")))


def normalise_status(text: object) -> VolunteerStatus | None:
    """A volunteer's status written by hand: actief, pauze, gestopt, aangemeld (or English)."""
    word = normalise(str(text or ""))
    for status, words in {VolunteerStatus.ACTIVE: ["actief", "active", "ja"],
                          VolunteerStatus.PAUSED: ["pauze", "gepauzeerd", "paused"],
                          VolunteerStatus.STOPPED: ["gestopt", "stopped", "uit", "inactief"],
                          VolunteerStatus.APPLIED: ["aangemeld", "nieuw", "applied", "intake"]}.items():
        if any(w in word.split() for w in words):
            return status
    return None
