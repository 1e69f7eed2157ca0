"""The system clock, behind the service layer's `Clock` port (tests use a fixed one)."""
from __future__ import annotations

from datetime import datetime

from matching.domain.base import utcnow


class SystemClock:
    def now(self) -> datetime:
        return utcnow()
