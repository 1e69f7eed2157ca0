"""Koppel's application core. `matching.Profile`, `OfferIndex` and `assign` are the pure scoring API."""
from matching.scoring import Candidate, OfferIndex, Profile, UnknownPostcode, assign

__all__ = ["Candidate", "OfferIndex", "Profile", "UnknownPostcode", "assign"]
