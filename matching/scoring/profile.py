"""Profile: what matching needs to know of one side of a pair, and nothing more."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from matching import vocabulary as vocab
from matching.scoring.postcodes import area_code, areas

OFFER_TYPES = ("volunteer", "placement")
NO_WORK: frozenset[str] = frozenset()  # shared by every profile without work areas (most): no set per profile


@dataclass(frozen=True, slots=True)
class Profile:
    """A request (the ask) or an offer (a volunteer or a placement), reduced to the matching facts.

    `capacity` is the number of free places (offers only); `wants_gender` is the gender this side
    asks of the other: a request's `volunteer_gender`, a volunteer's `participant_gender`.
    """

    type: str
    kinds: frozenset[str]
    postcode: str
    lat: float
    lon: float
    interests: frozenset[str]
    availability: frozenset[str]
    languages: tuple[str, ...] = ("nl",)
    gender: str | None = None
    wants_gender: str | None = None
    max_distance_km: float = 10.0
    capacity: int = 1
    active: bool = True
    id: Any = None
    work_areas: frozenset[str] = NO_WORK  # werkervaringsplaats: the kinds of work asked for or offered
    hours_per_week: float = 0.0  # werkervaringsplaats: hours asked for (a request) or on offer (a placement)

    @property
    def work_rules(self) -> bool:
        """Whether the werkervaringsplaats rules (a shared work area, enough hours) apply: to its requests."""
        return self.type == "request" and "werkervaringsplaats" in self.kinds

    @property
    def kind(self) -> str:
        """The one kind a request asks for (requests have exactly one)."""
        return next(iter(sorted(self.kinds)))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Profile":
        """Build a profile from API-shaped fields (request, volunteer or placement body).

        Raises ValueError naming the field when a value is outside the vocabulary.
        """
        kind_type = d.get("type") or ("request" if "kind" in d else "placement" if "title" in d else "volunteer")
        kinds = [d["kind"]] if kind_type == "request" else list(d.get("kinds") or (
            ["werkervaringsplaats"] if kind_type == "placement" else ["maatje"]))
        prefs = d.get("preferences") or {}
        code = area_code(str(d["postcode"]))
        area = areas()[code]
        if kind_type == "placement":
            max_km = math.inf  # a placement does not travel: only the seeker's limit applies
        else:
            default = vocab.DEFAULT_MAX_DISTANCE_KM[kinds[0]] if kind_type == "request" else 10.0
            max_km = float(prefs.get("max_distance_km") or d.get("max_distance_km") or default)
        wants = prefs.get("volunteer_gender") if kind_type == "request" else prefs.get("participant_gender")
        profile = cls(
            type=kind_type,
            kinds=frozenset(kinds),
            postcode=code,
            lat=area.lat,
            lon=area.lon,
            interests=frozenset(d.get("interests") or ()),
            availability=frozenset(d.get("availability") or ()),
            languages=tuple(d.get("languages") or ("nl",)),
            gender=d.get("gender") or None,
            wants_gender=wants or None,
            max_distance_km=max_km,
            capacity=int(d.get("capacity", 1)),
            active=d.get("status", "active") == "active" if kind_type != "request" else True,
            id=d.get("id"),
            work_areas=frozenset(d["work_areas"]) if d.get("work_areas") else NO_WORK,
            hours_per_week=float(d.get("hours_per_week") or 0),
        )
        profile.check()
        return profile

    def check(self) -> None:
        """Raise ValueError naming the first field whose value the vocabulary does not know."""
        tests = {
            "type": ({self.type}, {"request", *OFFER_TYPES}),
            "kinds": (self.kinds, vocab.KINDS),
            "interests": (self.interests, vocab.INTERESTS),
            "availability": (self.availability, vocab.AVAILABILITY),
            "languages": (set(self.languages), vocab.LANGUAGES),
            "gender": ({self.gender} - {None}, vocab.GENDERS),
            "wants_gender": ({self.wants_gender} - {None}, vocab.GENDERS),
            "work_areas": (self.work_areas, vocab.WORK_AREAS),
        }
        for name, (values, known) in tests.items():
            unknown = sorted(set(values) - set(known))
            if unknown:
                raise ValueError(f"{name}: unknown value(s) {unknown}")
        if self.type == "request" and len(self.kinds) != 1:
            raise ValueError("kinds: a request asks for exactly one kind")
