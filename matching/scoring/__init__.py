"""Pure scoring: profiles, the vectorised offer index and the optimal batch assignment."""
from matching.scoring.assign import assign
from matching.scoring.candidate import Candidate
from matching.scoring.index import OfferIndex
from matching.scoring.postcodes import UnknownPostcode
from matching.scoring.profile import Profile

__all__ = ["Candidate", "OfferIndex", "Profile", "UnknownPostcode", "assign"]
