"""Marking outbox events as published, in batches from a background thread.

The relay publishes a command's events right after its commit; marking them published is only
bookkeeping for the sweep (which republishes what stayed unmarked). Doing it in the request's own
path costed a second transaction per request; here one UPDATE marks everything published in the
last few milliseconds. A mark that is lost (the process dies first) only means the sweep publishes
that event once more, which the idempotent handlers absorb.
"""
from __future__ import annotations

import logging
import os
import threading
from typing import Any, Callable

from matching.services.ports import Clock

log = logging.getLogger(__name__)


class PublishedMarks:
    def __init__(self, uow_factory: Callable[[], Any], clock: Clock, interval: float = 0.05, most: int = 5000):
        self.uow_factory, self.clock, self.interval, self.most = uow_factory, clock, interval, most
        self._pending: list[str] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self._stopping = False
        self._failing = False

    def add(self, event_ids: list[str]) -> None:
        with self._lock:
            self._pending.extend(event_ids)
            if self._pid != os.getpid():  # first use, or a forked copy of a process that had a thread
                self._pid, self._stopping = os.getpid(), False
                self._thread = threading.Thread(target=self._run, name="koppel-published-marks", daemon=True)
                self._thread.start()
        if len(self._pending) >= self.most:
            self._wake.set()

    def flush(self) -> int:
        """Mark everything added so far; on a database error keep them for the next round."""
        with self._lock:
            batch, self._pending = self._pending, []
        if not batch:
            return 0
        try:
            with self.uow_factory() as uow:
                uow.events.mark_published(batch, self.clock.now())
                uow.commit()
        except Exception as error:
            if not self._failing:  # once per outage, not twenty times a second
                log.warning("marking events published failed: %s; trying again", type(error).__name__)
            self._failing = True
            with self._lock:
                self._pending[:0] = batch[: self.most]  # bounded: the sweep covers whatever is dropped
            return 0
        if self._failing:
            log.info("marking events published works again")
        self._failing = False
        return len(batch)

    def _run(self) -> None:
        while not self._stopping:
            self._wake.wait(self.interval)
            self._wake.clear()
            self.flush()

    def close(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._thread is not None and self._pid == os.getpid():
            self._thread.join(timeout=5)
        self.flush()
