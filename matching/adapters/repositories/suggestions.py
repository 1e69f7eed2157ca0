"""The suggestions the workers store per request, best first."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from matching.adapters import orm

s = orm.suggestions.c


class SuggestionRepository:
    def __init__(self, session: Session):
        self.session = session

    def replace(self, request_id: str, rows: list[dict], now: datetime) -> None:
        """Swap a request's stored suggestions for a new list, in one transaction."""
        self.drop(request_id)
        if rows:
            self.session.execute(insert(orm.suggestions), [
                dict(row, request_id=request_id, rank=rank, computed_at=now) for rank, row in enumerate(rows, 1)])

    def of(self, request_id: str, limit: int) -> list[dict]:
        query = select(orm.suggestions).where(s.request_id == request_id).order_by(s.rank).limit(limit)
        return [dict(row._mapping) for row in self.session.execute(query)]

    def requests_naming(self, offer_type: str, offer_id: str) -> list[str]:
        """Requests whose stored suggestions name this offer (to refresh when it fills up or leaves)."""
        query = select(s.request_id).where(s.offer_type == offer_type, s.offer_id == offer_id).distinct()
        return list(self.session.scalars(query))

    def drop(self, request_id: str) -> None:
        self.session.execute(delete(orm.suggestions).where(s.request_id == request_id))
