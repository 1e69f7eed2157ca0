"""Requests: the waiting list, new requests still to score, and those past their retention period."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

from sqlalchemy import func, select

from matching.adapters import orm
from matching.adapters.repositories.people import PersonRepository
from matching.domain.match import MatchStatus
from matching.domain.people import Request, RequestStatus


class RequestRepository(PersonRepository[Request]):
    cls = Request

    def waiting(self, organization_id: str, ids: Iterable[str] | None = None, lock: bool = False) -> list[Request]:
        """The waiting list (or some of it) as the scoring sees it, paused requests left out; longest
        waiting first; `lock` takes the rows in that order."""
        query = select(Request).where(Request.organization_id == organization_id,
                                      Request.status == RequestStatus.WAITING, Request.paused_at.is_(None))
        if ids is not None:
            query = query.where(Request.id.in_(list(ids)))
        query = query.order_by(Request.created_at, Request.id)
        return list(self.session.scalars(query.with_for_update() if lock else query))

    def unscored(self, organization_id: str, request_id: str, since: datetime, limit: int) -> list[str]:
        """This request if it still waits for its first suggestions, and up to `limit` others of the
        organisation that arrived since `since` and do too: locked for this transaction, skipping
        those another worker holds (it is scoring them). A range scan of the newest rows only."""
        unscored = (Request.organization_id == organization_id) & (Request.status == RequestStatus.WAITING) & (
            Request.scored_at.is_(None)) & Request.paused_at.is_(None)
        lock = {"skip_locked": True}
        own = self.session.scalars(select(Request.id).where(unscored, Request.id == request_id)
                                   .with_for_update(**lock)).all()
        others = self.session.scalars(select(Request.id).where(unscored, Request.created_at >= since,
                                                               Request.id != request_id)
                                      .order_by(Request.created_at.desc()).limit(limit).with_for_update(**lock)).all()
        return [*own, *others]

    def past_retention(self, cutoff: datetime, limit: int) -> list[Request]:
        """Requests whose last match ended before `cutoff` (and none is proposed or running), then any
        withdrawn request not yet erased."""
        m = orm.matches.c
        ended_long_ago = (select(m.request_id).where(m.status == MatchStatus.ENDED).group_by(m.request_id)
                          .having(func.max(m.ended_at) < cutoff))
        still_open = select(m.request_id).where(m.status.in_((MatchStatus.PROPOSED, MatchStatus.ACTIVE)))
        matched = select(Request).where(Request.erased_at.is_(None), Request.status == RequestStatus.MATCHED,
                                        Request.id.in_(ended_long_ago), Request.id.not_in(still_open))
        withdrawn = select(Request).where(Request.erased_at.is_(None), Request.status == RequestStatus.WITHDRAWN)
        found: list[Request] = []
        for query in (matched, withdrawn):
            found += self.session.scalars(query.limit(limit - len(found)).with_for_update()).all()
        return found
