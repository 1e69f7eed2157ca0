"""The read side: plain SQL shaped for the screens and the API (no aggregates, no events), behind the
read-model port (`matching.services.ports.ReadModel`)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from matching.adapters.read_models.access_log import AccessLogReads
from matching.adapters.read_models.calls import CallList
from matching.adapters.read_models.figures import Figures
from matching.adapters.read_models.lists import Lists
from matching.adapters.read_models.network import NetworkFigures
from matching.adapters.read_models.people import PersonalData
from matching.adapters.read_models.person_page import PersonPage
from matching.adapters.read_models.searched_lists import SearchedLists


class SqlReadModel(Lists, SearchedLists, Figures, PersonalData, AccessLogReads, CallList, NetworkFigures, PersonPage):
    """Every read of the service layer, on the unit of work's Session."""

    def __init__(self, session: Session):
        self.session = session
