"""Periodic jobs: republish outbox events the broker never got (it was down, or a web process died),
and once an hour the time-driven jobs `koppel tick` runs (matching/services/ticks.py): the
coordinator's due reminders, the pulse's questions, the matches' health, the retention period."""
from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from matching.services.ticks import jobs_at

log = logging.getLogger(__name__)


class Sweeper(threading.Thread):
    """Every `interval` seconds, publish events older than `grace` that are still unpublished."""

    def __init__(self, bus, interval: float, grace: float = 2.0, reminder_every: float = 3600.0):
        super().__init__(name="koppel-sweeper", daemon=True)
        self.bus, self.interval, self.grace = bus, interval, timedelta(seconds=grace)
        self.reminder_every, self.next_reminders = reminder_every, 0.0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(self.interval):
            self._guarded("sweep", lambda: self.bus.sweep(self.grace))
            if time.monotonic() >= self.next_reminders:
                self.next_reminders = time.monotonic() + self.reminder_every
                for name, command in jobs_at():
                    self._guarded(name, lambda command=command: self.bus.handle(command))

    @staticmethod
    def _guarded(job: str, action) -> None:
        try:
            done = action()
            if done:
                log.info("%s: %d", job, done)
        except Exception as error:  # the database or broker is down: try again next round
            log.warning("%s failed: %s", job, type(error).__name__)

    def stop(self) -> None:
        self.stopping.set()
