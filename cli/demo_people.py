"""The demo's people: realistic synthetic Dutch data (Faker nl_NL), deterministic with --seed.

Real four-digit postcodes of one region, interests with a plausible spread (walking and coffee are
common, chess is rare), volunteers free in evenings and weekends more often, seekers in the day.
Everything goes through the same schemas and commands as the forms and the API.
"""
from __future__ import annotations

import random
import unicodedata

from faker import Faker

from matching import vocabulary as vocab
from matching.domain import commands
from matching.scoring.postcodes import areas
from matching.schemas import PlacementIn, RequestIn, VolunteerIn

SOCIAL = [k for k in vocab.INTERESTS if k not in ("keuken", "administratie", "receptie", "kringloop", "techniek", "groen")]
POPULAR = {"wandelen": 8, "koffie": 8, "praten": 6, "film": 5, "koken": 4, "fietsen": 4, "museum": 3, "natuur": 3}
PLACEMENTS = [  # title, tasks (interests), work areas, host
    ("Keukenhulp in het buurtcafé", ["keuken", "koken"], ["horeca"], "Buurtcafé De Zon"),
    ("Medewerker kringloopwinkel", ["kringloop", "winkelen"], ["winkel", "logistiek"], "Kringloop Tweede Kans"),
    ("Gastvrouw of gastheer in het inloophuis", ["receptie", "koffie", "praten"], ["receptie", "horeca"],
     "Inloophuis De Brug"),
    ("Computerhulp voor bezoekers", ["computer", "techniek"], ["ict"], "Bibliotheek Centrum"),
    ("Tuinonderhoud bij de moestuin", ["groen", "tuinieren", "natuur"], ["groen"], "Stadsmoestuin"),
    ("Fietsenmaker in de werkplaats", ["techniek", "fietsen", "klussen"], ["techniek"], "Fietswerkplaats Oost"),
    ("Administratief medewerker", ["administratie", "computer"], ["administratie"], "Herstelacademie"),
]
WORK = ["horeca", "winkel", "groen", "techniek", "administratie", "ict", "receptie", "logistiek"]
GOALS = ["Weer wennen aan werken en op tijd komen.", "Leren werken met de kassa.", "Ervaring opdoen voor een baan.",
         "Samenwerken in een team."]


class DemoData:
    def __init__(self, seed: int, region: str = "Utrecht"):
        self.rng = random.Random(seed)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.codes = sorted(a.postcode for a in areas().values() if a.province == region)
        self.city = [code for code in self.codes if code.startswith("35")] or self.codes
        self.emails = 0

    def _email(self, *names: str) -> str:
        """An address that goes with the name, on a domain reserved for examples (never a real mailbox),
        numbered so that no two demo people share one (the same email is the same person)."""
        self.emails += 1
        folded = unicodedata.normalize("NFKD", ".".join(names)).encode("ascii", "ignore").decode().lower()
        return f"{''.join(ch for ch in folded if ch.isalnum() or ch == '.')}.{self.emails}@example.org"

    def _postcode(self) -> str:
        """Most people live in the city itself (within reach of each other), some in the region."""
        code = self.rng.choice(self.city if self.rng.random() < 0.8 else self.codes)
        return f"{code} {self.fake.random_uppercase_letter()}{self.fake.random_uppercase_letter()}"

    def _interests(self, pool: list[str], low: int, high: int) -> list[str]:
        weights = [POPULAR.get(k, 1) for k in pool]
        return sorted(set(self.rng.choices(pool, weights=weights, k=self.rng.randint(low, high))))

    def _slots(self, volunteer: bool) -> list[str]:
        days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        parts = ["evening", "evening", "afternoon", "morning"] if volunteer else ["morning", "afternoon", "afternoon"]
        return sorted({f"{self.rng.choice(days)}_{self.rng.choice(parts)}" for _ in range(self.rng.randint(2, 6))})

    def _languages(self) -> list[str]:
        roll = self.rng.random()
        return ["nl"] if roll < 0.75 else ["nl", self.rng.choice(["en", "ar", "tr", "pl", "es"])] if roll < 0.95 \
            else [self.rng.choice(["ar", "tr", "pl"])]

    def request(self) -> dict:
        kind = "werkervaringsplaats" if self.rng.random() < 0.2 else "maatje"
        gender = self.rng.choice(["vrouw", "man", "vrouw", "man", None])
        body = {"kind": kind, "first_name": self.fake.first_name_female() if gender == "vrouw" else self.fake.first_name(),
                "postcode": self._postcode(), "consent": True, "languages": self._languages(), "gender": gender,
                "availability": self._slots(False)}
        if kind == "werkervaringsplaats":  # work, not leisure
            body |= {"work_areas": sorted(set(self.rng.choices(WORK, k=self.rng.randint(1, 3)))),
                     "hours_per_week": self.rng.choice([8, 12, 16]), "goals": self.rng.choice(GOALS)}
        else:
            body["interests"] = self._interests(SOCIAL, 1, 5)
        if self.rng.random() < 0.7:
            body["email"] = self._email(body["first_name"])
        else:
            body["phone"] = "06" + str(self.rng.randint(10_000_000, 99_999_999))
        if self.rng.random() < 0.2:
            body["preferences"] = {"volunteer_gender": gender or "vrouw"}
        return RequestIn().load(body)

    def volunteer(self) -> dict:
        gender = self.rng.choice(["vrouw", "vrouw", "man"])
        first = self.fake.first_name_female() if gender == "vrouw" else self.fake.first_name_male()
        body = {"first_name": first, "last_name": (last := self.fake.last_name()), "email": self._email(first, last),
                "phone": "06" + str(self.rng.randint(10_000_000, 99_999_999)), "postcode": self._postcode(),
                "interests": self._interests(SOCIAL, 2, 6), "availability": self._slots(True),
                "languages": self._languages(), "gender": gender, "consent": True,
                "kinds": ["maatje", "werkervaringsplaats"] if self.rng.random() < 0.15 else ["maatje"],
                "capacity": self.rng.choice([1, 1, 2, 2, 3]), "max_distance_km": self.rng.choice([5, 10, 15, 15]),
                "motivation": "Ik wil graag iets betekenen voor iemand in mijn buurt."}
        return VolunteerIn().load(body)

    def placement(self, i: int) -> dict:
        title, tasks, work, host = PLACEMENTS[i % len(PLACEMENTS)]
        postcode = self._postcode()
        supervisor = self.fake.name()
        return PlacementIn().load({"title": title, "postcode": postcode, "interests": tasks, "work_areas": work,
                                   "host": {"name": host, "address": self.fake.street_address(), "postcode": postcode},
                                   "supervisor": {"name": supervisor, "email": self._email(*supervisor.split()[-2:])},
                                   "availability": [f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri")
                                                    for p in ("morning", "afternoon") if self.rng.random() < 0.5]
                                   or ["tue_morning"],
                                   "hours_per_week": self.rng.choice([16, 20, 24, 32]),
                                   "capacity": self.rng.randint(1, 3)})
